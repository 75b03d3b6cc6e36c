-- Analyst-entered evidence for channels no crawler can read (Zalo, Facebook,
-- TV / radio, meetings, trainings, eGov, posters …), imported from the CSV /
-- XLSX template by `cchc evidence import`. evidence_id is a stable key of the
-- row's content (agency, channel, day, title, link or reference): re-importing
-- a file updates rows, never duplicates them.

CREATE TABLE evidence_imports (
  import_id     VARCHAR PRIMARY KEY,
  file          VARCHAR NOT NULL,
  file_sha256   VARCHAR NOT NULL,
  rows_read     INTEGER NOT NULL,
  inserted      INTEGER NOT NULL,
  updated       INTEGER NOT NULL,
  unchanged     INTEGER NOT NULL,
  imported_at   TIMESTAMPTZ NOT NULL
);

CREATE TABLE evidence_items (
  evidence_id     VARCHAR PRIMARY KEY,
  agency_id       VARCHAR NOT NULL,
  channel         VARCHAR NOT NULL,
  published_at    TIMESTAMPTZ NOT NULL,
  published_text  VARCHAR NOT NULL,        -- the date as written in the file
  title           VARCHAR NOT NULL,
  url             VARCHAR,
  reference       VARCHAR,                 -- document number, minutes, file name (when there is no link)
  sessions        INTEGER NOT NULL,
  attendance      INTEGER,                 -- people attending / informed (meetings, trainings, eGov …)
  reform_area     VARCHAR,
  target_id       VARCHAR,
  notes           VARCHAR,
  date_source     VARCHAR NOT NULL DEFAULT 'analyst',
  source_file     VARCHAR NOT NULL,
  source_line     INTEGER NOT NULL,
  first_imported_at TIMESTAMPTZ NOT NULL,
  imported_at     TIMESTAMPTZ NOT NULL,
  import_id       VARCHAR NOT NULL,
  CHECK (url IS NOT NULL OR reference IS NOT NULL),
  CHECK (sessions >= 1),
  CHECK (attendance IS NULL OR attendance >= 0)
);

CREATE INDEX evidence_items_agency ON evidence_items (agency_id, published_at);
