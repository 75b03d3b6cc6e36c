/**
 * `cchc evidence import`: read a CSV / XLSX evidence file, validate every row
 * (agency ids against the registry when it loads, else an injected set), and
 * store it all or nothing.
 */
import { existsSync, readFileSync } from "node:fs";
import { loadRegistry, validOn } from "../registry/load.ts";
import type { Registry } from "../registry/types.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { readEvidenceFile } from "./files.ts";
import { type EvidenceLookups, evidenceIssue, type EvidenceRow, EvidenceValidationError, validateEvidence } from "./schema.ts";
import { type EvidenceImportSummary, storeEvidence } from "./store.ts";

/** Agency and target checks from the registry: ids, and each agency's validity period. */
export function lookupsFromRegistry(registry: Registry): EvidenceLookups {
  const agencies = new Map(registry.agencies.map((a) => [a.id, a]));
  return {
    knownAgencyIds: new Set(agencies.keys()),
    agencyValidOn: (id, day) => {
      const a = agencies.get(id);
      return Boolean(a && validOn(a, day));
    },
    knownTargetIds: new Set(registry.targets.map((t) => t.id)),
  };
}

/** The default lookups: the project's registry (registry/*.yaml). */
export function defaultLookups(registryDir?: string): EvidenceLookups {
  return lookupsFromRegistry(loadRegistry(registryDir));
}

/** Read and validate a file; throws EvidenceValidationError listing every problem. */
export async function readAndValidate(file: string, now: Date, lookups: EvidenceLookups): Promise<{ data: Buffer; rows: EvidenceRow[] }> {
  if (!existsSync(file)) throw new EvidenceValidationError([evidenceIssue(file, null, null, "ev.file_missing")]);
  const data = readFileSync(file);
  const raw = await readEvidenceFile(file, data);
  return { data, rows: validateEvidence(file, raw, now, lookups) };
}

export async function importEvidenceFile(w: Warehouse, file: string, now: Date, lookups: EvidenceLookups): Promise<EvidenceImportSummary> {
  const { data, rows } = await readAndValidate(file, now, lookups);
  return storeEvidence(w, file, data, rows, now);
}
