-- marts: the plan page (Kế hoạch) — plan tasks with Vietnamese labels for area and status.
CREATE OR REPLACE VIEW mart_plan_tasks AS
SELECT t.*, va.label AS area_label, vs.label AS status_label
FROM plan_tasks t
LEFT JOIN vocabulary va ON va.domain = 'reform_area' AND va.code = t.area
LEFT JOIN vocabulary vs ON vs.domain = 'task_status' AND vs.code = t.status;
