-- Coverage against targets, materialised by `cchc report` (pipelines/report/):
-- one row per (target, agency, period window). item_keys lists the rows counted,
-- so every number on the dashboard can be opened to the items behind it.
CREATE TABLE coverage (
  target_id      VARCHAR NOT NULL,
  plan           VARCHAR NOT NULL,
  clause         VARCHAR NOT NULL,
  target_label   VARCHAR NOT NULL,
  agency_id      VARCHAR NOT NULL,
  channels       VARCHAR NOT NULL,
  topic          VARCHAR,
  measure        VARCHAR NOT NULL,
  period_kind    VARCHAR NOT NULL,
  period         VARCHAR NOT NULL,
  period_label   VARCHAR NOT NULL,
  period_start   DATE NOT NULL,
  period_end     DATE NOT NULL,            -- last day counted (deadline when earlier)
  year           INTEGER NOT NULL,
  minimum        INTEGER NOT NULL,
  has_minimum    BOOLEAN NOT NULL,
  actual         INTEGER NOT NULL,
  gap            INTEGER NOT NULL,
  elapsed_share  DOUBLE NOT NULL,
  status         VARCHAR NOT NULL,         -- met | on_track | at_risk | missed | not_started
  item_keys      VARCHAR[] NOT NULL,
  computed_at    TIMESTAMPTZ NOT NULL,
  PRIMARY KEY (target_id, agency_id, period)
);
