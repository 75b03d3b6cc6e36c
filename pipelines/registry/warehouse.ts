/**
 * Writing a validated registry into the warehouse: every registry table is
 * replaced in one transaction, so a failed load leaves the previous registry intact.
 */
import { writeVocabulary } from "../report/index.ts";
import { appendValueRows, type BulkValue } from "../warehouse/bulk-write.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { agencyNames, whoLabel } from "./agencies.ts";
import { expandChannels } from "./load.ts";
import { taskRows } from "./tasks.ts";
import type { Registry } from "./types.ts";

const list = (values: readonly string[] | null | undefined): string[] | null => (values ? [...values] : null);

export interface RegistryLoadSummary {
  agencies: number;
  aliases: number;
  lineage: number;
  sources: number;
  plans: number;
  targets: number;
  plan_tasks: number;
}

export async function loadRegistryIntoWarehouse(w: Warehouse, registry: Registry): Promise<RegistryLoadSummary> {
  const summary: RegistryLoadSummary = { agencies: 0, aliases: 0, lineage: 0, sources: 0, plans: 0, targets: 0, plan_tasks: 0 };
  await w.transaction(async () => {
    for (const table of ["agencies", "agency_aliases", "agency_lineage", "registry_sources", "plans", "targets", "plan_tasks"]) {
      await w.run(`DELETE FROM ${table}`);
    }
    // Each table's rows in its column order, appended in one go (one statement per row cost ~1 ms each).
    const rows: Record<string, BulkValue[][]> = { agencies: [], agency_aliases: [], agency_lineage: [], registry_sources: [], plans: [], targets: [], plan_tasks: [] };
    for (const a of registry.agencies) {
      rows.agencies.push([a.id, a.name, a.kind, a.parent, a.valid_from, a.valid_to, a.end_note ?? null, a.note ?? null]);
      summary.agencies++;
      for (const n of agencyNames(a)) {
        rows.agency_aliases.push([a.id, n.alias, n.kind, n.folded]);
        summary.aliases++;
      }
      for (const s of a.successors) {
        rows.agency_lineage.push([a.id, s.id, s.date, s.relation, s.note ?? null]);
        summary.lineage++;
      }
    }
    const sources = [
      ...registry.sources.map((s) => ({ ...s, portal: null as string | null })),
      ...registry.demo_sources.map((s) => ({ ...s, base_url: null, start_urls: s.start_paths ?? [], portal: s.portal })),
    ];
    for (const s of sources) {
      rows.registry_sources.push([
        s.id, s.name, s.agency_id, s.attribution, s.channel, s.crawlable, s.platform, s.base_url, list(s.start_urls), s.portal,
        s.date_order, s.delay_ms, s.concurrency, s.schedule, s.valid_from, s.valid_to, s.is_demo, s.note ?? null,
      ]);
      summary.sources++;
    }
    for (const p of registry.plans) {
      rows.plans.push([p.id, p.title, p.issuer, p.issued, p.year, p.source_file ?? null]);
      summary.plans++;
    }
    for (const t of registry.targets) {
      const who = t.who;
      rows.targets.push([
        t.id, t.plan, t.clause,
        list("agencies" in who ? who.agencies : null), list("kinds" in who ? who.kinds : null), "kinds" in who ? who.parent : null, whoLabel(who),
        list(t.channels), list(expandChannels(t.channels)), list(t.topic?.areas ?? null), list(t.topic?.keywords ?? null),
        t.measure, t.min_count, t.period, t.year, t.deadline, t.description,
        t.provisional?.from_target ?? null, t.provisional?.label ?? null,
      ]);
      summary.targets++;
    }
    // One row per deadline: a task due once per reporting period is split into dated rows (taskRows).
    for (const k of taskRows(registry.tasks)) {
      rows.plan_tasks.push([
        k.id, k.plan, k.area, k.group, k.task, k.product, k.lead, k.coordinating, k.deadline_text, k.deadline, k.status, list(k.evidence), k.note ?? null,
        k.kind, k.task_id === k.id ? null : k.task_id, k.period,
      ]);
      summary.plan_tasks++;
    }
    for (const [table, values] of Object.entries(rows)) await appendValueRows(w, table, values);
    await writeVocabulary(w); // the labels the marts join (plan-task status, kinds, areas) hold once the registry is in
  });
  return summary;
}
