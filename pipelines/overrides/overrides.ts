/**
 * Analyst overrides: include / exclude an item, change its areas or its agency,
 * with who, when and why. Overrides are an append-only log; for each article
 * and aspect (inclusion, areas, agency) the latest one wins. They are applied
 * after classification and attribution, so re-crawls and re-classification
 * never undo them. Pure: parsing, validation, the effective view, applying.
 */
import { overrideMessage, type OverrideCode } from "./messages.ts";
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

/** A problem of an override: the field, its stable code and the Vietnamese sentence. */
export interface OverrideProblem {
  field: string;
  code: OverrideCode;
  params?: Record<string, string>;
  message: string;
}

const problem = (field: string, code: OverrideCode, params?: Record<string, string>): OverrideProblem => ({ field, code, ...(params ? { params } : {}), message: overrideMessage(code, params) });

/** "field: sentence" */
export const formatOverrideProblem = (p: OverrideProblem): string => `${p.field}: ${p.message}`;

/** An invalid override: every problem, "field: sentence" joined by "; " in the message. */
export class OverrideValidationError extends Error {
  constructor(
    readonly problems: OverrideProblem[],
    where = "",
  ) {
    super(`${where}${problems.map(formatOverrideProblem).join("; ")}`);
  }
}

/** Problems with a request (empty when valid). */
export function overrideProblems(r: OverrideRequest): OverrideProblem[] {
  const problems: OverrideProblem[] = [];
  if (!r.article_id?.trim()) problems.push(problem("article_id", "ovr.article_missing"));
  if (!OVERRIDE_ACTIONS.includes(r.action)) problems.push(problem("action", "ovr.unknown_action", { allowed: OVERRIDE_ACTIONS.join(", ") }));
  if (!r.by?.trim()) problems.push(problem("by", "ovr.by_missing"));
  if (!r.why?.trim()) problems.push(problem("why", "ovr.why_missing"));
  if (r.action === "areas") {
    if (!r.areas?.length) problems.push(problem("areas", "ovr.areas_missing"));
    for (const a of r.areas ?? []) if (!AREAS.includes(canonicalCode(a) as Area)) problems.push(problem("areas", "ovr.unknown_area", { area: a, allowed: AREAS.join(", ") }));
  }
  if (r.action === "agency" && r.agency_id !== null && !r.agency_id?.trim()) problems.push(problem("agency_id", "ovr.agency_missing"));
  return problems;
}

/** A validated override stamped with `now`; throws listing every problem. */
export function makeOverride(r: OverrideRequest, now: Date): Override {
  const problems = overrideProblems(r);
  if (problems.length) throw new OverrideValidationError(problems);
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
  const fail = (field: string, code: OverrideCode, params?: Record<string, string>) => new OverrideValidationError([problem(field, code, params)], `${label}:${line}: `);
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw fail("(dòng)", "ovr.not_object");
  const v = value as Record<string, unknown>;
  for (const f of ["override_id", "article_id", "action", "by", "at", "why"]) {
    if (typeof v[f] !== "string" || !(v[f] as string).trim()) throw fail(f, "ovr.empty_string");
  }
  if (Number.isNaN(Date.parse(v.at as string))) throw fail("at", "ovr.bad_time", { value: String(v.at) });
  const problems = overrideProblems({
    article_id: v.article_id as string,
    action: v.action as OverrideAction,
    areas: v.areas as string[] | null,
    agency_id: v.agency_id as string | null,
    by: v.by as string,
    why: v.why as string,
  });
  if (problems.length) throw new OverrideValidationError(problems.slice(0, 1), `${label}:${line}: `);
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
