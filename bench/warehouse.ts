/**
 * Warehouse at scale: bulk ingest (DuckDB Appender) against row-by-row INSERT,
 * then the coverage-vs-targets query for 300 agencies × 16 quarters, as one
 * query against one query per agency.
 */
import { join } from "node:path";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { COVERAGE_ALL, COVERAGE_ONE_AGENCY } from "./lib/coverage-sql.ts";
import { appendArticles, createBenchTables, insertArticlesNaive, seedTargets } from "./lib/load.ts";
import { peakRssMb, requireFreeDisk, rssMb, timed } from "./lib/measure.ts";
import { agencyId, syntheticArticles, TAY_NINH_SHAPE } from "./lib/synthetic.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const BATCH = 20_000;
const PER_AGENCY_SAMPLE_STEP = 10;
const FETCHED_AT = new Date("2026-01-01T00:00:00+07:00");
const PERIOD = { from: "2022-01-01T00:00:00+07:00", to: "2026-01-01T00:00:00+07:00" };

export const warehouseBench: Benchmark = {
  name: "warehouse",
  description: "Tây Ninh warehouse: bulk ingest and coverage vs targets (300 agencies × 16 quarters)",
  async run({ quick, tmpDir, log }) {
    const bulkN = quick ? 100_000 : 1_000_000;
    const naiveN = quick ? 3_000 : 10_000;
    requireFreeDisk(tmpDir, bulkN * 2_000, "warehouse benchmark");
    const shape = TAY_NINH_SHAPE;

    // Baseline: naive row INSERTs into their own file.
    const naive = await Warehouse.open(join(tmpDir, "naive.duckdb"));
    await createBenchTables(naive);
    const naiveRows = syntheticArticles(shape, 0, naiveN);
    const naiveRun = await timed(() => insertArticlesNaive(naive, naiveRows, FETCHED_AT, "bench-naive"));
    await naive.close();
    log(`naive INSERT: ${naiveN} rows in ${naiveRun.seconds.toFixed(1)} s`);

    // Bulk: Appender, one transaction per batch; generation is not timed.
    const w = await Warehouse.open(join(tmpDir, "bulk.duckdb"));
    await createBenchTables(w);
    let appendSeconds = 0;
    for (let start = 0; start < bulkN; start += BATCH) {
      const rows = syntheticArticles(shape, start, Math.min(BATCH, bulkN - start));
      const step = await timed(() => w.transaction(() => appendArticles(w, rows, FETCHED_AT, "bench-bulk")));
      appendSeconds += step.seconds;
      if ((start / BATCH) % 10 === 0) log(`appender: ${start + rows.length} rows, ${appendSeconds.toFixed(1)} s, rss ${rssMb()} MB`);
    }
    const count = Number((await w.one("SELECT count(*) AS n FROM articles"))!.n);
    if (count !== bulkN) throw new Error(`bulk ingest wrote ${count} rows, expected ${bulkN}`);
    const targets = await seedTargets(w, shape.agencies, shape.fromYear, shape.years);
    await w.run("CHECKPOINT");
    const ingestPeak = peakRssMb();

    // Coverage: warm once, then time one query against 300 per-agency queries.
    await w.all(COVERAGE_ALL, PERIOD);
    const all = await timed(() => w.all(COVERAGE_ALL, PERIOD));
    if (all.result.length !== targets) throw new Error(`coverage returned ${all.result.length} cells, expected ${targets}`);
    // The baseline is timed on every 10th agency and scaled to all of them (its full cost is ~minutes at 1M).
    const sampled = Array.from({ length: shape.agencies / PER_AGENCY_SAMPLE_STEP }, (_, k) => k * PER_AGENCY_SAMPLE_STEP);
    const perAgency = await timed(async () => {
      let cells = 0;
      for (const a of sampled) cells += (await w.all(COVERAGE_ONE_AGENCY, { ...PERIOD, agency: agencyId(a) })).length;
      return cells;
    });
    if (perAgency.result !== sampled.length * shape.years * 4) throw new Error(`per-agency coverage returned ${perAgency.result} cells`);
    const perAgencyMs = (perAgency.seconds * 1000 * shape.agencies) / sampled.length;
    await w.close();

    const bulkRate = bulkN / appendSeconds;
    const naiveRate = naiveN / naiveRun.seconds;
    return {
      sizes: { bulk_articles: bulkN, naive_articles: naiveN, agencies: shape.agencies, quarters: shape.years * 4, coverage_cells: targets },
      notes: [`peak RSS after ingest ${ingestPeak} MB; each article also writes its label row`],
      figures: [
        compare(
          { name: `ingest ${bulkN.toLocaleString("en")} articles (Appender)`, value: bulkRate, unit: "rows/s" },
          { name: `row INSERT (${naiveN.toLocaleString("en")} rows)`, value: naiveRate, unit: "rows/s" },
          { higherIsBetter: true },
        ),
        compare(
          { name: `coverage query ${shape.agencies}×${shape.years * 4} at ${bulkN.toLocaleString("en")}`, value: all.seconds * 1000, unit: "ms" },
          { name: `${shape.agencies} per-agency queries (1 in ${PER_AGENCY_SAMPLE_STEP} timed)`, value: perAgencyMs, unit: "ms" },
          { higherIsBetter: false, target: "interactive (< 1,000 ms)", targetMet: all.seconds < 1 },
        ),
      ],
    };
  },
};
