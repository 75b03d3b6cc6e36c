/**
 * Tests use fixture registries (test/fixtures/registry, test/registry/fixtures/minimal, copies of them),
 * not the shipped, analyst-edited registry/: an analyst's edit must never change what a test expects.
 * Only a test whose purpose is validating the shipped registry may read it, by naming
 * SHIPPED_REGISTRY_DIR; this test fails on any other way a test reaches registry/.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { describe, expect, it } from "vitest";

const TEST = join(import.meta.dirname, "..");
const SELF = relative(TEST, import.meta.filename);

/** The tests that validate the shipped registry itself (its agencies, merged province, sources, provisional targets, loading). */
const VALIDATES_SHIPPED = new Set([
  "registry/agencies.test.ts",
  "registry/merged-province.test.ts",
  "registry/sources.test.ts",
  "registry/provisional.test.ts",
  "registry/warehouse.test.ts",
  "registry/comma-split.test.ts",
]);

/** Ways a test reads registry/ without saying so. */
const IMPLICIT: [RegExp, string][] = [
  [/\bloadRegistry(?:Dir)?\(\s*\)/, "loadRegistry() without a directory reads the default registry"],
  [/\bloadRegistry(?:Dir)?\(\s*undefined\b/, "loadRegistry(undefined, …) reads the default registry"],
  [/\bdefaultLookups\(\s*\)/, "defaultLookups() reads the default registry"],
  [/\bDEFAULT_REGISTRY_DIR\b/, "DEFAULT_REGISTRY_DIR is the registry a command reads by default"],
  [/["'`](?:\.\.\/)+registry(?:\/[\w-]+\.yaml)?["'`]|["']\.\.["'],\s*["']\.\.["'],\s*["']registry["']|\(ROOT,\s*["']registry["']/, "a path to registry/"],
  [/\brefreshAfterCrawl\((?!.*registryDir)/, "refreshAfterCrawl without registryDir loads the default registry"],
];

function testFiles(dir: string): string[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((e) =>
    e.isDirectory() ? (e.name === "fixtures" && dir === TEST ? [] : testFiles(join(dir, e.name))) : e.name.endsWith(".ts") ? [join(dir, e.name)] : [],
  );
}

describe("tests read fixture registries", () => {
  it("no test reaches the shipped registry but those validating it, which name SHIPPED_REGISTRY_DIR", () => {
    const found: string[] = [];
    for (const file of testFiles(TEST)) {
      const rel = relative(TEST, file);
      if (rel === SELF) continue;
      const lines = readFileSync(file, "utf-8").split("\n");
      lines.forEach((line, i) => {
        if (/^\s*(?:\/\/|\*)/.test(line)) return;
        for (const [re, why] of IMPLICIT) if (re.test(line)) found.push(`${rel}:${i + 1}: ${why}`);
        if (/\bSHIPPED_REGISTRY_DIR\b/.test(line) && !VALIDATES_SHIPPED.has(rel)) found.push(`${rel}:${i + 1}: only a test validating the shipped registry may read it`);
      });
    }
    expect(found).toEqual([]);
  });
});
