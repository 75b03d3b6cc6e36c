/**
 * Every page a real NukeViet 4.5.05 served (fixtures/nukeviet-4.5.05, copied from the
 * shared capture with its README) against its ground truth from NukeViet's database:
 * listings (items in order, next page, listing dates), feeds and articles (title,
 * publication time, body start and end). Each test names the page's layout.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { nukeviet } from "../../data-loaders/nukeviet/index.ts";
import { FIXTURES } from "./helpers.ts";

const DIR = join(FIXTURES, "nukeviet-4.5.05");
/** After the capture (2026-12-01): every article is in the past. */
const NOW = new Date("2026-12-02T10:00:00+07:00");

interface Sidecar {
  url: string;
  layout: string;
  kind: string;
  expected: Record<string, any>;
}

const pages = readdirSync(DIR)
  .filter((f) => f.endsWith(".json") && !/-(index|http-behaviour)\.json$/.test(f))
  .map((f) => {
    const sidecar = JSON.parse(readFileSync(join(DIR, f), "utf-8")) as Sidecar;
    const base = f.replace(/\.json$/, "");
    const file = readdirSync(DIR).find((g) => g === `${base}.html` || g === `${base}.xml`)!;
    return { name: base, file, sidecar, body: readFileSync(join(DIR, file), "utf-8") };
  });

const squash = (s: string) => s.replace(/\s+/g, "");

describe("real NukeViet 4.5.05 pages extract to their ground truth", () => {
  it("has the whole capture (128 pages)", () => {
    expect(pages.length).toBe(128);
  });

  const listings = pages.filter((p) => ["listing", "main", "tag", "search"].includes(p.sidecar.kind) && p.sidecar.layout !== "flood_blocker");
  for (const p of listings) {
    it(`${p.sidecar.kind} page, layout ${p.sidecar.layout}: ${p.name}`, () => {
      const page = nukeviet.parseListing(p.body, p.sidecar.url, { now: NOW });
      const want = p.sidecar.expected.items as Array<{ id: number; url: string; title: string; role: string; listing_date: string | null; publtime: string }>;
      expect(page.items.map((i) => [i.item_id, i.role, i.title])).toEqual(want.map((w) => [String(w.id), w.role, w.title]));
      expect(page.items.map((i) => i.url)).toEqual(want.map((w) => w.url));
      expect(page.items.map((i) => i.published_text ?? null)).toEqual(want.map((w) => w.listing_date));
      // byCountry: the page shows New York time (and the cache keeps it for the next visitor); not guessable
      const foreignZone = /tz-bycountry-(US|VN-after-US)/.test(p.name);
      for (const [i, w] of want.entries()) {
        const got = page.items[i]!.published_at;
        if (foreignZone) continue;
        if (w.listing_date === null) expect(got ?? null).toBeNull();
        // a listing date is the publication time, to the precision it is shown with
        else {
          expect(Date.parse(w.publtime) - Date.parse(got!)).toBeGreaterThanOrEqual(0);
          expect(Date.parse(w.publtime) - Date.parse(got!)).toBeLessThan(86_400_000);
        }
      }
      expect(page.next).toBe(p.sidecar.expected.next_page);
      // nothing linked in the content column was left unread
      expect(page.article_links).toBe(new Set(want.map((w) => w.id)).size);
    });
  }

  it("recognises each layout family", () => {
    const family = (layout: string) => layout.replace(/_(new|old)$/, "");
    for (const p of listings) {
      const page = nukeviet.parseListing(p.body, p.sidecar.url, { now: NOW });
      const want = p.sidecar.kind === "tag" || ["topic", "groups", "author"].includes(p.sidecar.layout) ? "topic" : family(p.sidecar.layout);
      // viewcat_main_* pages ≥ 2 are drawn with the viewcat_page template
      const drawnAs = /viewcat_main_/.test(want) && /page-[2-9]/.test(p.sidecar.url) ? "viewcat_page" : want;
      // a category page past its items shows nothing to recognise
      if (p.sidecar.expected.items.length === 0 && drawnAs !== "viewcat_none") continue;
      expect([p.name, page.layout]).toEqual([p.name, drawnAs]);
    }
  });

  for (const p of pages.filter((q) => q.sidecar.kind === "feed")) {
    it(`feed (RSS, ${p.sidecar.expected.items.length} items): ${p.name}`, () => {
      const page = nukeviet.parseListing(p.body, p.sidecar.url, { now: NOW });
      const want = p.sidecar.expected.items as Array<{ link: string; publtime: string }>;
      expect(page.items.map((i) => i.url)).toEqual(want.map((w) => w.link));
      for (const [i, w] of want.entries()) {
        // NukeViet writes the month into the minutes: the date is kept to the (correct) hour
        const got = Date.parse(page.items[i]!.published_at!);
        expect(Date.parse(w.publtime) - got).toBeGreaterThanOrEqual(0);
        expect(Date.parse(w.publtime) - got).toBeLessThan(3_600_000);
      }
      expect(page.next).toBeNull();
      // the category listings behind the feed, for a backfill
      expect(page.section_links!.length).toBeGreaterThan(0);
      for (const w of want) expect(page.section_links).toContain(w.link.replace(/[^/]+$/, ""));
    });
  }

  for (const p of pages.filter((q) => q.sidecar.kind === "article")) {
    it(`article (detail.tpl${/tz-bycountry-US/.test(p.name) ? ", New York time zone" : ""}): ${p.name}`, () => {
      const a = nukeviet.parseArticle(p.body, p.sidecar.url, { now: NOW });
      const e = p.sidecar.expected;
      expect(a.title).toBe(e.title);
      expect(a.item_id).toBe(String(e.id));
      expect(a.canonical_url).toBe(e.canonical_url);
      if (/tz-bycountry-US/.test(p.name)) {
        // byCountry served New York time: the visible date is 11 hours off (documented; not guessable)
        expect(a.published_at).not.toBe(e.published_at);
      } else {
        expect(a.published_at).toBe(e.published_at);
        expect(a.date_source).toBe("byline");
      }
      const body = squash(a.body_text);
      expect(body.startsWith(squash(e.lead ?? "") + squash(e.body_start))).toBe(true);
      expect(body.endsWith(squash(e.body_end))).toBe(true);
      if (e.source) expect(a.byline).toBe(e.source);
    });
  }
});

describe("list order", () => {
  it("says which pages list oldest first (viewcat_*_old), so a walk does not stop at page 1", () => {
    const order = (name: string) => {
      const p = pages.find((q) => q.name === name)!;
      return nukeviet.parseListing(p.body, p.sidecar.url, { now: NOW }).order;
    };
    expect(order("multi-cat-cchc-viewcat_page_old-p1")).toBe("oldest_first");
    expect(order("single-main-viewcat_page_old-p1")).toBe("oldest_first");
    expect(order("multi-cat-cchc-viewcat_page_new-p1")).toBe("newest_first");
    // a grid page dates only its featured item: the order cannot be told from one page
    expect(order("multi-cat-cchc-viewcat_grid_old-p1")).toBeNull();
  });
});

describe("listings an article links to (backfill discovery)", () => {
  it("gives the article's categories from its breadcrumb and every category feed the page announces, on both URL schemes", () => {
    for (const [name, prefix] of [["multi-article-source-subcategory", "http://127.0.0.1:8090/vi/news"], ["single-article-source-subcategory", "http://127.0.0.1:8091"]] as const) {
      const p = pages.find((q) => q.name === name)!;
      const a = nukeviet.parseArticle(p.body, p.sidecar.url, { now: NOW });
      expect([...(a.listing_links ?? [])].sort()).toEqual(
        ["cai-cach-thu-tuc-hanh-chinh", "chinh-quyen-so", "thong-bao", "tin-cai-cach-hanh-chinh"].map((c) => `${prefix}/${c}/`),
      );
    }
  });
});
