/**
 * The workbench's only doorway into the product: the override store, the
 * evidence importer, the registry and the refresh of the numbers. Every write
 * in writes.ts calls these and nothing else of the product, so a change of
 * those parts (e.g. issue 11's layered models) is a change of this file.
 */
import { lookupsFromRegistry } from "../evidence/import.ts";
import { readEvidenceFile } from "../evidence/files.ts";
import { EVIDENCE_COLUMNS, type EvidenceLookups, type EvidenceRow, type RawEvidenceRow, validateEvidence } from "../evidence/schema.ts";
import { type EvidenceImportSummary, storeEvidence } from "../evidence/store.ts";
import { formatOverrideProblem, makeOverride, OverrideValidationError, type Override, type OverrideRequest } from "../overrides/overrides.ts";
import { defaultOverridesFile, exportOverridesFile, importOverridesFile, recordOverride } from "../overrides/store.ts";
import { materialiseCoverage } from "../report/index.ts";
import { readRefreshInputs, refreshWarehouse, type RefreshInputs } from "../report/refresh.ts";
import { DEFAULT_REGISTRY_DIR, loadRegistry } from "../registry/load.ts";
import { importPlanFile, PlanMakesRegistryInvalidError, type PlanImportSummary } from "../plans/import.ts";
import { confirmKindMappings, MappingConfirmError, type MappingConfirmation } from "../plans/confirm.ts";
import { targetsInForce } from "../registry/provisional.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import { formatPlanProblem, PlanFileError } from "../plans/plan-file.ts";
import { CHANNELS, REFORM_AREAS, TASK_STATUSES, type Registry } from "../registry/types.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { basename, join } from "node:path";

export { formatPlanProblem, MappingConfirmError, PlanFileError, PlanMakesRegistryInvalidError };
export type { MappingConfirmation, PlanImportSummary };
export { formatOverrideProblem, OverrideValidationError };
export { formatIssue } from "../registry/yaml-source.ts";
export { planMakesRegistryInvalid } from "../plans/messages.ts";

export { evidenceProblem, EvidenceValidationError } from "../evidence/schema.ts";
export type { EvidenceRow, Override };

export interface ProductContext {
  db: string;
  registryDir?: string;
  lexicon?: string;
}

/** The registry as the CLI reads it (validated; throws with located problems). */
export function registryOf(ctx: ProductContext): Registry {
  return loadRegistry(ctx.registryDir);
}

export function evidenceLookups(registry: Registry): EvidenceLookups {
  return lookupsFromRegistry(registry);
}

// ── overrides ────────────────────────────────────────────────────────────────

export function overridesFileOf(ctx: ProductContext): string {
  return defaultOverridesFile(ctx.db);
}

/** Validate like `cchc override` (throws "field: problem; …"). */
export function makeOverrides(requests: OverrideRequest[], now: Date): Override[] {
  return requests.map((r) => makeOverride(r, now));
}

/** Inside the caller's transaction: bring in file entries made elsewhere, then record. */
export async function recordOverrides(w: Warehouse, ctx: ProductContext, overrides: Override[]): Promise<void> {
  await importOverridesFile(w, overridesFileOf(ctx));
  for (const o of overrides) await recordOverride(w, o);
}

/** After COMMIT: mirror the table to the overrides file (atomic rename), as `cchc override` does. */
export async function mirrorOverridesFile(w: Warehouse, ctx: ProductContext): Promise<number> {
  return exportOverridesFile(w, overridesFileOf(ctx));
}

// ── evidence ─────────────────────────────────────────────────────────────────

/** Validate rows exactly as `cchc evidence import` does (throws EvidenceValidationError with "file: dòng N, cột FIELD: …"). */
export function validateEvidenceRows(label: string, raw: RawEvidenceRow[], now: Date, lookups: EvidenceLookups): EvidenceRow[] {
  return validateEvidence(label, raw, now, lookups);
}

/** The evidence template's columns and vocabularies, for the page's one-row form. */
export function evidenceSchema() {
  return { columns: EVIDENCE_COLUMNS, channels: CHANNELS, reform_areas: REFORM_AREAS };
}

export async function readEvidenceUpload(fileName: string, data: Buffer): Promise<RawEvidenceRow[]> {
  return readEvidenceFile(fileName, data);
}

export async function storeEvidenceRows(w: Warehouse, label: string, data: Buffer, rows: EvidenceRow[], now: Date): Promise<EvidenceImportSummary> {
  return storeEvidence(w, label, data, rows, now);
}

// ── numbers ──────────────────────────────────────────────────────────────────

export function refreshInputs(ctx: ProductContext): RefreshInputs {
  // The overrides file was imported by recordOverrides inside the transaction.
  return { ...readRefreshInputs(ctx.db, { registryDir: ctx.registryDir, lexicon: ctx.lexicon }), overridesFile: null };
}

/** After an override: re-analyse (overrides applied) and recompute coverage, inside the caller's transaction. */
export async function recomputeAfterOverride(w: Warehouse, inputs: RefreshInputs, now: Date): Promise<void> {
  await refreshWarehouse(w, inputs, now);
}

/** After evidence: only coverage reads it (report_items includes evidence rows). */
export async function recomputeAfterEvidence(w: Warehouse, registry: Registry, now: Date): Promise<void> {
  await materialiseCoverage(w, registry, now);
}

// ── plan tasks ───────────────────────────────────────────────────────────────

export const TASK_STATUS_VALUES: readonly string[] = TASK_STATUSES;

// ── plans (`cchc plan import`, `cchc plan confirm`) ─────────────────────────

/**
 * Import a filled plan template (CSV / XLSX) exactly as `cchc plan import` does
 * (located errors, all or nothing, the registry YAML stays the stored form),
 * then recompute the numbers inside the caller's transaction.
 */
export async function importPlanTemplate(w: Warehouse, ctx: ProductContext, fileName: string, data: Buffer, now: Date): Promise<PlanImportSummary> {
  const dir = mkdtempSync(join(tmpdir(), "cchc-plan-upload-"));
  const name = basename(fileName.normalize("NFC")).replace(/[^\p{L}\p{N}._-]+/gu, "_") || "ke-hoach.xlsx";
  try {
    const file = join(dir, name);
    writeFileSync(file, data);
    const summary = await importPlanFile(file, ctx.registryDir ?? DEFAULT_REGISTRY_DIR);
    await refreshWarehouse(w, refreshInputs(ctx), now);
    return { ...summary, file: name };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/**
 * Confirm a provisional target: the kind mappings it left out (e.g. district
 * clauses → commune-level units) are confirmed in registry/carry-forward.yaml
 * as `cchc plan confirm` does, then the numbers are recomputed inside the
 * caller's transaction.
 */
export async function confirmProvisionalTarget(w: Warehouse, ctx: ProductContext, targetId: string, by: string, now: Date): Promise<MappingConfirmation & { target_id: string }> {
  const year = Number(/^p(\d{4})-/.exec(targetId)?.[1]);
  const target = Number.isInteger(year) ? targetsInForce(registryOf(ctx), year).targets.find((t) => t.id === targetId) : undefined;
  if (!target?.provisional) throw new MappingConfirmError(`không có chỉ tiêu tạm tính ${targetId}`);
  const kinds = target.provisional.unmapped_kinds;
  if (!kinds.length) throw new MappingConfirmError(`chỉ tiêu tạm tính ${targetId} không còn loại cơ quan nào chờ xác nhận`);
  const confirmation = confirmKindMappings(kinds, by, toVietnamIso(now).slice(0, 10), ctx.registryDir ?? DEFAULT_REGISTRY_DIR);
  await refreshWarehouse(w, refreshInputs(ctx), now);
  return { ...confirmation, target_id: targetId };
}
