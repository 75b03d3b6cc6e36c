/**
 * `cchc report` on the product's own path: a warehouse of N synthetic articles
 * (~3 KB bodies, 8 % near-duplicates, bench/lib/corpus.ts) and the real
 * registry, then `node bin/cchc.mjs report --db …` as its own process (registry
 * load, classification, attribution, clustering, overrides, coverage), timed
 * with its peak RSS. Sizes 10,000 and 100,000 (quick) plus 1,000,000 (full).
 * Baseline: the smallest size's time per article, so the ratio reads how close
 * to linear the command is (1.0 = linear; below 1 = slower per article at scale).
 * Then, per size, 1 % more articles are written (as a crawl adds them) and the
 * command runs again: the incremental analysis (pipelines/analyse/incremental.ts),
 * against the first (full) run of the same size.
 */
import { rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { requireFreeDisk, runProductCommand } from "./lib/measure.ts";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";
import { writeCorpus } from "./lib/warehouse-fixture.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
/** The goal (issue 18): `cchc report` on 1,000,000 articles in ≤ 60 s and ≤ 2 GB peak RSS. */
const GOAL = { articles: 1_000_000, seconds: 60, rssMb: 2048 };

export const reportBench: Benchmark = {
  name: "report",
  description: "cchc report (registry + analysis + clustering + coverage) at 10k, 100k and 1M synthetic 3 KB articles, then again after adding 1 % articles (incremental analysis)",
  async run({ quick, tmpDir, log }) {
    const sizes = process.env.CCHC_BENCH_REPORT_SIZES
      ? process.env.CCHC_BENCH_REPORT_SIZES.split(",").map(Number)
      : quick ? [10_000, 100_000] : [10_000, 100_000, 1_000_000];
    // The warehouse (~5.7 KB an article) and the report's shingle spill in TMPDIR (~2 KB an article).
    requireFreeDisk(tmpDir, sizes.at(-1)! * 8_000, "report benchmark");
    const runs: { n: number; seconds: number; cpu: number; rss: number; out: string; after: { seconds: number; cpu: number; rss: number; out: string } }[] = [];
    for (const n of sizes) {
      const db = join(tmpDir, `report-${n}.duckdb`);
      const w = await Warehouse.open(db);
      await writeCorpus(w, n, { log });
      await w.run("CHECKPOINT");
      await w.close();
      const r = runProductCommand(ROOT, ["report", "--db", db]);
      log(`cchc report, ${n.toLocaleString("en")} articles: ${r.seconds.toFixed(1)} s (${r.cpuSeconds.toFixed(1)} CPU-s), ${r.peakRssMb} MB — ${r.stdout.trim()}`);
      // 1 % more articles, then the report again (incremental: only those are analysed).
      const more = await Warehouse.open(db);
      await writeCorpus(more, Math.round(n * 1.01), { from: n, log });
      await more.run("CHECKPOINT");
      await more.close();
      const a = runProductCommand(ROOT, ["report", "--db", db]);
      log(`cchc report after adding 1 % articles to ${n.toLocaleString("en")}: ${a.seconds.toFixed(1)} s (${a.cpuSeconds.toFixed(1)} CPU-s), ${a.peakRssMb} MB — ${a.stdout.trim()}`);
      runs.push({ n, seconds: r.seconds, cpu: r.cpuSeconds, rss: r.peakRssMb, out: r.stdout.trim(), after: { seconds: a.seconds, cpu: a.cpuSeconds, rss: a.peakRssMb, out: a.stdout.trim() } });
      rmSync(db, { force: true });
      rmSync(`${db}.wal`, { force: true });
    }
    const base = runs[0];
    const figures: Figure[] = [];
    for (const r of runs) {
      const goal = r.n >= GOAL.articles;
      figures.push(
        compare(
          { name: `cchc report, ${r.n.toLocaleString("en")} articles: ${r.seconds.toFixed(1)} s (${r.cpu.toFixed(1)} CPU-s) → µs/article`, value: (r.seconds * 1e6) / r.n, unit: "µs" },
          r === base ? null : { name: `same at ${base.n.toLocaleString("en")}`, value: (base.seconds * 1e6) / base.n, unit: "µs" },
          { higherIsBetter: false, ...(goal ? { target: `≤ ${GOAL.seconds} s at 1M (${(GOAL.seconds * 1e6) / GOAL.articles} µs/article)`, targetMet: r.seconds <= GOAL.seconds } : {}) },
        ),
        compare(
          { name: `cchc report, ${r.n.toLocaleString("en")} articles: peak RSS`, value: r.rss, unit: "MB" },
          r === base ? null : { name: `same at ${base.n.toLocaleString("en")}`, value: base.rss, unit: "MB" },
          { higherIsBetter: false, ...(goal ? { target: `≤ ${GOAL.rssMb.toLocaleString("en")} MB (2 GB) at 1M`, targetMet: r.rss <= GOAL.rssMb } : {}) },
        ),
        compare(
          { name: `cchc report after adding 1 % articles to ${r.n.toLocaleString("en")}: ${r.after.seconds.toFixed(1)} s (${r.after.cpu.toFixed(1)} CPU-s), ${r.after.rss} MB`, value: r.after.seconds, unit: "s" },
          { name: "the first (full) run", value: r.seconds, unit: "s" },
          { higherIsBetter: false, ...(goal ? { target: `≤ ${GOAL.seconds} s at 1M`, targetMet: r.after.seconds <= GOAL.seconds } : {}) },
        ),
      );
    }
    return {
      sizes: Object.fromEntries(runs.map((r) => [`articles_${r.n}`, r.n])),
      notes: runs.flatMap((r) => [`${r.n.toLocaleString("en")}: ${r.out}`, `${r.n.toLocaleString("en")} + 1 %: ${r.after.out}`]),
      figures,
    };
  },
};
