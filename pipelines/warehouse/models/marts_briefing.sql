-- marts: the monthly briefing (Bản tin tháng). mart_briefing_month: per month with items,
-- the CCHC items and the agencies with items. mart_briefing_quarter: per quarter with
-- quarterly targets, the agencies that met one of them and those behind on one
-- (`behind`, mart_coverage); an agency can be in both lists.
CREATE OR REPLACE VIEW mart_briefing_month AS
SELECT year, month, year::VARCHAR || '-' || lpad(month::VARCHAR, 2, '0') AS month_key,
       year::VARCHAR || '-Q' || ((month + 2) // 3)::VARCHAR AS quarter_key,
       count(*) AS cchc_items, count(DISTINCT agency_id) AS agencies_with_items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, month;

-- The status counts are the quarter's coverage rows (one per quarterly target and agency) by status.
CREATE OR REPLACE VIEW mart_briefing_quarter AS
SELECT period AS quarter_key,
       coalesce(list(DISTINCT agency_name ORDER BY agency_name) FILTER (WHERE status = 'met'), []::VARCHAR[]) AS met_agencies,
       coalesce(list(DISTINCT agency_name ORDER BY agency_name) FILTER (WHERE behind), []::VARCHAR[]) AS behind_agencies,
       count(*) AS rows, count(DISTINCT agency_id) AS agencies,
       count(*) FILTER (WHERE status = 'met') AS met, count(*) FILTER (WHERE status = 'on_track') AS on_track,
       count(*) FILTER (WHERE status = 'at_risk') AS at_risk, count(*) FILTER (WHERE status = 'missed') AS missed,
       count(*) FILTER (WHERE status = 'not_started') AS not_started
FROM mart_coverage WHERE period_kind = 'quarter' GROUP BY period;

-- Every agency behind in a quarter (the whole list, never cut), with what it lacks: per quarterly
-- target it is behind on, the clause, actual, minimum, gap and status (mart_coverage's `behind`).
CREATE OR REPLACE VIEW mart_briefing_behind AS
SELECT period AS quarter_key, agency_id, any_value(agency_name) AS agency_name,
       list({'target_label': target_label, 'basis': coalesce(provisional_label, plan || ', mục ' || clause), 'measure_unit': measure_unit,
             'actual': actual, 'minimum': minimum, 'gap': gap, 'status': status, 'status_label': status_label}
            ORDER BY plan, clause, target_id) AS lacks
FROM mart_coverage WHERE period_kind = 'quarter' AND behind GROUP BY period, agency_id;

-- Items the briefing must never put forward as notable, with why (one row per item and reason):
--   hostile_title  a title a spreadsheet would read as a formula (= + - @, also full-width, behind
--                  spaces or control characters) or that carries markup/script (<tag, javascript:,
--                  on…= handlers) — the DEMO farm plants such a test item;
--   unattributed   no agency credited;
--   needs_review   the attributor asked an analyst to confirm (tie, low confidence: attribution_review);
--   undated        no publication date found.
-- Analyst-excluded items never reach mart_items (countable_items keeps CCHC items after overrides).
CREATE OR REPLACE VIEW mart_briefing_flags AS
SELECT item_key, 'hostile_title' AS flag FROM mart_items
WHERE regexp_matches(title, '^[\s\x00-\x1f\x7f]*[=+\-@＝＋－＠]')
   OR regexp_matches(lower(title), '<\s*/?\s*[a-z!?]|javascript\s*:|\bon[a-z]+\s*=|[\x00-\x08]')
UNION ALL SELECT item_key, 'unattributed' FROM mart_items WHERE agency_id IS NULL
UNION ALL SELECT i.item_key, 'needs_review' FROM mart_items i JOIN attribution_review r ON r.article_id = i.article_id
UNION ALL SELECT item_key, 'undated' FROM mart_items WHERE published_at IS NULL;

-- The rule for "Tin, bài tiêu biểu", defined once: per month, the CCHC items with no flag
-- (mart_briefing_flags), highest classifier score first, then newest, then item_key; the first 6.
CREATE OR REPLACE VIEW mart_briefing_notable AS
SELECT * FROM (
  SELECT year::VARCHAR || '-' || lpad(month::VARCHAR, 2, '0') AS month_key, item_key, title, url, archive_path,
         agency_id, agency_name, channel, channel_label, published_at, score, is_demo,
         row_number() OVER (PARTITION BY year, month ORDER BY score DESC, published_at DESC, item_key) AS rank
  FROM mart_items i
  WHERE is_cchc AND year IS NOT NULL AND NOT EXISTS (SELECT 1 FROM mart_briefing_flags f WHERE f.item_key = i.item_key)
) WHERE rank <= 6;

-- Per month and channel: the CCHC items (the overview's monthly chart, the briefing's channel list).
CREATE OR REPLACE VIEW mart_month_channel AS
SELECT year, month, year::VARCHAR || '-' || lpad(month::VARCHAR, 2, '0') AS month_key,
       channel, any_value(channel_label) AS channel_label, count(*) AS cchc_items
FROM mart_items WHERE is_cchc AND year IS NOT NULL GROUP BY year, month, channel;
