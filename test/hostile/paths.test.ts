import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, relative, resolve, sep } from "node:path";
import fc from "fast-check";
import { afterAll, describe, expect, it } from "vitest";
import { safeOutputPath, UnsafePathError } from "../../pipelines/export/paths.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-paths-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("safeOutputPath", () => {
  it("keeps ordinary Vietnamese report names inside the folder", () => {
    expect(safeOutputPath(dir, "Báo cáo quý I-2024.xlsx")).toBe(join(resolve(dir), "Báo cáo quý I-2024.xlsx"));
    expect(safeOutputPath(dir, "minh-chung_so-noi-vu.csv")).toBe(join(resolve(dir), "minh-chung_so-noi-vu.csv"));
  });

  it.each([
    ["../evil.csv", /separator/],
    ["..", /not a file name/],
    ["a/../../evil.csv", /separator/],
    ["/etc/passwd", /separator/],
    ["C:\\Windows\\evil.csv", /separator|colon/],
    ["..\\..\\evil.csv", /separator/],
    ["C:evil.csv", /colon/],
    ["report.csv\u0000.png", /control/],
    ["báo cáo\n.csv", /control/],
    ["", /empty/],
    ["CON.csv", /reserved/],
    ["report.csv.", /ends with a dot/],
  ])("refuses %j", (name, reason) => {
    expect(() => safeOutputPath(dir, name)).toThrow(UnsafePathError);
    expect(() => safeOutputPath(dir, name)).toThrow(reason);
  });

  it("never returns a path outside the folder, whatever the name", () => {
    const segments = fc.constantFrom("..", ".", "/", "\\", "a", "ệ", ":", "\u0000", "C:", "~", "%2e%2e", " ");
    fc.assert(
      fc.property(fc.oneof(fc.string({ unit: "binary", maxLength: 30 }), fc.array(segments, { maxLength: 8 }).map((s) => s.join(""))), (name) => {
        let full: string;
        try {
          full = safeOutputPath(dir, name);
        } catch (error) {
          expect(error).toBeInstanceOf(UnsafePathError);
          return;
        }
        const rel = relative(resolve(dir), full);
        expect(rel.length).toBeGreaterThan(0);
        expect(rel.startsWith("..")).toBe(false);
        expect(rel.includes(sep)).toBe(false);
      }),
      { numRuns: 3_000 },
    );
  });
});
