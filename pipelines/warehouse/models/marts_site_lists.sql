-- marts: page-shaped data for the site at scale (docs/site-data.md, issue 18): small summaries a page
-- draws before its first chart, and the item lists it fetches only when a reader opens them.

-- The Dữ liệu page's review lists: CCHC items with no agency, no date, or an attribution below full
-- confidence; `confidence_pct` (whole percent, rounded down) is what the page's threshold compares.
CREATE OR REPLACE VIEW mart_review_items AS
SELECT i.item_key, i.article_id, i.title, i.url, i.source_name, i.channel, i.agency_id, i.agency_name,
       i.attribution, i.attribution_confidence,
       CAST(floor(coalesce(i.attribution_confidence, 0) * 100 + 1e-9) AS INTEGER) AS confidence_pct,
       i.published_at, i.primary_area, i.archive_path, i.is_demo
FROM mart_items i
WHERE i.is_cchc AND (i.agency_id IS NULL OR i.published_at IS NULL OR coalesce(i.attribution_confidence, 0) < 1);

-- Its counts: unattributed, undated, and attributed items per confidence percent (the page adds the
-- percents below its threshold, the same rule as the list it opens).
CREATE OR REPLACE VIEW mart_review_summary AS
SELECT CASE WHEN agency_id IS NULL THEN 'unattributed' ELSE 'attributed' END AS attributed,
       published_at IS NULL AS undated,
       CASE WHEN agency_id IS NOT NULL THEN confidence_pct END AS confidence_pct,
       count(*) AS items
FROM mart_review_items
GROUP BY ALL;

-- The Minh chứng page's summary: evidence rows per year, period, agency, targets and reason (the
-- page's filters and counts), so the rows themselves load only when the list or a download is opened.
CREATE OR REPLACE VIEW mart_evidence_summary AS
SELECT e.year, e.period, e.agency_name, e.targets, t.counted, t.uncounted_reason_label, count(*) AS items
FROM mart_evidence_rows e
JOIN mart_item_targets t USING (item_key)
GROUP BY ALL;
