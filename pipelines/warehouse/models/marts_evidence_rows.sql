-- marts: evidence rows for assessors (domain README §5): one row per countable item,
-- with the targets it counts toward (from coverage_items), Vietnamese labels, and
-- match_ids for an agency filter. `cchc export evidence` and the Minh chứng page read it.
CREATE OR REPLACE VIEW mart_evidence_rows AS
WITH per_item AS (
  SELECT ci.item_key,
         -- a provisional target is cited by its label ("tạm tính theo <plan> <clause>"), never as the plan's own number
         string_agg(DISTINCT coalesce(c.provisional_label, c.plan || ' ' || c.clause), '; ' ORDER BY coalesce(c.provisional_label, c.plan || ' ' || c.clause)) AS targets,
         string_agg(DISTINCT c.target_id, ',' ORDER BY c.target_id) AS target_ids,
         list(DISTINCT c.target_id) AS target_list,
         string_agg(DISTINCT c.period_label, '; ' ORDER BY c.period_label) AS target_periods
  FROM coverage_items ci
  JOIN coverage c USING (target_id, agency_id, period)
  GROUP BY ci.item_key
)
SELECT i.item_key, i.agency_id, i.agency_name, i.successor_id, i.successor_name, i.match_ids,
       i.year, i.period,
       CASE WHEN i.quarter IS NOT NULL THEN 'Quý ' || ['I', 'II', 'III', 'IV'][i.quarter] || '/' || i.year::VARCHAR END AS period_label,
       i.channel, i.channel_label, i.published_at, i.published_text, i.title, coalesce(i.url, i.reference) AS url,
       i.primary_area AS reform_area, i.area_label AS reform_area_label, i.media_kind, i.media_kind_label,
       i.sessions, i.attendance, i.quantity,
       p.targets, p.target_ids, coalesce(p.target_list, []::VARCHAR[]) AS target_list, p.target_periods,
       i.collected_at, i.source_id, i.source_name, i.is_demo, i.archive_path
FROM mart_items i
LEFT JOIN per_item p USING (item_key);
