/**
 * CSV that Excel opens with Vietnamese intact: UTF-8 with a byte-order mark,
 * CRLF line ends, RFC 4180 quoting, cells that a spreadsheet would read as a
 * formula (starting with = + - @, or a tab / carriage return, also after
 * Unicode compatibility folding: full-width ＝ is =) neutralised with a leading
 * apostrophe, and cells longer than Excel holds (32,767 characters) cut with
 * a marker and counted. Two separators, named: "," (CSV_SEPARATORS.csv) and ";"
 * (CSV_SEPARATORS["csv-semicolon"], what Excel expects under Vietnamese regional
 * settings, where "," is the decimal mark: there a non-integer number is written
 * with a decimal comma). Pure.
 */
import { capText, MAX_CELL_CHARS } from "../text/cap.ts";

export const UTF8_BOM = "\uFEFF";

/** What an export changed to make its cells fit a spreadsheet (reported to the user). */
export interface CellReport {
  /** Cells cut at MAX_CELL_CHARS. */
  truncated: number;
}

/** The marker ending a cut cell (Vietnamese, as the assessor reads it). */
export const TRUNCATION_MARKER = "… [đã cắt bớt: quá 32.767 ký tự]";

/** A text cell at most MAX_CELL_CHARS long (the apostrophe of neutralisation included). */
export function fitCell(value: string, report?: CellReport): string {
  const neutral = neutraliseCell(value);
  if (neutral.length <= MAX_CELL_CHARS) return neutral;
  if (report) report.truncated++;
  return capText(neutral, MAX_CELL_CHARS, TRUNCATION_MARKER).text;
}

export interface Column<T> {
  key: keyof T & string;
  header: string;
}

// A formula start, also behind leading control characters: XLSX (XML) drops those,
// so "\u000b=1+1" would otherwise arrive in the sheet as "=1+1".
const FORMULA_START = /^(?:[\t\r]|[\u0000-\u001f\u007f]*[=+\-@])/;

/**
 * Make a text cell inert in spreadsheets (CWE-1236). Numbers are left alone.
 * Checked after NFKC folding, since a spreadsheet may read a full-width or
 * small form (＝, ﹦, ＋, －, ＠) as the ASCII sign.
 */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) || FORMULA_START.test(value.slice(0, 64).normalize("NFKC")) ? `'${value}` : value;
}

/** The CSV variants by name (`cchc export evidence --format`, the site's buttons). */
export const CSV_SEPARATORS = { csv: ",", "csv-semicolon": ";" } as const;
export type CsvSeparator = (typeof CSV_SEPARATORS)[keyof typeof CSV_SEPARATORS];

function cell(value: unknown, separator: CsvSeparator, report?: CellReport): string {
  if (value === null || value === undefined) return "";
  const text =
    typeof value === "number"
      ? separator === ";" ? String(value).replace(".", ",") : String(value)
      : fitCell(String(value).normalize("NFC"), report);
  return text.includes('"') || text.includes(separator) || /[\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T extends object>(rows: T[], columns: Column<T>[], report?: CellReport, separator: CsvSeparator = ","): string {
  const lines = [columns.map((c) => cell(c.header, separator)).join(separator)];
  for (const row of rows) lines.push(columns.map((c) => cell((row as Record<string, unknown>)[c.key], separator, report)).join(separator));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}
