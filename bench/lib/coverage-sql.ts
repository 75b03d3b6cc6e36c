/**
 * Coverage-vs-targets queries used by the benchmarks: published CCHC articles
 * per agency and calendar quarter (Asia/Ho_Chi_Minh, the session time zone)
 * against the target of that agency and quarter. Parameterised.
 */

/** One query for every agency × quarter in [$from, $to). */
export const COVERAGE_ALL = `
WITH published AS (
  SELECT l.agency_id,
         date_part('year', a.published_at)::INTEGER AS year,
         date_part('quarter', a.published_at)::INTEGER AS quarter,
         count(*) AS n
  FROM articles a JOIN bench_article_labels l USING (article_id)
  WHERE l.is_cchc AND a.published_at >= $from::TIMESTAMPTZ AND a.published_at < $to::TIMESTAMPTZ
  GROUP BY ALL
)
SELECT t.agency_id, t.year, t.quarter, t.required, coalesce(p.n, 0) AS published, coalesce(p.n, 0) >= t.required AS met
FROM bench_targets t LEFT JOIN published p USING (agency_id, year, quarter)
WHERE make_timestamptz(t.year, (t.quarter - 1) * 3 + 1, 1, 0, 0, 0) >= $from::TIMESTAMPTZ
  AND make_timestamptz(t.year, (t.quarter - 1) * 3 + 1, 1, 0, 0, 0) < $to::TIMESTAMPTZ
ORDER BY t.agency_id, t.year, t.quarter`;

/** The naive baseline: the same figures, one agency per query (what a page-per-agency loop would do). */
export const COVERAGE_ONE_AGENCY = `
WITH published AS (
  SELECT date_part('year', a.published_at)::INTEGER AS year,
         date_part('quarter', a.published_at)::INTEGER AS quarter,
         count(*) AS n
  FROM articles a JOIN bench_article_labels l USING (article_id)
  WHERE l.is_cchc AND l.agency_id = $agency AND a.published_at >= $from::TIMESTAMPTZ AND a.published_at < $to::TIMESTAMPTZ
  GROUP BY ALL
)
SELECT t.year, t.quarter, t.required, coalesce(p.n, 0) AS published
FROM bench_targets t LEFT JOIN published p USING (year, quarter)
WHERE t.agency_id = $agency
ORDER BY t.year, t.quarter`;

/**
 * National coverage from partitioned Parquet (hive partitions province=…/year=…):
 * CCHC articles per province, agency and quarter against targets. `$glob` picks
 * the files (all provinces, or one province's folder: pruning by path), and
 * `$province` (NULL for all) the targets to report.
 */
export const NATIONAL_COVERAGE = `
WITH published AS (
  SELECT province, agency_id, year, date_part('quarter', published_at)::INTEGER AS quarter, count(*) AS n
  FROM read_parquet($glob, hive_partitioning = true)
  WHERE is_cchc
  GROUP BY ALL
)
SELECT t.province, t.agency_id, t.year, t.quarter, t.required, coalesce(p.n, 0) AS published, coalesce(p.n, 0) >= t.required AS met
FROM national_targets t LEFT JOIN published p USING (province, agency_id, year, quarter)
WHERE $province::VARCHAR IS NULL OR t.province = $province::VARCHAR`;
