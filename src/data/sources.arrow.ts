// Data health per source: last run, errors by kind, items, staleness and flags. See docs/site-data.md.
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const ISO = (c: string) => `strftime(${c}, '%Y-%m-%dT%H:%M:%S+07:00')`;

const rows = await withLoaderWarehouse((w) =>
  w.all(`
    WITH last_run AS (
      SELECT * FROM crawl_run_sources
      QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY started_at DESC) = 1
    ),
    last_ok AS (
      SELECT source_id, max(finished_at) AS last_ok_at FROM crawl_run_sources WHERE status = 'ok' GROUP BY source_id
    ),
    item_counts AS (
      SELECT source_id, count(*) AS items, count(*) FILTER (WHERE published_at IS NULL) AS undated_items
      FROM articles GROUP BY source_id
    ),
    all_sources AS (
      SELECT source_id, name, agency_id, channel, platform, is_demo, TRUE AS crawlable, NULL AS schedule FROM sources
      UNION ALL
      SELECT r.source_id, r.name, r.agency_id, r.channel, coalesce(r.platform, ''), r.is_demo, r.crawlable, r.schedule
      FROM registry_sources r
      WHERE NOT EXISTS (SELECT 1 FROM sources s WHERE s.source_id = r.source_id)
        AND NOT r.is_demo
    )
    SELECT s.source_id, s.name, s.agency_id, ag.name AS agency_name, s.channel, s.platform, s.is_demo, s.crawlable,
           ${ISO("r.started_at")} AS last_run_at, ${ISO("o.last_ok_at")} AS last_ok_at, r.status AS last_status,
           coalesce(r.pages, 0) AS pages, coalesce(r.new_articles, 0) AS new_articles,
           coalesce(r.errors, 0) AS errors_total, coalesce(r.errors_by_kind, '{}') AS errors_json,
           coalesce(i.items, 0) AS items, coalesce(i.undated_items, 0) AS undated_items,
           coalesce(h.status, CASE WHEN s.crawlable THEN 'never_crawled' ELSE 'not_crawlable' END) AS health,
           h.status IN ('warning', 'broken') OR (s.crawlable AND o.last_ok_at IS NULL) AS stale,
           coalesce(h.flags_json, '[]') AS flags
    FROM all_sources s
    LEFT JOIN last_run r USING (source_id)
    LEFT JOIN last_ok o USING (source_id)
    LEFT JOIN item_counts i USING (source_id)
    LEFT JOIN source_health h USING (source_id)
    LEFT JOIN agencies ag ON ag.agency_id = s.agency_id
    ORDER BY s.is_demo DESC, s.name`),
);

writeArrow(rows, {
  source_id: "string",
  name: "string",
  agency_id: "string",
  agency_name: "string",
  channel: "string",
  platform: "string",
  is_demo: "boolean",
  crawlable: "boolean",
  last_run_at: "string",
  last_ok_at: "string",
  last_status: "string",
  pages: "number",
  new_articles: "number",
  errors_total: "number",
  errors_json: "string",
  items: "number",
  undated_items: "number",
  health: "string",
  stale: "boolean",
  flags: "string",
});
