// Browser twin of pipelines/export/csv.ts (pages cannot import Node code):
// UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-like cells neutralised (also
// after NFKC folding), "," or ";" separator (";" writes decimal commas).
// test/site/csv-parity.test.ts keeps the two byte-identical.

import {downloadButton} from "./download.js";

export const UTF8_BOM = "\uFEFF";

// A formula start, also behind leading control characters (XLSX drops those).
const FORMULA_START = /^(?:[\t\r]|[\u0000-\u001f\u007f]*[=+\-@])/;

/** Make a text cell inert in spreadsheets (CWE-1236). Numbers are left alone. */
export function neutraliseCell(value) {
  return FORMULA_START.test(value) || FORMULA_START.test(value.slice(0, 64).normalize("NFKC")) ? `'${value}` : value;
}

function cell(value, separator) {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? (separator === ";" ? String(value).replace(".", ",") : String(value)) : neutraliseCell(String(value).normalize("NFC"));
  return text.includes('"') || text.includes(separator) || /[\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** rows + [{key, header}] → CSV text (BOM included); separator "," or ";". */
export function toCsv(rows, columns, separator = ",") {
  const lines = [columns.map((c) => cell(c.header, separator)).join(separator)];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.key], separator)).join(separator));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}

/** A download button (keyboard-usable <button>) that saves rows as CSV. `rows` may be a function, also async (rows fetched on click). */
export function csvDownloadButton(rows, columns, filename, label = "Tải CSV", separator = ",") {
  return downloadButton(label, filename, async () => ({data: toCsv(await (typeof rows === "function" ? rows() : rows), columns, separator), type: "text/csv;charset=utf-8"}));
}
