/**
 * Beyond one province, on the product's path: a warehouse of synthetic
 * articles goes through `cchc report`, then `cchc export parquet` (timed: the
 * command as a province runs it); its folder is copied as 34 provinces'
 * exports (the same rows under 34 province codes), and a national query reads
 * them all with DuckDB straight from the files: coverage per province, agency
 * and period (sum of actual against minimum, agencies behind) and items per
 * province, year and channel. Baseline: the same queries on one province's
 * folder, run 34 times (ratio ≈ 1: the national query costs what 34
 * provincial ones would; > 1: cheaper).
 */
import { cpSync, readdirSync, renameSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { requireFreeDisk, runProductCommand, sqlLiteral, timed } from "./lib/measure.ts";
import { type Benchmark, compare } from "./lib/types.ts";
import { writeCorpus } from "./lib/warehouse-fixture.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const PROVINCES = 34;

const coverageQuery = (glob: string) => `
  SELECT province, agency_id, period, sum(actual) AS actual, sum(minimum) AS minimum, count(*) FILTER (WHERE behind) AS behind
  FROM read_parquet(${sqlLiteral(glob)}, hive_partitioning = true) GROUP BY ALL`;
const itemsQuery = (glob: string) => `
  SELECT province, year, channel, count(*) AS items, count(DISTINCT cluster_id) AS clusters
  FROM read_parquet(${sqlLiteral(glob)}, hive_partitioning = true) GROUP BY ALL`;

export const nationalBench: Benchmark = {
  name: "national",
  description: "cchc export parquet of one province, then national queries over 34 provinces' exports",
  async run({ quick, tmpDir, log }) {
    const n = quick ? 10_000 : 100_000;
    requireFreeDisk(tmpDir, n * 6_000 * 2, "national benchmark");
    const db = join(tmpDir, "province.duckdb");
    const w = await Warehouse.open(db);
    await writeCorpus(w, n, { log });
    await w.close();
    const report = runProductCommand(ROOT, ["report", "--db", db]);
    log(`cchc report: ${report.seconds.toFixed(1)} s`);
    const out = join(tmpDir, "national");
    const exported = runProductCommand(ROOT, ["export", "parquet", "--out", out, "--db", db]);
    log(`cchc export parquet: ${exported.seconds.toFixed(1)} s, ${exported.peakRssMb} MB — ${exported.stdout.trim().split("\n").join("; ")}`);
    // 33 more provinces: the same files under other codes.
    for (const mart of readdirSync(out)) {
      for (let p = 1; p < PROVINCES; p++) {
        const code = `p${String(p).padStart(2, "0")}`;
        cpSync(join(out, mart, "province=tay-ninh"), join(out, mart, `.tmp-${code}`), { recursive: true });
        renameSync(join(out, mart, `.tmp-${code}`), join(out, mart, `province=${code}`));
      }
    }
    const q = await Warehouse.open(":memory:");
    try {
      const national = async () => {
        const cov = await q.all(coverageQuery(join(out, "coverage", "**", "*.parquet")));
        const items = await q.all(itemsQuery(join(out, "items", "**", "*.parquet")));
        return { cov: cov.length, items: items.length };
      };
      await national(); // warm the file cache
      const all = await timed(national);
      const provinces = new Set((await q.all(`SELECT DISTINCT province FROM read_parquet(${sqlLiteral(join(out, "items", "**", "*.parquet"))}, hive_partitioning = true)`)).map((r) => r.province));
      if (provinces.size !== PROVINCES) throw new Error(`national query saw ${provinces.size} provinces, expected ${PROVINCES}`);
      const one = await timed(async () => {
        for (let p = 0; p < PROVINCES; p++) {
          const code = p === 0 ? "tay-ninh" : `p${String(p).padStart(2, "0")}`;
          await q.all(coverageQuery(join(out, "coverage", `province=${code}`, "**", "*.parquet")));
          await q.all(itemsQuery(join(out, "items", `province=${code}`, "**", "*.parquet")));
        }
      });
      return {
        sizes: { articles_per_province: n, provinces: PROVINCES, coverage_groups: all.result.cov, item_groups: all.result.items },
        notes: [`export of one province (${n.toLocaleString("en")} articles): ${exported.stdout.trim().split("\n").join("; ")}`],
        figures: [
          compare(
            { name: `cchc export parquet, one province (${n.toLocaleString("en")} articles): ${exported.peakRssMb} MB peak`, value: exported.seconds * 1000, unit: "ms" },
            null,
            { higherIsBetter: false },
          ),
          compare(
            { name: `national coverage + items queries over ${PROVINCES} provinces' Parquet`, value: all.seconds * 1000, unit: "ms" },
            { name: `one province's folder × ${PROVINCES}`, value: one.seconds * 1000, unit: "ms" },
            { higherIsBetter: false, target: "< 10,000 ms", targetMet: all.seconds < 10 },
          ),
        ],
      };
    } finally {
      await q.close();
    }
  },
};
