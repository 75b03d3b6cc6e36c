-- Plan tasks as dated obligations (pipelines/registry/tasks.ts): one row per
-- deadline (a task due once per reporting period is split), what it is (task,
-- report, own_plan), and which task of plan-tasks.yaml a split row belongs to.
-- `evidence` holds links and document numbers alike.
ALTER TABLE plan_tasks ADD COLUMN kind VARCHAR DEFAULT 'task';
ALTER TABLE plan_tasks ADD COLUMN parent_task_id VARCHAR;
ALTER TABLE plan_tasks ADD COLUMN period_label VARCHAR;
