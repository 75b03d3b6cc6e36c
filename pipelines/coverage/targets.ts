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
 *   not_started  the window has not begun and nothing counts yet
 * A target with no min_count (channels and deadline only) requires one item.
 * What one item adds and which items a measure accepts (e.g. only videos for
 * `video`) come from the vocabulary's MEASURE_RULES.
 */
import { agencyIndex, mapAgency, resolveWho } from "../registry/agencies.ts";
import { expandChannels, validOn } from "../registry/load.ts";
import type { Agency, Registry, Target } from "../registry/types.ts";
import { matchKey } from "../text/normalize.ts";
import { type CoverageStatus, MEASURE_RULES } from "../vocabulary/index.ts";
import { endOfDay, periodWindows, type PeriodWindow, vietnamDayOf } from "./periods.ts";

/** Anything that can count toward a target: an article, a broadcast, an analyst-entered session… */
export interface CoverageItem {
  agency_id: string;
  channel: string;
  /** ISO 8601 with offset, e.g. 2024-05-02T09:00:00+07:00. */
  published_at: string;
  /** Date.parse(published_at), when the item has it at hand (the report step's items: pipelines/report/index.ts). */
  readonly at?: number;
  areas: string[];
  title: string;
  text?: string;
  /** Sessions held (evidence rows; 1 for articles). */
  sessions?: number;
  /** People attending / informed (evidence rows), or null. */
  attendance?: number | null;
  /** Units the item stands for (evidence "Số lượng", e.g. visits), or null. */
  quantity?: number | null;
  /** text | video | audio | document | image | gallery (default text). */
  media_kind?: string | null;
}

export type TargetStatus = CoverageStatus;

export interface TargetWindow {
  target: Target;
  agency_id: string;
  window: PeriodWindow;
}

/** The agencies the target's `who` names on a day (resolveWho). */
type WhoOn = (day: string) => ReadonlySet<string>;

/** Does the agency fall under the target's `who` at some day of the window? `whoOn` resolves the `who` on a day. */
function binds(agency: Agency | undefined, agencyId: string, window: PeriodWindow, whoOn: WhoOn): boolean {
  if (!agency) throw new Error(`unknown agency id "${agencyId}"`);
  const from = agency.valid_from && agency.valid_from > window.first_day ? agency.valid_from : window.first_day;
  const to = agency.valid_to && agency.valid_to < window.last_day ? agency.valid_to : window.last_day;
  if (from > to) return false;
  return whoOn(from).has(agencyId);
}

/**
 * resolveWho for one target, each day resolved once and held as a set: a year's coverage asks it
 * for every agency of every window, mostly on the window's first day.
 */
function whoOfTarget(registry: Registry, target: Target): WhoOn {
  const days = new Map<string, Set<string>>();
  return (day) => {
    let ids = days.get(day);
    if (!ids) days.set(day, (ids = new Set(resolveWho(registry, target.who, day))));
    return ids;
  };
}

/**
 * Target windows that bind `agencyId` and overlap the days [fromDay, toDay]:
 * a 2024 target for so-ke-hoach-dau-tu binds so-ke-hoach-dau-tu in 2024, and
 * nobody else (its successor inherits no 2024 target).
 */
export function targetsFor(registry: Registry, agencyId: string, fromDay: string, toDay: string): TargetWindow[] {
  const out: TargetWindow[] = [];
  const agency = agencyIndex(registry).get(agencyId);
  for (const target of registry.targets) {
    const whoOn = whoOfTarget(registry, target);
    for (const window of periodWindows(target.period, target.year)) {
      if (window.last_day < fromDay || window.first_day > toDay) continue;
      if (binds(agency, agencyId, window, whoOn)) out.push({ target, agency_id: agencyId, window });
    }
  }
  return out;
}

/** Every (target, window, agency) of a year: the rows of a coverage table. */
export function targetWindowsOfYear(registry: Registry, year: number): TargetWindow[] {
  return registry.targets
    .filter((t) => t.year === year)
    .flatMap((target) => {
      const whoOn = whoOfTarget(registry, target);
      return periodWindows(target.period, target.year).flatMap((window) =>
        registry.agencies.filter((a) => binds(a, a.id, window, whoOn)).map((a) => ({ target, agency_id: a.id, window })),
      );
    });
}

/** First and exclusive-last instant an item may fall in to count: the window, cut at the deadline. */
export function countingSpan(target: Target, window: PeriodWindow): { start: Date; end: Date } {
  const deadlineEnd = target.deadline ? endOfDay(target.deadline) : null;
  const end = deadlineEnd && deadlineEnd < window.end ? deadlineEnd : window.end;
  return { start: window.start, end: end < window.start ? window.start : end };
}

/** An item's folded title and text: what the keyword filters read. */
const haystack = (item: CoverageItem) => matchKey(`${item.title}\n${item.text ?? ""}`);

/** haystack(item), computed once per item however many targets test it. */
const HAYSTACKS = new WeakMap<CoverageItem, string>();
function haystackOf(item: CoverageItem): string {
  let hay = HAYSTACKS.get(item);
  if (hay === undefined) {
    hay = haystack(item);
    HAYSTACKS.set(item, hay);
  }
  return hay;
}

/** Does a haystack (haystackOf) hold any of the keywords, diacritics ignored? */
const hasAnyKeyword = (hay: string, keywords: string[]) => keywords.some((k) => hay.includes(matchKey(k)));

/** Does an item's topic fit the target's filter (any listed area, and any keyword, diacritics ignored)? */
export function matchesTopic(target: Target, item: CoverageItem): boolean {
  if (!target.topic) return true;
  const { areas, keywords } = target.topic;
  if (areas.length && !item.areas.some((a) => (areas as string[]).includes(a))) return false;
  if (keywords.length && !hasAnyKeyword(haystackOf(item), keywords)) return false;
  return true;
}

/**
 * Could any of these targets' keyword filters ever pass for this item (its title and text hold one
 * of their keywords)? When not, its text can be dropped: with the text gone the haystack is a
 * prefix of what it was (the title's words), so no keyword filter decides otherwise.
 */
export function needsTextForTopics(targets: Target[], item: CoverageItem): boolean {
  const keywords = targets.flatMap((t) => t.topic?.keywords ?? []);
  return keywords.length > 0 && hasAnyKeyword(haystack(item), keywords);
}

/** The matching keys of every topic keyword of a list of targets, computed once per list. */
const KEYWORD_KEYS = new WeakMap<Target[], string[]>();
function keywordKeys(targets: Target[]): string[] {
  let keys = KEYWORD_KEYS.get(targets);
  if (!keys) KEYWORD_KEYS.set(targets, (keys = targets.flatMap((t) => t.topic?.keywords ?? []).map(matchKey)));
  return keys;
}

/**
 * Give an item its text as the keyword filters of `targets` read it, folding its title and raw text
 * once: the item's text becomes matchKey(rawText) when one of the targets' keywords occurs in its
 * title and text, and "" otherwise — what needsTextForTopics decides on the same item — and its
 * haystack is kept for matchesTopic. The text is a slice of the haystack (the haystack is the
 * title's words followed by the text's), so the two share their characters.
 */
export function foldTopicText(targets: Target[], item: CoverageItem, rawText: string): void {
  const hay = matchKey(`${item.title}\n${rawText}`);
  const keys = keywordKeys(targets);
  if (!keys.some((k) => hay.includes(k))) {
    item.text = "";
    return;
  }
  const titleKey = matchKey(item.title);
  item.text = hay.length === titleKey.length ? " " : titleKey === " " ? hay : hay.slice(titleKey.length - 1);
  HAYSTACKS.set(item, hay);
}

/** Does the item have what the target's measure counts (e.g. a video for `video`)? */
export function matchesMeasure(target: Target, item: CoverageItem): boolean {
  const media = MEASURE_RULES[target.measure]?.media;
  return !media || media.includes(item.media_kind ?? "text");
}

/** How much one matched item adds for a target's measure: 1, its sessions, its attendance or its quantity. */
export function itemAmount(target: Target, item: CoverageItem): number {
  switch (MEASURE_RULES[target.measure]?.amount ?? "one") {
    case "sessions":
      return item.sessions ?? 1;
    case "attendance":
      return item.attendance ?? 0;
    case "quantity":
      return item.quantity ?? 0;
    default:
      return 1;
  }
}

export interface Credit {
  agency_id: string;
  /** own: the agency the item names; successor: that agency had ended on the item's day (mapAgency). */
  reason: "own" | "successor";
}

/** creditsOf's answers per list of agencies (a registry's list is never edited in place), by agency and day. */
const CREDITS = new WeakMap<Agency[], Map<string, Map<string, readonly Credit[]>>>();

/**
 * The agencies an item of `agencyId` dated `day` is credited to: the agency
 * itself, and, when it no longer existed that day, what it maps to then
 * (mapAgency, the registry's lineage rule). The resolved lineage table
 * int_item_credit holds exactly these rows. Each (agency, day) is resolved once
 * per registry: the report step asks it for every item.
 */
export function creditsOf(registry: Registry, agencyId: string, day: string): readonly Credit[] {
  let known = CREDITS.get(registry.agencies);
  if (!known) CREDITS.set(registry.agencies, (known = new Map()));
  let byDay = known.get(agencyId);
  if (!byDay) known.set(agencyId, (byDay = new Map()));
  let out = byDay.get(day);
  if (!out) byDay.set(day, (out = resolveCredits(registry, agencyId, day)));
  return out;
}

function resolveCredits(registry: Registry, agencyId: string, day: string): Credit[] {
  const out: Credit[] = [{ agency_id: agencyId, reason: "own" }];
  const a = agencyIndex(registry).get(agencyId);
  if (!a || validOn(a, day)) return out;
  for (const id of mapAgency(registry, agencyId, day)) if (id !== agencyId) out.push({ agency_id: id, reason: "successor" });
  return out;
}

/** A run of days on which an agency's items are credited alike, and one agency they are credited to then. */
export interface CreditSpan {
  from_agency: string;
  first_day: string;
  last_day: string;
  agency_id: string;
  reason: Credit["reason"];
}

const sameCredits = (a: readonly Credit[], b: readonly Credit[]) =>
  a === b || (a.length === b.length && a.every((c, i) => c.agency_id === b[i].agency_id && c.reason === b[i].reason));

/**
 * creditsOf for every agency and day given, as spans: an agency's days, in order, merged while
 * their credits stay the same. For each day given, the spans of its agency that contain it are
 * exactly creditsOf's answer (a day not given may fall inside a span: it is not answered).
 */
export function creditSpans(registry: Registry, daysByAgency: Map<string, Iterable<string>>): CreditSpan[] {
  const out: CreditSpan[] = [];
  for (const [agencyId, daySet] of daysByAgency) {
    const days = [...new Set(daySet)].sort();
    let first = 0;
    for (let k = 1; k <= days.length; k++) {
      const credits = creditsOf(registry, agencyId, days[first]);
      if (k < days.length && sameCredits(credits, creditsOf(registry, agencyId, days[k]))) continue;
      for (const c of credits) out.push({ from_agency: agencyId, first_day: days[first], last_day: days[k - 1], agency_id: c.agency_id, reason: c.reason });
      first = k;
    }
  }
  return out;
}

/** Is the item credited to `agencyId` as of the item's date? */
function creditedTo(registry: Registry, item: CoverageItem, agencyId: string, day: string): boolean {
  if (item.agency_id === agencyId) return true;
  return creditsOf(registry, item.agency_id, day).some((c) => c.agency_id === agencyId);
}

/**
 * Items as the target windows read them: in instant order, each with its instant and Vietnam day
 * parsed once, so a window reads only the items of its own span.
 */
export interface DatedItems<T extends CoverageItem> {
  /** The dated items, by instant (input order among equal instants); an undated item never counts. */
  items: T[];
  /** Each item's instant (ms). */
  at: Float64Array;
  /** Each item's day in Vietnam (vietnamDay). */
  days: string[];
  /** Each item's position in the input: what matches is returned in input order. */
  order: Int32Array;
}

/** An item's instant in milliseconds (NaN when undated or not an instant). */
export const instantOf = (item: CoverageItem): number => item.at ?? Date.parse(item.published_at);

/** DatedItems of the items at `positions` (in input order) of `items`, whose instants and days are given. */
function datedAt<T extends CoverageItem>(items: T[], positions: number[], at: Float64Array, days: string[]): DatedItems<T> {
  const sorted = positions.filter((p) => !Number.isNaN(at[p]));
  // items read in instant order (the report step's) are sorted already
  if (!sorted.every((p, k) => k === 0 || at[sorted[k - 1]] <= at[p])) sorted.sort((p, q) => at[p] - at[q] || p - q);
  return {
    items: sorted.map((p) => items[p]),
    at: Float64Array.from(sorted, (p) => at[p]),
    days: sorted.map((p) => days[p]),
    order: Int32Array.from(sorted),
  };
}

/** DatedItems of a list of items. */
export function datedItems<T extends CoverageItem>(items: T[]): DatedItems<T> {
  const at = Float64Array.from(items, instantOf);
  const days = Array.from(at, (ms) => (Number.isNaN(ms) ? "" : vietnamDayOf(ms)));
  return datedAt(items, items.map((_, p) => p), at, days);
}

/**
 * Items by every agency they can be credited to (their own, and through lineage), as DatedItems,
 * so each target window reads only its agency's items of its span:
 * `matchingDated(registry, tw, index.get(tw.agency_id) ?? NO_ITEMS)` equals `matchingItems(registry, tw, items)`.
 */
export function creditIndex<T extends CoverageItem>(registry: Registry, items: T[]): Map<string, DatedItems<T>> {
  const at = Float64Array.from(items, instantOf);
  const days = new Array<string>(items.length);
  const positions = new Map<string, number[]>();
  const add = (agencyId: string, p: number) => {
    const list = positions.get(agencyId);
    if (list) list.push(p);
    else positions.set(agencyId, [p]);
  };
  items.forEach((item, p) => {
    if (Number.isNaN(at[p])) return; // never counts: no list needs it
    days[p] = vietnamDayOf(at[p]);
    for (const c of creditsOf(registry, item.agency_id, days[p])) add(c.agency_id, p);
  });
  return new Map([...positions].map(([agencyId, list]) => [agencyId, datedAt(items, list, at, days)]));
}

/** No items. */
export const NO_ITEMS: DatedItems<never> = { items: [], at: new Float64Array(0), days: [], order: new Int32Array(0) };

/**
 * Items grouped by every agency they can be credited to (their own, and through
 * lineage), in input order: `matchingItems(registry, tw, index.get(tw.agency_id) ?? [])`
 * equals `matchingItems(registry, tw, items)`.
 */
export function indexByCreditedAgency<T extends CoverageItem>(registry: Registry, items: T[]): Map<string, T[]> {
  const index = new Map<string, T[]>();
  const add = (agencyId: string, item: T) => {
    const list = index.get(agencyId);
    if (list) list.push(item);
    else index.set(agencyId, [item]);
  };
  for (const item of items) {
    const at = instantOf(item);
    if (Number.isNaN(at)) add(item.agency_id, item);
    else for (const c of creditsOf(registry, item.agency_id, vietnamDayOf(at))) add(c.agency_id, item);
  }
  return index;
}

/** The first position of a sorted list of instants at or after `ms`. */
function firstFrom(at: Float64Array, ms: number): number {
  let lo = 0, hi = at.length;
  while (lo < hi) {
    const mid = (lo + hi) >>> 1;
    if (at[mid] < ms) lo = mid + 1;
    else hi = mid;
  }
  return lo;
}

/** The items that count toward a target window for an agency (the rows behind the number), in input order. */
export function matchingItems<T extends CoverageItem>(registry: Registry, tw: TargetWindow, items: T[]): T[] {
  return matchingDated(registry, tw, datedItems(items));
}

/** matchingItems of DatedItems: the items of the window's counting span that count, in input order. */
export function matchingDated<T extends CoverageItem>(registry: Registry, tw: TargetWindow, dated: DatedItems<T>): T[] {
  const channels = new Set<string>(expandChannels(tw.target.channels));
  const { start, end } = countingSpan(tw.target, tw.window);
  const hits: number[] = [];
  for (let k = firstFrom(dated.at, start.getTime()), last = firstFrom(dated.at, end.getTime()); k < last; k++) {
    const item = dated.items[k];
    if (!channels.has(item.channel)) continue;
    if (creditedTo(registry, item, tw.agency_id, dated.days[k]) && matchesMeasure(tw.target, item) && matchesTopic(tw.target, item)) hits.push(k);
  }
  return hits.sort((j, k) => dated.order[j] - dated.order[k]).map((k) => dated.items[k]);
}

export function targetStatus(count: number, required: number, elapsed: number, lateShare = 0.8): Exclude<TargetStatus, "not_started"> {
  if (count >= required) return "met";
  if (elapsed >= 1) return "missed";
  if (count < Math.floor(required * elapsed + 1e-9)) return "at_risk";
  if (elapsed >= lateShare) return "at_risk";
  return "on_track";
}

/** The status of a coverage row: the one definition every page, export and CLI shows. */
export function coverageStatus(actual: number, required: number, elapsed: number, started: boolean): CoverageStatus {
  if (!started && actual < required) return "not_started";
  return targetStatus(actual, required, elapsed);
}
