/**
 * The DEMO farm and the adapters agree: walking every portal's listings with
 * its platform's adapter finds every item, with the date the farm gave it.
 * Pages come from the sites' handlers directly (no sockets).
 */
import { describe, expect, it } from "vitest";
import { adapterFor } from "../../data-loaders/index.ts";
import type { ExtractedArticle, ListingItem } from "../../data-loaders/types.ts";
import { DEFAULT_SEED, DEMO_PORTALS } from "../../pipelines/farm/portals.ts";
import type { FarmSite } from "../../pipelines/farm/site.ts";
import { toVietnamIso } from "../../pipelines/time/vietnam-time.ts";
import { NOW } from "./helpers.ts";

const ORIGIN = "http://demo.invalid";
const DATE_ORDER: Record<string, "dmy" | "mdy"> = { songoaivu: "mdy" };

function get(site: FarmSite, url: string): string {
  const u = new URL(url);
  const out = site.handle(decodeURIComponent(u.pathname), ORIGIN, u.searchParams);
  expect(out.status, url).toBe(200);
  return String(out.body);
}

function crawlSite(key: string): { site: FarmSite; items: ListingItem[]; articles: Map<string, ExtractedArticle>; pages: number } {
  const site = DEMO_PORTALS.find((p) => p.key === key)!.build(DEFAULT_SEED);
  const adapter = adapterFor(site.platform);
  const ctx = { now: NOW, dateOrder: DATE_ORDER[key] ?? "dmy" };
  const items: ListingItem[] = [];
  let pages = 0;
  for (let url: string | null = new URL(site.listingPaths[0], ORIGIN).href; url; pages++) {
    expect(pages).toBeLessThan(50);
    const page = adapter.parseListing(get(site, url), url, ctx);
    items.push(...page.items);
    url = page.next;
  }
  const articles = new Map<string, ExtractedArticle>();
  for (const item of items) articles.set(item.item_id, adapter.parseArticle(get(site, item.url), item.url, { ...ctx, listingItem: item }));
  return { site, items, articles, pages };
}

describe("every DEMO portal is read completely by its adapter", () => {
  it.each(["sonoivu", "songoaivu", "godau", "baotayninh", "tayninh2026"])("%s", (key) => {
    const { site, items, articles } = crawlSite(key);
    expect(new Set(items.map((i) => i.item_id)).size).toBe(site.articleCount);
    const truth = site.articles!;
    const got = [...articles.values()];
    expect(got.map((a) => a.title)).toEqual(truth.map((t) => t.title));
    for (const [i, a] of got.entries()) {
      const published = truth[i].published;
      if (a.date_resolution) {
        // yearless video dates: the right day, and a note saying how the year was found
        expect(a.published_at!.slice(0, 10), a.published_text!).toBe(toVietnamIso(published).slice(0, 10));
      } else {
        expect(a.published_at, `${a.title} (${a.published_text})`).toBe(toVietnamIso(published));
      }
    }
  });

  it("baotayninh: video pages have yearless dates, resolved from the listing; teasers never reach the text; credits name agencies", () => {
    const { site, articles } = crawlSite("baotayninh");
    const videos = [...articles.values()].filter((a) => /^(Sáng|Trưa|Chiều|Tối) \d{1,2}\.\d{1,2}$/.test(a.published_text ?? ""));
    expect(videos.length).toBeGreaterThanOrEqual(8);
    expect(videos.every((v) => /from listing neighbours/.test(v.date_resolution ?? ""))).toBe(true);
    expect([...articles.values()].some((a) => a.body_text.includes("Tin khác"))).toBe(false);
    const bylines = [...articles.values()].map((a) => a.byline);
    expect(bylines.every(Boolean)).toBe(true);
    expect(bylines.some((b) => /^Nguồn: Sở /.test(b!))).toBe(true);
    expect(bylines.some((b) => /^Nguon: So /.test(b!))).toBe(true); // without diacritics
    expect(bylines.some((b) => / – Sở /.test(b!))).toBe(true);
    expect(site.articles!.map((a) => a.credit)).toEqual(bylines);
  });

  it("sharepoint portals print dates in their own order; the 2026 portal uses root-level slugs and JSON-LD", () => {
    const mdy = crawlSite("songoaivu");
    expect(mdy.items.some((i) => /^\d{1,2}\/\d{1,2}\/\d{4} \d{1,2}:\d{2} (AM|PM)$/.test(i.published_text!))).toBe(true);
    const dmy = crawlSite("godau");
    expect(dmy.items.every((i) => /^\d{2}\/\d{2}\/\d{4} \d{2}:\d{2}$/.test(i.published_text!))).toBe(true);
    const p2026 = crawlSite("tayninh2026");
    expect([...p2026.articles.values()].every((a) => a.date_source === "jsonld" && !a.item_id.includes("/"))).toBe(true);
    expect(p2026.items.every((i) => /^\d{2}\/\d{2}\/2026$/.test(i.published_text!))).toBe(true);
  });

  it("the rss adapter reads a NukeViet portal's feed, and its pages through the generic extractor", () => {
    const site = DEMO_PORTALS.find((p) => p.key === "sotuphap")!.build(DEFAULT_SEED);
    const rss = adapterFor("rss");
    const feedUrl = new URL(site.feedPaths[0], ORIGIN).href;
    const feed = rss.parseListing(get(site, feedUrl), feedUrl, { now: NOW });
    // NukeViet's feed holds the 30 newest items only
    expect(feed.items).toHaveLength(30);
    for (const [i, item] of feed.items.entries()) {
      const truth = site.articles![i];
      // pubDate carries the month in its minutes (gmdate 'H:m:s'): only the hour is right
      expect(Math.floor(Date.parse(item.published_at!) / 3_600_000)).toBe(Math.floor(truth.published.getTime() / 3_600_000));
      const a = rss.parseArticle(get(site, item.url), item.url, { now: NOW, listingItem: item });
      expect(a.title).toBe(truth.title);
      expect(a.date_source).toBe("opengraph"); // article:published_time with the PHP zone quirk
      expect(a.published_at).toBe(toVietnamIso(new Date(Math.floor(truth.published.getTime() / 60_000) * 60_000)));
      expect(a.body_text).toContain(truth.paragraphs[0]);
      expect(a.body_text).not.toContain("Những tin");
    }
  });

  it("every page is marked DEMO", () => {
    for (const key of ["songoaivu", "godau", "baotayninh", "tayninh2026"]) {
      const site = DEMO_PORTALS.find((p) => p.key === key)!.build(DEFAULT_SEED);
      const listing = get(site, new URL(site.listingPaths[0], ORIGIN).href);
      expect(listing).toContain('class="demo-banner"');
      expect(listing).toContain("(DEMO)");
    }
  });
});
