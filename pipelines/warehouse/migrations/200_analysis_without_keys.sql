-- The analysis tables without their PRIMARY KEY (issue 18): `cchc report` replaces them as a whole
-- in one transaction, and DuckDB kept an ART index of article_id for each, maintained on every
-- append and merged at the commit (~1 CPU-s of a 100,000-article
-- report; docs/performance.md, m20). One article, one row stays true by the only writer: the
-- analysis (pipelines/analyse/index.ts) reads each article of `articles` (article_id is its key)
-- once in each pass and fails, writing nothing, on an article read twice or left unread.
-- DuckDB cannot drop a key in place: each table is copied into one without it, same columns.
CREATE TABLE article_labels_200 (
  article_id          VARCHAR NOT NULL,
  is_cchc             BOOLEAN NOT NULL,
  score               DOUBLE NOT NULL,
  primary_area        VARCHAR,
  areas               VARCHAR NOT NULL,
  indices             VARCHAR NOT NULL,
  tthc_fields         VARCHAR NOT NULL,
  matched_json        VARCHAR NOT NULL,
  classified_is_cchc  BOOLEAN NOT NULL,
  classified_areas    VARCHAR NOT NULL,
  override_ids        VARCHAR,
  analysed_at         TIMESTAMPTZ NOT NULL
);
INSERT INTO article_labels_200 SELECT * FROM article_labels;
DROP TABLE article_labels;
ALTER TABLE article_labels_200 RENAME TO article_labels;

CREATE TABLE article_attribution_200 (
  article_id       VARCHAR NOT NULL,
  agency_id        VARCHAR,
  method           VARCHAR NOT NULL,
  confidence       DOUBLE NOT NULL,
  evidence         VARCHAR NOT NULL,
  candidates_json  VARCHAR DEFAULT '[]',
  review_reason    VARCHAR,
  review_kind      VARCHAR
);
INSERT INTO article_attribution_200 SELECT * FROM article_attribution;
DROP TABLE article_attribution;
ALTER TABLE article_attribution_200 RENAME TO article_attribution;

CREATE TABLE article_clusters_200 (
  article_id    VARCHAR NOT NULL,
  cluster_id    VARCHAR NOT NULL,
  similarity    DOUBLE NOT NULL,
  cluster_size  INTEGER NOT NULL
);
INSERT INTO article_clusters_200 SELECT * FROM article_clusters;
DROP TABLE article_clusters;
ALTER TABLE article_clusters_200 RENAME TO article_clusters;
