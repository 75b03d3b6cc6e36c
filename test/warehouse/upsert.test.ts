import { afterEach, beforeEach, describe, expect, it } from "vitest";
import type { ExtractedArticle } from "../../data-loaders/types.ts";
import { ArticleStore, upsertArticle, upsertSources } from "../../pipelines/warehouse/articles.ts";
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

  it("stores each text once and keeps every version's text", async () => {
    const store = new ArticleStore(w);
    // one batch: new, then edited twice in the same batch; then an edit in a later batch; then unchanged
    const x = (body: string) => ({ sourceId: "s", url: "u", article: article({ body_text: body }), fetchedAt: new Date(), runId: null });
    expect(await store.store([x("Một."), x("Hai."), x("Ba.")])).toEqual(["new", "changed", "changed"]);
    expect(await store.store([x("Bốn.")])).toEqual(["changed"]);
    expect(await store.store([x("Bốn.")])).toEqual(["unchanged"]);
    // the current version's body is the article's only: its version row holds none
    expect(await w.all("SELECT version, body_text FROM article_versions ORDER BY version")).toEqual([
      { version: 1, body_text: "Một." },
      { version: 2, body_text: "Hai." },
      { version: 3, body_text: "Ba." },
      { version: 4, body_text: null },
    ]);
    expect((await w.all("SELECT body_text FROM stg_article_versions ORDER BY version")).map((r) => r.body_text)).toEqual(["Một.", "Hai.", "Ba.", "Bốn."]);
    expect(await w.all("SELECT version, body_text FROM articles")).toEqual([{ version: 4, body_text: "Bốn." }]);
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

describe("batched store (the crawler's)", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    await upsertSources(w, [
      { source_id: "s", agency_id: "so-noi-vu", channel: "own_portal", platform: "nukeviet", name: "S", base_url: "http://127.0.0.1", start_urls: [], is_demo: true, delay_ms: 0, max_pages: 1 },
    ]);
  });
  afterEach(() => w.close());

  const write = (item_id: string, body: string, at = "2024-04-01T00:00:00Z") => ({
    sourceId: "s",
    url: `http://127.0.0.1/x-${item_id}.html`,
    article: article({ item_id, body_text: body }),
    fetchedAt: new Date(at),
    runId: null,
  });
  const tables = async () => ({
    articles: await w.all("SELECT article_id, body_text, version, fetched_at, first_seen_at FROM articles ORDER BY article_id"),
    versions: await w.all("SELECT article_id, version, body_text FROM article_versions ORDER BY article_id, version"),
  });

  it("gives the same outcomes and tables as one article at a time, repeats in a batch included", async () => {
    const batch1 = [write("1", "Một."), write("2", "Hai."), write("3", "Ba.")];
    const batch2 = [write("1", "Một.", "2024-04-02T00:00:00Z"), write("2", "Hai, đã sửa.", "2024-04-02T00:00:00Z"), write("4", "Bốn."), write("4", "Bốn, sửa ngay.", "2024-04-02T00:00:00Z")];
    const store = new ArticleStore(w);
    const batched = [...(await store.store(batch1)), ...(await store.store(batch2))];
    const got = await tables();

    const v = await Warehouse.open(":memory:");
    try {
      await upsertSources(v, [
        { source_id: "s", agency_id: "so-noi-vu", channel: "own_portal", platform: "nukeviet", name: "S", base_url: "http://127.0.0.1", start_urls: [], is_demo: true, delay_ms: 0, max_pages: 1 },
      ]);
      const single = [];
      for (const x of [...batch1, ...batch2]) single.push(await upsertArticle(v, x.sourceId, x.url, x.article, x.fetchedAt, x.runId));
      expect(batched).toEqual(single);
      expect(batched).toEqual(["new", "new", "new", "unchanged", "changed", "new", "changed"]);
      const w0 = w;
      w = v;
      const expected = await tables();
      w = w0;
      expect(got).toEqual(expected);
    } finally {
      await v.close();
    }
    expect(got.versions.filter((r) => r.article_id === "s:4").map((r) => r.version)).toEqual([1, 2]);
  });

  it("writes nothing of a batch whose transaction fails", async () => {
    const store = new ArticleStore(w);
    await expect(
      w.transaction(async () => {
        await store.store([write("1", "Một."), write("2", "Hai.")]);
        throw new Error("boom");
      }),
    ).rejects.toThrow("boom");
    expect((await w.one("SELECT count(*) AS n FROM articles"))!.n).toBe(0);
    expect((await w.one("SELECT count(*) AS n FROM article_versions"))!.n).toBe(0);
  });
});
