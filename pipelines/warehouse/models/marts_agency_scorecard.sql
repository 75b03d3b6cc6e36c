-- marts: the agency page (Cơ quan) and the matrix (Ma trận): per agency and year, how many
-- coverage rows it has in each status, how many are behind, and the items credited to it
-- (distinct items counted in its coverage rows).
CREATE OR REPLACE VIEW mart_agency_scorecard AS
SELECT c.agency_id, any_value(c.agency_name) AS agency_name, any_value(c.agency_kind) AS agency_kind, c.year,
       count(*) AS rows,
       count(*) FILTER (WHERE c.status = 'met') AS met,
       count(*) FILTER (WHERE c.status = 'on_track') AS on_track,
       count(*) FILTER (WHERE c.status = 'at_risk') AS at_risk,
       count(*) FILTER (WHERE c.status = 'missed') AS missed,
       count(*) FILTER (WHERE c.status = 'not_started') AS not_started,
       count(*) FILTER (WHERE c.behind) AS behind,
       (SELECT count(DISTINCT ci.item_key) FROM coverage_items ci JOIN coverage x USING (target_id, agency_id, period)
         WHERE ci.agency_id = c.agency_id AND x.year = c.year) AS items_counted
FROM mart_coverage c
GROUP BY c.agency_id, c.year;
