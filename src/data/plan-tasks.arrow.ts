// Plan tasks and reporting duties, one dated row per deadline, as the mart holds them for the build day
// (pipelines/warehouse/models/marts_plan_tasks.sql: the status rule and its labels). See docs/site-data.md.
import { vietnamDay } from "../../pipelines/coverage/periods.ts";
import { planTaskRows } from "../../pipelines/report/plan-tasks.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse((w) => planTaskRows(w, vietnamDay(new Date())));

writeArrow(rows, {
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
