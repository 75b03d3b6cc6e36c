-- The analysts' workbench (`cchc serve`, `cchc user`, `cchc audit`): accounts
-- and the audit log of every write made through it. An audit row is written in
-- the same transaction as the write it records, so the two always agree.

CREATE TABLE users (
  name           VARCHAR PRIMARY KEY,        -- sign-in name (NFC, lower case)
  role           VARCHAR NOT NULL,           -- viewer | agency_editor | analyst | admin
  agency_id      VARCHAR,                    -- agency_editor: the agency whose evidence it may edit
  password_hash  VARCHAR NOT NULL,           -- argon2id PHC string (never the password)
  created_at     TIMESTAMPTZ NOT NULL,
  created_by     VARCHAR NOT NULL,
  disabled_at    TIMESTAMPTZ                 -- NULL = active
);                                         -- roles and their rules: pipelines/workbench/roles.ts, users.ts

CREATE TABLE audit_log (
  audit_id     VARCHAR PRIMARY KEY,
  made_at      TIMESTAMPTZ NOT NULL,
  actor        VARCHAR NOT NULL,             -- user name, or cli:<os user> for `cchc user`
  role         VARCHAR,
  action       VARCHAR NOT NULL,             -- e.g. review.credit, evidence.add, task.status, user.add
  subject      VARCHAR NOT NULL,             -- what was changed: article id, evidence id, task id, user name
  reason       VARCHAR,
  before_json  VARCHAR,                      -- the state before (JSON), NULL when it did not exist
  after_json   VARCHAR                       -- the state after (JSON)
);

-- Plan-task status and evidence set from the workbench. Append-only: the
-- latest update of a task wins over the registry's value (registry loads
-- replace plan_tasks, never these).
CREATE TABLE plan_task_updates (
  update_id   VARCHAR PRIMARY KEY,
  task_id     VARCHAR NOT NULL,
  status      VARCHAR NOT NULL,
  evidence    VARCHAR[] NOT NULL,
  by_name     VARCHAR NOT NULL,
  made_at     TIMESTAMPTZ NOT NULL,
  why         VARCHAR NOT NULL             -- status values: TASK_STATUSES (pipelines/registry/types.ts)
);

-- Plan tasks as the site shows them: the registry's row (every column of plan_tasks, whatever
-- later migrations add) with the latest workbench update of status and evidence applied.
CREATE VIEW plan_tasks_effective AS
WITH latest AS (
  SELECT * FROM plan_task_updates
  QUALIFY row_number() OVER (PARTITION BY task_id ORDER BY made_at DESC, update_id DESC) = 1
)
SELECT t.* REPLACE (
         coalesce(u.status, t.status) AS status,
         CASE WHEN u.task_id IS NULL THEN t.evidence ELSE u.evidence END AS evidence  -- the update carries the whole list
       ),
       u.by_name AS updated_by, u.made_at AS updated_at
FROM plan_tasks t
LEFT JOIN latest u ON u.task_id = t.task_id;
