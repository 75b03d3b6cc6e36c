import ExcelJS from "exceljs";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv, UTF8_BOM } from "../../pipelines/export/csv.ts";
import { toXlsx } from "../../pipelines/export/xlsx.ts";
import { readCsv } from "./csv-oracle.ts";

type Row = { a: string; b: string };
const columns = [
  { key: "a" as const, header: "Cột A" },
  { key: "b" as const, header: "Cột B" },
];
const FORMULA_START = /^[=+\-@\t\r]/;
const xmlText = (s: string) => s.replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\ufffe\uffff]|[\ud800-\udbff](?![\udc00-\udfff])|(?<![\ud800-\udbff])[\udc00-\udfff]/g, "").replace(/\r\n?/g, "\n");

/** Cells biased towards what breaks CSV and spreadsheets: quotes, separators, line ends, formula starts. */
const hostileCell = fc.oneof(
  fc.string({ unit: "binary", maxLength: 40 }),
  fc
    .array(fc.constantFrom('"', ",", "\r", "\n", "\r\n", "=", "+", "-", "@", "\t", "'", "Sở Nội vụ", "=HYPERLINK(\"http://x\")", "ệ", "e\u0302\u0323"), {
      maxLength: 10,
    })
    .map((parts) => parts.join("")),
);

describe("CSV export of hostile cells", () => {
  it("every string cell round-trips through an independent CSV reader, neutralised and NFC", () => {
    fc.assert(
      fc.property(fc.array(fc.record({ a: hostileCell, b: hostileCell }), { minLength: 1, maxLength: 8 }), (rows: Row[]) => {
        const csv = toCsv(rows, columns);
        expect(csv.startsWith(UTF8_BOM)).toBe(true);
        const parsed = readCsv(csv.slice(UTF8_BOM.length));
        expect(parsed).toHaveLength(rows.length + 1);
        rows.forEach((row, i) => {
          expect(parsed[i + 1]).toEqual([neutraliseCell(row.a.normalize("NFC")), neutraliseCell(row.b.normalize("NFC"))]);
        });
      }),
      { numRuns: 1_000 },
    );
  });

  it("no output cell starts with = + - @ (a spreadsheet would run it)", () => {
    fc.assert(
      fc.property(hostileCell, (text) => {
        const [, [cell]] = readCsv(toCsv([{ a: text, b: "" }], columns).slice(1));
        expect(cell).not.toMatch(FORMULA_START);
      }),
      { numRuns: 2_000 },
    );
  });

  it("XLSX keeps hostile cells as string cells, never as formulas, with no visible apostrophe", async () => {
    const samples = [...fc.sample(hostileCell, { numRuns: 200, seed: 42 }), "\u000b=1+1", "\u0000@SUM(A1)", "\u001f-2+3"].filter((s) => s.length > 0);
    const rows = samples.map((a) => ({ a, b: `=${a}` }));
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(rows, columns, { sheet: "Minh chứng" })) as never);
    const sheet = wb.getWorksheet("Minh chứng")!;
    rows.forEach((row, i) => {
      for (const [col, text] of [
        [1, row.a],
        [2, row.b],
      ] as const) {
        const cell = sheet.getRow(i + 2).getCell(col);
        // A string cell is never evaluated, so XLSX holds the text as written: no formula, and no
        // apostrophe an assessor would see (the CSV, where a reader re-parses text, keeps it).
        expect(cell.formula).toBeUndefined();
        expect(cell.type).toBe(ExcelJS.ValueType.String);
        // XML 1.0 cannot carry C0 controls (other than tab and line ends) or lone surrogates: those are dropped.
        expect(cell.value).toBe(xmlText(text.normalize("NFC")));
      }
    });
  });
});
