-- What the health page reads in one query: each source's health with its latest run's figures.
CREATE VIEW crawl_source_overview AS
SELECT
  s.source_id,
  s.name,
  s.is_demo,
  coalesce(h.status, 'never_crawled') AS health,
  coalesce(h.flags_json, '[]') AS flags_json,
  h.last_success_at,
  r.run_id AS last_run_id,
  r.started_at AS last_run_at,
  r.status AS last_run_status,
  r.pages,
  r.requests,
  r.new_articles,
  r.changed_articles,
  r.errors,
  r.errors_by_kind,
  r.retries,
  r.bytes,
  r.duration_ms,
  r.paused_hosts
FROM sources s
LEFT JOIN source_health h USING (source_id)
LEFT JOIN (
  SELECT *, row_number() OVER (PARTITION BY source_id ORDER BY started_at DESC) AS rn FROM crawl_run_sources
) r ON r.source_id = s.source_id AND r.rn = 1;
