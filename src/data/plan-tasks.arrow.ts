// Plan tasks and reporting duties, one dated row per deadline, with the status computed for today
// (pipelines/registry/tasks.ts: overdue when past the deadline with no evidence). See docs/site-data.md.
import { vietnamDay } from "../../pipelines/coverage/periods.ts";
import { computedTaskStatus, isLink, TASK_KIND_LABELS, TASK_STATUS_LABELS } from "../../pipelines/registry/tasks.ts";
import type { TaskKind, TaskStatus } from "../../pipelines/registry/types.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const today = vietnamDay(new Date());
const rows = await withLoaderWarehouse((w) =>
  w.all(`
    SELECT task_id, coalesce(parent_task_id, task_id) AS parent_task_id, plan_id AS plan, coalesce(kind, 'task') AS kind, period_label,
           area, task_group, task, product, lead_office, coordinating AS coordinating_offices,
           deadline_text, strftime(deadline, '%Y-%m-%d') AS deadline, status AS recorded_status,
           to_json(evidence)::VARCHAR AS evidence_json, note
    FROM plan_tasks_effective ORDER BY task_id`), // registry rows with the workbench's latest update (migration 150)
);

const out = rows.map((r) => {
  const evidence: string[] = JSON.parse(String(r.evidence_json ?? "[]")) ?? [];
  const status = computedTaskStatus({ status: r.recorded_status as TaskStatus, deadline: (r.deadline as string | null) ?? null, evidence }, today);
  const { evidence_json: _, ...rest } = r;
  return {
    ...rest,
    kind_label: TASK_KIND_LABELS[r.kind as TaskKind] ?? String(r.kind),
    status,
    status_label: TASK_STATUS_LABELS[status],
    evidence_links: evidence.filter(isLink).join(" "),
    evidence_documents: evidence.filter((e) => !isLink(e)).join("; "),
    today,
  };
});

writeArrow(out, {
  task_id: "string",
  parent_task_id: "string",
  plan: "string",
  kind: "string",
  kind_label: "string",
  period_label: "string",
  area: "string",
  task_group: "string",
  task: "string",
  product: "string",
  lead_office: "string",
  coordinating_offices: "string",
  deadline_text: "string",
  deadline: "string",
  recorded_status: "string",
  status: "string",
  status_label: "string",
  evidence_links: "string",
  evidence_documents: "string",
  note: "string",
  today: "string",
});
