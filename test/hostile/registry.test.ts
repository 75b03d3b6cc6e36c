import { cpSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import fc from "fast-check";
import { stringify } from "yaml";
import { afterAll, describe, expect, it } from "vitest";
import { loadRegistry, REGISTRY_FILES } from "../../pipelines/registry/load.ts";
import { RegistryValidationError } from "../../pipelines/registry/yaml-source.ts";
import { FIXTURE_CARRY_FORWARD, FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-registry-fuzz-"));
cpSync(FIXTURE_REGISTRY, dir, { recursive: true }); // the fixture registry, never the shipped one
cpSync(FIXTURE_CARRY_FORWARD, join(dir, "carry-forward.yaml"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const FILES = Object.values(REGISTRY_FILES);
const originals = new Map(FILES.map((f) => [f, readFileSync(join(dir, f), "utf-8")]));

/** Either the loader returns a registry or it throws its own error, every issue located and readable. */
function checkLoad(): void {
  try {
    loadRegistry(dir);
  } catch (error) {
    expect(error, String((error as Error).stack)).toBeInstanceOf(RegistryValidationError);
    const { issues } = error as RegistryValidationError;
    expect(issues.length).toBeGreaterThan(0);
    for (const issue of issues) {
      expect(Number.isInteger(issue.line) && issue.line >= 1, JSON.stringify(issue)).toBe(true);
      expect(issue.file).toMatch(/\.yaml$/);
      expect(typeof issue.field).toBe("string");
      expect(issue.message.length).toBeGreaterThan(0);
    }
  }
}

/** Check a load with `file` replaced by `text`, then put the original back. */
function loadWith(file: string, text: string): void {
  writeFileSync(join(dir, file), text);
  try {
    checkLoad();
  } finally {
    writeFileSync(join(dir, file), originals.get(file)!);
  }
}

/** Edits that keep most of a realistic file: drop, duplicate or replace lines, splice odd values in. */
const edit = fc.record({
  at: fc.nat(),
  kind: fc.constantFrom("drop", "duplicate", "replace", "indent"),
  text: fc.oneof(
    fc.constantFrom("", "  - ", "id: ", "id: [1, 2]", "valid_from: 31/02/2024", "url: javascript:alert(1)", "*alias", "&a x", "? [a]: b", "<<: *a", "\t", "---", "~", "0x1F", "- {"),
    fc.string({ unit: "binary", maxLength: 20 }),
  ),
});

function mutate(text: string, edits: Array<{ at: number; kind: string; text: string }>): string {
  const lines = text.split("\n");
  for (const e of edits) {
    const i = e.at % Math.max(1, lines.length);
    if (e.kind === "drop") lines.splice(i, 1);
    else if (e.kind === "duplicate") lines.splice(i, 0, lines[i] ?? "");
    else if (e.kind === "indent") lines[i] = `  ${lines[i] ?? ""}`;
    else lines[i] = (lines[i] ?? "").replace(/:\s.*$/, `: ${e.text}`);
  }
  return lines.join("\n");
}

describe("registry loader on hostile YAML", () => {
  it("the fixture registry loads", () => {
    expect(() => loadRegistry(dir)).not.toThrow();
  });

  it("a mutated registry file gives a registry or located issues, never another error", () => {
    fc.assert(
      fc.property(fc.constantFrom(...FILES), fc.array(edit, { minLength: 1, maxLength: 6 }), (file, edits) => {
        loadWith(file, mutate(originals.get(file)!, edits));
      }),
      { numRuns: 60 },
    );
  }, 120_000);

  it("arbitrary YAML values or bytes in any file give located issues, never another error", () => {
    const content = fc.oneof(
      fc.anything({ maxDepth: 3 }).map((v) => stringify(v) ?? ""),
      fc.string({ unit: "binary", maxLength: 200 }),
      fc.dictionary(fc.constantFrom("agencies", "sources", "plans", "targets", "tasks"), fc.anything({ maxDepth: 3 })).map((v) => stringify(v) ?? ""),
    );
    fc.assert(
      fc.property(fc.constantFrom(...FILES), content, (file, text) => {
        loadWith(file, text);
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});
