/**
 * The report step: read the countable items (article clusters credited to an
 * agency, plus analyst-entered evidence), evaluate every target of the registry
 * and replace, in one transaction, the tables it materialises:
 *   - int_agency_current, int_item_credit: the resolved lineage (intermediate),
 *     from the registry's own rule (mapAgency);
 *   - coverage and its long form coverage_items (marts);
 *   - vocabulary: every code with its Vietnamese labels.
 * The marts views (pipelines/warehouse/models/marts_*.sql) read these tables.
 */
import { mapAgency } from "../registry/agencies.ts";
import type { Registry } from "../registry/types.ts";
import { vietnamDay } from "../coverage/periods.ts";
import { creditsOf, foldTopicText } from "../coverage/targets.ts";
import { vocabularyRows } from "../vocabulary/index.ts";
import { targetsInForce, withTargetsInForce } from "../registry/provisional.ts";
import { vietnamParts } from "../time/vietnam-time.ts";
import { appendRows, appendValueRows } from "../warehouse/bulk-write.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type CoverageRow, coverageRows, itemsTestedByKeywords, type ReportItem } from "./coverage.ts";

/**
 * Items (report_items, intermediate_report_items.sql) that can count toward a
 * target: dated and credited to an agency, in item_key order. Read chunk by
 * chunk with no ORDER BY in DuckDB (the keys are sorted here), first without
 * their texts. Of the registry given (its targets in force), only the items a
 * keyword filter is asked about (itemsTestedByKeywords) have their texts read
 * and folded once (foldTopicText): such an item keeps its matching key
 * (matchKey: the folded words, all the topic filter reads) only when a topic
 * keyword of the targets occurs in it; every other item keeps no text, which
 * no coverage row reads — at a million articles the texts would otherwise be
 * most of the step's memory and their folding most of its time.
 */
export async function reportItems(w: Warehouse, registry: Registry): Promise<ReportItem[]> {
  const items: ReportItem[] = [];
  await w.stream(
    `SELECT item_key, agency_id, channel, strftime(published_at, '%Y-%m-%dT%H:%M:%S+07:00') AS published_at,
            areas, title, sessions, attendance, quantity, media_kind
     FROM report_items
     WHERE agency_id IS NOT NULL AND published_at IS NOT NULL`,
    undefined,
    (rows) => {
      for (const r of rows) {
        items.push({
          item_key: r.item_key as string,
          agency_id: r.agency_id as string,
          channel: r.channel as string,
          published_at: r.published_at as string,
          areas: r.areas ? String(r.areas).split(",") : [],
          title: r.title as string,
          text: "",
          sessions: Number(r.sessions),
          attendance: r.attendance === null ? null : Number(r.attendance),
          quantity: r.quantity === null || r.quantity === undefined ? null : Number(r.quantity),
          media_kind: (r.media_kind as string | null) ?? "text",
        });
      }
    },
  );
  const wanted = [...itemsTestedByKeywords(registry, items)];
  if (wanted.length) {
    const byKey = new Map(wanted.map((item) => [item.item_key, item]));
    await w.stream(
      "SELECT item_key, text FROM report_items WHERE item_key IN (SELECT unnest(CAST(CAST($keys AS JSON) AS VARCHAR[])))",
      { keys: JSON.stringify([...byKey.keys()]) },
      (rows) => {
        for (const r of rows) {
          const item = byKey.get(r.item_key as string)!;
          const raw = (r.text as string | null) ?? "";
          foldTopicText(registry.targets, item, raw);
        }
      },
    );
  }
  // item_key order, as DuckDB's ORDER BY gives it (byte order; keys are ASCII ids)
  return items.sort((a, b) => (a.item_key < b.item_key ? -1 : a.item_key > b.item_key ? 1 : 0));
}

/** The resolved lineage: each agency's current counterparts today, and each dated item's credited agencies on its own day. */
export async function writeLineage(w: Warehouse, registry: Registry, items: ReportItem[], today: Date): Promise<void> {
  const day = vietnamDay(today);
  const current: (string | null)[][] = [];
  for (const a of registry.agencies) {
    const ids = mapAgency(registry, a.id, day);
    if (ids.length === 0) current.push([a.id, null, "abolished", day]);
    for (const id of ids) current.push([a.id, id, id === a.id ? "current" : "successor", day]);
  }
  const known = new Set(registry.agencies.map((a) => a.id));
  const credit: string[][] = [];
  for (const item of items) {
    if (!known.has(item.agency_id)) {
      credit.push([item.item_key, item.agency_id, item.agency_id, "own"]);
      continue;
    }
    const itemDay = vietnamDay(new Date(item.published_at));
    for (const c of creditsOf(registry, item.agency_id, itemDay)) credit.push([item.item_key, c.agency_id, item.agency_id, c.reason]);
  }
  await w.run("DELETE FROM int_agency_current");
  await w.run("DELETE FROM int_item_credit");
  await appendValueRows(w, "int_agency_current", current);
  await appendValueRows(w, "int_item_credit", credit);
}

export async function writeVocabulary(w: Warehouse): Promise<void> {
  await w.run("DELETE FROM vocabulary");
  await appendValueRows(
    w,
    "vocabulary",
    vocabularyRows().map((t) => [t.domain, t.code, t.label, t.short, t.description]),
  );
}

export async function writeCoverage(w: Warehouse, rows: CoverageRow[]): Promise<void> {
  await w.transaction(async () => {
    await w.run("DELETE FROM coverage");
    await w.run("DELETE FROM coverage_items");
    // One Appender for every row (a statement per row cost ~1 ms each); one instant for all, as now() gave.
    const computedAt = new Date();
    await appendRows(
      w,
      "coverage",
      rows.map(({ item_amounts: _amounts, ...row }) => ({ ...row, computed_at: computedAt })),
    );
    await appendValueRows(
      w,
      "coverage_items",
      rows.flatMap((r) => r.item_keys.map((key, i) => [r.target_id, r.agency_id, r.period, key, r.item_amounts[i]])),
    );
  });
}

/**
 * The report step's materialisation: lineage, vocabulary, coverage and coverage_items, in one transaction.
 * Every target in force is evaluated: entered ones, and provisional ones through the current year in
 * Asia/Ho_Chi_Minh (pipelines/registry/provisional.ts); target_years says per year what is in force.
 */
export async function materialiseCoverage(w: Warehouse, registry: Registry, today: Date): Promise<CoverageRow[]> {
  const year = vietnamParts(today).year;
  const inForce = withTargetsInForce(registry, year);
  const items = await reportItems(w, inForce);
  const rows = coverageRows(inForce, items, today);
  await w.transaction(async () => {
    await writeLineage(w, registry, items, today);
    await writeVocabulary(w);
    await writeCoverage(w, rows);
    await writeTargetYears(w, registry, year + 1);
  });
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
