/**
 * Analyst overrides: include / exclude an item, change its areas or its agency,
 * with who, when and why. Overrides are an append-only log; for each article
 * and aspect (inclusion, areas, agency) the latest one wins. They are applied
 * after classification and attribution, so re-crawls and re-classification
 * never undo them. Pure: parsing, validation, the effective view, applying.
 */
import { createHash } from "node:crypto";
import { toVietnamIso } from "../time/vietnam-time.ts";
import { AREAS, type Area } from "../classify/lexicon.ts";
import { canonicalCode } from "../vocabulary/index.ts";

export const OVERRIDE_ACTIONS = ["include", "exclude", "areas", "agency"] as const;
export type OverrideAction = (typeof OVERRIDE_ACTIONS)[number];

export interface Override {
  override_id: string;
  article_id: string;
  action: OverrideAction;
  /** For "areas": the areas, primary first. */
  areas: Area[] | null;
  /** For "agency": the agency credited, or null = deliberately unattributed. */
  agency_id: string | null;
  by: string;
  /** ISO 8601 with +07:00. */
  at: string;
  why: string;
}

export interface OverrideRequest {
  article_id: string;
  action: OverrideAction;
  areas?: string[] | null;
  agency_id?: string | null;
  by: string;
  why: string;
}

/** Problems with a request, as "field: what is wrong" (empty when valid). */
export function overrideProblems(r: OverrideRequest): string[] {
  const problems: string[] = [];
  if (!r.article_id?.trim()) problems.push("article_id: missing");
  if (!OVERRIDE_ACTIONS.includes(r.action)) problems.push(`action: must be one of ${OVERRIDE_ACTIONS.join(", ")}`);
  if (!r.by?.trim()) problems.push("by: who made the change is required");
  if (!r.why?.trim()) problems.push("why: a reason is required");
  if (r.action === "areas") {
    if (!r.areas?.length) problems.push("areas: at least one area is required");
    for (const a of r.areas ?? []) if (!AREAS.includes(canonicalCode(a) as Area)) problems.push(`areas: unknown area "${a}" (known: ${AREAS.join(", ")})`);
  }
  if (r.action === "agency" && r.agency_id !== null && !r.agency_id?.trim()) problems.push("agency_id: missing (use null for unattributed)");
  return problems;
}

/** A validated override stamped with `now`; throws listing every problem. */
export function makeOverride(r: OverrideRequest, now: Date): Override {
  const problems = overrideProblems(r);
  if (problems.length) throw new Error(problems.join("; "));
  const at = toVietnamIso(now);
  const o: Omit<Override, "override_id"> = {
    article_id: r.article_id.trim(),
    action: r.action,
    areas: r.action === "areas" ? ([...new Set((r.areas ?? []).map(canonicalCode))] as Area[]) : null,
    agency_id: r.action === "agency" ? (r.agency_id?.trim() ?? null) : null,
    by: r.by.normalize("NFC").trim(),
    at,
    why: r.why.normalize("NFC").trim(),
  };
  const override_id = createHash("sha256").update(JSON.stringify(o)).digest("hex").slice(0, 16);
  return { override_id, ...o };
}

/** Parse one stored override (a JSON line of the overrides file); errors name label:line: field. */
export function parseOverride(label: string, line: number, value: unknown): Override {
  const fail = (field: string, msg: string) => new Error(`${label}:${line}: ${field}: ${msg}`);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw fail("(line)", "expected a JSON object");
  const v = value as Record<string, unknown>;
  for (const f of ["override_id", "article_id", "action", "by", "at", "why"]) {
    if (typeof v[f] !== "string" || !(v[f] as string).trim()) throw fail(f, "must be a non-empty string");
  }
  if (Number.isNaN(Date.parse(v.at as string))) throw fail("at", `not a date: "${v.at}"`);
  const problems = overrideProblems({
    article_id: v.article_id as string,
    action: v.action as OverrideAction,
    areas: v.areas as string[] | null,
    agency_id: v.agency_id as string | null,
    by: v.by as string,
    why: v.why as string,
  });
  if (problems.length) {
    const [field, ...rest] = problems[0].split(": ");
    throw fail(field, rest.join(": "));
  }
  return {
    override_id: v.override_id as string,
    article_id: v.article_id as string,
    action: v.action as OverrideAction,
    areas: v.action === "areas" ? ((v.areas as string[]).map(canonicalCode) as Area[]) : null,
    agency_id: v.action === "agency" ? ((v.agency_id as string | null) ?? null) : null,
    by: v.by as string,
    at: v.at as string,
    why: v.why as string,
  };
}

/** What the overrides of one article decide; undefined = not overridden. */
export interface Effective {
  include?: boolean;
  areas?: Area[];
  agency?: { agency_id: string | null; by: string; why: string };
  override_ids: string[];
}

const byTime = (a: Override, b: Override) => Date.parse(a.at) - Date.parse(b.at) || (a.override_id < b.override_id ? -1 : 1);

/** The latest override per article and aspect. */
export function effectiveOverrides(list: Override[]): Map<string, Effective> {
  const out = new Map<string, Effective>();
  for (const o of [...list].sort(byTime)) {
    let e = out.get(o.article_id);
    if (!e) out.set(o.article_id, (e = { override_ids: [] }));
    e.override_ids.push(o.override_id);
    if (o.action === "include") e.include = true;
    else if (o.action === "exclude") e.include = false;
    else if (o.action === "areas") e.areas = o.areas ?? [];
    else e.agency = { agency_id: o.agency_id, by: o.by, why: o.why };
  }
  return out;
}
