import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach, beforeEach, describe, expect, it, vi } from "vitest";
import { analyse } from "../../pipelines/analyse/index.ts";
import { AnalysisPool } from "../../pipelines/analyse/pool.ts";
import type { AgencyRef } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { countableItems } from "../dedupe/count-oracle.ts";
import { makeOverride } from "../../pipelines/overrides/overrides.ts";
import { exportOverridesFile, recordOverride } from "../../pipelines/overrides/store.ts";
import { type Row, Warehouse } from "../../pipelines/warehouse/db.ts";
import { appendRows, BulkWriter } from "../../pipelines/warehouse/bulk-write.ts";
import { DEFAULT_LEXICON } from "../../pipelines/classify/lexicon.ts";

const AGENCIES: AgencyRef[] = [
  { id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp"], valid_from: null, valid_to: null },
  { id: "so-noi-vu", name: "Sở Nội vụ tỉnh Tây Ninh", aliases: ["Sở Nội vụ"], valid_from: null, valid_to: null },
];
const STORY =
  "Sáng 12/3, Sở Tư pháp tỉnh Tây Ninh tổ chức hội nghị tuyên truyền cải cách hành chính năm 2024. " +
  "Lãnh đạo Sở đề nghị tăng tỷ lệ hồ sơ nộp qua dịch vụ công trực tuyến, rút ngắn thời gian giải quyết thủ tục hành chính về hộ tịch và chứng thực. " +
  "Năm qua, Sở tiếp nhận hơn 12.000 hồ sơ, không có hồ sơ trễ hạn tại bộ phận một cửa.";
const FESTIVAL = "Tối 8/2, tỉnh khai mạc lễ hội xuân núi Bà Đen với nhiều hoạt động văn hóa, thể thao, thu hút hàng chục nghìn du khách.";
const DIGITAL = "Sở Nội vụ triển khai chữ ký số và hồ sơ điện tử, số hóa hồ sơ thủ tục hành chính, nâng tỷ lệ dịch vụ công trực tuyến toàn trình.";

async function seed(w: Warehouse): Promise<void> {
  await w.run(`INSERT INTO sources (source_id, agency_id, channel, platform, name, is_demo, updated_at) VALUES
    ('stp', 'so-tu-phap', 'own_portal', 'nukeviet', 'Sở Tư pháp', true, now()),
    ('tinh', NULL, 'provincial_portal', 'nukeviet', 'Cổng tỉnh', true, now()),
    ('bao', NULL, 'newspaper', 'baotayninh', 'Báo Tây Ninh', true, now())`);
  const art = async (id: string, source: string, title: string, body: string, published: string | null, byline: string | null = null) =>
    w.run(
      `INSERT INTO articles (article_id, source_id, item_id, url, title, published_at, body_text, byline, content_hash, version, first_seen_at, fetched_at)
       VALUES ($id, $source, $item, $url, $title, $published::TIMESTAMPTZ, $body, $byline, 'h', 1, now(), now())`,
      { id, source, item: id.split(":")[1], url: `https://demo/${id}`, title, published, body, byline },
    );
  await art("stp:1", "stp", "Hội nghị tuyên truyền cải cách hành chính năm 2024", STORY, "2024-03-12T09:00:00+07:00");
  await art("tinh:7", "tinh", "Sở Tư pháp tuyên truyền cải cách hành chính", `${STORY}\nNguồn: Sở Tư pháp`, "2024-03-13T09:00:00+07:00");
  await art("tinh:8", "tinh", "Sở Tư pháp tuyên truyền CCHC (bản lưu)", `${STORY}\nNguồn: Sở Tư pháp`, "2024-03-14T09:00:00+07:00");
  await art("bao:3", "bao", "Tuyen truyen cai cach hanh chinh", STORY, null, "Minh Thư - So Tu phap");
  await art("tinh:9", "tinh", "Khai mạc lễ hội xuân núi Bà Đen", FESTIVAL, "2024-02-08T20:00:00+07:00");
  await art("tinh:10", "tinh", "Chữ ký số và hồ sơ điện tử", DIGITAL, "2024-04-01T08:00:00+07:00");
}

const NOW = new Date("2024-06-01T00:00:00Z");

/** Enough articles for three of DuckDB's chunks (2,048 rows), copies and variants within and across chunks. */
async function seedMany(w: Warehouse): Promise<void> {
  const stories = [STORY, FESTIVAL, DIGITAL];
  const sources = ["stp", "tinh", "bao"];
  await appendRows(
    w,
    "articles",
    Array.from({ length: 5_000 }, (_, i) => ({
      article_id: `${sources[i % 3]}:g${i}`, source_id: sources[i % 3], item_id: `g${i}`, url: `https://demo/g${i}`,
      title: `Bản tin số ${i % 97}`, body_text: `${stories[i % 3]} Đợt ${Math.floor(i / 7)}.${i % 5 === 0 ? "\nNguồn: Sở Nội vụ" : ""}`,
      published_at: i % 11 === 0 ? null : new Date(Date.UTC(2024, 0, 1) + (i % 400) * 86_400_000 + i * 1000), byline: null,
      content_hash: "h", version: 1, first_seen_at: NOW, fetched_at: NOW, media_kind: "text",
    })),
  );
}

const tables = async (w: Warehouse) => ({
  labels: await w.all("SELECT * EXCLUDE (analysed_at) FROM article_labels ORDER BY article_id"),
  attribution: await w.all("SELECT * FROM article_attribution ORDER BY article_id"),
  clusters: await w.all("SELECT * FROM article_clusters ORDER BY article_id"),
});

describe("analyse", () => {
  let w: Warehouse;
  let file: string;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    file = join(mkdtempSync(join(tmpdir(), "cchc-analyse-")), "overrides.jsonl");
    await seed(w);
  });
  afterEach(async () => w.close());

  const run = () => analyse(w, { lexicon: defaultLexicon(), agencies: AGENCIES, overridesFile: file, now: NOW });

  it("labels, attributes, clusters and counts one item per agency per channel per cluster", async () => {
    const s = await run();
    expect(s).toMatchObject({ articles: 6, cchc: 5, clusters: 3 });
    const attr = Object.fromEntries((await w.all("SELECT article_id, agency_id, method FROM article_attribution")).map((r) => [r.article_id, r]));
    expect(attr["stp:1"]).toMatchObject({ agency_id: "so-tu-phap", method: "source" });
    expect(attr["tinh:7"]).toMatchObject({ agency_id: "so-tu-phap", method: "source_line" });
    expect(attr["bao:3"]).toMatchObject({ agency_id: "so-tu-phap", method: "byline" });
    expect(attr["tinh:10"]).toMatchObject({ agency_id: "so-noi-vu", method: "lead" });
    const countable = await w.all("SELECT article_id, agency_id, channel, copies, areas FROM countable_items ORDER BY article_id");
    expect(countable.map((r) => r.article_id)).toEqual(["bao:3", "stp:1", "tinh:10", "tinh:7"]);
    expect(countable.find((r) => r.article_id === "tinh:7")?.copies).toBe(2); // tinh:8 is a later copy on the same channel
    expect((countable.find((r) => r.article_id === "tinh:10")?.areas as string[])[0]).toBe("chinh_quyen_so");
  });

  it("the countable_items model applies the counting rule (independent oracle)", async () => {
    await run();
    const rows = await w.all(
      `SELECT a.article_id, c.cluster_id, t.agency_id, s.channel, a.published_at FROM articles a JOIN sources s USING (source_id)
       JOIN article_clusters c USING (article_id) JOIN article_attribution t USING (article_id) JOIN article_labels l USING (article_id) WHERE l.is_cchc`,
    );
    const expected = countableItems(rows as never[]).map((r: { article_id: string }) => r.article_id).sort();
    const view = (await w.all("SELECT article_id FROM countable_items")).map((r) => r.article_id).sort();
    expect(view).toEqual(expected);
  });

  it("is idempotent", async () => {
    await run();
    const first = await w.all("SELECT * EXCLUDE (analysed_at) FROM article_labels ORDER BY article_id");
    await run();
    expect(await w.all("SELECT * EXCLUDE (analysed_at) FROM article_labels ORDER BY article_id")).toEqual(first);
    expect(Number((await w.one("SELECT count(*) AS n FROM article_clusters"))?.n)).toBe(6);
  });

  it("keeps analyst overrides across a full re-run and a rebuilt warehouse", async () => {
    await run();
    const overrides = [
      makeOverride({ article_id: "tinh:9", action: "include", by: "Lê Thị Hoa", why: "Lễ hội có gian hàng tuyên truyền dịch vụ công" }, NOW),
      makeOverride({ article_id: "tinh:9", action: "areas", areas: ["chinh_quyen_so"], by: "Lê Thị Hoa", why: "Gian hàng dịch vụ công trực tuyến" }, NOW),
      makeOverride({ article_id: "tinh:9", action: "agency", agency_id: "so-noi-vu", by: "Lê Thị Hoa", why: "Sở Nội vụ tổ chức gian hàng" }, NOW),
      makeOverride({ article_id: "stp:1", action: "exclude", by: "Lê Thị Hoa", why: "Trùng với bài khác" }, NOW),
    ];
    for (const o of overrides) await recordOverride(w, o);
    await exportOverridesFile(w, file);
    await run();
    await run(); // re-classification does not undo them
    const label = await w.one("SELECT is_cchc, primary_area, classified_is_cchc FROM article_labels WHERE article_id = 'tinh:9'");
    expect(label).toEqual({ is_cchc: true, primary_area: "chinh_quyen_so", classified_is_cchc: false });
    expect(await w.one("SELECT agency_id, method FROM article_attribution WHERE article_id = 'tinh:9'")).toEqual({ agency_id: "so-noi-vu", method: "analyst" });
    expect((await w.one("SELECT is_cchc FROM article_labels WHERE article_id = 'stp:1'"))?.is_cchc).toBe(false);

    // A rebuilt warehouse (fresh crawl) gets the overrides back from the file.
    await w.close();
    w = await Warehouse.open(":memory:");
    await seed(w);
    const s = await run();
    expect(s.overrides_imported).toBe(4);
    expect((await w.one("SELECT is_cchc FROM article_labels WHERE article_id = 'tinh:9'"))?.is_cchc).toBe(true);
    expect((await w.one("SELECT is_cchc FROM article_labels WHERE article_id = 'stp:1'"))?.is_cchc).toBe(false);
  });

  it("writes nothing when it fails half-way", async () => {
    await run();
    const before = await w.all("SELECT * FROM article_labels ORDER BY article_id");
    // An invalid timestamp fails the first INSERT, after the old rows were deleted.
    const broken = { lexicon: defaultLexicon(), agencies: AGENCIES, overridesFile: null, now: new Date(Number.NaN) };
    await expect(analyse(w, broken)).rejects.toThrow();
    expect(await w.all("SELECT * FROM article_labels ORDER BY article_id")).toEqual(before);
  });

  it("gives the same tables when the per-article work and the clustering's search run in worker threads, over several stream chunks", async () => {
    await seedMany(w);
    const inThread = await run();
    const expected = await tables(w);
    const search = vi.spyOn(AnalysisPool.prototype, "search");
    const inWorkers = await analyse(w, {
      lexicon: defaultLexicon(), agencies: AGENCIES, overridesFile: file, now: NOW, full: true,
      parallel: { lexiconFile: DEFAULT_LEXICON, workers: 2, minArticles: 0 },
    });
    // the clustering pass went to the workers in segments (one each), with the same clusters
    expect(search).toHaveBeenCalledTimes(2);
    search.mockRestore();
    expect(inWorkers).toEqual({ ...inThread, full_reason: "requested" });
    expect(await tables(w)).toEqual(expected);
    expect(expected.clusters.length).toBe(5_006);
    const joined = expected.clusters.filter((r) => Number(r.cluster_size) > 1).length;
    expect(joined).toBeGreaterThan(1_000);
  }, 60_000);

  it("goes on after a stream DuckDB ends early, and fails, writing nothing, when articles stay unread", async () => {
    await seedMany(w);
    const whole = await run();
    const expected = await tables(w);
    // A stream that ends after its first chunk (as DuckDB's sorted stream past its memory limit can), once.
    const real = w.streamCommitted.bind(w);
    let cut = 1;
    const spy = vi.spyOn(w, "streamCommitted").mockImplementation(async (sql, params, onRows) => {
      if (cut-- <= 0) return real(sql, params, onRows);
      let first = true;
      return real(sql, params, async (rows) => {
        if (first) await onRows(rows);
        first = false;
      });
    });
    expect(await run()).toEqual(whole);
    expect(await tables(w)).toEqual(expected);
    expect(spy.mock.calls.length).toBeGreaterThan(1);
    // A stream that never gets past its first chunk: the analysis says so and the tables stay as they were.
    spy.mockImplementation(async (sql, params, onRows) => {
      let first = true;
      return real(sql, params, async (rows) => {
        if (first && !/WHERE/.test(sql)) await onRows(rows);
        first = false;
      });
    });
    await expect(run()).rejects.toThrow(/analysis: read 2,048 of the warehouse's 5,006 articles; nothing was written/);
    expect(await tables(w)).toEqual(expected);
    spy.mockRestore();
  }, 60_000);

  it("fails, writing nothing, when a stream gives an article twice", async () => {
    await seedMany(w);
    await run();
    const expected = await tables(w);
    const real = w.streamCommitted.bind(w);
    const spy = vi.spyOn(w, "streamCommitted").mockImplementation(async (sql, params, onRows) => {
      let first = true;
      return real(sql, params, async (rows) => {
        await onRows(rows);
        if (first) await onRows(rows);
        first = false;
      });
    });
    await expect(run()).rejects.toThrow(/analysis: (the )?article .+ read twice \(row \d+\); nothing was written/);
    expect(await tables(w)).toEqual(expected);
    spy.mockRestore();
  }, 60_000);

  it("fails, writing nothing, when the clustering pass gets an article twice (one row per article: the tables have no key)", async () => {
    await seedMany(w);
    await run();
    const expected = await tables(w);
    // The sorted read (a column read, like pass 1) gives its first row twice in place of its second:
    // as many rows as articles, still in the clusterer's order.
    const real = w.streamCommitted.bind(w);
    const spy = vi.spyOn(w, "streamCommitted").mockImplementation(async (sql, params, onChunk) => {
      if (!/ORDER BY published_at/.test(sql)) return real(sql, params, onChunk);
      let first = true;
      return real(sql, params, async (chunk) => {
        if (!first) return onChunk(chunk);
        first = false;
        const doubled = (c: number) => {
          const values = chunk.getColumnValues(c);
          return [values[0], values[0], ...values.slice(2)];
        };
        return onChunk({ rowCount: chunk.rowCount, getColumnValues: doubled } as unknown as typeof chunk);
      });
    });
    await expect(run()).rejects.toThrow(/analysis: row \d+ read twice for clustering; nothing was written/);
    expect(spy.mock.calls.some(([sql]) => /ORDER BY published_at/.test(sql))).toBe(true);
    expect(await tables(w)).toEqual(expected);
    spy.mockRestore();
  }, 60_000);

  it("reports the error that stopped it, not the failure of closing its writers afterwards", async () => {
    // As when DuckDB aborts the transaction (out of memory): every later append or close fails too.
    const read = vi.spyOn(w, "streamCommitted").mockRejectedValue(new Error("Out of Memory Error: could not allocate block"));
    const close = vi.spyOn(BulkWriter.prototype, "close").mockImplementation(() => {
      throw new Error("Failed to append: Current transaction is aborted (please ROLLBACK)");
    });
    await expect(run()).rejects.toThrow(/Out of Memory Error/);
    read.mockRestore();
    close.mockRestore();
  });
});
