// Browser twin of pipelines/export/csv.ts (pages cannot import Node code):
// UTF-8 with BOM, CRLF, RFC 4180 quoting, formula-like cells neutralised.
// test/site/csv-parity.test.ts keeps the two byte-identical.

import {downloadButton} from "./download.js";

export const UTF8_BOM = "\uFEFF";

// A formula start, also behind leading control characters (XLSX drops those).
const FORMULA_START = /^(?:[\t\r]|[\u0000-\u001f\u007f]*[=+\-@])/;

/** Make a text cell inert in spreadsheets (CWE-1236). Numbers are left alone. */
export function neutraliseCell(value) {
  return FORMULA_START.test(value) ? `'${value}` : value;
}

function cell(value) {
  if (value === null || value === undefined) return "";
  const text = typeof value === "number" ? String(value) : neutraliseCell(String(value).normalize("NFC"));
  return /[",\r\n]/.test(text) ? `"${text.replaceAll('"', '""')}"` : text;
}

/** rows + [{key, header}] → CSV text (BOM included). */
export function toCsv(rows, columns) {
  const lines = [columns.map((c) => cell(c.header)).join(",")];
  for (const row of rows) lines.push(columns.map((c) => cell(row[c.key])).join(","));
  return UTF8_BOM + lines.join("\r\n") + "\r\n";
}

/** A download button (keyboard-usable <button>) that saves rows as CSV. `rows` may be a function. */
export function csvDownloadButton(rows, columns, filename, label = "Tải CSV") {
  return downloadButton(label, filename, () => ({data: toCsv(typeof rows === "function" ? rows() : rows, columns), type: "text/csv;charset=utf-8"}));
}
