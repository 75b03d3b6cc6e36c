-- Incremental analysis (issue 18): what `cchc report` keeps of each article's analysis so that the
-- next run analyses only the articles that are new or changed (pipelines/analyse/index.ts).
-- One row per analysed article, written with its rows of article_labels and article_attribution:
--   input_hash      DuckDB's hash() of the fields the analysis reads (source, title, body, byline,
--                   published and first-seen days); an article whose hash differs is analysed again;
--   overrides_json  the analyst's effective overrides applied to its rows (NULL: none); an article
--                   whose effective overrides differ is analysed again;
--   record          the clusterer's input: the sketched signature (SKETCHED_SIGNATURE_WORDS 32-bit
--                   words), then the shingle set, little-endian. Random hashes do not compress:
--                   stored uncompressed (docs/performance.md).
CREATE TABLE article_analysis (
  article_id      VARCHAR NOT NULL,
  input_hash      UBIGINT NOT NULL,
  overrides_json  VARCHAR,
  record          BLOB NOT NULL USING COMPRESSION uncompressed
);

-- The fingerprint of what the stored analysis depends on besides the articles (lexicon, agencies,
-- sources' agency and channel, analysis code: pipelines/analyse/fingerprint.ts), one row at most.
-- A different fingerprint (or none) makes the next run analyse every article.
CREATE TABLE analysis_state (
  fingerprint  VARCHAR NOT NULL,
  analysed_at  TIMESTAMPTZ NOT NULL
);
