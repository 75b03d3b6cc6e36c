/**
 * One definition per rule: every view of the warehouse models is created in exactly one model
 * file. Two files creating the same view would let the one applied last win silently (e.g. a
 * second mart_briefing_notable without the briefing's flag rule).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const MODELS = join(import.meta.dirname, "../../pipelines/warehouse/models");

describe("warehouse models", () => {
  it("create each view in one file only", () => {
    const where = new Map<string, string[]>();
    for (const file of readdirSync(MODELS).filter((f) => f.endsWith(".sql"))) {
      const sql = readFileSync(join(MODELS, file), "utf-8").replace(/--[^\n]*/g, "");
      for (const m of sql.matchAll(/CREATE\s+(?:OR\s+REPLACE\s+)?VIEW\s+(?:IF\s+NOT\s+EXISTS\s+)?"?(\w+)"?/gi)) {
        where.set(m[1]!.toLowerCase(), [...(where.get(m[1]!.toLowerCase()) ?? []), file]);
      }
    }
    expect(where.size).toBeGreaterThan(10);
    expect([...where].filter(([, files]) => files.length > 1).map(([view, files]) => `${view}: ${files.join(", ")}`)).toEqual([]);
  });
});
