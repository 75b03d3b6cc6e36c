/**
 * Cells an assessor's spreadsheet cannot hold or may evaluate: a cell longer
 * than Excel's 32,767 characters is cut with a marker and counted; formula
 * starts in CSV are neutralised also after Unicode compatibility folding (full-width
 * ＝, small ﹦, ＋, －, ＠). The oracle here is written independently: a CSV cell is
 * inert when neither it nor its NFKC form starts with = + - @. XLSX holds text as
 * string cells (never evaluated), so there the text stays as written.
 */
import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { type CellReport, toCsv, UTF8_BOM } from "../../pipelines/export/csv.ts";
import { toXlsx } from "../../pipelines/export/xlsx.ts";
import { readCsv } from "./csv-oracle.ts";

const columns = [{ key: "a" as const, header: "Tiêu đề" }];
const EXCEL_LIMIT = 32_767;
const evaluates = (cell: string) => /^[=+\-@]/.test(cell) || /^[=+\-@]/.test(cell.normalize("NFKC"));

describe("export cells", () => {
  it("a 2 MB title is cut to Excel's limit with a marker, and counted (CSV and XLSX)", async () => {
    const huge = "Tiêu đề rất dài ".repeat(130_000); // ≈ 2 MB
    const report: CellReport = { truncated: 0 };
    const [, [cell]] = readCsv(toCsv([{ a: huge }], columns, report).slice(UTF8_BOM.length));
    expect(cell!.length).toBeLessThanOrEqual(EXCEL_LIMIT);
    expect(cell!.startsWith("Tiêu đề rất dài")).toBe(true);
    expect(cell).toMatch(/\[đã cắt bớt: quá 32\.767 ký tự\]$/);
    expect(report.truncated).toBe(1);

    const xreport: CellReport = { truncated: 0 };
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx([{ a: huge }, { a: "ngắn" }], columns, { sheet: "Minh chứng", report: xreport })) as never);
    const value = String(wb.getWorksheet("Minh chứng")!.getRow(2).getCell(1).value);
    expect(value.length).toBeLessThanOrEqual(EXCEL_LIMIT);
    expect(xreport.truncated).toBe(1);
  });

  it("never cuts inside a surrogate pair", () => {
    const emoji = "😀".repeat(20_000); // 40,000 UTF-16 units
    const [, [cell]] = readCsv(toCsv([{ a: emoji }], columns).slice(1));
    expect(cell!.length).toBeLessThanOrEqual(EXCEL_LIMIT);
    expect(cell).not.toMatch(/[\ud800-\udbff](?![\udc00-\udfff])/);
  });

  it("full-width and small formula signs are neutralised in CSV and XLSX", async () => {
    const payloads = ["＝HYPERLINK(\"http://x\",\"bấm\")", "﹦1+1", "＋1", "－2+3", "＠SUM(A1)", "\u000b＝1"];
    const csv = readCsv(toCsv(payloads.map((a) => ({ a })), columns).slice(1));
    payloads.forEach((_, i) => expect(evaluates(csv[i + 1]![0]!), csv[i + 1]![0]).toBe(false));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(payloads.map((a) => ({ a })), columns, { sheet: "Minh chứng" })) as never);
    payloads.forEach((_, i) => {
      // XLSX: a string cell, never a formula, holding the text as written (no visible apostrophe).
      const cell = wb.getWorksheet("Minh chứng")!.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(payloads[i]!.replace(/\u000b/g, ""));
    });
  });

  it("no cell of any text evaluates after compatibility folding", () => {
    const wide = fc.constantFrom("＝", "﹦", "＋", "﹢", "－", "﹣", "＠", "﹫", "=", "+", "-", "@", "Sở ", "\u000b", "\t", "x");
    fc.assert(
      fc.property(fc.array(wide, { minLength: 1, maxLength: 6 }).map((p) => p.join("")), (text) => {
        const [, [cell]] = readCsv(toCsv([{ a: text }], columns).slice(1));
        expect(evaluates(cell!)).toBe(false);
      }),
      { numRuns: 2_000 },
    );
  });
});
