/**
 * Coverage rows, pure: every (target, agency, period window) of the registry's
 * target years, evaluated against the countable items, with the keys of the
 * items counted. The arithmetic itself lives in pipelines/coverage/.
 */
import { whoLabel } from "../registry/agencies.ts";
import { expandChannels } from "../registry/load.ts";
import type { Measure, Registry, Target } from "../registry/types.ts";
import { elapsedShare, vietnamDay } from "../coverage/periods.ts";
import { type CoverageItem, countingSpan, coverageStatus, creditIndex, type DatedItems, itemAmount, matchingDated, NO_ITEMS, targetWindowsOfYear } from "../coverage/targets.ts";
import type { CoverageStatus } from "../vocabulary/index.ts";

export type { CoverageStatus };

/** A countable item: an article cluster credited to an agency on a channel, or an analyst-entered evidence row. */
export interface ReportItem extends CoverageItem {
  item_key: string;
  /** Sessions held (evidence rows; 1 for articles). */
  sessions: number;
  /** People attending / informed (evidence rows), or null. */
  attendance: number | null;
  quantity: number | null;
  media_kind: string;
}

export interface CoverageRow {
  target_id: string;
  plan: string;
  clause: string;
  target_label: string;
  agency_id: string;
  channels: string;
  topic: string | null;
  measure: Measure;
  period_kind: string;
  period: string;
  period_label: string;
  period_start: string;
  period_end: string;
  year: number;
  minimum: number;
  has_minimum: boolean;
  actual: number;
  gap: number;
  elapsed_share: number;
  status: CoverageStatus;
  item_keys: string[];
  /** What each counted item added (parallel to item_keys): the rows of coverage_items. */
  item_amounts: number[];
  /** A target carried from an earlier plan (pipelines/registry/provisional.ts), and its "tạm tính theo …" label. */
  provisional: boolean;
  provisional_label: string | null;
}

export function topicLabel(target: Target): string | null {
  if (!target.topic) return null;
  const parts = [...target.topic.areas, ...target.topic.keywords];
  return parts.length ? parts.join(", ") : null;
}

/**
 * The items a target's keyword filter is asked about (matchesTopic, the last test of matchingItems):
 * those that pass every other test of a window of a target with topic keywords — the windows of
 * coverageRows, matched with the keywords left out. No other item's text can change a coverage row.
 */
export function itemsTestedByKeywords<T extends ReportItem>(
  registry: Registry,
  items: T[],
  byAgency: Map<string, DatedItems<T>> = creditIndex(registry, items),
): Set<T> {
  const tested = new Set<T>();
  if (!registry.targets.some((t) => t.topic?.keywords.length)) return tested;
  for (const year of new Set(registry.targets.map((t) => t.year))) {
    for (const tw of targetWindowsOfYear(registry, year)) {
      const topic = tw.target.topic;
      if (!topic?.keywords.length) continue;
      const untopical = { ...tw, target: { ...tw.target, topic: { ...topic, keywords: [] } } };
      for (const item of matchingDated(registry, untopical, byAgency.get(tw.agency_id) ?? NO_ITEMS)) tested.add(item);
    }
  }
  return tested;
}

/** Items in item_key order, as DuckDB's ORDER BY gives it (byte order; keys are ASCII ids). */
const byItemKey = (a: ReportItem, b: ReportItem) => (a.item_key < b.item_key ? -1 : a.item_key > b.item_key ? 1 : 0);

/** The coverage rows of the registry's target years, each listing its items in item_key order; `byAgency`: the items' creditIndex, when the caller has it. */
export function coverageRows(
  registry: Registry,
  items: ReportItem[],
  today: Date,
  byAgency: Map<string, DatedItems<ReportItem>> = creditIndex(registry, items),
): CoverageRow[] {
  const years = [...new Set(registry.targets.map((t) => t.year))].sort();
  const rows: CoverageRow[] = [];
  for (const year of years) {
    for (const tw of targetWindowsOfYear(registry, year)) {
      const { target, window } = tw;
      const matched = matchingDated(registry, tw, byAgency.get(tw.agency_id) ?? NO_ITEMS).sort(byItemKey);
      const amounts = matched.map((item) => itemAmount(target, item));
      const actual = amounts.reduce((n, a) => n + a, 0);
      const required = target.min_count ?? 1;
      const { start, end } = countingSpan(target, window);
      const elapsed = elapsedShare(start, end, today);
      rows.push({
        target_id: target.id,
        plan: target.plan,
        clause: target.clause,
        target_label: target.description || whoLabel(target.who),
        agency_id: tw.agency_id,
        channels: expandChannels(target.channels).join(","),
        topic: topicLabel(target),
        measure: target.measure,
        period_kind: window.period,
        period: window.key,
        period_label: window.label,
        period_start: window.first_day,
        period_end: vietnamDay(new Date(end.getTime() - 1)),
        year: window.year,
        minimum: required,
        has_minimum: target.min_count !== null,
        actual,
        gap: Math.max(0, required - actual),
        elapsed_share: Math.round(elapsed * 1000) / 1000,
        status: coverageStatus(actual, required, elapsed, today >= start),
        item_keys: matched.map((m) => m.item_key),
        item_amounts: amounts,
        provisional: target.provisional !== undefined,
        provisional_label: target.provisional?.label ?? null,
      });
    }
  }
  return rows;
}
