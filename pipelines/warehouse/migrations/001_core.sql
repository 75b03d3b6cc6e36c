-- Core tables: sources, crawl runs, articles and their versions.
-- Every TIMESTAMPTZ is an instant; sessions run with TimeZone = Asia/Ho_Chi_Minh,
-- so date_part / date_trunc / strftime work in Vietnamese calendar quarters.

CREATE TABLE sources (
  source_id     VARCHAR PRIMARY KEY,
  agency_id     VARCHAR,
  channel       VARCHAR NOT NULL,
  platform      VARCHAR NOT NULL,
  name          VARCHAR NOT NULL,
  base_url      VARCHAR,
  is_demo       BOOLEAN NOT NULL DEFAULT FALSE,
  updated_at    TIMESTAMPTZ NOT NULL
);

CREATE TABLE crawl_runs (
  run_id        VARCHAR PRIMARY KEY,
  started_at    TIMESTAMPTZ NOT NULL,
  finished_at   TIMESTAMPTZ,
  status        VARCHAR NOT NULL,          -- running | ok | failed | interrupted
  pid           INTEGER,
  options_json  VARCHAR
);

CREATE TABLE articles (
  article_id      VARCHAR PRIMARY KEY,     -- canonical id: <source_id>:<item_id>
  source_id       VARCHAR NOT NULL,
  item_id         VARCHAR NOT NULL,        -- platform identity (NukeViet trailing id, SharePoint ID, …)
  url             VARCHAR NOT NULL,
  canonical_url   VARCHAR,
  title           VARCHAR NOT NULL,
  published_at    TIMESTAMPTZ,             -- NULL when no date could be found (flagged, never the crawl date)
  published_text  VARCHAR,                 -- the date as written on the page
  date_source     VARCHAR,                 -- byline | listing | microdata | opengraph | jsonld | url | feed | analyst
  date_confidence DOUBLE,
  body_text       VARCHAR NOT NULL,
  content_hash    VARCHAR NOT NULL,        -- sha256 of title + body
  version         INTEGER NOT NULL,
  first_seen_at   TIMESTAMPTZ NOT NULL,
  fetched_at      TIMESTAMPTZ NOT NULL,
  run_id          VARCHAR
);

CREATE TABLE article_versions (
  article_id      VARCHAR NOT NULL,
  version         INTEGER NOT NULL,
  content_hash    VARCHAR NOT NULL,
  title           VARCHAR NOT NULL,
  body_text       VARCHAR NOT NULL,
  published_at    TIMESTAMPTZ,
  fetched_at      TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (article_id, version)
);
