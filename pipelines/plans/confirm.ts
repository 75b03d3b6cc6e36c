/**
 * An analyst confirms a kind mapping of registry/carry-forward.yaml (for
 * example: the district-level obligations of a provincial plan bind the
 * commune-level units after the 2025 merger). Until then provisional targets
 * leave those kinds out. The YAML stays the stored form: the entry is edited in
 * place (comments kept), the whole registry is validated with the new file
 * before it replaces the old one (atomically), and nothing changes on error.
 */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { isMap, isSeq, parseDocument } from "yaml";
import { atomicWriteFile } from "../export/atomic.ts";
import { DEFAULT_REGISTRY_DIR, loadRegistryDir, REGISTRY_FILES } from "../registry/load.ts";
import { formatIssue } from "../registry/yaml-source.ts";
import { confirmMakesRegistryInvalid, planMessage } from "./messages.ts";

export interface MappingConfirmation {
  /** The `from` kinds whose mappings are now confirmed. */
  confirmed: string[];
  by: string;
  on: string;
  written: string;
}

export class MappingConfirmError extends Error {}

/** Confirm the unconfirmed mappings whose `from` is one of `kinds`, as `by` on day `on` (YYYY-MM-DD). */
export function confirmKindMappings(kinds: string[], by: string, on: string, registryDir: string = DEFAULT_REGISTRY_DIR): MappingConfirmation {
  const who = by.normalize("NFC").trim();
  if (!who) throw new MappingConfirmError(planMessage("plan.confirm_no_who"));
  if (!/^\d{4}-\d{2}-\d{2}$/.test(on)) throw new MappingConfirmError(planMessage("plan.confirm_bad_date", { value: on }));
  const path = join(registryDir, REGISTRY_FILES.carry);
  const doc = parseDocument(readFileSync(path, "utf-8"));
  const list = doc.get("kind_mappings");
  if (!isSeq(list)) throw new MappingConfirmError(planMessage("plan.confirm_no_list", { file: path }));
  const done: string[] = [];
  for (const item of list.items) {
    if (!isMap(item)) continue;
    const from = String(item.get("from") ?? "");
    if (!kinds.includes(from) || item.get("confirmed") === true) continue;
    item.set("confirmed", true);
    item.set("confirmed_by", who);
    item.set("confirmed_on", on);
    done.push(from);
  }
  const missing = kinds.filter((k) => !done.includes(k));
  if (missing.length) throw new MappingConfirmError(planMessage("plan.confirm_none", { kinds: missing.join(", "), file: path }));
  const next = doc.toString();
  const scratch = mkdtempSync(join(tmpdir(), "cchc-confirm-"));
  try {
    cpSync(registryDir, scratch, { recursive: true });
    writeFileSync(join(scratch, REGISTRY_FILES.carry), next);
    const { issues } = loadRegistryDir(scratch);
    if (issues.length) throw new MappingConfirmError(`${confirmMakesRegistryInvalid()}:\n${issues.map(formatIssue).join("\n")}`);
  } finally {
    rmSync(scratch, { recursive: true, force: true });
  }
  atomicWriteFile(path, next);
  return { confirmed: done, by: who, on, written: path };
}
