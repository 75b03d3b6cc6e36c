-- marts: the channel page (Kênh) and the area page (Lĩnh vực). Every figure the pages draw,
-- for every choice of their filters: `year` 0 = all years, `agency_key` '*' = all agencies
-- ('' = the unattributed bucket). Shares are computed here, never on a page.

-- CCHC items per channel, for each (year | all) × (agency | all), with the channel's share.
CREATE OR REPLACE VIEW mart_channel_mix AS
WITH g AS (
  SELECT CASE WHEN grouping(year) = 1 THEN 0 ELSE year END AS year,
         CASE WHEN grouping(agency_id) = 1 THEN '*' ELSE coalesce(agency_id, '') END AS agency_key,
         any_value(agency_name) AS agency_name, channel, any_value(channel_label) AS channel_label, count(*) AS items
  FROM mart_items WHERE is_cchc AND year IS NOT NULL
  GROUP BY GROUPING SETS ((year, agency_id, channel), (year, channel), (agency_id, channel), (channel))
)
SELECT year, agency_key, CASE WHEN agency_key = '*' THEN NULL ELSE agency_name END AS agency_name, channel, channel_label, items,
       items / sum(items) OVER (PARTITION BY year, agency_key) AS share
FROM g;

-- CCHC items per quarter and channel, for each agency | all.
CREATE OR REPLACE VIEW mart_channel_quarters AS
SELECT year, quarter, year::VARCHAR || '-Q' || quarter::VARCHAR AS period,
       CASE WHEN grouping(agency_id) = 1 THEN '*' ELSE coalesce(agency_id, '') END AS agency_key,
       channel, any_value(channel_label) AS channel_label, count(*) AS items
FROM mart_items WHERE is_cchc AND year IS NOT NULL
GROUP BY GROUPING SETS ((year, quarter, agency_id, channel), (year, quarter, channel));

-- CCHC items per reform area (every area of an item: an item in two areas counts in both),
-- per year, quarter and agency.
CREATE OR REPLACE VIEW mart_area_mix AS
SELECT i.year, i.quarter, i.year::VARCHAR || '-Q' || i.quarter::VARCHAR AS period, coalesce(i.agency_id, '') AS agency_key,
       any_value(i.agency_name) AS agency_name, a.area, any_value(coalesce(v.label, 'Không rõ (' || a.area || ')')) AS area_label, count(*) AS items
FROM mart_items i
CROSS JOIN LATERAL (SELECT unnest(string_split(i.areas, ',')) AS area) a
LEFT JOIN vocabulary v ON v.domain = 'reform_area' AND v.code = a.area
WHERE i.is_cchc AND i.year IS NOT NULL AND a.area <> ''
GROUP BY i.year, i.quarter, i.agency_id, a.area;

-- The area page's charts, summed in the warehouse so the page draws without grouping (at 100,000
-- articles mart_area_mix has ~15,000 rows): per quarter and area, every agency together; and per
-- (year | all = 0) × agency × area.
CREATE OR REPLACE VIEW mart_area_quarters AS
SELECT year, quarter, period, area, sum(items) AS items
FROM mart_area_mix
GROUP BY year, quarter, period, area;

CREATE OR REPLACE VIEW mart_area_agencies AS
SELECT CASE WHEN grouping(year) = 1 THEN 0 ELSE year END AS year, agency_key, any_value(agency_name) AS agency_name, area, sum(items) AS items
FROM mart_area_mix
GROUP BY GROUPING SETS ((year, agency_key, area), (agency_key, area));

-- CCHC items naming each governance index, per year and quarter.
CREATE OR REPLACE VIEW mart_index_mix AS
SELECT i.year, i.quarter, i.year::VARCHAR || '-Q' || i.quarter::VARCHAR AS period, x.ix AS index_name, count(*) AS items
FROM mart_items i
CROSS JOIN LATERAL (SELECT unnest(string_split(i.indices, ',')) AS ix) x
WHERE i.is_cchc AND i.year IS NOT NULL AND x.ix <> ''
GROUP BY ALL;
