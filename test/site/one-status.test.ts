/**
 * Issue 11 "What was seen" 6: "at risk" is defined once, in the warehouse (mart_coverage.behind;
 * statuses by the coverage engine). No page or component decides from status codes which rows are
 * behind, or recomputes a status from actual and minimum.
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const SRC = join(import.meta.dirname, "../../src");
const files = [...readdirSync(SRC).filter((f) => f.endsWith(".md")), ...readdirSync(join(SRC, "components")).filter((f) => f.endsWith(".js")).map((f) => `components/${f}`)];

const RULES: [RegExp, string][] = [
  [/status\s*(?:===?|!==?)\s*["'](?:at_risk|missed|met|on_track)["'][^\n]*(?:\|\||&&)\s*[^\n]*status\s*(?:===?|!==?)\s*["'](?:at_risk|missed|met|on_track)["']/, "decides 'behind' from status codes (read the mart's `behind`)"],
  [/\[\s*["'](?:at_risk|missed)["']\s*,\s*["'](?:at_risk|missed)["']\s*\]\s*\.includes/, "decides 'behind' from a list of status codes (read the mart's `behind`)"],
  [/\.actual\s*(?:>=|<|>|<=)\s*\w*\.?minimum/, "compares actual with minimum (the status is the mart's)"],
];

describe("one definition of status", () => {
  it("no page or component computes a status or 'behind'", () => {
    const found = files.flatMap((f) => {
      const text = readFileSync(join(SRC, f), "utf-8");
      return RULES.filter(([re]) => re.test(text)).map(([, why]) => `${f}: ${why}`);
    });
    expect(found).toEqual([]);
  });
});
