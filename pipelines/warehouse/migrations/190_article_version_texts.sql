-- Each text is stored once: the current version's body is articles.body_text, and its
-- article_versions row keeps body_text NULL; a version's body is written into its row when a
-- newer version supersedes it (pipelines/warehouse/articles.ts, in the same transaction).
-- Read versions with their text through stg_article_versions (models/staging_article_versions.sql).
-- Rows written before this migration keep their (duplicated) body.
ALTER TABLE article_versions ALTER COLUMN body_text DROP NOT NULL;
