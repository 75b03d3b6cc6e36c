/**
 * The evidence export for index assessors: the rows of pipelines/report/queries.ts
 * evidenceRows as CSV (UTF-8 with BOM; "," or, for Excel under Vietnamese regional
 * settings, ";") or XLSX (layout in EVIDENCE_COLUMNS), written atomically.
 */
import { type EvidenceFilter, EVIDENCE_COLUMNS, evidenceRows } from "../report/queries.ts";
import type { Row, Warehouse } from "../warehouse/db.ts";
import { type CellReport, CSV_SEPARATORS, toCsv } from "./csv.ts";
import { toXlsx } from "./xlsx.ts";
import { archiveUrl } from "../../src/components/archive-link.js";

/** `cchc export evidence --format`: "csv" (comma), "csv-semicolon" (semicolon, Excel vi-VN), "xlsx". */
export const EVIDENCE_FORMATS = ["csv", "csv-semicolon", "xlsx"] as const;
export type EvidenceFormat = (typeof EVIDENCE_FORMATS)[number];

/** The default file name ending of a format: both CSV variants are .csv, told apart by name. */
export function evidenceFileSuffix(format: EvidenceFormat): string {
  return format === "csv-semicolon" ? "-semicolon.csv" : `.${format}`;
}

const columns = EVIDENCE_COLUMNS.map((c) => ({ ...c }));

/**
 * Rows as assessors read them: the DEMO flag as a word (the same in the CLI export and on the site);
 * "Bản lưu" the archived copy's path under the built site, or its absolute URL under `siteUrl`.
 */
export function presentable(rows: Row[], siteUrl: string | null = null): Row[] {
  return rows.map((r) => ({ ...r, is_demo: r.is_demo ? "DEMO" : "", archive_url: archiveUrl(r.archive_path as string | null, siteUrl) }));
}

/** The export file; `truncated` counts cells cut at Excel's 32,767 characters (marked in the cell). */
export async function evidenceExport(
  w: Warehouse,
  filter: EvidenceFilter,
  format: EvidenceFormat,
  siteUrl: string | null = null,
): Promise<{ rows: number; data: Buffer; truncated: number }> {
  const rows = presentable(await evidenceRows(w, filter), siteUrl);
  const report: CellReport = { truncated: 0 };
  const data =
    format === "xlsx"
      ? await toXlsx(rows, columns, { sheet: `Minh chứng ${filter.year}`, report })
      : Buffer.from(toCsv(rows, columns, report, CSV_SEPARATORS[format]), "utf-8");
  return { rows: rows.length, data, truncated: report.truncated };
}
