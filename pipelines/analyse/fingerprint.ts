/**
 * What the per-article analysis depends on, besides the article's own fields: a fingerprint stored
 * with the analysis (table analysis_state, migration 210) so that `cchc report` re-analyses only the
 * articles that are new or changed while it is the same, and every article when it differs.
 *
 * Its parts, each hashed on its own (so the command can say which one changed):
 * - lexicon: the lexicon file's bytes (the classifier's terms and scoring);
 * - agencies: the agencies given to the analysis (the attribution's matcher is compiled from them);
 * - sources: each source's agency and channel (attribution credits a source's own agency);
 * - code: the source files of the per-article analysis, i.e. pipelines/analyse/article.ts and
 *   batch.ts and every module they import at run time, transitively (relative imports; `import
 *   type` lines are not followed). That is the classifier, the attribution, the text normalisation
 *   and folding and the shingling and signatures (dedupe/cluster.ts): an edit there may change a
 *   stored row, so it forces a full run; an edit elsewhere (pass 2's orchestration in index.ts,
 *   the CLI, the coverage) does not;
 * - runtime: the Unicode and ICU versions of the Node.js that runs it (NFC normalisation, case
 *   mapping and the regular expressions' Unicode classes follow them, so a Node.js with another
 *   Unicode could fold a text otherwise).
 * Analyst overrides are not part of it: they are applied after the analysis, and an article whose
 * effective overrides changed is analysed again on its own (index.ts).
 */
import { createHash } from "node:crypto";
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import type { AgencyRef } from "../attribute/attribute.ts";
import type { SourceInfo } from "./batch.ts";

/** Bumped when the stored analysis' layout (article_analysis.record, input_hash) changes meaning. */
const STORAGE_VERSION = 1;

export const FINGERPRINT_PARTS = ["lexicon", "agencies", "sources", "code", "runtime"] as const;
export type FingerprintPart = (typeof FINGERPRINT_PARTS)[number];
export type Fingerprint = Record<FingerprintPart, string>;

const sha = (text: string | Buffer) => createHash("sha256").update(text).digest("hex").slice(0, 32);

/** The modules the per-article analysis runs (see the header): article.ts and batch.ts, with their run-time imports. */
const ENTRY_MODULES = ["article.ts", "batch.ts"].map((f) => join(dirname(fileURLToPath(import.meta.url)), f));

/** `entries` and every module they import at run time through a relative path, transitively, sorted. */
export function analysisModules(entries: string[] = ENTRY_MODULES): string[] {
  const seen = new Set<string>();
  const visit = (file: string) => {
    if (seen.has(file)) return;
    seen.add(file);
    const text = readFileSync(file, "utf-8");
    for (const m of text.matchAll(/^(?:import|export)\s+(?!type\b)[^;]*?\sfrom\s+"(\.{1,2}\/[^"]+)"/gms)) {
      const target = resolve(dirname(file), m[1]);
      if (existsSync(target)) visit(target);
    }
  };
  for (const e of entries) visit(e);
  return [...seen].sort();
}

let codeHash: string | undefined;

/** The hash of the analysis' code (analysisModules), computed once per process. */
function analysisCodeHash(): string {
  if (codeHash === undefined) {
    const root = resolve(dirname(fileURLToPath(import.meta.url)), "..", "..");
    const h = createHash("sha256").update(`storage ${STORAGE_VERSION}\n`);
    for (const file of analysisModules()) h.update(`${file.slice(root.length)}\n`).update(readFileSync(file)).update("\n");
    codeHash = h.digest("hex").slice(0, 32);
  }
  return codeHash;
}

/** The versions of what the text folding relies on in the running Node.js (its Unicode tables and ICU). */
export const runtimeVersions = (versions: NodeJS.ProcessVersions = process.versions): string => `unicode ${versions.unicode ?? "?"}, icu ${versions.icu ?? "?"}`;

export function analysisFingerprint(input: { lexiconFile: string; agencies: AgencyRef[]; sources: Map<string, SourceInfo> }): Fingerprint {
  const sources = [...input.sources].sort((a, b) => (a[0] < b[0] ? -1 : a[0] > b[0] ? 1 : 0)).map(([id, s]) => [id, s.agency_id, s.channel]);
  return {
    lexicon: sha(readFileSync(input.lexiconFile)),
    agencies: sha(JSON.stringify(input.agencies)),
    sources: sha(JSON.stringify(sources)),
    code: analysisCodeHash(),
    runtime: runtimeVersions(),
  };
}

/**
 * Why every article is analysed: asked for, nothing stored yet, no lexicon file to fingerprint, the
 * stored tables not one row per article each (written otherwise), or the part of the fingerprint that changed.
 */
export type FullReason = "requested" | "first" | "unknown" | "incomplete" | FingerprintPart;

/**
 * The reason for a full run given the stored fingerprint (JSON, or null) and whether the stored
 * tables hold as many rows each, or null when an incremental run may keep what is stored.
 */
export function fullRunReason(current: Fingerprint | null, stored: string | null, requested: boolean, storedComplete = true): FullReason | null {
  if (requested) return "requested";
  if (current === null) return "unknown";
  if (stored === null) return "first";
  if (!storedComplete) return "incomplete";
  let before: Partial<Fingerprint>;
  try {
    before = JSON.parse(stored) as Partial<Fingerprint>;
  } catch {
    return "first";
  }
  return FINGERPRINT_PARTS.find((p) => before[p] !== current[p]) ?? null;
}
