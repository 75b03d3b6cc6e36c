// Plan tasks (seed 004: the Sở Tài chính CCHC task table) with status and evidence links. See docs/site-data.md.
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse((w) =>
  w.all(`
    SELECT task_id, plan_id AS plan, area, task_group, task, product, lead_office, coordinating AS coordinating_offices,
           deadline_text, strftime(deadline, '%Y-%m-%d') AS deadline, status,
           array_to_string(evidence, ' ') AS evidence_links, note
    FROM plan_tasks_effective ORDER BY task_id`), // registry rows with the workbench's latest update (migration 150)
);

writeArrow(rows, {
  task_id: "string",
  plan: "string",
  area: "string",
  task_group: "string",
  task: "string",
  product: "string",
  lead_office: "string",
  coordinating_offices: "string",
  deadline_text: "string",
  deadline: "string",
  status: "string",
  evidence_links: "string",
  note: "string",
});
