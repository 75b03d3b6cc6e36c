-- The part of the printable scorecard's items (src/data/scorecard-items.zip.ts, one Arrow file per
-- part) that holds an agency's items: a fixed number of parts, an agency's part from the md5 of its
-- id (stable across builds and DuckDB versions). The page loads only the chosen agency's part, found
-- by the card's items_part; nothing else computes it.
CREATE OR REPLACE MACRO mart_scorecard_items_parts() AS 16;
CREATE OR REPLACE MACRO mart_scorecard_items_part(agency) AS CAST(md5_number(agency) % mart_scorecard_items_parts() AS INTEGER);

-- marts: the agency page (Cơ quan) and the matrix (Ma trận): per agency and year, how many
-- coverage rows it has in each status, how many are behind, and the items credited to it
-- (distinct items counted in its coverage rows).
CREATE OR REPLACE VIEW mart_agency_scorecard AS
SELECT c.agency_id, any_value(c.agency_name) AS agency_name, any_value(c.agency_kind) AS agency_kind, c.year,
       mart_scorecard_items_part(c.agency_id) AS items_part,
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

-- The printable scorecard (Thẻ điểm, src/the-diem.md and `cchc scorecard`): one row per item
-- behind a number — per agency, year, target and period, the items coverage_items counted
-- there, with what each added, its live link and its archived copy. The page lists them
-- under each target; it never counts them (the numbers are mart_coverage's).
CREATE OR REPLACE VIEW mart_scorecard_items AS
SELECT x.agency_id, x.year, mart_scorecard_items_part(x.agency_id) AS items_part, ci.target_id, ci.period, ci.item_key, ci.amount,
       i.title, i.url, i.archive_path, i.published_at, i.channel, i.channel_label, i.source_name, i.is_demo
FROM coverage_items ci
JOIN coverage x USING (target_id, agency_id, period)
JOIN mart_items i ON i.item_key = ci.item_key;
