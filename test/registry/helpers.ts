/** Test helpers: a copy of the minimal fixture registry with some files edited. */
import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterEach } from "vitest";

export const MINIMAL = join(import.meta.dirname, "fixtures", "minimal");

const made: string[] = [];
afterEach(() => {
  for (const dir of made.splice(0)) rmSync(dir, { recursive: true, force: true });
});

/** A temporary registry directory: the minimal fixture with `edits` applied (file → new text or edit function). */
export function registryWith(edits: Record<string, string | ((text: string) => string)> = {}): string {
  const dir = mkdtempSync(join(tmpdir(), "cchc-registry-"));
  made.push(dir);
  cpSync(MINIMAL, dir, { recursive: true });
  for (const [file, edit] of Object.entries(edits)) {
    const path = join(dir, file);
    const next = typeof edit === "string" ? edit : edit(readFileSync(path, "utf-8"));
    if (typeof edit !== "string" && next === readFileSync(path, "utf-8")) throw new Error(`edit of ${file} changed nothing`);
    writeFileSync(path, next);
  }
  return dir;
}

/** 1-based line of the `nth` line of `file` in `dir` containing `needle`. */
export function lineOf(dir: string, file: string, needle: string, nth = 1): number {
  const hits = readFileSync(join(dir, file), "utf-8")
    .split("\n")
    .flatMap((l, i) => (l.includes(needle) ? [i + 1] : []));
  if (hits.length < nth) throw new Error(`${needle} not ${nth}× in ${file}`);
  return hits[nth - 1];
}
