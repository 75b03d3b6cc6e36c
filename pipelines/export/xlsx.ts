/**
 * XLSX workbooks for assessors (exceljs). Text cells are written as text,
 * neutralised like the CSV, URLs as hyperlinks, header row bold and frozen.
 */
import ExcelJS from "exceljs";
import { type CellReport, type Column, fitCell } from "./csv.ts";

export async function toXlsx<T extends object>(
  rows: T[],
  columns: Column<T>[],
  options: { sheet: string; linkKeys?: string[]; report?: CellReport },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cchc-monitor";
  const sheet = workbook.addWorksheet(options.sheet.slice(0, 31), { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = columns.map((c) => ({ header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 4)) }));
  sheet.getRow(1).font = { bold: true };
  for (const row of rows) {
    const values: Record<string, unknown> = {};
    for (const c of columns) {
      const v = (row as Record<string, unknown>)[c.key];
      if (v === null || v === undefined) values[c.key] = null;
      else if (typeof v === "number") values[c.key] = v;
      else if (options.linkKeys?.includes(c.key) && /^https?:\/\//.test(String(v)) && String(v).length <= 2_000) values[c.key] = { text: String(v), hyperlink: String(v) };
      else values[c.key] = fitCell(String(v).normalize("NFC"), options.report);
    }
    sheet.addRow(values);
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
