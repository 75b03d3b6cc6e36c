-- staging: articles as crawled (latest version), with their source's channel and DEMO flag.
CREATE OR REPLACE VIEW stg_articles AS
SELECT a.article_id, a.source_id, a.item_id, a.url, a.title, a.published_at, a.published_text, a.date_source,
       a.body_text, a.byline, coalesce(a.media_kind, 'text') AS media_kind, a.version, a.first_seen_at, a.fetched_at,
       s.channel, s.agency_id AS source_agency_id, s.name AS source_name, s.is_demo
FROM articles a
JOIN sources s ON s.source_id = a.source_id;
