/**
 * CSV that Excel opens with Vietnamese intact: UTF-8 with a byte-order mark,
 * CRLF line ends, RFC 4180 quoting, and cells that a spreadsheet would read as
 * a formula (starting with = + - @, or a tab / carriage return) neutralised
 * with a leading apostrophe. Pure.
 */
export const UTF8_BOM = "\uFEFF";

export interface Column<T> {
  key: keyof T & string;
  header: string;
}

// A formula start, also behind leading control characters: XLSX (XML) drops those,
// so "\u000b=1+1" would otherwise arrive in the sheet as "=1+1".
const FORMULA_START = /^(?:[\t\r]|[\u0000-\u001f\u007f]*[=+\-@])/;

/** Make a text cell inert in spreadsheets (CWE-1236). Numbers are left alone. */
export function neutraliseCell(value: string): string {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value: unknown): string {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseCell(String(value).normalize("NFC"));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

export function toCsv<T extends object>(rows: T[], columns: Column<T>[]): string {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell((row as Record<string, unknown>)[c.key])).join(","));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}
