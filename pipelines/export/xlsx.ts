/**
 * XLSX workbooks for assessors (exceljs). The sheet layout (frozen bold header,
 * autofilter, widths, vi-VN date cells in Asia/Ho_Chi_Minh wall time, hyperlinks,
 * wrapped text) is src/components/sheet-layout.js, shared with the site's download.
 * Text cells are string cells (never formulas, never evaluated), so they carry
 * no apostrophe; they are NFC and capped at Excel's 32,767 characters.
 */
import ExcelJS from "exceljs";
import { fillSheet, type SheetColumn } from "../../src/components/sheet-layout.js";
import { capText, MAX_CELL_CHARS } from "../text/cap.ts";
import { type CellReport, type Column, TRUNCATION_MARKER } from "./csv.ts";

/** A text cell at most MAX_CELL_CHARS long, cut with the marker and counted. */
export function fitXlsxCell(value: string, report?: CellReport): string {
  if (value.length <= MAX_CELL_CHARS) return value;
  if (report) report.truncated++;
  return capText(value, MAX_CELL_CHARS, TRUNCATION_MARKER).text;
}

export async function toXlsx<T extends object>(
  rows: T[],
  columns: (Column<T> & Omit<SheetColumn, "key" | "header">)[],
  options: { sheet: string; report?: CellReport; /** Columns written as hyperlinks (besides those of kind "link"). */ linkKeys?: string[] },
): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cchc-monitor";
  const cols = columns.map((c) => (options.linkKeys?.includes(c.key) ? { ...c, kind: "link" as const } : c));
  fillSheet(workbook, rows, cols, { sheet: options.sheet, text: (s) => fitXlsxCell(s, options.report) });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
