-- marts: coverage rows (written by the report step's engine, pipelines/report/) with
-- the agency, the counted items from coverage_items (never a second count) and labels.
-- `behind` is the one definition of "an agency behind on a target" every page uses:
-- status at_risk (behind pace, or late in the window) or missed.
CREATE OR REPLACE VIEW mart_coverage AS
SELECT c.target_id, c.plan, c.clause, c.target_label, c.agency_id, a.name AS agency_name, a.kind AS agency_kind,
       c.channels, c.topic, c.measure, c.period_kind, c.period, c.period_label, c.period_start, c.period_end,
       c.year, c.minimum, c.has_minimum, c.actual, c.gap, c.elapsed_share, c.status,
       c.status IN ('at_risk', 'missed') AS behind,
       c.provisional, c.provisional_label,  -- a target carried from an earlier plan: "tạm tính theo <plan> <clause>" (migration 120)
       coalesce(ci.item_keys, []::VARCHAR[]) AS item_keys, coalesce(ci.items, 0) AS items,
       vs.label AS status_label, vm.label AS measure_label, vm.short_label AS measure_unit, vk.label AS agency_kind_label,
       EXISTS (SELECT 1 FROM sources s WHERE s.is_demo) AS is_demo
FROM coverage c
LEFT JOIN agencies a USING (agency_id)
LEFT JOIN (
  SELECT target_id, agency_id, period, list(item_key ORDER BY item_key) AS item_keys, count(*) AS items
  FROM coverage_items GROUP BY ALL
) ci USING (target_id, agency_id, period)
LEFT JOIN vocabulary vs ON vs.domain = 'coverage_status' AND vs.code = c.status
LEFT JOIN vocabulary vm ON vm.domain = 'measure' AND vm.code = c.measure
LEFT JOIN vocabulary vk ON vk.domain = 'agency_kind' AND vk.code = a.kind;
