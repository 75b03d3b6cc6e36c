/**
 * Site data loaders at scale (issue 7): a warehouse with N synthetic articles
 * (bench/lib/corpus.ts) analysed by the product's own `cchc report`, then
 * the real loader src/data/items.arrow.ts run as Framework runs it (a child
 * process writing Arrow IPC to stdout). Baselines: the same rows as JSON
 * (bytes shipped) and the loader's query alone, in process (loader overhead).
 * Then the whole site is built from that warehouse and every page opened in
 * Chromium (pipelines/briefing/page-timing.ts): time to its first chart and the
 * bytes it downloaded before it (gzipped on the wire, as the static server sends
 * them), against the same site built from a warehouse of 1/20 the size; and the
 * search page's time from typing a query to its results, with the item list it
 * fetches then (skipped, with a note, without Chromium). Goal (issue 18): at
 * 100,000 articles every page ≤ 1 MB before its first chart and the chart ≤ 1 s.
 */
import { spawnSync } from "node:child_process";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { gzipSync } from "node:zlib";
import { tableFromIPC } from "apache-arrow";
import config from "../observablehq.config.ts";
import { type PageTiming, timeFirstChart, timeSearch } from "../pipelines/briefing/page-timing.ts";
import { runFramework } from "../pipelines/cli/commands/site.ts";
import { buildSite } from "../pipelines/site/build.ts";
import { itemRows } from "../pipelines/report/queries.ts";
import { chromiumPath } from "../pipelines/site/chromium.ts";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { runProductCommand, timed } from "./lib/measure.ts";
import { writeCorpus } from "./lib/warehouse-fixture.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOADER = join(ROOT, "src", "data", "items.arrow.ts");

/**
 * Reuse between runs (building and analysing 100,000 articles takes minutes): CCHC_BENCH_SITE_DB and
 * CCHC_BENCH_SITE_SMALL_DB name warehouses a previous run analysed (e.g. kept with `cchc report`); they
 * are opened writable once (the models as of this checkout) and used as they are.
 */
const REUSE: Record<"big" | "small", string | undefined> = { big: process.env.CCHC_BENCH_SITE_DB, small: process.env.CCHC_BENCH_SITE_SMALL_DB };
/** Openings of each page in Chromium; the median is kept (pipelines/briefing/page-timing.ts). */
const RUNS = Number(process.env.CCHC_BENCH_SITE_RUNS ?? 3);

/** A warehouse of `n` synthetic articles (bench/lib/corpus.ts) after the product's report step (`cchc report`), or the one reused. */
async function analysedWarehouse(db: string, n: number, reuse?: string): Promise<Warehouse> {
  if (reuse) return Warehouse.open(reuse);
  const w = await Warehouse.open(db);
  await writeCorpus(w, n);
  await w.close();
  runProductCommand(ROOT, ["report", "--db", db]);
  return Warehouse.open(db);
}

/** Pages with a chart or table on opening: every page but the search (timed on a query) and the audit log (needs `cchc serve`). */
const CHART_PAGES = config.pages.map((p: { path: string }) => p.path).filter((p: string) => p !== "/tim-kiem" && p !== "/nhat-ky");
const SEARCH_QUERY = "cai cach hanh chinh";

/** Build the whole site from a warehouse into `out`, time every page's first chart and the search in Chromium. */
async function sitePages(db: string, out: string): Promise<{ pages: PageTiming[]; search: Awaited<ReturnType<typeof timeSearch>> }> {
  // A private copy of src/ (pipelines/site/build.ts): the user's loader cache and dist/ are never touched.
  await buildSite((args, env) => runFramework(args, env, "ignore"), { db, outDir: out, isolated: true });
  const pages = await timeFirstChart(out, CHART_PAGES, RUNS);
  for (const t of pages) if (t.errors.length) throw new Error(`${t.path} errors: ${t.errors.join("; ")}`);
  const search = await timeSearch(out, SEARCH_QUERY);
  if (search.errors.length) throw new Error(`search errors: ${search.errors.join("; ")}`);
  return { pages, search };
}

export const siteBench: Benchmark = {
  name: "site",
  description: "Site loader items.arrow.ts over an analysed warehouse; every page's first chart and bytes before it, and the search, in Chromium",
  async run({ quick, tmpDir }) {
    const planned = quick ? 20_000 : 100_000;
    const db = REUSE.big ?? join(tmpDir, "site.duckdb");
    const w = await analysedWarehouse(db, planned, REUSE.big);
    // A reused warehouse says how many articles it holds.
    const n = REUSE.big ? Number((await w.one("SELECT count(*) AS n FROM articles"))!.n) : planned;
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
      const smallDb = REUSE.small ?? join(tmpDir, "site-small.duckdb");
      await (await analysedWarehouse(smallDb, small, REUSE.small)).close();
      const big = await sitePages(db, join(tmpDir, "site-dist"));
      const base = await sitePages(smallDb, join(tmpDir, "site-dist-small"));
      const at = (count: number) => `${count.toLocaleString("en")} articles`;
      for (const page of big.pages) {
        const same = base.pages.find((p) => p.path === page.path)!;
        figures.push(
          compare(
            { name: `${page.path} first chart, ${at(n)}`, value: page.firstChartMs, unit: "ms" },
            { name: `same page, ${at(small)}`, value: same.firstChartMs, unit: "ms" },
            { higherIsBetter: false, target: "≤ 1,000 ms", targetMet: page.firstChartMs <= 1_000 },
          ),
          compare(
            { name: `${page.path} bytes before first chart, ${at(n)}`, value: page.bytesBeforeChart / 1e6, unit: "MB" },
            { name: `same page, ${at(small)}`, value: same.bytesBeforeChart / 1e6, unit: "MB" },
            { higherIsBetter: false, target: "≤ 1 MB", targetMet: page.bytesBeforeChart <= 1e6 },
          ),
        );
        figures.push(
          compare(
            { name: `${page.path} main-thread time before first chart, ${at(n)}`, value: page.mainThreadMs, unit: "ms" },
            { name: `same page, ${at(small)}`, value: same.mainThreadMs, unit: "ms" },
            { higherIsBetter: false },
          ),
        );
        notes.push(`${page.path} at ${at(n)}: ${(page.bytes / 1e6).toFixed(2)} MB until idle; largest before the chart: ${page.largest.map((l) => `${l.name} ${(l.bytes / 1e3).toFixed(0)} kB`).join(", ")}`);
      }
      figures.push(
        compare(
          { name: `search "${SEARCH_QUERY}" to results, ${at(n)}`, value: big.search.resultsMs, unit: "ms" },
          { name: `same search, ${at(small)}`, value: base.search.resultsMs, unit: "ms" },
          { higherIsBetter: false },
        ),
        compare(
          { name: `search: item list fetched on the query, ${at(n)}`, value: big.search.bytes / 1e6, unit: "MB" },
          { name: `same search, ${at(small)}`, value: base.search.bytes / 1e6, unit: "MB" },
          { higherIsBetter: false },
        ),
      );
      notes.push(`search at ${at(n)}: ${big.search.results}`);
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
