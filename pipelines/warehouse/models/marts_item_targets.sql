-- marts: per countable item, the targets it counts toward with each coverage row's status
-- (from coverage_items: never a second count), or, for an item that counts toward none, why
-- (vocabulary uncounted_reason). The reason is read off the coverage rows of the item's year,
-- in this order: the year has no coverage row at all; the item has no agency; no row binds an
-- agency it is credited to (agency_ended when its agency had ended before the item's date);
-- no such row counts its channel; otherwise it matched no row's topic, measure or window.
-- The Minh chứng page (counted vs not counted), the item search and docs/dashboard.md read it.
CREATE OR REPLACE VIEW mart_item_targets AS
WITH counted AS (
  SELECT ci.item_key,
         count(*) AS target_rows,
         string_agg(coalesce(c.provisional_label, c.plan || ' ' || c.clause) || ' · ' || c.period_label || ': ' || coalesce(c.status_label, c.status),
                    '; ' ORDER BY c.plan, c.clause, c.period_start) AS target_status,
         -- the least advanced status among the rows it counts in (missed first), for sorting and a badge
         arg_min(c.status, CASE c.status WHEN 'missed' THEN 0 WHEN 'at_risk' THEN 1 WHEN 'on_track' THEN 2 WHEN 'not_started' THEN 3 ELSE 4 END) AS worst_status
  FROM coverage_items ci
  JOIN mart_coverage c USING (target_id, agency_id, period)
  GROUP BY ci.item_key
),
year_rows AS (SELECT DISTINCT year, agency_id, channels FROM coverage),
reasons AS (
  SELECT i.item_key,
         CASE
           WHEN i.year IS NULL OR NOT EXISTS (SELECT 1 FROM year_rows y WHERE y.year = i.year) THEN 'no_targets_year'
           WHEN i.agency_id IS NULL THEN 'unattributed'
           WHEN NOT EXISTS (SELECT 1 FROM year_rows y WHERE y.year = i.year AND list_contains(coalesce(nullif(i.credited_ids, []), [i.agency_id]), y.agency_id))
             THEN CASE WHEN ag.valid_to IS NOT NULL AND ag.valid_to < i.published_at::DATE THEN 'agency_ended' ELSE 'agency_not_bound' END
           WHEN NOT EXISTS (SELECT 1 FROM year_rows y WHERE y.year = i.year AND list_contains(coalesce(nullif(i.credited_ids, []), [i.agency_id]), y.agency_id)
                              AND list_contains(string_split(y.channels, ','), i.channel)) THEN 'channel_not_counted'
           ELSE 'not_matched'
         END AS reason
  FROM mart_items i
  LEFT JOIN agencies ag ON ag.agency_id = i.agency_id
  WHERE i.item_key NOT IN (SELECT item_key FROM counted)
)
SELECT i.item_key, i.year,
       c.item_key IS NOT NULL AS counted,
       coalesce(c.target_rows, 0) AS target_rows,
       c.target_status, c.worst_status,
       r.reason AS uncounted_reason,
       vr.label AS uncounted_reason_label
FROM mart_items i
LEFT JOIN counted c ON c.item_key = i.item_key
LEFT JOIN reasons r ON r.item_key = i.item_key
LEFT JOIN vocabulary vr ON vr.domain = 'uncounted_reason' AND vr.code = r.reason;
