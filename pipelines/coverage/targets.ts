/**
 * Target arithmetic, pure: which targets bind an agency in a period, how many
 * matching items count toward each, the gap, and a status given `today`.
 *
 * Status rule (documented in docs/registry.md):
 *   met       count ≥ required
 *   missed    the window (cut at the deadline, if earlier) is over and count < required
 *   at_risk   behind pace (count < ⌊required × elapsed⌋), or still short once
 *             `lateShare` (default 0.8) of the window has passed
 *   on_track  otherwise
 * A target with no min_count (channels and deadline only) requires one item.
 */
import { mapAgency, resolveWho } from "../registry/agencies.ts";
import { expandChannels, validOn } from "../registry/load.ts";
import type { Registry, Target } from "../registry/types.ts";
import { matchKey } from "../text/normalize.ts";
import { elapsedShare, endOfDay, periodWindows, vietnamDay, type PeriodWindow } from "./periods.ts";

/** Anything that can count toward a target: an article, a broadcast, an analyst-entered session… */
export interface CoverageItem {
  agency_id: string;
  channel: string;
  /** ISO 8601 with offset, e.g. 2024-05-02T09:00:00+07:00. */
  published_at: string;
  areas: string[];
  title: string;
  text?: string;
  /** How many units the item stands for (e.g. visits); default 1. */
  quantity?: number;
}

export type TargetStatus = "met" | "on_track" | "at_risk" | "missed";

export interface TargetWindow {
  target: Target;
  agency_id: string;
  window: PeriodWindow;
}

export interface TargetEvaluation {
  target_id: string;
  plan: string;
  clause: string;
  agency_id: string;
  period_key: string;
  period_label: string;
  /** First and last day counted (the last day is the deadline when it comes first). */
  first_day: string;
  last_day: string;
  required: number;
  has_minimum: boolean;
  count: number;
  gap: number;
  elapsed: number;
  status: TargetStatus;
}

/** Does the agency fall under the target's `who` at some day of the window? */
function binds(registry: Registry, target: Target, agencyId: string, window: PeriodWindow): boolean {
  const agency = registry.agencies.find((a) => a.id === agencyId);
  if (!agency) throw new Error(`unknown agency id "${agencyId}"`);
  const from = agency.valid_from && agency.valid_from > window.first_day ? agency.valid_from : window.first_day;
  const to = agency.valid_to && agency.valid_to < window.last_day ? agency.valid_to : window.last_day;
  if (from > to) return false;
  return resolveWho(registry, target.who, from).includes(agencyId);
}

/**
 * Target windows that bind `agencyId` and overlap the days [fromDay, toDay]:
 * a 2024 target for so-ke-hoach-dau-tu binds so-ke-hoach-dau-tu in 2024, and
 * nobody else (its successor inherits no 2024 target).
 */
export function targetsFor(registry: Registry, agencyId: string, fromDay: string, toDay: string): TargetWindow[] {
  const out: TargetWindow[] = [];
  for (const target of registry.targets) {
    for (const window of periodWindows(target.period, target.year)) {
      if (window.last_day < fromDay || window.first_day > toDay) continue;
      if (binds(registry, target, agencyId, window)) out.push({ target, agency_id: agencyId, window });
    }
  }
  return out;
}

/** Every (target, window, agency) of a year: the rows of a coverage table. */
export function targetWindowsOfYear(registry: Registry, year: number): TargetWindow[] {
  return registry.targets
    .filter((t) => t.year === year)
    .flatMap((target) =>
      periodWindows(target.period, target.year).flatMap((window) =>
        registry.agencies.filter((a) => binds(registry, target, a.id, window)).map((a) => ({ target, agency_id: a.id, window })),
      ),
    );
}

/** First and exclusive-last instant an item may fall in to count: the window, cut at the deadline. */
export function countingSpan(target: Target, window: PeriodWindow): { start: Date; end: Date } {
  const deadlineEnd = target.deadline ? endOfDay(target.deadline) : null;
  const end = deadlineEnd && deadlineEnd < window.end ? deadlineEnd : window.end;
  return { start: window.start, end: end < window.start ? window.start : end };
}

/** Does an item's topic fit the target's filter (any listed area, and any keyword, diacritics ignored)? */
export function matchesTopic(target: Target, item: CoverageItem): boolean {
  if (!target.topic) return true;
  const { areas, keywords } = target.topic;
  if (areas.length && !item.areas.some((a) => (areas as string[]).includes(a))) return false;
  if (keywords.length) {
    const hay = matchKey(`${item.title}\n${item.text ?? ""}`);
    if (!keywords.some((k) => hay.includes(matchKey(k)))) return false;
  }
  return true;
}

/** Is the item credited to `agencyId`, directly or through lineage as of the item's date? */
function creditedTo(registry: Registry, item: CoverageItem, agencyId: string, day: string): boolean {
  if (item.agency_id === agencyId) return true;
  return lineageCredit(registry, item, day).includes(agencyId);
}

/** The agencies an item is credited to through lineage: its agency's successors when the agency no longer existed on the item's day. */
function lineageCredit(registry: Registry, item: CoverageItem, day: string): string[] {
  const a = registry.agencies.find((x) => x.id === item.agency_id);
  if (!a || validOn(a, day)) return [];
  return mapAgency(registry, item.agency_id, day);
}

/**
 * Items grouped by every agency they can be credited to (their own, and through
 * lineage), so each target window scans only its agency's items:
 * `matchingItems(registry, tw, index.get(tw.agency_id) ?? [])` equals
 * `matchingItems(registry, tw, items)`.
 */
export function indexByCreditedAgency<T extends CoverageItem>(registry: Registry, items: T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const add = (agencyId: string, item: T) => {
    const list = index.get(agencyId);
    if (list) list.push(item);
    else index.set(agencyId, [item]);
  };
  for (const item of items) {
    add(item.agency_id, item);
    const at = new Date(item.published_at);
    if (Number.isNaN(at.getTime())) continue;
    for (const successor of lineageCredit(registry, item, vietnamDay(at))) if (successor !== item.agency_id) add(successor, item);
  }
  return index;
}

/** The items that count toward a target window for an agency (the rows behind the number). */
export function matchingItems<T extends CoverageItem>(registry: Registry, tw: TargetWindow, items: T[]): T[] {
  const channels = new Set<string>(expandChannels(tw.target.channels));
  const { start, end } = countingSpan(tw.target, tw.window);
  return items.filter((item) => {
    if (!channels.has(item.channel)) return false;
    const at = new Date(item.published_at);
    if (Number.isNaN(at.getTime()) || at < start || at >= end) return false;
    return creditedTo(registry, item, tw.agency_id, vietnamDay(at)) && matchesTopic(tw.target, item);
  });
}

/** Sum of quantities of items that count toward a target window for an agency. */
export function countMatching(registry: Registry, tw: TargetWindow, items: CoverageItem[]): number {
  return matchingItems(registry, tw, items).reduce((n, item) => n + (item.quantity ?? 1), 0);
}

export function targetStatus(count: number, required: number, elapsed: number, lateShare = 0.8): TargetStatus {
  if (count >= required) return "met";
  if (elapsed >= 1) return "missed";
  if (count < Math.floor(required * elapsed + 1e-9)) return "at_risk";
  if (elapsed >= lateShare) return "at_risk";
  return "on_track";
}

export function evaluate(registry: Registry, tw: TargetWindow, items: CoverageItem[], today: Date, lateShare = 0.8): TargetEvaluation {
  const required = tw.target.min_count ?? 1;
  const count = countMatching(registry, tw, items);
  const { start, end } = countingSpan(tw.target, tw.window);
  const elapsed = elapsedShare(start, end, today);
  return {
    target_id: tw.target.id,
    plan: tw.target.plan,
    clause: tw.target.clause,
    agency_id: tw.agency_id,
    period_key: tw.window.key,
    period_label: tw.window.label,
    first_day: tw.window.first_day,
    last_day: vietnamDay(new Date(end.getTime() - 1)),
    required,
    has_minimum: tw.target.min_count !== null,
    count,
    gap: Math.max(0, required - count),
    elapsed: Math.round(elapsed * 1000) / 1000,
    status: targetStatus(count, required, elapsed, lateShare),
  };
}

/** Evaluate every target window binding an agency between two days. */
export function evaluateAgency(
  registry: Registry,
  agencyId: string,
  fromDay: string,
  toDay: string,
  items: CoverageItem[],
  today: Date,
): TargetEvaluation[] {
  return targetsFor(registry, agencyId, fromDay, toDay).map((tw) => evaluate(registry, tw, items, today));
}
