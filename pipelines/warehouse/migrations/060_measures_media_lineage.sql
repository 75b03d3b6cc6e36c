-- Issue 11: what a measure needs from an item, the resolved lineage, the long
-- coverage_items table and the vocabulary as data.

-- Media kind of every article (text | video | audio | document | image | gallery;
-- pipelines/vocabulary), detected from the page (data-loaders/common/media-kind.ts).
ALTER TABLE articles ADD COLUMN media_kind VARCHAR DEFAULT 'text';
-- Evidence rows: a quantity (visits, sessions, attendees… header "Số lượng") that
-- measures such as `visits` add up, and a media kind (from the file, else the channel).
ALTER TABLE evidence_items ADD COLUMN quantity BIGINT;
ALTER TABLE evidence_items ADD COLUMN media_kind VARCHAR;

-- Intermediate: the resolved lineage, materialised by the report step from the
-- registry's own rule (mapAgency, docs/registry.md). One row per (agency, agency
-- it corresponds to today); an agency abolished without successor has one row
-- with current_id NULL.
CREATE TABLE int_agency_current (
  agency_id   VARCHAR NOT NULL,
  current_id  VARCHAR,
  reason      VARCHAR NOT NULL,            -- current | successor | abolished (vocabulary credit_reason)
  as_of       DATE NOT NULL
);

-- Intermediate: the agencies each dated item is credited to on its own date:
-- its agency while valid (reason own), else the agency's successors valid that day
-- (reason successor). One row per (item, agency credited).
CREATE TABLE int_item_credit (
  item_key     VARCHAR NOT NULL,
  agency_id    VARCHAR NOT NULL,           -- the agency credited
  from_agency  VARCHAR NOT NULL,           -- the agency the item names
  reason       VARCHAR NOT NULL,           -- own | successor
  PRIMARY KEY (item_key, agency_id)
);

-- Mart: one row per item counted in a coverage row (the long form of coverage.item_keys),
-- with what it added (1, sessions, attendance or quantity, by the target's measure).
CREATE TABLE coverage_items (
  target_id   VARCHAR NOT NULL,
  agency_id   VARCHAR NOT NULL,
  period      VARCHAR NOT NULL,
  item_key    VARCHAR NOT NULL,
  amount      BIGINT NOT NULL,
  PRIMARY KEY (target_id, agency_id, period, item_key)
);

-- Every code the warehouse can hold, with its Vietnamese labels (pipelines/vocabulary).
CREATE TABLE vocabulary (
  domain       VARCHAR NOT NULL,
  code         VARCHAR NOT NULL,
  label        VARCHAR NOT NULL,
  short_label  VARCHAR NOT NULL,
  description  VARCHAR NOT NULL,
  PRIMARY KEY (domain, code)
);

-- Which warehouse this is: a random id written once, and when the report step last ran.
CREATE TABLE warehouse_identity (
  warehouse_id  VARCHAR NOT NULL,
  created_at    TIMESTAMPTZ NOT NULL
);
INSERT INTO warehouse_identity SELECT uuid()::VARCHAR, now();
