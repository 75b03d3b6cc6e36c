/**
 * Site data loaders at scale (issue 7): a warehouse with N analysed synthetic
 * articles (labels, attribution, clusters filled as the analysis would), then
 * the real loader src/data/items.arrow.ts run as Framework runs it (a child
 * process writing Arrow IPC to stdout). Baselines: the same rows as JSON
 * (bytes shipped) and the loader's query alone, in process (loader overhead).
 * Then the whole site is built from that warehouse and its overview opened in
 * Chromium: time to first chart and bytes shipped, against the same site built
 * from a warehouse of 1/20 the size (skipped, with a note, without Chromium).
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { tableFromIPC } from "apache-arrow";
import { timeFirstChart } from "../pipelines/briefing/page-timing.ts";
import { runFramework } from "../pipelines/cli/commands/site.ts";
import { buildSite } from "../pipelines/site/build.ts";
import { itemRows } from "../pipelines/report/queries.ts";
import { chromiumPath } from "../pipelines/site/chromium.ts";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { appendArticles, appendRows, createBenchTables, micros } from "./lib/load.ts";
import { timed } from "./lib/measure.ts";
import { type SyntheticArticle, syntheticArticles, TAY_NINH_SHAPE } from "./lib/synthetic.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOADER = join(ROOT, "src", "data", "items.arrow.ts");
const AT = new Date("2026-01-01T00:00:00+07:00");

/** The analysis tables for synthetic articles: every article CCHC-labelled, attributed to its agency, its own cluster. */
async function analyse(w: Warehouse, rows: SyntheticArticle[]): Promise<void> {
  const at = micros(AT);
  await appendRows(w, "article_labels", rows, {
    article_id: (r) => r.article_id,
    is_cchc: (r) => r.is_cchc,
    score: () => 1,
    primary_area: (r) => r.cchc_area,
    areas: (r) => r.cchc_area ?? "",
    indices: () => "",
    tthc_fields: () => "",
    matched_json: () => "[]",
    classified_is_cchc: (r) => r.is_cchc,
    classified_areas: (r) => r.cchc_area ?? "",
    analysed_at: () => at,
  });
  await appendRows(w, "article_attribution", rows, {
    article_id: (r) => r.article_id,
    agency_id: (r) => r.agency_id,
    method: () => "source",
    confidence: () => 0.9,
    evidence: (r) => r.source_id,
  });
  await appendRows(w, "article_clusters", rows, {
    article_id: (r) => r.article_id,
    cluster_id: (r) => r.article_id,
    similarity: () => 1,
    cluster_size: () => 1,
  });
}

/** A warehouse of `n` analysed synthetic articles (Tây Ninh's shape). */
async function analysedWarehouse(db: string, n: number): Promise<Warehouse> {
  const w = await Warehouse.open(db);
  await createBenchTables(w);
  const shape = TAY_NINH_SHAPE;
  await w.run(
    `INSERT INTO sources SELECT 'agency-' || lpad(a::VARCHAR, 4, '0') || '-src' || s, 'agency-' || lpad(a::VARCHAR, 4, '0'),
       'own_portal', 'nukeviet', 'Cổng thông tin ' || a, 'https://example.gov.vn', FALSE, $at::TIMESTAMPTZ
     FROM range($agencies) t(a), range($per) u(s)`,
    { agencies: shape.agencies, per: shape.sourcesPerAgency, at: AT.toISOString() },
  );
  for (let start = 0; start < n; start += 20_000) {
    const rows = syntheticArticles(shape, start, Math.min(20_000, n - start));
    await w.transaction(async () => {
      await appendArticles(w, rows, AT, "bench-site");
      await analyse(w, rows);
    });
  }
  return w;
}

/** Build the whole site from a warehouse into `out` and time its overview's first chart in Chromium. */
async function firstChart(db: string, out: string): Promise<{ ms: number; bytes: number }> {
  // A private copy of src/ (pipelines/site/build.ts): the user's loader cache and dist/ are never touched.
  await buildSite((args, env) => runFramework(args, env, "ignore"), { db, outDir: out, isolated: true });
  const [timing] = await timeFirstChart(out, ["/"]);
  if (timing.errors.length) throw new Error(`overview errors: ${timing.errors.join("; ")}`);
  return { ms: timing.firstChartMs, bytes: timing.bytes };
}

export const siteBench: Benchmark = {
  name: "site",
  description: "Site loader items.arrow.ts over an analysed warehouse (time, bytes shipped)",
  async run({ quick, tmpDir }) {
    const n = quick ? 20_000 : 100_000;
    const db = join(tmpDir, "site.duckdb");
    const w = await analysedWarehouse(db, n);
    const query = await timed(() => itemRows(w));
    await w.close();

    const run = await timed(() =>
      spawnSync(process.execPath, ["--import", "tsx", LOADER], { env: { ...process.env, CCHC_DB: db }, maxBuffer: 1 << 30, cwd: ROOT }),
    );
    const out = run.result;
    if (out.status !== 0) throw new Error(`items.arrow.ts exited with ${out.status}: ${String(out.stderr).split("\n")[0]}`);
    const arrow = out.stdout as Buffer;
    const table = tableFromIPC(arrow);
    if (table.numRows !== query.result.length) throw new Error(`loader wrote ${table.numRows} rows, the query returns ${query.result.length}`);
    const json = Buffer.from(JSON.stringify(query.result));

    const figures = [];
    const notes: string[] = [];
    if (chromiumPath()) {
      const small = Math.round(n / 20);
      const smallDb = join(tmpDir, "site-small.duckdb");
      await (await analysedWarehouse(smallDb, small)).close();
      const big = await firstChart(db, join(tmpDir, "site-dist"));
      const base = await firstChart(smallDb, join(tmpDir, "site-dist-small"));
      figures.push(
        compare(
          { name: `overview first chart, ${n.toLocaleString("en")} articles`, value: big.ms, unit: "ms" },
          { name: `same page, ${small.toLocaleString("en")} articles`, value: base.ms, unit: "ms" },
          { higherIsBetter: false, target: "interactive (< 5,000 ms)", targetMet: big.ms < 5_000 },
        ),
        compare(
          { name: "overview bytes shipped", value: big.bytes / 1e6, unit: "MB" },
          { name: `same page, ${small.toLocaleString("en")} articles`, value: base.bytes / 1e6, unit: "MB" },
          { higherIsBetter: false },
        ),
      );
    } else {
      notes.push("first chart not measured: Chromium not found (apt-get install -y chromium)");
    }
    return {
      sizes: { articles: n, items: table.numRows, columns: table.numCols }, // items = CCHC articles only
      notes: [...notes, `gzip on the wire: Arrow ${(gzipSync(arrow).length / 1e6).toFixed(1)} MB, JSON ${(gzipSync(json).length / 1e6).toFixed(1)} MB`],
      figures: [
        compare(
          { name: `items.arrow.ts for ${table.numRows.toLocaleString("en")} items`, value: arrow.length / 1e6, unit: "MB" },
          { name: "same rows as JSON", value: json.length / 1e6, unit: "MB" },
          { higherIsBetter: false },
        ),
        compare(
          { name: "loader run (process start + query + Arrow)", value: run.seconds * 1000, unit: "ms" },
          { name: "its query alone, in process", value: query.seconds * 1000, unit: "ms" },
          { higherIsBetter: false },
        ),
        ...figures,
      ],
    };
  },
};
