/**
 * Entering a plan without editing YAML: `cchc plan import FILE` validates a
 * filled-in plan template (located errors: sheet, row, column) and appends the
 * plan and its targets to registry/targets.yaml all or nothing — the new file
 * is checked as part of the whole registry before it replaces the old one
 * (atomically). `cchc plan draft` writes a year's draft from an earlier plan.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { atomicWriteFile } from "../export/atomic.ts";
import { carryPlan } from "../registry/provisional.ts";
import { DEFAULT_REGISTRY_DIR, loadRegistry, loadRegistryDir, REGISTRY_FILES } from "../registry/load.ts";
import type { Plan, Registry, Target } from "../registry/types.ts";
import { formatIssue, type RegistryIssue } from "../registry/yaml-source.ts";
import { planMakesRegistryInvalid, planMessage } from "./messages.ts";
import { type ParsedPlans, parsePlanRows, type PlanTemplateRow, readPlanFile, templateRows } from "./plan-file.ts";

const q = (s: string) => JSON.stringify(s.normalize("NFC"));
const qlist = (xs: string[]) => `[${xs.map(q).join(", ")}]`;

/** YAML lines of a plan entry (under plans:). */
export function planYaml(p: Plan): string {
  return [
    `  - id: ${q(p.id)}`,
    `    title: ${q(p.title)}`,
    `    issuer: ${p.issuer}`,
    ...(p.issued ? [`    issued: ${p.issued}`] : []),
    `    year: ${p.year}`,
  ].join("\n");
}

/** YAML lines of a target entry (under targets:). */
export function targetYaml(t: Target): string {
  const who = "agencies" in t.who
    ? t.who.agencies.length === 1 ? t.who.agencies[0] : qlist(t.who.agencies)
    : `{ kinds: [${t.who.kinds.join(", ")}]${t.who.parent ? `, parent: ${t.who.parent}` : ""} }`;
  const topic = t.topic
    ? `{ ${[t.topic.areas.length ? `areas: [${t.topic.areas.join(", ")}]` : "", t.topic.keywords.length ? `keywords: ${qlist(t.topic.keywords)}` : ""].filter(Boolean).join(", ")} }`
    : null;
  return [
    `  - id: ${t.id}`,
    `    plan: ${q(t.plan)}`,
    `    clause: ${q(t.clause)}`,
    `    who: ${who}`,
    `    channels: [${t.channels.join(", ")}]`,
    ...(topic ? [`    topic: ${topic}`] : []),
    ...(t.measure !== "items" ? [`    measure: ${t.measure}`] : []),
    ...(t.min_count !== null ? [`    min_count: ${t.min_count}`] : []),
    `    period: ${t.period}`,
    `    year: ${t.year}`,
    ...(t.deadline ? [`    deadline: ${t.deadline}`] : []),
    ...(t.description ? [`    description: ${q(t.description)}`] : []),
  ].join("\n");
}

/** targets.yaml with the plans inserted at the end of `plans:` and the targets appended at the end of `targets:`. */
export function withPlansAppended(text: string, parsed: ParsedPlans, source: string): string {
  const m = /^targets:\s*$/m.exec(text);
  if (!m) throw new Error(planMessage("plan.no_targets_list", { file: REGISTRY_FILES.targets }));
  const stamp = `  # ── imported from ${source} (cchc plan import) ──`;
  const plans = `${stamp}\n${parsed.plans.map(planYaml).join("\n")}\n\n`;
  const head = text.slice(0, m.index).replace(/\n*$/, "\n");
  const tail = text.slice(m.index).replace(/\n*$/, "\n");
  return `${head}${plans}${tail}\n${stamp}\n${parsed.targets.map(targetYaml).join("\n")}\n`;
}

/** The plan file is valid on its own but the registry with it added is not: `issues` are located in the registry's files. */
export class PlanMakesRegistryInvalidError extends Error {
  constructor(readonly issues: RegistryIssue[]) {
    super(`${planMakesRegistryInvalid()}:\n${issues.map(formatIssue).join("\n")}`);
  }
}

export interface PlanImportSummary {
  file: string;
  plans: string[];
  targets: number;
  written: string;
}

/** Read, validate and store a plan file all or nothing. Throws PlanFileError (located problems) or PlanMakesRegistryInvalidError (the registry problems it would cause). */
export async function importPlanFile(file: string, registryDir: string = DEFAULT_REGISTRY_DIR): Promise<PlanImportSummary> {
  const data = readFileSync(file);
  const registry = loadRegistry(registryDir);
  const parsed = parsePlanRows(await readPlanFile(file, data), registry, file);
  const path = join(registryDir, REGISTRY_FILES.targets);
  const next = withPlansAppended(readFileSync(path, "utf-8"), parsed, file.split("/").pop() ?? file);
  // The whole registry with the new file must validate before anything is replaced.
  const scratch = mkdtempSync(join(tmpdir(), "cchc-plan-import-"));
  try {
    cpSync(registryDir, scratch, { recursive: true });
    writeFileSync(join(scratch, REGISTRY_FILES.targets), next);
    const { issues } = loadRegistryDir(scratch);
    // Located in the registry the user edits, not in the scratch copy.
    if (issues.length) throw new PlanMakesRegistryInvalidError(issues.map((i) => ({ ...i, file: i.file.startsWith(scratch) ? join(registryDir, i.file.slice(scratch.length)) : i.file })));
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  atomicWriteFile(path, next);
  return { file, plans: parsed.plans.map((p) => p.id), targets: parsed.targets.length, written: path };
}

export interface PlanDraft {
  rows: Partial<PlanTemplateRow>[];
  /** Clauses of the source plan that bind nobody in the year, with why. */
  skipped: { clause: string; reason: string }[];
}

/**
 * The draft of `year`'s plan from an earlier plan of the same issuer: its
 * clauses carried as provisional targets are (lineage, confirmed kind
 * mappings), each row noting what the analyst should check. The plan number
 * is left as a placeholder the import refuses until it is filled in.
 */
export function draftPlan(registry: Registry, year: number, fromPlanId: string): PlanDraft {
  const from = registry.plans.find((p) => p.id === fromPlanId);
  if (!from) throw new Error(planMessage("plan.unknown_from_plan", { plan: fromPlanId, plans: registry.plans.map((p) => p.id).join(", ") }));
  if (from.year >= year) throw new Error(planMessage("plan.from_not_earlier", { plan: fromPlanId, from_year: from.year, year }));
  const carried = carryPlan(registry, fromPlanId, year);
  const plan: Plan = { id: `<số kế hoạch năm ${year}>`, title: `${from.title.replace(/\b\d{4}\b/g, String(year))}`, issuer: from.issuer, issued: null, year };
  const notes = new Map<string, string>();
  for (const t of carried.targets) {
    const p = t.provisional!;
    const parts = [`theo ${p.plan} ${p.clause} (năm ${p.from_year})`];
    for (const m of p.mapped_agencies) parts.push(`${m.from} đã sắp xếp: thay bằng ${m.to.join(", ")} theo lịch sử sắp xếp`);
    for (const m of p.mapped_kinds) parts.push(`${m.from} thay bằng ${m.to.join(", ")} (đã xác nhận)`);
    for (const k of p.unmapped_kinds) parts.push(`${k} không còn trong năm ${year}: nếu điều khoản áp dụng cho đơn vị khác (vd. ubnd_xa_phuong), thêm vào cột Đối tượng`);
    if (t.deadline) parts.push("hạn chuyển sang cùng ngày của năm mới: kiểm tra lại");
    notes.set(t.id, parts.join("; "));
  }
  return {
    rows: templateRows(plan, carried.targets.map((t) => ({ ...t, provisional: undefined })), notes),
    skipped: carried.skipped.map((s) => ({ clause: s.clause, reason: s.reason })),
  };
}
