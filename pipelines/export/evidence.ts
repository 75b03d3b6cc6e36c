/**
 * The evidence export for index assessors: the rows of pipelines/report/queries.ts
 * evidenceRows as CSV (UTF-8 with BOM) or XLSX, written atomically.
 */
import { type EvidenceFilter, EVIDENCE_COLUMNS, evidenceRows } from "../report/queries.ts";
import type { Row, Warehouse } from "../warehouse/db.ts";
import { type CellReport, toCsv } from "./csv.ts";
import { toXlsx } from "./xlsx.ts";

export type EvidenceFormat = "csv" | "xlsx";

const columns = EVIDENCE_COLUMNS.map((c) => ({ key: c.key, header: c.header }));

/** Rows as assessors read them: the DEMO flag as a word (the same in the CLI export and on the site). */
export function presentable(rows: Row[]): Row[] {
  return rows.map((r) => ({ ...r, is_demo: r.is_demo ? "DEMO" : "" }));
}

/** The export file; `truncated` counts cells cut at Excel's 32,767 characters (marked in the cell). */
export async function evidenceExport(w: Warehouse, filter: EvidenceFilter, format: EvidenceFormat): Promise<{ rows: number; data: Buffer; truncated: number }> {
  const rows = presentable(await evidenceRows(w, filter));
  const report: CellReport = { truncated: 0 };
  const data =
    format === "csv"
      ? Buffer.from(toCsv(rows, columns, report), "utf-8")
      : await toXlsx(rows, columns, { sheet: `Minh chứng ${filter.year}`, linkKeys: ["url"], report });
  return { rows: rows.length, data, truncated: report.truncated };
}
