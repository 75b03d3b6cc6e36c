-- marts: the data page (Dữ liệu) — each source's health (crawl_source_overview, migration 032) with labels.
CREATE OR REPLACE VIEW mart_source_health AS
SELECT o.*, vh.label AS health_label, vr.label AS last_run_status_label
FROM crawl_source_overview o
LEFT JOIN vocabulary vh ON vh.domain = 'source_health' AND vh.code = o.health
LEFT JOIN vocabulary vr ON vr.domain = 'run_status' AND vr.code = o.last_run_status;
