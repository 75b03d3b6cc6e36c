/**
 * Plan tasks as the mart holds them (pipelines/warehouse/models/marts_plan_tasks.sql): one dated row
 * per deadline, its status on `today` by the mart's rule, Vietnamese labels. The Kế hoạch page's
 * loader and `cchc tasks` read this; neither computes a status.
 */
import type { Row, Warehouse } from "../warehouse/db.ts";

export interface PlanTaskFilter {
  plan?: string | null;
  kind?: string | null;
  status?: string | null;
}

export async function planTaskRows(w: Warehouse, today: string, filter: PlanTaskFilter = {}): Promise<Row[]> {
  return w.all(
    `SELECT task_id, parent_task_id, plan, kind, kind_label, period_label, area, area_label, area_short, task_group, task,
            product, lead_office, coordinating_offices, deadline_text, deadline, recorded_status, recorded_status_label,
            status, status_label, evidence_links, evidence_documents, note, today
     FROM mart_plan_tasks_on($today)
     WHERE ($plan IS NULL OR plan = $plan) AND ($kind IS NULL OR kind = $kind) AND ($status IS NULL OR status = $status)
     ORDER BY task_id`,
    { today, plan: filter.plan ?? null, kind: filter.kind ?? null, status: filter.status ?? null },
  );
}
