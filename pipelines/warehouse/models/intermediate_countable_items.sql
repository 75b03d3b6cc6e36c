-- intermediate: the counting rule. CCHC articles only (after overrides), one per
-- (syndication cluster, agency, channel): the earliest published copy, undated last,
-- ties by article_id. Labels, attribution and clusters are written by `cchc analyse`.
CREATE OR REPLACE VIEW countable_items AS
WITH items AS (
  SELECT a.article_id, c.cluster_id, t.agency_id, a.channel, a.published_at, a.published_text,
         CASE WHEN l.areas = '' THEN []::VARCHAR[] ELSE string_split(l.areas, ',') END AS areas,
         l.primary_area, a.title, a.url, a.source_id, a.is_demo, a.media_kind,
         t.method AS attribution_method, t.confidence AS attribution_confidence
  FROM stg_articles a
  JOIN article_labels l ON l.article_id = a.article_id
  JOIN article_attribution t ON t.article_id = a.article_id
  JOIN article_clusters c ON c.article_id = a.article_id
  WHERE l.is_cchc
), ranked AS (
  SELECT *,
         row_number() OVER (PARTITION BY cluster_id, agency_id, channel ORDER BY published_at ASC NULLS LAST, article_id) AS rn,
         count(*) OVER (PARTITION BY cluster_id, agency_id, channel) AS copies
  FROM items
)
SELECT article_id, cluster_id, agency_id, channel, published_at, published_text, areas, primary_area, title, url,
       source_id, is_demo, attribution_method, attribution_confidence, copies, media_kind
FROM ranked WHERE rn = 1;
