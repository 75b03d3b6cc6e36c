import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { generateArticles, slugify, withSyndicatedCopies } from "../../pipelines/farm/content.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { fromVietnamWallClock } from "../../pipelines/time/vietnam-time.ts";

const spec = {
  key: "t",
  agencies: [{ name: "Sở Nội vụ", weight: 1 }],
  count: 30,
  cchcShare: 0.5,
  from: fromVietnamWallClock(2023, 1, 1)!,
  to: fromVietnamWallClock(2026, 10, 31)!,
};

describe("DEMO content", () => {
  it("is deterministic for a seed and differs across seeds", () => {
    expect(generateArticles(spec, 1)).toEqual(generateArticles(spec, 1));
    expect(generateArticles(spec, 1).map((a) => a.title)).not.toEqual(generateArticles(spec, 2).map((a) => a.title));
  });

  it("mixes CCHC and other items, spreads dates over 2023–2026, marks leads DEMO", () => {
    const items = generateArticles({ ...spec, count: 200 }, 7);
    expect(items.some((a) => a.isCchc) && items.some((a) => !a.isCchc)).toBe(true);
    const years = new Set(items.map((a) => a.published.getUTCFullYear()));
    expect([...years].sort()).toEqual([2023, 2024, 2025, 2026]);
    expect(items.every((a) => a.lead.startsWith("(DEMO)"))).toBe(true);
    expect(new Set(items.map((a) => a.id)).size).toBe(items.length);
  });

  it("gives every item its own text (no two bodies alike) but republishes copies on syndicating portals", () => {
    const items = generateArticles({ ...spec, count: 120 }, 3);
    expect(new Set(items.map((a) => a.paragraphs.join("\n"))).size).toBe(items.length);
    const own = generateArticles({ ...spec, key: "own", count: 30 }, 3);
    const portal = withSyndicatedCopies(generateArticles({ ...spec, key: "portal", count: 30 }, 3), own, 0.5, "portal", 3);
    const bodies = new Set(own.map((a) => a.paragraphs.join("\n")));
    const copies = portal.filter((a) => bodies.has(a.paragraphs.join("\n")));
    expect(copies.length).toBeGreaterThan(5);
    expect(portal.length).toBe(30 + copies.length);
    expect(new Set(portal.map((a) => a.id)).size).toBe(portal.length);
  });

  it("slugs strip every Vietnamese letter as NukeViet does", () => {
    expect(slugify("Đẩy mạnh cải cách hành chính")).toBe("day-manh-cai-cach-hanh-chinh");
  });
});

describe("farm server", () => {
  let farm: Farm;
  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu"] });
  });
  afterAll(() => farm.close());

  it("serves on 127.0.0.1 with a DEMO banner, listings, RSS and robots.txt", async () => {
    const base = farm.portals[0].baseUrl;
    expect(base).toMatch(/^http:\/\/127\.0\.0\.1:\d+$/);
    const listing = await fetch(`${base}/vi/news/cai-cach-hanh-chinh/`);
    expect(listing.status).toBe(200);
    expect(listing.headers.get("x-demo-farm")).toBe("DEMO");
    expect(await listing.text()).toContain("DEMO");
    expect((await fetch(`${base}/vi/news/rss/cai-cach-hanh-chinh/`)).headers.get("content-type")).toContain("rss");
    expect(await (await fetch(`${base}/robots.txt`)).text()).toContain("User-agent");
    // as NukeViet's betweenURLs(): a page past the last is a 301 to page 1, never a 404
    const past = await fetch(`${base}/vi/news/cai-cach-hanh-chinh/page-999`, { redirect: "manual" });
    expect([past.status, past.headers.get("location")]).toEqual([301, "/vi/news/cai-cach-hanh-chinh/"]);
  });
});
