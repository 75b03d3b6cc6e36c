/** A 2 MB headline is capped at extraction (1,000 characters) and the cut is recorded as `truncated`. */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { articlePage, html, type Portal, rssFeed, startPortal, xml } from "./fixtures/hostile-portal.ts";

describe("a hostile 2 MB title", () => {
  let portal: Portal;
  const title = "Tin rất dài ".repeat(120_000); // ≈ 2 MB of UTF-8, in <title> and <h1>
  beforeAll(async () => {
    portal = await startPortal((origin) => ({
      "/rss": xml(rssFeed([`${origin}/tin/dai-1.html`, `${origin}/tin/thuong-2.html`])),
      "/tin/dai-1.html": html(articlePage(title)),
      "/tin/thuong-2.html": html(articlePage("Tin bình thường về cải cách hành chính")),
    }));
  });
  afterAll(() => portal.close());

  it("is stored cut to 1,000 characters, with the cut recorded; other articles are untouched", async () => {
    const w = await Warehouse.open(":memory:");
    const summary = await crawl(w, [
      { source_id: "demo-title", agency_id: "so-noi-vu", channel: "own_portal", platform: "rss", name: "t", base_url: portal.origin, start_urls: [`${portal.origin}/rss`], is_demo: true, delay_ms: 0, max_pages: 1 },
    ], { limits: { delayMs: 0 } });
    expect(summary.sources["demo-title"]).toMatchObject({ new_articles: 2, errors_by_kind: { truncated: 1 } });
    const rows = await w.all("SELECT url, length(title) AS n FROM articles ORDER BY url");
    expect(rows).toEqual([
      { url: `${portal.origin}/tin/dai-1.html`, n: 1000 },
      { url: `${portal.origin}/tin/thuong-2.html`, n: "Tin bình thường về cải cách hành chính".length },
    ]);
    expect(await w.one("SELECT kind, message FROM crawl_errors")).toEqual({ kind: "truncated", message: expect.stringMatching(/^tiêu đề dài \d{1,3}(\.\d{3})+ ký tự, đã cắt còn 1\.000/) });
    await w.close();
  });
});
