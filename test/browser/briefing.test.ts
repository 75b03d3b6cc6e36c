/** Pure helpers of the briefing PDF: month parsing, default month, page counting, dist/ staleness. */
import { mkdirSync, mkdtempSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { countPdfPages, isSiteStale, lastFullMonth, parseMonth } from "../../pipelines/briefing/briefing.ts";

describe("briefing helpers", () => {
  it("parses YYYY-MM and names the flag on bad input", () => {
    expect(parseMonth(" 2025-03 ")).toBe("2025-03");
    for (const bad of ["2025-13", "2025-00", "2025-3", "03/2025", ""]) expect(() => parseMonth(bad)).toThrow(/--month: .* không phải tháng dạng YYYY-MM/);
  });

  it("defaults to the last full month in Vietnamese time", () => {
    expect(lastFullMonth(new Date("2026-11-24T10:00:00+07:00"))).toBe("2026-10");
    // 31/12 20:00 UTC is already 1 January in Tây Ninh: the last full month is December.
    expect(lastFullMonth(new Date("2025-12-31T20:00:00Z"))).toBe("2025-12");
    expect(lastFullMonth(new Date("2026-01-15T00:00:00+07:00"))).toBe("2025-12");
  });

  it("counts /Type /Page objects, not the /Type /Pages tree", () => {
    const pdf = (n: number) => Buffer.from(`%PDF-1.4\n1 0 obj <</Type /Pages /Count ${n}>> endobj\n${Array.from({ length: n }, (_, i) => `${i + 2} 0 obj <</Type/Page /Parent 1 0 R>> endobj`).join("\n")}\n%%EOF`, "latin1");
    expect(countPdfPages(pdf(1))).toBe(1);
    expect(countPdfPages(pdf(3))).toBe(3);
    expect(countPdfPages(Buffer.from("not a pdf"))).toBe(0);
  });

  it("calls dist/ stale when the page is missing or older than the sources or the warehouse", () => {
    const root = mkdtempSync(join(tmpdir(), "cchc-stale-"));
    const dist = join(root, "dist");
    const src = join(root, "src");
    mkdirSync(dist);
    mkdirSync(join(src, ".observablehq"), { recursive: true });
    const warehouse = join(root, "w.duckdb");
    writeFileSync(join(src, "ban-tin.md"), "# x");
    writeFileSync(warehouse, "");
    const at = (path: string, seconds: number) => utimesSync(path, seconds, seconds);
    at(join(src, "ban-tin.md"), 1000);
    at(warehouse, 1000);
    expect(isSiteStale(dist, { srcDir: src, warehouse })).toBe(true);
    writeFileSync(join(dist, "ban-tin.html"), "<html>");
    at(join(dist, "ban-tin.html"), 2000);
    expect(isSiteStale(dist, { srcDir: src, warehouse })).toBe(false);
    // Framework's cache folder does not count.
    writeFileSync(join(src, ".observablehq", "cache.json"), "{}");
    at(join(src, ".observablehq", "cache.json"), 3000);
    expect(isSiteStale(dist, { srcDir: src, warehouse })).toBe(false);
    at(warehouse, 3000);
    expect(isSiteStale(dist, { srcDir: src, warehouse })).toBe(true);
    at(warehouse, 1000);
    at(join(src, "ban-tin.md"), 3000);
    expect(isSiteStale(dist, { srcDir: src, warehouse })).toBe(true);
  });
});
