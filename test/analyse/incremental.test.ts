/**
 * The incremental analysis (pipelines/analyse/incremental.ts): after articles are added, changed or
 * deleted, a run that analyses only those gives the same tables as a full run on a copy; a changed
 * fingerprint (lexicon, agencies) or --full analyses every article; a changed override is applied
 * without a full run. The comparison is this file's own: every row of every table, every column.
 */
import { copyFileSync, existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it, vi } from "vitest";
import { writeCorpus } from "../../bench/lib/warehouse-fixture.ts";
import { analyse } from "../../pipelines/analyse/index.ts";
import type { AgencyRef } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { DEFAULT_LEXICON } from "../../pipelines/classify/lexicon.ts";
import { makeOverride } from "../../pipelines/overrides/overrides.ts";
import { recordOverride } from "../../pipelines/overrides/store.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { appendRows } from "../../pipelines/warehouse/bulk-write.ts";
import { Warehouse, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const NOW = new Date("2025-03-01T03:00:00Z");
const OUTPUT_TABLES = ["article_labels", "article_attribution", "article_clusters", "coverage"];

/**
 * Every row of `table`, each as the text of all its columns (DuckDB's own casts), sorted: equal when
 * the tables hold the same rows. coverage.computed_at is the clock's time of each run, not an output.
 */
async function rowsOf(w: Warehouse, table: string): Promise<string[]> {
  const rows = await w.all(`SELECT CAST(COLUMNS(* EXCLUDE (${table === "coverage" ? "computed_at" : "__none__"})) AS VARCHAR) FROM (SELECT *, NULL AS __none__ FROM ${table})`);
  return rows.map((r) => JSON.stringify(Object.values(r))).sort();
}

async function snapshot(db: string, tables = OUTPUT_TABLES): Promise<Record<string, string[]>> {
  return withWarehouse(db, async (w) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await rowsOf(w, t)] as const))), { readOnly: true });
}

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tempDir = () => {
  const d = mkdtempSync(join(tmpdir(), "cchc-incremental-"));
  dirs.push(d);
  return d;
};

/** Copy a closed warehouse file (and its WAL). */
function copyWarehouse(from: string, to: string): void {
  copyFileSync(from, to);
  if (existsSync(`${from}.wal`)) copyFileSync(`${from}.wal`, `${to}.wal`);
}

describe("incremental report", () => {
  it("after articles are added, changed and deleted, analyses only those and gives a full run's tables (worker threads, coverage included)", async () => {
    const dir = tempDir();
    const db = join(dir, "a.duckdb");
    // 6,000 articles: above the report's worker threshold (PARALLEL_FROM_ARTICLES), so the pool analyses and searches.
    await withWarehouse(db, (w) => writeCorpus(w, 6_000, { registryDir: FIXTURE_REGISTRY }), { create: true });
    const first = await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
    expect(first.analysis).toMatchObject({ articles: 6_000, analysed: 6_000, full_reason: "first" });

    // Nothing changed: nothing analysed, the same tables.
    const before = await snapshot(db);
    const again = await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
    expect(again.analysis).toMatchObject({ articles: 6_000, analysed: 0, full_reason: null });
    expect({ ...again.analysis, analysed: 6_000, full_reason: "first" }).toEqual(first.analysis);
    const after = await snapshot(db);
    for (const t of OUTPUT_TABLES) expect(after[t], t).toEqual(before[t]);

    await withWarehouse(db, async (w) => {
      await writeCorpus(w, 6_200, { registryDir: FIXTURE_REGISTRY, from: 6_000 }); // 200 new
      const ids = (await w.all("SELECT article_id, body_text FROM articles ORDER BY article_id LIMIT 40")).map((r) => [r.article_id as string, r.body_text as string]);
      // Changed: a body made a copy of another's (a new cluster), a title, a byline, a publication day; 10 deleted.
      await w.run("UPDATE articles SET body_text = $body WHERE article_id = $id", { id: ids[0][0], body: ids[1][1] });
      await w.run("UPDATE articles SET title = title || ' (cập nhật)' WHERE article_id = $id", { id: ids[2][0] });
      await w.run("UPDATE articles SET byline = 'Nguồn: Sở Nội vụ' WHERE article_id = $id", { id: ids[3][0] });
      await w.run("UPDATE articles SET published_at = published_at - INTERVAL 3 DAY WHERE article_id = $id AND published_at IS NOT NULL", { id: ids[4][0] });
      await w.run("DELETE FROM articles WHERE article_id IN (SELECT article_id FROM articles ORDER BY article_id DESC LIMIT 10 OFFSET 100)");
    });
    const copy = join(dir, "b.duckdb");
    copyWarehouse(db, copy);

    const incremental = await refreshAfterCrawl(db, { registryDir: FIXTURE_REGISTRY, now: NOW });
    const full = await refreshAfterCrawl(copy, { registryDir: FIXTURE_REGISTRY, now: NOW, full: true });
    expect(full.analysis).toMatchObject({ articles: 6_190, analysed: 6_190, full_reason: "requested" });
    expect(incremental.analysis.full_reason).toBeNull();
    // the 200 new and the changed ones (a deleted article may be among the new)
    expect(incremental.analysis.analysed).toBeGreaterThanOrEqual(200);
    expect(incremental.analysis.analysed).toBeLessThanOrEqual(205);
    expect({ ...incremental.analysis, analysed: 0, full_reason: null }).toEqual({ ...full.analysis, analysed: 0, full_reason: null });
    const a = await snapshot(db, [...OUTPUT_TABLES, "article_analysis"]);
    const b = await snapshot(copy, [...OUTPUT_TABLES, "article_analysis"]);
    for (const t of Object.keys(a)) expect(a[t], t).toEqual(b[t]);
    expect(a.article_labels.length).toBe(6_190);
    expect(a.article_clusters.length).toBe(6_190);
    expect(a.article_analysis.length).toBe(6_190);
    expect(a.coverage.length).toBeGreaterThan(0);
  }, 240_000);
});

const AGENCIES: AgencyRef[] = [
  { id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp"], valid_from: null, valid_to: null },
  { id: "so-noi-vu", name: "Sở Nội vụ tỉnh Tây Ninh", aliases: ["Sở Nội vụ"], valid_from: null, valid_to: null },
];
const BODIES = [
  "Sở Tư pháp hướng dẫn người dân nộp hồ sơ hộ tịch qua dịch vụ công trực tuyến, giảm thời gian giải quyết thủ tục hành chính tại bộ phận một cửa.",
  "Sở Nội vụ triển khai chữ ký số, số hóa hồ sơ thủ tục hành chính và nâng tỷ lệ dịch vụ công trực tuyến toàn trình trong năm.",
  "Đêm nhạc chào xuân tại quảng trường tỉnh thu hút đông đảo người dân và du khách đến xem biểu diễn.",
];

/** A small warehouse in memory: three sources, 60 articles, copies among them. */
async function smallWarehouse(): Promise<Warehouse> {
  const w = await Warehouse.open(":memory:");
  await w.run(`INSERT INTO sources (source_id, agency_id, channel, platform, name, is_demo, updated_at) VALUES
    ('stp', 'so-tu-phap', 'own_portal', 'nukeviet', 'Sở Tư pháp', true, now()),
    ('tinh', NULL, 'provincial_portal', 'nukeviet', 'Cổng tỉnh', true, now()),
    ('bao', NULL, 'newspaper', 'baotayninh', 'Báo', true, now())`);
  const sources = ["stp", "tinh", "bao"];
  await appendRows(
    w,
    "articles",
    Array.from({ length: 60 }, (_, i) => ({
      article_id: `${sources[i % 3]}:${i}`, source_id: sources[i % 3], item_id: String(i), url: `https://demo/${i}`,
      title: `Tin số ${i % 17}`, body_text: `${BODIES[i % 3]} Kỳ ${Math.floor(i / 4)}.`, byline: null,
      published_at: i % 9 === 0 ? null : new Date(Date.UTC(2025, 0, 1) + i * 43_200_000), content_hash: "h", version: 1,
      first_seen_at: NOW, fetched_at: NOW, media_kind: "text",
    })),
  );
  return w;
}

describe("incremental analysis: what forces a full run", () => {
  const run = (w: Warehouse, opts: { lexiconFile?: string; agencies?: AgencyRef[]; full?: boolean } = {}) =>
    analyse(w, { lexicon: defaultLexicon(), agencies: opts.agencies ?? AGENCIES, now: NOW, lexiconFile: opts.lexiconFile ?? DEFAULT_LEXICON, full: opts.full });
  const tables = async (w: Warehouse) => Object.fromEntries(await Promise.all(["article_labels", "article_attribution", "article_clusters", "article_analysis"].map(async (t) => [t, await rowsOf(w, t)])));

  it("analyses every article when the lexicon file or the agencies change, or with --full; else only the new ones", async () => {
    const w = await smallWarehouse();
    try {
      expect(await run(w)).toMatchObject({ articles: 60, analysed: 60, full_reason: "first" });
      expect(await run(w)).toMatchObject({ articles: 60, analysed: 0, full_reason: null });
      await w.run("INSERT INTO articles SELECT * REPLACE ('tinh:new' AS article_id, 'new' AS item_id) FROM articles WHERE article_id = 'tinh:1'");
      expect(await run(w)).toMatchObject({ articles: 61, analysed: 1, full_reason: null });
      expect(await run(w, { full: true })).toMatchObject({ articles: 61, analysed: 61, full_reason: "requested" });
      // The same terms in another file: its bytes differ (a comment), so every article is analysed again.
      const lexicon = join(tempDir(), "lexicon.yaml");
      writeFileSync(lexicon, `${readFileSync(DEFAULT_LEXICON, "utf-8")}\n# một dòng ghi chú\n`);
      expect(await run(w, { lexiconFile: lexicon })).toMatchObject({ analysed: 61, full_reason: "lexicon" });
      expect(await run(w, { lexiconFile: lexicon })).toMatchObject({ analysed: 0, full_reason: null });
      const agencies = [...AGENCIES, { id: "so-y-te", name: "Sở Y tế tỉnh Tây Ninh", aliases: ["Sở Y tế"], valid_from: null, valid_to: null }];
      expect(await run(w, { lexiconFile: lexicon, agencies })).toMatchObject({ analysed: 61, full_reason: "agencies" });
      await w.run("UPDATE sources SET channel = 'newspaper' WHERE source_id = 'tinh'");
      expect(await run(w, { lexiconFile: lexicon, agencies })).toMatchObject({ analysed: 61, full_reason: "sources" });
      // Stored rows removed by something else than the analysis: nothing stored is trusted.
      await w.run("DELETE FROM article_labels WHERE article_id = 'stp:3'");
      expect(await run(w, { lexiconFile: lexicon, agencies })).toMatchObject({ articles: 61, analysed: 61, full_reason: "incomplete" });
      // No lexicon file known: nothing says the stored analysis is the lexicon's, so a full run.
      expect(await analyse(w, { lexicon: defaultLexicon(), agencies, now: NOW })).toMatchObject({ analysed: 61, full_reason: "unknown" });
      expect(await run(w, { lexiconFile: lexicon, agencies })).toMatchObject({ analysed: 61, full_reason: "first" });
    } finally {
      await w.close();
    }
  });

  it("applies a changed override by analysing that article alone, with a full run's tables", async () => {
    const w = await smallWarehouse();
    try {
      await run(w);
      await recordOverride(w, makeOverride({ article_id: "bao:2", action: "include", by: "Lê Thị Hoa", why: "Có nội dung dịch vụ công" }, NOW));
      await recordOverride(w, makeOverride({ article_id: "stp:0", action: "agency", agency_id: "so-noi-vu", by: "Lê Thị Hoa", why: "Sở Nội vụ chủ trì" }, NOW));
      const s = await run(w);
      expect(s).toMatchObject({ analysed: 2, full_reason: null, overridden: 2 });
      expect(await w.one("SELECT is_cchc, override_ids IS NOT NULL AS o FROM article_labels WHERE article_id = 'bao:2'")).toEqual({ is_cchc: true, o: true });
      expect(await w.one("SELECT agency_id, method FROM article_attribution WHERE article_id = 'stp:0'")).toEqual({ agency_id: "so-noi-vu", method: "analyst" });
      const incremental = await tables(w);
      const full = await run(w, { full: true });
      expect(await tables(w)).toEqual(incremental);
      expect({ ...s, analysed: 60, full_reason: "requested" }).toEqual(full);
      // A later override of the same article replaces the effect: analysed again, alone.
      await recordOverride(w, makeOverride({ article_id: "bao:2", action: "exclude", by: "Lê Thị Hoa", why: "Xem lại: không phải CCHC" }, new Date(NOW.getTime() + 60_000)));
      expect(await run(w)).toMatchObject({ analysed: 1, full_reason: null });
      expect((await w.one("SELECT is_cchc FROM article_labels WHERE article_id = 'bao:2'"))?.is_cchc).toBe(false);
    } finally {
      await w.close();
    }
  });

  it("removes a deleted article's rows and writes only the clusters that changed", async () => {
    const w = await smallWarehouse();
    try {
      await run(w);
      const clustersBefore = await rowsOf(w, "article_clusters");
      await w.run("DELETE FROM articles WHERE article_id = 'tinh:58'");
      expect(await run(w)).toMatchObject({ articles: 59, analysed: 0 });
      for (const t of ["article_labels", "article_attribution", "article_analysis", "article_clusters"]) {
        expect(Number((await w.one(`SELECT count(*) AS n FROM ${t} WHERE article_id = 'tinh:58'`))?.n), t).toBe(0);
      }
      const clustersAfter = await rowsOf(w, "article_clusters");
      expect(clustersAfter.length).toBe(59);
      const incremental = await tables(w);
      await run(w, { full: true });
      expect(await tables(w)).toEqual(incremental);
      expect(clustersAfter.filter((r) => !clustersBefore.includes(r)).length).toBeLessThan(clustersAfter.length);
    } finally {
      await w.close();
    }
  });

  it("reads the articles still unread when the stream of the articles to analyse ends early, and fails, writing nothing, when they stay unread", async () => {
    const w = await smallWarehouse();
    try {
      await run(w);
      // 5,000 new articles: the articles to analyse come in three of DuckDB's chunks.
      await w.run(`INSERT INTO articles SELECT articles.* REPLACE ('bao:n' || i AS article_id, 'n' || i AS item_id, body_text || ' Bản ' || i AS body_text)
                   FROM articles CROSS JOIN (SELECT range AS i FROM range(5000)) WHERE article_id = 'bao:2'`);
      const real = w.streamCommitted.bind(w);
      const toAnalyse = (sql: string) => /JOIN \(SELECT unnest/.test(sql);
      let cut = 1;
      const spy = vi.spyOn(w, "streamCommitted").mockImplementation(async (sql, params, onChunk) => {
        if (!toAnalyse(sql) || cut-- <= 0) return real(sql, params, onChunk);
        let first = true;
        return real(sql, params, async (chunk) => {
          if (first) await onChunk(chunk);
          first = false;
        });
      });
      const before = await tables(w);
      expect(await run(w)).toMatchObject({ articles: 5_060, analysed: 5_000, full_reason: null });
      expect(spy.mock.calls.filter(([sql]) => toAnalyse(sql)).length).toBe(2);
      const incremental = await tables(w);
      // Never past the first chunk of the first attempt: the analysis says so and the tables stay as they were.
      await w.run("UPDATE articles SET title = title || '.' WHERE article_id LIKE 'bao:n%'");
      let attempts = 0;
      spy.mockImplementation(async (sql, params, onChunk) => {
        if (!toAnalyse(sql)) return real(sql, params, onChunk);
        let first = attempts++ === 0;
        return real(sql, params, async (chunk) => {
          if (first) await onChunk(chunk);
          first = false;
        });
      });
      await expect(run(w)).rejects.toThrow(/analysis: read .+ of the warehouse's 5,060 articles; nothing was written/);
      expect(await tables(w)).toEqual(incremental);
      spy.mockRestore();
      expect(before.article_labels.length).toBe(60);
      // A full run on the same articles (titles changed back) gives the incremental run's tables.
      await w.run("UPDATE articles SET title = rtrim(title, '.') WHERE article_id LIKE 'bao:n%'");
      expect(await run(w, { full: true })).toMatchObject({ analysed: 5_060 });
      expect(await tables(w)).toEqual(incremental);
    } finally {
      await w.close();
    }
  }, 60_000);
});
