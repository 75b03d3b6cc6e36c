/**
 * `loadPlatformHtml` (data-loaders/common/parse.ts) gives what `cheerio.load`
 * with the same options gives — the same tree, selections, traversals, texts
 * and serialisations on every HTML fixture of the adapters' tests (cheerio's
 * own `load` is the oracle) — without a new Cheerio class for each page.
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import * as cheerio from "cheerio";
import { describe, expect, it } from "vitest";
import { loadPlatformHtml } from "../../data-loaders/common/parse.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
  });

const oracle = (body: string) => cheerio.load(body, { xml: { xmlMode: false, decodeEntities: true } });

/** What a page gives through a querying function: every answer as plain data. */
function answers($: cheerio.CheerioAPI): unknown[] {
  const out: unknown[] = [$.html(), $.text(), $.root().children().length];
  const texts = (sel: cheerio.Cheerio<never>) => sel.toArray().map((el) => $(el).text());
  for (const selector of ["a[href]", "div > p", "h1, h2", "[itemprop]", ".panel-body span.h5", "ul li a", "meta[content]", "head link", "body *"]) {
    const found = $(selector);
    out.push(selector, found.length, texts(found as never));
    // traversals: each result is made by the selection's `_make`, rooted at the page's document
    out.push(found.first().parent().attr("class") ?? null, found.closest("div").length, found.parents().length);
    out.push(found.filter("div a, ul > li a, body p").length, found.is("div > *"), found.not("[class]").length);
    out.push(found.eq(1).nextAll().length, found.last().prevAll("p").length, found.find("span, b").length);
    out.push($(selector, "body").length, $(selector, $("body")).length, $.root().find(selector).length);
    out.push(found.first().html(), found.first().toString(), found.slice(0, 3).map((_, el) => $(el).attr("href") ?? "").get());
    out.push(found.first().closest(":root").length, $(":root").length, found.filter(":root > *").length);
  }
  out.push($("*").toArray().length, $.root().html()?.length, $.contains($.root()[0], $("body")[0] ?? $.root()[0]));
  return out;
}

describe("loadPlatformHtml", () => {
  const files = htmlFiles(FIXTURES);

  it("answers as cheerio.load does on every fixture page", () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const body = readFileSync(file, "utf-8");
      expect(answers(loadPlatformHtml(body)), file).toEqual(answers(oracle(body)));
    }
  });

  it("keeps each page's selections on its own document, two pages at once", () => {
    const a = loadPlatformHtml('<div class="x"><p id="a">A</p></div>');
    const b = loadPlatformHtml('<div class="x"><p id="b">B</p></div>');
    expect(a("p").parent().find("p").attr("id")).toBe("a");
    expect(b("p").parent().find("p").attr("id")).toBe("b");
    expect(a.root().text()).toBe("A");
    expect(b.root().text()).toBe("B");
    // a traversal's filter with a combinator runs over the selection's own document
    expect(a("p").filter("div > p").attr("id")).toBe("a");
    expect(b("p").filter(".x p").attr("id")).toBe("b");
    // editing one page's tree (main-text removes noise) leaves the other's
    a("p").remove();
    expect(a.html()).toBe('<div class="x"></div>');
    expect(b.html()).toBe('<div class="x"><p id="b">B</p></div>');
  });

  it("makes no Cheerio class per page (cheerio.load does: a crawl paid for it in parsing and GC)", () => {
    const one = loadPlatformHtml("<p>1</p>")("p");
    const two = loadPlatformHtml("<p>2</p>")("p");
    expect(one.constructor).toBe(two.constructor);
    expect(one).toBeInstanceOf(loadPlatformHtml("<i></i>"));
  });
});
