// XLSX in the browser from exceljs's browser build (loaded only when a user asks for a workbook).
// The UMD bundle registers globalThis.ExcelJS.

async function loadExcelJs() {
  if (!globalThis.ExcelJS) await import("npm:exceljs/dist/exceljs.min.js");
  if (!globalThis.ExcelJS) throw new Error("exceljs browser build did not load");
  return globalThis.ExcelJS;
}

import {neutraliseCell} from "./csv.js";
import {downloadButton} from "./download.js";

/** rows + [{key, header}] → XLSX bytes: one sheet, bold header, text cells (never formulas). */
export async function toXlsx(rows, columns, sheetName = "Minh chứng") {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet(sheetName);
  sheet.columns = columns.map((c) => ({header: c.header, key: c.key, width: Math.min(60, Math.max(12, c.header.length + 2))}));
  sheet.getRow(1).font = {bold: true};
  for (const row of rows) {
    const values = {};
    for (const c of columns) {
      const v = row[c.key];
      // Cells are written as values, not formulas; the apostrophe mirrors the CSV for formula-like text.
      values[c.key] = v === null || v === undefined ? null : typeof v === "number" ? v : neutraliseCell(String(v).normalize("NFC"));
    }
    sheet.addRow(values);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A download button that saves rows as XLSX. `rows` may be a function. */
export function xlsxDownloadButton(rows, columns, filename, label = "Tải XLSX") {
  return downloadButton(label, filename, async () => ({
    data: await toXlsx(typeof rows === "function" ? rows() : rows, columns),
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  }));
}
