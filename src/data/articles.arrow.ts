// Articles in the warehouse, one row each, with their source and quarter (Asia/Ho_Chi_Minh).
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse((w) =>
  w.all(`
    SELECT a.article_id, a.title, a.url, a.source_id, s.name AS source_name, s.channel, s.is_demo,
           coalesce(s.agency_id, 'chua-xac-dinh') AS agency_key,
           strftime(a.published_at, '%Y-%m-%dT%H:%M:%S+07:00') AS published_at,
           a.published_text,
           year(a.published_at) AS year,
           quarter(a.published_at) AS quarter,
           CASE WHEN a.published_at IS NULL THEN NULL
                ELSE year(a.published_at)::VARCHAR || '-Q' || quarter(a.published_at)::VARCHAR END AS period,
           strftime(a.fetched_at, '%Y-%m-%dT%H:%M:%S+07:00') AS fetched_at
    FROM articles a JOIN sources s USING (source_id)
    ORDER BY a.published_at DESC NULLS LAST, a.article_id
  `),
);

writeArrow(rows, {
  article_id: "string",
  title: "string",
  url: "string",
  source_id: "string",
  source_name: "string",
  channel: "string",
  is_demo: "boolean",
  agency_key: "string",
  published_at: "string",
  published_text: "string",
  year: "number",
  quarter: "number",
  period: "string",
  fetched_at: "string",
});
