// The one layout of an evidence workbook sheet, shared by the Node exporter
// (pipelines/export/xlsx.ts) and the site's download (src/components/xlsx.js).
// Plain JavaScript with no imports so both sides load it; the caller passes its
// own ExcelJS workbook. Pure apart from filling that workbook.
//
// Columns are [{key, header, kind?, width?}] (EVIDENCE_COLUMNS of
// pipelines/report/queries.ts): kind "date" → a real Excel date cell in
// Asia/Ho_Chi_Minh wall time with the vi-VN format DATE_FORMAT, "link" → a
// hyperlink, "wrap" → wrapped text, "number" → a number cell (also from a
// numeric string, as the site's Arrow rows carry it), otherwise text. Text cells
// are always string cells, which a spreadsheet never evaluates, so they carry
// no apostrophe; CSV keeps its formula neutralisation (pipelines/export/csv.ts).

/** vi-VN day-first date and time, as an assessor reads it. */
export const DATE_FORMAT = "dd/mm/yyyy hh:mm";

const VIETNAM_OFFSET_MS = 7 * 3_600_000; // Asia/Ho_Chi_Minh: UTC+7 all year, no daylight saving since 1975

/**
 * An ISO 8601 timestamp → the Date whose UTC fields are its Asia/Ho_Chi_Minh
 * wall-clock time (Excel cells have no time zone: exceljs writes the UTC fields).
 * null for an empty or unreadable value.
 */
export function excelWallClock(value) {
  if (value === null || value === undefined || value === "") return null;
  if (value instanceof Date) return Number.isNaN(value.getTime()) ? null : new Date(value.getTime() + VIETNAM_OFFSET_MS);
  const text = String(value);
  const m = /^(\d{4})-(\d{2})-(\d{2})(?:[T ](\d{2}):(\d{2})(?::(\d{2}))?(?:\.\d+)?)?(Z|[+-]\d{2}:?\d{2})?$/.exec(text);
  if (!m) return null;
  const wall = Date.UTC(Number(m[1]), Number(m[2]) - 1, Number(m[3]), Number(m[4] ?? 0), Number(m[5] ?? 0), Number(m[6] ?? 0));
  const check = new Date(wall);
  if (check.getUTCMonth() !== Number(m[2]) - 1 || check.getUTCDate() !== Number(m[3]) || Number(m[4] ?? 0) > 23 || Number(m[5] ?? 0) > 59 || Number(m[6] ?? 0) > 59) return null; // 2024-02-30, 25:00 …
  if (!m[7] || m[7] === "+07:00" || m[7] === "+0700") return new Date(wall); // already Vietnam wall time (or no zone: taken as written)
  const sign = m[7] === "Z" ? 0 : m[7][0] === "-" ? -1 : 1;
  const digits = m[7].replace(/[^0-9]/g, "");
  const offsetMs = m[7] === "Z" ? 0 : sign * (Number(digits.slice(0, 2)) * 60 + Number(digits.slice(2))) * 60_000;
  return new Date(wall - offsetMs + VIETNAM_OFFSET_MS);
}

/** The column width (characters) of a column: its own, else wide enough for its header. */
export function columnWidth(column) {
  if (typeof column.width === "number") return column.width;
  return Math.min(60, Math.max(12, [...column.header].length + 4));
}

/**
 * Add one sheet to `workbook`: bold frozen header, autofilter over the table,
 * widths per column, date / link / wrapped / text cells. `text` turns a text
 * value into the cell's string (the Node side caps it at Excel's cell limit).
 */
export function fillSheet(workbook, rows, columns, {sheet: name, text = (s) => s} = {}) {
  const sheet = workbook.addWorksheet(String(name ?? "Minh chứng").slice(0, 31), {views: [{state: "frozen", xSplit: 0, ySplit: 1, topLeftCell: "A2", activeCell: "A2"}]});
  sheet.columns = columns.map((c) => ({header: c.header, key: c.key, width: columnWidth(c)}));
  const header = sheet.getRow(1);
  header.font = {bold: true};
  header.alignment = {vertical: "top", wrapText: true};
  for (const row of rows) {
    const values = {};
    for (const c of columns) {
      const v = row[c.key];
      if (v === null || v === undefined || v === "") values[c.key] = null;
      else if (c.kind === "date") values[c.key] = excelWallClock(v) ?? text(String(v).normalize("NFC"));
      else if (typeof v === "number" || typeof v === "bigint") values[c.key] = Number(v);
      else if (c.kind === "number" && /^-?\d+(?:\.\d+)?$/.test(String(v))) values[c.key] = Number(v);
      else if (c.kind === "link" && /^https?:\/\//.test(String(v)) && String(v).length <= 2_000) values[c.key] = {text: String(v), hyperlink: String(v)};
      else values[c.key] = text(String(v).normalize("NFC"));
    }
    sheet.addRow(values);
  }
  columns.forEach((c, i) => {
    const column = sheet.getColumn(i + 1);
    if (c.kind === "date") column.numFmt = DATE_FORMAT;
    if (c.kind === "wrap") column.alignment = {vertical: "top", wrapText: true};
    else column.alignment = {vertical: "top"};
  });
  header.alignment = {vertical: "top", wrapText: true};
  header.font = {bold: true};
  if (columns.length > 0) sheet.autoFilter = {from: {row: 1, column: 1}, to: {row: rows.length + 1, column: columns.length}};
  return sheet;
}
