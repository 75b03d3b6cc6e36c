/**
 * The evidence export for index assessors: the rows of pipelines/report/queries.ts
 * evidenceRows as CSV (UTF-8 with BOM) or XLSX, written atomically.
 */
import { type EvidenceFilter, EVIDENCE_COLUMNS, evidenceRows } from "../report/queries.ts";
import type { Row, Warehouse } from "../warehouse/db.ts";
import { toCsv } from "./csv.ts";
import { toXlsx } from "./xlsx.ts";

export type EvidenceFormat = "csv" | "xlsx";

const columns = EVIDENCE_COLUMNS.map((c) => ({ key: c.key, header: c.header }));

/** Rows as assessors read them: the DEMO flag as a word (the same in the CLI export and on the site). */
export function presentable(rows: Row[]): Row[] {
  return rows.map((r) => ({ ...r, is_demo: r.is_demo ? "DEMO" : "" }));
}

export async function evidenceExport(w: Warehouse, filter: EvidenceFilter, format: EvidenceFormat): Promise<{ rows: number; data: Buffer }> {
  const rows = presentable(await evidenceRows(w, filter));
  const data =
    format === "csv"
      ? Buffer.from(toCsv(rows, columns), "utf-8")
      : await toXlsx(rows, columns, { sheet: `Minh chứng ${filter.year}`, linkKeys: ["url"] });
  return { rows: rows.length, data };
}
