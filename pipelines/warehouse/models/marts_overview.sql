-- marts: the overview page (Tổng quan) for each year and period choice (quarter 0 = the whole
-- year, 1–4 = that quarter: its quarterly rows plus the yearly ones). The cards and the
-- per-target table draw these rows; the page computes no count.
CREATE OR REPLACE VIEW mart_overview_coverage AS
WITH years AS (
  SELECT DISTINCT year FROM coverage
  UNION SELECT DISTINCT year FROM mart_items WHERE year IS NOT NULL
), choices AS (
  SELECT y.year, q.quarter FROM years y CROSS JOIN (SELECT unnest([0, 1, 2, 3, 4]) AS quarter) q
)
SELECT ch.year AS choice_year, ch.quarter AS choice_quarter, c.*
FROM choices ch
JOIN mart_coverage c ON c.year = ch.year
 AND (ch.quarter = 0 OR c.period_kind = 'year' OR (c.period_kind = 'quarter' AND c.period = ch.year::VARCHAR || '-Q' || ch.quarter::VARCHAR));

CREATE OR REPLACE VIEW mart_overview AS
WITH years AS (
  SELECT DISTINCT year FROM coverage
  UNION SELECT DISTINCT year FROM mart_items WHERE year IS NOT NULL
), choices AS (
  SELECT y.year, q.quarter FROM years y CROSS JOIN (SELECT unnest([0, 1, 2, 3, 4]) AS quarter) q
), items AS (
  SELECT ch.year, ch.quarter, count(i.item_key) AS cchc_items, count(DISTINCT i.agency_id) AS agencies_with_items
  FROM choices ch
  LEFT JOIN mart_items i ON i.is_cchc AND i.year = ch.year AND (ch.quarter = 0 OR i.quarter = ch.quarter)
  GROUP BY ALL
), cov AS (
  SELECT choice_year AS year, choice_quarter AS quarter,
         count(DISTINCT agency_id) AS agencies_bound,
         count(DISTINCT agency_id) FILTER (WHERE behind) AS agencies_behind,
         count(DISTINCT target_id) AS targets
  FROM mart_overview_coverage GROUP BY ALL
)
SELECT ch.year, ch.quarter, coalesce(i.cchc_items, 0) AS cchc_items, coalesce(i.agencies_with_items, 0) AS agencies_with_items,
       coalesce(c.agencies_bound, 0) AS agencies_bound, coalesce(c.agencies_behind, 0) AS agencies_behind, coalesce(c.targets, 0) AS targets
FROM choices ch
LEFT JOIN items i USING (year, quarter)
LEFT JOIN cov c USING (year, quarter);

-- One row per (year, period choice, target): how many agencies it binds and how many are in each status.
CREATE OR REPLACE VIEW mart_overview_targets AS
SELECT choice_year AS year, choice_quarter AS quarter, target_id,
       any_value(target_label) AS target_label, any_value(plan) AS plan, any_value(clause) AS clause, any_value(period_kind) AS period_kind,
       any_value(provisional_label) AS provisional_label,  -- "tạm tính theo <plan> <clause>" for a provisional target (migration 120)
       count(DISTINCT agency_id) AS agencies,
       count(DISTINCT agency_id) FILTER (WHERE status = 'met') AS met,
       count(DISTINCT agency_id) FILTER (WHERE status = 'on_track') AS on_track,
       count(DISTINCT agency_id) FILTER (WHERE status = 'at_risk') AS at_risk,
       count(DISTINCT agency_id) FILTER (WHERE status = 'missed') AS missed,
       count(DISTINCT agency_id) FILTER (WHERE status = 'not_started') AS not_started
FROM mart_overview_coverage
GROUP BY ALL;
