/**
 * The adapters' tree walks (data-loaders/common/dom.ts) select what cheerio's
 * CSS selectors select, in the same order, on every HTML fixture of the
 * adapters' tests (the selector engine is the oracle).
 */
import { readdirSync, readFileSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Element } from "domhandler";
import { describe, expect, it } from "vitest";
import { closestElement, elementsIn, firstElement, hasClass } from "../../data-loaders/common/dom.ts";
import { loadFast } from "../../data-loaders/common/main-text.ts";

const FIXTURES = join(import.meta.dirname, "fixtures");
const htmlFiles = (dir: string): string[] =>
  readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? htmlFiles(path) : name.endsWith(".html") ? [path] : [];
  });

const CASES: Array<[string, (el: Element) => boolean]> = [
  ["h1", (el) => el.name === "h1"],
  [".content", (el) => hasClass(el, "content")],
  ['[itemprop="articleBody"]', (el) => el.attribs.itemprop === "articleBody"],
  ["a[href]", (el) => el.name === "a" && el.attribs.href != null],
  ['[class*="date"]', (el) => el.attribs.class?.includes("date") ?? false],
  ["script, style", (el) => el.name === "script" || el.name === "style"],
];

describe("tree walks agree with CSS selectors", () => {
  const files = htmlFiles(FIXTURES);
  it("on every fixture page", () => {
    expect(files.length).toBeGreaterThan(20);
    for (const file of files) {
      const $ = loadFast(readFileSync(file, "utf-8"));
      const doc = $.root()[0];
      for (const [selector, test] of CASES) {
        const expected = $(selector).toArray();
        expect(elementsIn(doc, test), `${file}: ${selector}`).toEqual(expected);
        expect(firstElement(doc, test), `${file}: ${selector}`).toBe(expected[0] ?? null);
      }
      for (const a of $("a").toArray().slice(0, 20) as Element[]) {
        const expected = $(a).closest("article, main, [itemscope], .content, #content")[0] ?? null;
        const box = (el: Element) => el.name === "article" || el.name === "main" || "itemscope" in el.attribs || hasClass(el, "content") || el.attribs.id === "content";
        expect(closestElement(a, box), file).toBe(expected);
      }
    }
  });
});
