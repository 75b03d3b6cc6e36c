import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExtractedArticle } from "../../data-loaders/types.ts";
import { upsertArticle, upsertSources } from "../../pipelines/warehouse/articles.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const article = (over: Partial<ExtractedArticle> = {}): ExtractedArticle => ({
  title: "Sở Nội vụ tuyên truyền cải cách hành chính",
  body_text: "Đoạn một.\n\nĐoạn hai.",
  canonical_url: "http://127.0.0.1/vi/news/a/x-1.html",
  item_id: "1",
  published_at: "2024-03-31T23:30:00+07:00",
  published_text: "Chủ nhật - 31/03/2024 23:30",
  date_source: "byline",
  date_confidence: 0.95,
  ...over,
});

describe("warehouse upserts", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    await upsertSources(w, [
      { source_id: "s", agency_id: "so-noi-vu", channel: "own_portal", platform: "nukeviet", name: "S", base_url: "http://127.0.0.1", start_urls: [], is_demo: true, delay_ms: 0, max_pages: 1 },
    ]);
  });
  afterEach(() => w.close());

  it("adds an article once, however often it is upserted", async () => {
    const at = new Date("2024-04-01T00:00:00Z");
    expect(await upsertArticle(w, "s", "http://127.0.0.1/x-1.html", article(), at, null)).toBe("new");
    expect(await upsertArticle(w, "s", "http://127.0.0.1/x-1.html", article(), at, null)).toBe("unchanged");
    expect((await w.one("SELECT count(*) AS n FROM articles"))!.n).toBe(1);
  });

  it("keeps +07:00 wall time and its calendar quarter", async () => {
    await upsertArticle(w, "s", "u", article(), new Date(), null);
    const row = await w.one("SELECT published_at, quarter(published_at) AS q FROM articles");
    expect(row).toEqual({ published_at: "2024-03-31T23:30:00+07:00", q: 1 });
  });

  it("versions a changed article instead of adding a second item", async () => {
    await upsertArticle(w, "s", "u", article(), new Date(), null);
    expect(await upsertArticle(w, "s", "u", article({ body_text: "Đã sửa." }), new Date(), null)).toBe("changed");
    const rows = await w.all("SELECT version, body_text FROM articles");
    expect(rows).toEqual([{ version: 2, body_text: "Đã sửa." }]);
    expect((await w.all("SELECT version FROM article_versions ORDER BY version")).map((r) => r.version)).toEqual([1, 2]);
  });

  it("rolls a failed transaction back completely", async () => {
    await expect(
      w.transaction(async () => {
        await upsertArticle(w, "s", "u", article(), new Date(), null);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await w.one("SELECT count(*) AS n FROM articles"))!.n).toBe(0);
  });
});
