// XLSX in the browser from exceljs's browser build (loaded only when a user asks for a workbook).
// The UMD bundle registers globalThis.ExcelJS. The sheet layout (dates, labels, widths, frozen
// header, autofilter) is sheet-layout.js, the same module `cchc export evidence --format xlsx` uses.

async function loadExcelJs() {
  if (!globalThis.ExcelJS) await import("npm:exceljs/dist/exceljs.min.js");
  if (!globalThis.ExcelJS) throw new Error("exceljs browser build did not load");
  return globalThis.ExcelJS;
}

import {downloadButton} from "./download.js";
import {fillSheet} from "./sheet-layout.js";

/** rows + [{key, header, kind?, width?}] → XLSX bytes: one sheet laid out by sheet-layout.js (string cells, never formulas). */
export async function toXlsx(rows, columns, sheetName = "Minh chứng") {
  const ExcelJS = await loadExcelJs();
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cchc-monitor";
  fillSheet(workbook, rows, columns, {sheet: sheetName});
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

/** A download button that saves rows as XLSX. `rows` may be a function, also async (rows fetched on click). */
export function xlsxDownloadButton(rows, columns, filename, label = "Tải XLSX", sheetName = "Minh chứng") {
  return downloadButton(label, filename, async () => ({
    data: await toXlsx(await (typeof rows === "function" ? rows() : rows), columns, sheetName),
    type: "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet"
  }));
}
