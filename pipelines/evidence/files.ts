/**
 * Evidence files: the CSV and XLSX templates (written) and filled-in files
 * (read back to rows with their line numbers). CSV is UTF-8 with a BOM so that
 * Excel keeps Vietnamese intact; a CSV that Excel saved with ";" (Vietnamese
 * list separator) or tabs reads as well.
 */
import ExcelJS from "exceljs";
import { type Column, toCsv } from "../export/csv.ts";
import { CHANNELS, REFORM_AREAS } from "../registry/types.ts";
import { EVIDENCE_COLUMNS, EVIDENCE_KEYS, type EvidenceInput, evidenceIssue, type EvidenceIssue, EvidenceValidationError, type RawEvidenceRow } from "./schema.ts";

export const EVIDENCE_SHEET = "evidence";
export const GUIDE_SHEET = "Hướng dẫn";

const CSV_COLUMNS: Column<EvidenceInput>[] = EVIDENCE_COLUMNS.map((c) => ({ key: c.key, header: c.key }));

/** The CSV template (header only) or a filled file. */
export function evidenceCsv(rows: EvidenceInput[] = []): string {
  return toCsv(rows, CSV_COLUMNS);
}

/** The XLSX template: the evidence sheet (drop-down lists for channel and reform area) and a guide sheet. */
export async function evidenceXlsx(rows: EvidenceInput[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cchc-monitor";
  const sheet = workbook.addWorksheet(EVIDENCE_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = EVIDENCE_COLUMNS.map((c) => ({ header: c.key, key: c.key, width: c.key === "title" ? 60 : 18, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  EVIDENCE_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = `${c.label}: ${c.help}`;
  });
  for (const row of rows) sheet.addRow(EVIDENCE_KEYS.map((k) => row[k] || null));
  const lists: Array<[keyof EvidenceInput, readonly string[]]> = [
    ["channel", CHANNELS],
    ["reform_area", REFORM_AREAS],
  ];
  for (const [key, values] of lists) {
    const col = sheet.getColumn(EVIDENCE_KEYS.indexOf(key) + 1).letter;
    for (let r = 2; r <= Math.max(500, rows.length + 1); r++) {
      sheet.getCell(`${col}${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`] };
    }
  }
  const guide = workbook.addWorksheet(GUIDE_SHEET);
  guide.columns = [
    { header: "Cột", key: "key", width: 16 },
    { header: "Tên", key: "label", width: 24 },
    { header: "Bắt buộc", key: "required", width: 12 },
    { header: "Hướng dẫn", key: "help", width: 100 },
  ];
  guide.getRow(1).font = { bold: true };
  const required = { yes: "có", no: "không", conditional: "tùy trường hợp" };
  for (const c of EVIDENCE_COLUMNS) guide.addRow({ key: c.key, label: c.label, required: required[c.required], help: c.help });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** Undo the CSV / XLSX writers' formula neutralisation ("'=…" → "=…"). */
const unneutralise = (text: string) => (/^'[\t\r\u0000-\u001f\u007f]*[=+\-@]/.test(text) ? text.slice(1) : text);

/** Map a header cell to a column key: the key itself, "key (label)", or the Vietnamese label. */
function headerKey(text: string): keyof EvidenceInput | null {
  const t = text.normalize("NFC").trim().toLowerCase();
  const found = EVIDENCE_COLUMNS.find(
    (c) => c.key === t || t.startsWith(`${c.key} (`) || c.label.toLowerCase() === t,
  );
  return found?.key ?? null;
}

function mapHeader(file: string, header: string[]): Array<keyof EvidenceInput | null> {
  const problems: EvidenceIssue[] = [];
  const keys = header.map((h, i) => {
    if (!h.trim()) return null;
    const key = headerKey(h);
    if (!key) problems.push(evidenceIssue(file, 1, null, "ev.unknown_column", { column: h, position: i + 1 }));
    return key;
  });
  for (const c of EVIDENCE_COLUMNS) {
    if (c.required === "yes" && !keys.includes(c.key)) problems.push(evidenceIssue(file, 1, null, "ev.missing_column", { key: c.key, label: c.label }));
  }
  if (!keys.includes("url") && !keys.includes("reference")) problems.push(evidenceIssue(file, 1, null, "ev.missing_link_column"));
  if (problems.length) throw new EvidenceValidationError(problems);
  return keys;
}

/** RFC 4180 records with the physical line each starts on. */
export function parseCsvRecords(text: string, delimiter: string): Array<{ line: number; fields: string[] }> {
  const records: Array<{ line: number; fields: string[] }> = [];
  let fields: string[] = [];
  let field = "";
  let quoted = false;
  let line = 1;
  let start = 1;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else {
        if (ch === "\n") line++;
        field += ch;
      }
    } else if (ch === '"' && field === "") quoted = true;
    else if (ch === delimiter) {
      fields.push(field);
      field = "";
    } else if (ch === "\n" || ch === "\r") {
      if (ch === "\r" && text[i + 1] === "\n") i++;
      fields.push(field);
      records.push({ line: start, fields });
      fields = [];
      field = "";
      line++;
      start = line;
    } else field += ch;
  }
  if (field !== "" || fields.length) {
    fields.push(field);
    records.push({ line: start, fields });
  }
  return records;
}

export function readEvidenceCsv(file: string, text: string): RawEvidenceRow[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/, 1)[0];
  const delimiter = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const records = parseCsvRecords(body, delimiter);
  if (records.length === 0) throw new EvidenceValidationError([evidenceIssue(file, null, null, "ev.empty_file")]);
  const keys = mapHeader(file, records[0].fields);
  return records.slice(1).map((r) => ({
    line: r.line,
    cells: Object.fromEntries(keys.flatMap((k, i) => (k ? [[k, unneutralise(r.fields[i] ?? "")]] : []))),
  }));
}

export function xlsxCell(value: ExcelJS.CellValue): string | number | Date | null {
  if (value === null || value === undefined) return null;
  if (typeof value === "string") return unneutralise(value);
  if (typeof value === "number" || value instanceof Date) return value;
  if (typeof value === "boolean") return String(value);
  if (typeof value === "object") {
    if ("richText" in value) return value.richText.map((t) => t.text).join("");
    if ("hyperlink" in value) return value.hyperlink; // a link cell: the address, not its display text
    if ("result" in value) return xlsxCell(value.result as ExcelJS.CellValue);
  }
  return String(value);
}

export async function readEvidenceXlsx(file: string, data: Buffer): Promise<RawEvidenceRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new EvidenceValidationError([evidenceIssue(file, null, null, "ev.unreadable_xlsx", { detail: (error as Error).message })]);
  }
  const sheet = workbook.getWorksheet(EVIDENCE_SHEET) ?? workbook.worksheets[0];
  if (!sheet) throw new EvidenceValidationError([evidenceIssue(file, null, null, "ev.no_sheet")]);
  const width = Math.max(sheet.columnCount, EVIDENCE_KEYS.length);
  const header = Array.from({ length: width }, (_, i) => String(xlsxCell(sheet.getRow(1).getCell(i + 1).value) ?? ""));
  const keys = mapHeader(`${file} [${sheet.name}]`, header);
  const rows: RawEvidenceRow[] = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    rows.push({ line: r, cells: Object.fromEntries(keys.flatMap((k, i) => (k ? [[k, xlsxCell(row.getCell(i + 1).value)]] : []))) });
  }
  return rows;
}

/** Read a CSV or XLSX evidence file by its extension. */
export async function readEvidenceFile(file: string, data: Buffer): Promise<RawEvidenceRow[]> {
  if (/\.xlsx$/i.test(file)) return readEvidenceXlsx(file, data);
  if (/\.(csv|txt)$/i.test(file)) return readEvidenceCsv(file, data.toString("utf-8"));
  throw new EvidenceValidationError([evidenceIssue(file, null, null, "ev.bad_extension")]);
}
