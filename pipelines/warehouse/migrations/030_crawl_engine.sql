-- Crawler engine: persisted frontier, conditional-GET validators, per-run
-- per-source statistics, errors, the raw-page archive index, source health.

CREATE TABLE crawl_frontier (
  source_id     VARCHAR NOT NULL,
  url           VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,          -- listing | article
  state         VARCHAR NOT NULL,          -- pending | done | failed
  depth         INTEGER NOT NULL DEFAULT 0,
  item_id       VARCHAR,                   -- article rows: the listing item's id
  item_json     VARCHAR,                   -- article rows: the ListingItem that led here
  attempts      INTEGER NOT NULL DEFAULT 0,
  last_error    VARCHAR,
  run_id        VARCHAR,
  updated_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (source_id, url)
);

CREATE TABLE crawl_http_cache (
  url            VARCHAR PRIMARY KEY,
  etag           VARCHAR,
  last_modified  VARCHAR,
  updated_at     TIMESTAMPTZ NOT NULL
);

CREATE TABLE crawl_run_sources (
  run_id              VARCHAR NOT NULL,
  source_id           VARCHAR NOT NULL,
  started_at          TIMESTAMPTZ NOT NULL,
  finished_at         TIMESTAMPTZ,
  status              VARCHAR NOT NULL,    -- ok | partial | failed
  pages               INTEGER NOT NULL,    -- successful responses
  requests            INTEGER NOT NULL,    -- HTTP requests sent, retries and robots.txt included
  listing_pages       INTEGER NOT NULL,
  listing_items       INTEGER NOT NULL,
  new_articles        INTEGER NOT NULL,
  changed_articles    INTEGER NOT NULL,
  unchanged_articles  INTEGER NOT NULL,
  extraction_failures INTEGER NOT NULL,
  date_failures       INTEGER NOT NULL,    -- articles stored without a publication date
  errors              INTEGER NOT NULL,
  errors_by_kind      VARCHAR NOT NULL,    -- JSON {kind: count}
  bytes               BIGINT NOT NULL,
  duration_ms         BIGINT NOT NULL,
  paused_hosts        VARCHAR,             -- JSON {host: reason} or NULL
  PRIMARY KEY (run_id, source_id)
);

CREATE TABLE crawl_errors (
  run_id      VARCHAR NOT NULL,
  source_id   VARCHAR NOT NULL,
  url         VARCHAR NOT NULL,
  kind        VARCHAR NOT NULL,            -- timeout | network | 4xx | 5xx | robots | refused_redirect | redirect_loop | parse | too_large | content_type | paused
  status      INTEGER,
  message     VARCHAR NOT NULL,
  occurred_at TIMESTAMPTZ NOT NULL
);

CREATE TABLE archive_pages (
  sha256        VARCHAR NOT NULL,          -- of the raw body; file data/archive/<sha[0:2]>/<sha>.gz
  url           VARCHAR NOT NULL,
  source_id     VARCHAR NOT NULL,
  run_id        VARCHAR,
  kind          VARCHAR NOT NULL,          -- article | listing
  fetched_at    TIMESTAMPTZ NOT NULL,
  status        INTEGER NOT NULL,
  content_type  VARCHAR,
  charset       VARCHAR NOT NULL,
  headers_json  VARCHAR NOT NULL,
  bytes         BIGINT NOT NULL,
  item_json     VARCHAR,                   -- the listing item that led to the page (its date gives context)
  PRIMARY KEY (url, sha256)
);

CREATE TABLE source_health (
  source_id        VARCHAR PRIMARY KEY,
  checked_at       TIMESTAMPTZ NOT NULL,
  status           VARCHAR NOT NULL,       -- ok | warning | broken | never_crawled
  flags_json       VARCHAR NOT NULL,       -- JSON [{flag, message}]
  last_run_id      VARCHAR,
  last_success_at  TIMESTAMPTZ
);
