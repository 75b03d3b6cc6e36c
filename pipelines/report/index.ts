/**
 * The report step: read the countable items (article clusters credited to an
 * agency, plus analyst-entered evidence), evaluate every target of the registry
 * and replace the `coverage` table in one transaction.
 */
import { targetsInForce, withTargetsInForce } from "../registry/provisional.ts";
import type { Registry } from "../registry/types.ts";
import { vietnamParts } from "../time/vietnam-time.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type CoverageRow, coverageRows, type ReportItem } from "./coverage.ts";

/** Items (report_items, migration 051) that can count toward a target: dated and credited to an agency. */
export async function reportItems(w: Warehouse): Promise<ReportItem[]> {
  const rows = await w.all(`
    SELECT item_key, agency_id, channel, strftime(published_at, '%Y-%m-%dT%H:%M:%S+07:00') AS published_at,
           areas, title, text, sessions, attendance
    FROM report_items
    WHERE agency_id IS NOT NULL AND published_at IS NOT NULL
    ORDER BY item_key
  `);
  return rows.map((r) => ({
    item_key: r.item_key as string,
    agency_id: r.agency_id as string,
    channel: r.channel as string,
    published_at: r.published_at as string,
    areas: r.areas ? String(r.areas).split(",") : [],
    title: r.title as string,
    text: (r.text as string | null) ?? "",
    sessions: Number(r.sessions),
    attendance: r.attendance === null ? null : Number(r.attendance),
  }));
}

export async function writeCoverage(w: Warehouse, rows: CoverageRow[]): Promise<void> {
  await w.transaction(async () => {
    await w.run("DELETE FROM coverage");
    for (const r of rows) {
      await w.run(
        `INSERT INTO coverage (target_id, plan, clause, target_label, agency_id, channels, topic, measure,
           period_kind, period, period_label, period_start, period_end, year, minimum, has_minimum,
           actual, gap, elapsed_share, status, item_keys, computed_at, provisional, provisional_label)
         VALUES ($target_id, $plan, $clause, $target_label, $agency_id, $channels, $topic, $measure,
           $period_kind, $period, $period_label, $period_start::DATE, $period_end::DATE, $year, $minimum, $has_minimum,
           $actual, $gap, $elapsed_share, $status, CAST(CAST($item_keys AS JSON) AS VARCHAR[]), now(), $provisional, $provisional_label)`,
        { ...r, item_keys: JSON.stringify(r.item_keys) },
      );
    }
  });
}

/**
 * Evaluate every target in force (entered, and provisional ones through the
 * current year in Asia/Ho_Chi_Minh) and replace the coverage table.
 */
export async function materialiseCoverage(w: Warehouse, registry: Registry, today: Date): Promise<CoverageRow[]> {
  const year = vietnamParts(today).year;
  const rows = coverageRows(withTargetsInForce(registry, year), await reportItems(w), today);
  await writeCoverage(w, rows);
  await writeTargetYears(w, registry, year + 1);
  return rows;
}

/** One row per year from the first plan year through `lastYear`: what is in force, or why nothing is. */
export async function writeTargetYears(w: Warehouse, registry: Registry, lastYear: number): Promise<void> {
  const years = registry.plans.map((p) => p.year);
  await w.transaction(async () => {
    await w.run("DELETE FROM target_years");
    if (!years.length) return;
    for (let y = Math.min(...years); y <= lastYear; y++) {
      const f = targetsInForce(registry, y);
      await w.run("INSERT INTO target_years VALUES ($year, CAST(CAST($own AS JSON) AS VARCHAR[]), CAST(CAST($carried AS JSON) AS VARCHAR[]), $n, $reason)", {
        year: y, own: JSON.stringify(f.own_plans), carried: JSON.stringify(f.carried_from), n: f.targets.length, reason: f.empty_reason,
      });
    }
  });
}
