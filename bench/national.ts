/**
 * National simulation: 34 provinces, ~4,000 sources (one agency each),
 * 5,000,000 articles over 2022–2025, written by DuckDB as Parquet partitioned by
 * province and year, then the coverage-per-province/agency/quarter query read
 * straight from the files. Baseline: the same query on one province, scaled ×34
 * (ratio ≈ 1 means the national query costs what 34 provincial ones would).
 */
import { readdirSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import { Warehouse } from "../pipelines/warehouse/db.ts";
import { NATIONAL_COVERAGE } from "./lib/coverage-sql.ts";
import { peakRssMb, requireFreeDisk, sqlLiteral, timed } from "./lib/measure.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const PROVINCES = 34;
const SOURCES = 4_000;
const FROM_YEAR = 2022;
const YEARS = 4;

/** Deterministic synthetic articles: every column is a hash of the row number and a fixed salt. */
const ARTICLES_SQL = `
WITH base AS (
  SELECT i, hash(i, 'src') % $sources AS s, hash(i, 'day') % (365 * $years) AS d, hash(i, 'min') % 1440 AS m
  FROM range($articles) t(i)
)
SELECT 'p' || lpad((s % $provinces)::VARCHAR, 2, '0') AS province,
       'agency-' || lpad(s::VARCHAR, 4, '0') AS agency_id,
       'src-' || lpad(s::VARCHAR, 4, '0') AS source_id,
       'src-' || lpad(s::VARCHAR, 4, '0') || ':' || i AS article_id,
       make_timestamptz($from_year, 1, 1, 0, 0, 0) + to_days(d::INTEGER) + to_minutes(m::INTEGER) AS published_at,
       date_part('year', make_timestamptz($from_year, 1, 1, 0, 0, 0) + to_days(d::INTEGER))::INTEGER AS year,
       hash(i, 'cchc') % 10 < 3 AS is_cchc,
       list_element(['Triển khai', 'Tổng kết', 'Đẩy mạnh', 'Kiểm tra'], (hash(i, 't1') % 4 + 1)::INTEGER) || ' ' ||
       list_element(['cải cách hành chính', 'chuyển đổi số', 'dịch vụ công trực tuyến', 'lễ hội văn hóa', 'phòng chống dịch'],
                    (hash(i, 't2') % 5 + 1)::INTEGER) || ' năm ' || (2022 + d // 365) AS title
FROM base`;

function duSize(dir: string): number {
  let total = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    total += entry.isDirectory() ? duSize(p) : statSync(p).size;
  }
  return total;
}

export const nationalBench: Benchmark = {
  name: "national",
  description: "National simulation: 34 provinces, ~4,000 sources, partitioned Parquet queried by DuckDB",
  async run({ quick, tmpDir, log }) {
    const articles = quick ? 500_000 : 5_000_000;
    requireFreeDisk(tmpDir, articles * 400, "national simulation");
    const out = join(tmpDir, "national");
    const w = await Warehouse.open(join(tmpDir, "national.duckdb"));
    const params = { articles, sources: SOURCES, provinces: PROVINCES, years: YEARS, from_year: FROM_YEAR };
    // Baseline: the same rows into one unpartitioned Parquet file.
    const single = await timed(() =>
      w.run(`COPY (${ARTICLES_SQL}) TO ${sqlLiteral(join(tmpDir, "single.parquet"))} (FORMAT parquet, COMPRESSION zstd)`, params),
    );
    rmSync(join(tmpDir, "single.parquet"));
    const generate = await timed(() =>
      w.run(`COPY (${ARTICLES_SQL}) TO ${sqlLiteral(out)} (FORMAT parquet, PARTITION_BY (province, year), COMPRESSION zstd)`, params),
    );
    const glob = join(out, "**", "*.parquet");
    const written = Number((await w.one("SELECT count(*) AS n FROM read_parquet($glob, hive_partitioning = true)", { glob }))!.n);
    const bytes = duSize(out);
    log(`wrote ${written} articles, ${(bytes / 1e6).toFixed(0)} MB Parquet in ${generate.seconds.toFixed(1)} s`);
    await w.run(
      `CREATE TABLE national_targets AS
       SELECT 'p' || lpad((s % $provinces)::VARCHAR, 2, '0') AS province, 'agency-' || lpad(s::VARCHAR, 4, '0') AS agency_id,
              y::INTEGER AS year, q::INTEGER AS quarter, (1 + (s + q) % 4)::INTEGER AS required
       FROM range($sources) a(s), range($from_year, $to_year) b(y), range(1, 5) c(q)`,
      { sources: SOURCES, provinces: PROVINCES, from_year: FROM_YEAR, to_year: FROM_YEAR + YEARS },
    );
    const national = await timed(() => w.all(NATIONAL_COVERAGE, { glob, province: null }));
    const expected = SOURCES * YEARS * 4;
    if (national.result.length !== expected) throw new Error(`national coverage returned ${national.result.length} cells, expected ${expected}`);
    const one = await timed(() => w.all(NATIONAL_COVERAGE, { glob: join(out, "province=p07", "**", "*.parquet"), province: "p07" }));
    if (one.result.length === 0) throw new Error("one-province coverage returned nothing");
    await w.close();
    return {
      sizes: { articles: written, provinces: PROVINCES, sources: SOURCES, quarters: YEARS * 4, parquet_mb: Math.round(bytes / 1e6), coverage_cells: expected },
      notes: [`peak RSS ${peakRssMb()} MB (DuckDB default memory limit, 2 threads)`],
      figures: [
        compare(
          { name: `write ${written.toLocaleString("en")} articles as Parquet`, value: written / generate.seconds, unit: "rows/s" },
          { name: "one unpartitioned file", value: written / single.seconds, unit: "rows/s" },
          { higherIsBetter: true },
        ),
        compare(
          { name: `national coverage ${PROVINCES} provinces × agencies × ${YEARS * 4} quarters`, value: national.seconds * 1000, unit: "ms" },
          { name: "one province × 34", value: one.seconds * 1000 * PROVINCES, unit: "ms" },
          { higherIsBetter: false, target: "< 10,000 ms", targetMet: national.seconds < 10 },
        ),
      ],
    };
  },
};
