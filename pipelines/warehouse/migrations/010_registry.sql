-- The registry (registry/*.yaml) as loaded by `cchc registry load`: replaced as a
-- whole, in one transaction, every time it is loaded. Dates are calendar days in
-- Asia/Ho_Chi_Minh; valid_to is the last day (inclusive).

CREATE TABLE agencies (
  agency_id     VARCHAR PRIMARY KEY,
  name          VARCHAR NOT NULL,
  kind          VARCHAR NOT NULL,
  parent_id     VARCHAR,
  valid_from    DATE,
  valid_to      DATE,
  end_note      VARCHAR,
  note          VARCHAR
);

CREATE TABLE agency_aliases (
  agency_id     VARCHAR NOT NULL,
  alias         VARCHAR NOT NULL,
  alias_kind    VARCHAR NOT NULL,              -- name | short_name | alias
  folded        VARCHAR NOT NULL,              -- lower case, no diacritics, for matching
  PRIMARY KEY (agency_id, alias)
);

CREATE TABLE agency_lineage (
  from_id       VARCHAR NOT NULL,
  to_id         VARCHAR NOT NULL,
  effective     DATE NOT NULL,                 -- first day the successor holds the function
  relation      VARCHAR NOT NULL,              -- merged_into | renamed_to | split_into | part_to
  note          VARCHAR,
  PRIMARY KEY (from_id, to_id)
);

CREATE TABLE registry_sources (
  source_id     VARCHAR PRIMARY KEY,
  name          VARCHAR NOT NULL,
  agency_id     VARCHAR,                       -- NULL when attribution = 'byline'
  attribution   VARCHAR NOT NULL,              -- fixed | byline
  channel       VARCHAR NOT NULL,
  crawlable     BOOLEAN NOT NULL,
  platform      VARCHAR,
  base_url      VARCHAR,
  start_urls    VARCHAR[] NOT NULL,
  demo_portal   VARCHAR,                       -- DEMO sources: key of the farm portal
  date_order    VARCHAR NOT NULL,
  delay_ms      INTEGER NOT NULL,
  concurrency   INTEGER NOT NULL,
  schedule      VARCHAR,
  valid_from    DATE,
  valid_to      DATE,
  is_demo       BOOLEAN NOT NULL,
  note          VARCHAR
);

CREATE TABLE plans (
  plan_id       VARCHAR PRIMARY KEY,
  title         VARCHAR NOT NULL,
  issuer_id     VARCHAR NOT NULL,
  issued        DATE,
  year          INTEGER NOT NULL,
  source_file   VARCHAR
);

CREATE TABLE targets (
  target_id     VARCHAR PRIMARY KEY,
  plan_id       VARCHAR NOT NULL,
  clause        VARCHAR NOT NULL,
  who_agencies  VARCHAR[],                     -- listed agencies, or NULL for a selector
  who_kinds     VARCHAR[],                     -- selector: every agency of these kinds…
  who_parent    VARCHAR,                       -- …under this parent, valid on the date
  who_label     VARCHAR NOT NULL,
  channels      VARCHAR[] NOT NULL,            -- as written (may include groups)
  channels_expanded VARCHAR[] NOT NULL,        -- groups expanded to channels
  topic_areas   VARCHAR[],
  topic_keywords VARCHAR[],
  measure       VARCHAR NOT NULL,
  min_count     INTEGER,                       -- NULL: channels and deadline only
  period        VARCHAR NOT NULL,              -- month | quarter | half | nine_months | year
  year          INTEGER NOT NULL,
  deadline      DATE,
  description   VARCHAR NOT NULL
);

CREATE TABLE plan_tasks (
  task_id       VARCHAR PRIMARY KEY,
  plan_id       VARCHAR NOT NULL,
  area          VARCHAR NOT NULL,
  task_group    VARCHAR NOT NULL,
  task          VARCHAR NOT NULL,
  product       VARCHAR,
  lead_office   VARCHAR NOT NULL,
  coordinating  VARCHAR,
  deadline_text VARCHAR NOT NULL,
  deadline      DATE,
  status        VARCHAR NOT NULL,              -- todo | in_progress | done | not_applicable
  evidence      VARCHAR[] NOT NULL,
  note          VARCHAR
);
