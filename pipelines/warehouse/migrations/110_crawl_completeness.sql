-- Completeness of a crawl (issue 13): what each listing page showed and what was read
-- from it, and the alarms raised when a crawl read less than a portal showed.

-- One row per listing page (or feed) walked in a run.
CREATE TABLE crawl_listing_pages (
  run_id         VARCHAR NOT NULL,
  source_id      VARCHAR NOT NULL,
  url            VARCHAR NOT NULL,
  start_url      VARCHAR NOT NULL,          -- the chain's first page (a start URL or a discovered listing)
  depth          INTEGER NOT NULL,
  is_feed        BOOLEAN NOT NULL,
  layout         VARCHAR,                   -- the platform layout the adapter recognised, if any
  items          INTEGER NOT NULL,          -- distinct items read
  main_items     INTEGER NOT NULL,          -- items of the page's own list (not the title-only extra links)
  article_links  INTEGER,                   -- distinct article-pattern links in the content region (NULL: not counted)
  next_url       VARCHAR,
  oldest_at      TIMESTAMPTZ,               -- oldest listing date on the page
  fetched_at     TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (run_id, source_id, url)
);

-- Completeness alarms, per source and run; kinds and their labels in pipelines/crawl/completeness.ts.
CREATE TABLE crawl_alarms (
  run_id        VARCHAR NOT NULL,
  source_id     VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  url           VARCHAR NOT NULL,
  message       VARCHAR NOT NULL,           -- Vietnamese, with the URL's numbers
  details_json  VARCHAR NOT NULL,           -- the numbers behind the message
  raised_at     TIMESTAMPTZ NOT NULL
);

-- --since: whether each run's backfill reached the date, per source.
ALTER TABLE crawl_run_sources ADD COLUMN since_at TIMESTAMPTZ;
ALTER TABLE crawl_run_sources ADD COLUMN since_reached BOOLEAN;
ALTER TABLE crawl_run_sources ADD COLUMN oldest_listed_at TIMESTAMPTZ;
ALTER TABLE crawl_run_sources ADD COLUMN alarms INTEGER DEFAULT 0;
ALTER TABLE crawl_run_sources ADD COLUMN corrections INTEGER DEFAULT 0;
ALTER TABLE crawl_run_sources ADD COLUMN rechecked INTEGER DEFAULT 0;
