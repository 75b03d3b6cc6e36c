-- marts: the monthly briefing (Bản tin tháng). mart_briefing_month: per month with items,
-- the CCHC items and the agencies with items. mart_briefing_quarter: per quarter with
-- quarterly targets, the agencies that met one of them and those behind on one
-- (`behind`, mart_coverage); an agency can be in both lists.
CREATE OR REPLACE VIEW mart_briefing_month AS
SELECT year, month, year::VARCHAR || '-' || lpad(month::VARCHAR, 2, '0') AS month_key,
       year::VARCHAR || '-Q' || ((month + 2) // 3)::VARCHAR AS quarter_key,
       count(*) AS cchc_items, count(DISTINCT agency_id) AS agencies_with_items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, month;

CREATE OR REPLACE VIEW mart_briefing_quarter AS
SELECT period AS quarter_key,
       coalesce(list(DISTINCT agency_name ORDER BY agency_name) FILTER (WHERE status = 'met'), []::VARCHAR[]) AS met_agencies,
       coalesce(list(DISTINCT agency_name ORDER BY agency_name) FILTER (WHERE behind), []::VARCHAR[]) AS behind_agencies
FROM mart_coverage WHERE period_kind = 'quarter' GROUP BY period;

-- Per month and channel: the CCHC items (the overview's monthly chart, the briefing's channel list).
CREATE OR REPLACE VIEW mart_month_channel AS
SELECT year, month, year::VARCHAR || '-' || lpad(month::VARCHAR, 2, '0') AS month_key,
       channel, any_value(channel_label) AS channel_label, count(*) AS cchc_items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, month, channel;
