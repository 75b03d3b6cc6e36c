-- marts: the channel page (Kênh) and the area page (Lĩnh vực): CCHC items per year, quarter,
-- agency and channel / primary reform area, with Vietnamese labels.
CREATE OR REPLACE VIEW mart_channel_mix AS
SELECT year, quarter, agency_id, any_value(agency_name) AS agency_name, channel, any_value(channel_label) AS channel_label, count(*) AS items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, quarter, agency_id, channel;

CREATE OR REPLACE VIEW mart_area_mix AS
SELECT year, quarter, agency_id, any_value(agency_name) AS agency_name, primary_area AS area, any_value(area_label) AS area_label, count(*) AS items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, quarter, agency_id, primary_area;
