/**
 * Site data loaders at scale (issue 7): a warehouse with N synthetic articles
 * (bench/lib/corpus.ts) analysed by the product's own `cchc report`, then
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
import { runProductCommand, timed } from "./lib/measure.ts";
import { writeCorpus } from "./lib/warehouse-fixture.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const LOADER = join(ROOT, "src", "data", "items.arrow.ts");

/** A warehouse of `n` synthetic articles (bench/lib/corpus.ts) after the product's report step (`cchc report`). */
async function analysedWarehouse(db: string, n: number): Promise<Warehouse> {
  const w = await Warehouse.open(db);
  await writeCorpus(w, n);
  await w.close();
  runProductCommand(ROOT, ["report", "--db", db]);
  return Warehouse.open(db);
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
