-- marts: plan tasks and reporting duties (the Kế hoạch page, `cchc tasks`), one dated row per deadline
-- (a task due once per reporting period is split at registry load), with the latest workbench update
-- applied (plan_tasks_effective, migration 150) and THE RULE of a task's status on a day:
--   not_applicable  the analyst marked it so
--   done            the analyst marked it done, or evidence of completion exists (a link or a document number)
--   overdue         the day is past the deadline (its last day allowed) and there is no evidence
--   in_progress     the analyst marked it so, deadline not passed
--   todo            a deadline ahead, nothing recorded
--   no_deadline     no single day named, nothing recorded
-- Codes and labels: vocabulary domains task_status (recorded), task_state (shown), task_kind, reform_area.
-- `mart_plan_tasks_on(day)` computes it for any day (`cchc tasks --today`, the site's build day);
-- `mart_plan_tasks` for today in Asia/Ho_Chi_Minh (the warehouse's TimeZone).
CREATE OR REPLACE MACRO mart_plan_tasks_on(on_day) AS TABLE
WITH t AS (
  SELECT e.*, coalesce(e.kind, 'task') AS task_kind,
         list_filter(e.evidence, x -> trim(x) <> '') AS given,
         CAST(on_day AS DATE) AS as_of
  FROM plan_tasks_effective e
), s AS (
  SELECT t.*,
         CASE
           WHEN t.status = 'not_applicable' THEN 'not_applicable'
           WHEN t.status = 'done' OR len(t.given) > 0 THEN 'done'
           WHEN t.deadline IS NOT NULL AND t.as_of > t.deadline THEN 'overdue'
           WHEN t.status = 'in_progress' THEN 'in_progress'
           WHEN t.deadline IS NOT NULL THEN 'todo'
           ELSE 'no_deadline'
         END AS state
  FROM t
)
SELECT s.task_id, coalesce(s.parent_task_id, s.task_id) AS parent_task_id, s.plan_id AS plan,
       s.task_kind AS kind, vk.label AS kind_label, s.period_label,
       s.area, va.label AS area_label, va.short_label AS area_short, s.task_group, s.task, s.product,
       s.lead_office, s.coordinating AS coordinating_offices, s.deadline_text,
       strftime(s.deadline, '%Y-%m-%d') AS deadline,
       s.status AS recorded_status, vr.label AS recorded_status_label,
       s.state AS status, vs.label AS status_label,
       array_to_string(list_filter(s.given, x -> regexp_matches(trim(x), '^https?://', 'i')), ' ') AS evidence_links,
       array_to_string(list_filter(s.given, x -> NOT regexp_matches(trim(x), '^https?://', 'i')), '; ') AS evidence_documents,
       s.note, s.updated_by, s.updated_at,
       strftime(s.as_of, '%Y-%m-%d') AS today
FROM s
LEFT JOIN vocabulary vk ON vk.domain = 'task_kind' AND vk.code = s.task_kind
LEFT JOIN vocabulary va ON va.domain = 'reform_area' AND va.code = s.area
LEFT JOIN vocabulary vr ON vr.domain = 'task_status' AND vr.code = s.status
LEFT JOIN vocabulary vs ON vs.domain = 'task_state' AND vs.code = s.state;

CREATE OR REPLACE VIEW mart_plan_tasks AS SELECT * FROM mart_plan_tasks_on(current_date);
