// Types of src/components/sheet-layout.js (plain JavaScript shared with the site).
import type ExcelJS from "exceljs";

export type SheetColumnKind = "date" | "link" | "wrap" | "number" | "text";
export interface SheetColumn {
  key: string;
  header: string;
  kind?: SheetColumnKind;
  width?: number;
}
export const DATE_FORMAT: string;
export function excelWallClock(value: unknown): Date | null;
export function columnWidth(column: SheetColumn): number;
export function fillSheet(
  workbook: ExcelJS.Workbook,
  rows: readonly object[],
  columns: readonly SheetColumn[],
  options?: { sheet?: string; text?: (s: string) => string },
): ExcelJS.Worksheet;
