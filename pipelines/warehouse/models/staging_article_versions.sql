-- staging: every version of every article with its text. The current version's text is stored
-- once, in articles (its article_versions.body_text is NULL: migration 190).
CREATE OR REPLACE VIEW stg_article_versions AS
SELECT v.article_id, v.version, v.content_hash, v.title,
       CASE WHEN v.body_text IS NULL AND a.version = v.version THEN a.body_text ELSE v.body_text END AS body_text,
       v.published_at, v.fetched_at
FROM article_versions v
LEFT JOIN articles a ON a.article_id = v.article_id;
