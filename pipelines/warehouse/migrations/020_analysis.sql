-- Analysis (issue 6): classification labels, attribution, syndication clusters,
-- analyst overrides, and the countable_items view (one item per cluster, agency, channel).

-- The byline / "Nguồn:" line adapters extract, kept for attribution.
ALTER TABLE articles ADD COLUMN byline VARCHAR;

-- Analyst overrides: an append-only log; never rewritten by analyse.
CREATE TABLE article_overrides (
  override_id   VARCHAR PRIMARY KEY,
  article_id    VARCHAR NOT NULL,
  action        VARCHAR NOT NULL,          -- include | exclude | areas | agency
  areas         VARCHAR,                   -- action areas: comma-separated, primary first
  agency_id     VARCHAR,                   -- action agency: the agency (NULL = unattributed)
  by_name       VARCHAR NOT NULL,
  made_at       TIMESTAMPTZ NOT NULL,
  why           VARCHAR NOT NULL
);

-- Written by analyse (replaced as a whole each run). Overrides already applied.
CREATE TABLE article_labels (
  article_id          VARCHAR PRIMARY KEY,
  is_cchc             BOOLEAN NOT NULL,    -- after overrides
  score               DOUBLE NOT NULL,
  primary_area        VARCHAR,             -- after overrides
  areas               VARCHAR NOT NULL,    -- comma-separated, primary first; '' when not CCHC
  indices             VARCHAR NOT NULL,    -- comma-separated (PAR INDEX, SIPAS, PAPI, PCI, DTI, DDCI)
  tthc_fields         VARCHAR NOT NULL,    -- comma-separated
  matched_json        VARCHAR NOT NULL,    -- the matched terms with weights (the "why")
  classified_is_cchc  BOOLEAN NOT NULL,    -- the classifier's own decision
  classified_areas    VARCHAR NOT NULL,
  override_ids        VARCHAR,             -- comma-separated, NULL when not overridden
  analysed_at         TIMESTAMPTZ NOT NULL
);

CREATE TABLE article_attribution (
  article_id    VARCHAR PRIMARY KEY,
  agency_id     VARCHAR,                   -- NULL = unattributed (a visible bucket)
  method        VARCHAR NOT NULL,          -- source | byline | source_line | title | lead | unattributed | analyst
  confidence    DOUBLE NOT NULL,
  evidence      VARCHAR NOT NULL
);

CREATE TABLE article_clusters (
  article_id    VARCHAR PRIMARY KEY,
  cluster_id    VARCHAR NOT NULL,          -- the smallest article_id of the cluster
  similarity    DOUBLE NOT NULL,           -- best Jaccard to another member (1 for a singleton)
  cluster_size  INTEGER NOT NULL
);

-- The counting rule (the view countable_items) is a model, defined once in
-- models/intermediate_countable_items.sql and (re)created after the migrations.
