/**
 * Targets in force in a year, pure: the year's own plans, or — for an issuer
 * that has no plan that year — provisional targets carried from its latest
 * earlier plan. Plans repeat their standing clauses each year (12 items a year
 * in mass media, one a quarter on the provincial portal…), so the carried rows
 * are ordinary targets of the year with `provisional` set; whatever counts
 * targets (the coverage engine) counts them like any other, and every page,
 * export and briefing prints `provisional.label` ("tạm tính theo <plan>
 * <clause>") beside their numbers.
 *
 * Binding in the new year:
 * - named agencies that no longer exist are replaced by their successors
 *   through lineage (mapAgency on the year's first day the agency is gone);
 * - a selector's kinds that still exist bind as written; a kind that no longer
 *   exists (ubnd_huyen after 2025-07-01) binds the kinds of an analyst-confirmed
 *   mapping (registry/carry-forward.yaml), and nobody without one — the row
 *   says which kinds were left out;
 * - deadlines move to the same day of the new year.
 * A carried clause that binds nobody is left out (`carryPlan` reports why).
 */
import { registryMessage } from "./messages.ts";
import { agenciesAt, mapAgency } from "./agencies.ts";
import type { AgencyKind, KindMapping, Plan, Registry, Target, Who } from "./types.ts";

export const provisionalLabel = (plan: string, clause: string): string => `tạm tính theo ${plan} ${clause}`;

const yearSpan = (year: number) => ({ first: `${year}-01-01`, last: `${year}-12-31` });

/** Does any agency of `kind` (under `parent`, if given) exist at some day of the year? */
function kindExists(registry: Registry, kind: AgencyKind, parent: string | null, year: number): boolean {
  const { first, last } = yearSpan(year);
  return registry.agencies.some(
    (a) => a.kind === kind && (parent === null || a.parent === parent) && (a.valid_from ?? "0000") <= last && (a.valid_to ?? "9999") >= first,
  );
}

/** Is the issuer of a plan around in the year (it exists on some day of it)? */
function issuerExists(registry: Registry, issuer: string, year: number): boolean {
  const a = registry.agencies.find((x) => x.id === issuer);
  const { first, last } = yearSpan(year);
  return a !== undefined && (a.valid_from ?? "0000") <= last && (a.valid_to ?? "9999") >= first;
}

/**
 * The plans a year's provisional targets come from: for every issuer that exists
 * in the year and has no plan of that year, its latest earlier plan with targets.
 */
export function carriedPlans(registry: Registry, year: number): Plan[] {
  const withPlan = new Set(registry.plans.filter((p) => p.year === year).map((p) => p.issuer));
  const latest = new Map<string, Plan>();
  for (const p of registry.plans) {
    if (p.year >= year || withPlan.has(p.issuer) || !issuerExists(registry, p.issuer, year)) continue;
    if (!registry.targets.some((t) => t.plan === p.id && !t.provisional)) continue;
    const prev = latest.get(p.issuer);
    if (!prev || prev.year < p.year) latest.set(p.issuer, p);
  }
  return [...latest.values()];
}

export interface CarryResult {
  targets: Target[];
  /** Clauses not carried, each with why (in English, for logs and the draft's note column). */
  skipped: { target_id: string; clause: string; reason: string }[];
}

/** A mapping in force for carrying into `year`: confirmed, and effective by the year's end. */
function mappingFor(mappings: KindMapping[], kind: AgencyKind, year: number): KindMapping | undefined {
  return mappings.find((m) => m.from === kind && m.confirmed && m.from_date <= `${year}-12-31`);
}

/** Carry the targets of `planId` into `year` (see the module comment for the binding rules). */
export function carryPlan(registry: Registry, planId: string, year: number, mappings: KindMapping[] = registry.kind_mappings): CarryResult {
  const plan = registry.plans.find((p) => p.id === planId);
  if (!plan) throw new Error(`unknown plan "${planId}"`);
  const shift = year - plan.year;
  const out: CarryResult = { targets: [], skipped: [] };
  for (const t of registry.targets.filter((x) => x.plan === planId && !x.provisional)) {
    const origin = { plan: t.plan, clause: t.clause, from_year: t.year, from_target: t.id, label: provisionalLabel(t.plan, t.clause) };
    let who: Who;
    const mapped_agencies: { from: string; to: string[] }[] = [];
    const mapped_kinds: { from: AgencyKind; to: AgencyKind[] }[] = [];
    const unmapped_kinds: AgencyKind[] = [];
    if ("agencies" in t.who) {
      const ids = new Set<string>();
      for (const id of t.who.agencies) {
        const a = registry.agencies.find((x) => x.id === id);
        if (!a) continue;
        const { first, last } = yearSpan(year);
        const inYear = (a.valid_from ?? "0000") <= last && (a.valid_to ?? "9999") >= first;
        if (inYear) ids.add(id);
        // Gone before the year ends: its successors on the year's last day bind the rest of the year.
        if (a.valid_to && a.valid_to < last) {
          const to = mapAgency(registry, id, last).filter((x) => x !== id);
          if (to.length) mapped_agencies.push({ from: id, to });
          to.forEach((x) => ids.add(x));
        }
      }
      if (!ids.size) {
        out.skipped.push({ target_id: t.id, clause: t.clause, reason: registryMessage("reg.carry_agencies_gone", { agencies: t.who.agencies.join(", "), year }) });
        continue;
      }
      who = { agencies: [...ids] };
    } else {
      const kinds = new Set<AgencyKind>();
      for (const kind of t.who.kinds) {
        const m = mappingFor(mappings, kind, year);
        if (kindExists(registry, kind, t.who.parent, year)) kinds.add(kind);
        if (m) {
          mapped_kinds.push({ from: kind, to: m.to });
          m.to.forEach((k) => kinds.add(k));
        } else if (!kindExistsAllYear(registry, kind, t.who.parent, year)) unmapped_kinds.push(kind);
      }
      if (!kinds.size) {
        out.skipped.push({ target_id: t.id, clause: t.clause, reason: registryMessage("reg.carry_kinds_gone", { kinds: t.who.kinds.join(", "), year }) });
        continue;
      }
      who = { kinds: [...kinds], parent: t.who.parent };
    }
    const deadline = t.deadline ? shiftYear(t.deadline, shift) : null;
    out.targets.push({
      ...t,
      id: `p${year}-${t.id}`,
      who,
      year,
      deadline,
      provisional: { ...origin, unmapped_kinds, mapped_kinds, mapped_agencies },
    });
  }
  return out;
}

/** Does some agency of the kind exist on the year's last day (i.e. the kind was not abolished during the year)? */
function kindExistsAllYear(registry: Registry, kind: AgencyKind, parent: string | null, year: number): boolean {
  return agenciesAt(registry, `${year}-12-31`, [kind]).some((a) => parent === null || a.parent === parent);
}

/** The same day `years` later (29 February becomes 28 February in a common year). */
export function shiftYear(day: string, years: number): string {
  const [y, m, d] = day.split("-").map(Number);
  const ny = y + years;
  const leap = (ny % 4 === 0 && ny % 100 !== 0) || ny % 400 === 0;
  const dd = m === 2 && d === 29 && !leap ? 28 : d;
  return `${ny}-${String(m).padStart(2, "0")}-${String(dd).padStart(2, "0")}`;
}

export interface TargetsInForce {
  year: number;
  targets: Target[];
  /** The plans entered for the year. */
  own_plans: string[];
  /** The plans provisional targets were carried from. */
  carried_from: string[];
  /** When `targets` is empty: why, and what to do (Vietnamese, for users). */
  empty_reason: string | null;
}

/** Every target in force in `year`: the year's own targets plus provisional ones for issuers without a plan that year. */
export function targetsInForce(registry: Registry, year: number): TargetsInForce {
  const own = registry.targets.filter((t) => t.year === year && !t.provisional);
  const carried = carriedPlans(registry, year);
  const provisional = carried.flatMap((p) => carryPlan(registry, p.id, year).targets);
  const targets = [...own, ...provisional];
  return {
    year,
    targets,
    own_plans: [...new Set(own.map((t) => t.plan))],
    carried_from: carried.map((p) => p.id),
    empty_reason: targets.length ? null : noTargetsReason(registry, year),
  };
}

/**
 * Why a year has no targets, and what to do about it (user-facing, Vietnamese).
 * `provisionalLeftOut`: the caller chose to show entered targets only.
 */
export function noTargetsReason(registry: Registry, year: number, provisionalLeftOut = false): string {
  const earlier = registry.plans.filter((p) => p.year < year && registry.targets.some((t) => t.plan === p.id));
  const carried = carriedPlans(registry, year).filter((p) => carryPlan(registry, p.id, year).targets.length);
  let why: string;
  if (registry.plans.some((p) => p.year === year)) why = `kế hoạch năm ${year} đã nhập nhưng chưa có dòng chỉ tiêu nào`;
  else if (carried.length && provisionalLeftOut)
    why = `chưa nhập kế hoạch năm ${year}; có chỉ tiêu tạm tính theo ${carried.map((p) => p.id).join(", ")} (bỏ --only-year để xem)`;
  else if (earlier.length) why = `chưa nhập kế hoạch năm ${year}, và các kế hoạch trước đó (${earlier.map((p) => p.id).join(", ")}) không còn cơ quan nào để áp dụng tạm tính`;
  else why = `chưa nhập kế hoạch năm ${year} và không có kế hoạch năm trước để tạm tính`;
  return (
    `Chưa có chỉ tiêu nào cho năm ${year}: ${why}. ` +
    `Cách làm: nhập kế hoạch năm ${year} bằng mẫu kế hoạch (cchc plan template, rồi cchc plan import TỆP), ` +
    `hoặc lập bản nháp từ kế hoạch năm trước (cchc plan draft --year ${year} --from <số kế hoạch>) để rà soát, sửa và lưu.`
  );
}

/**
 * The registry with the provisional targets of every year from the first plan
 * year through `throughYear` added (years whose issuers all have plans add none).
 * What the report step evaluates, so the site, the CLI and exports agree.
 */
export function withTargetsInForce(registry: Registry, throughYear: number): Registry {
  const years = registry.plans.map((p) => p.year);
  if (!years.length) return registry;
  const extra: Target[] = [];
  for (let y = Math.min(...years) + 1; y <= throughYear; y++) {
    for (const p of carriedPlans(registry, y)) extra.push(...carryPlan(registry, p.id, y).targets);
  }
  return extra.length ? { ...registry, targets: [...registry.targets, ...extra] } : registry;
}
