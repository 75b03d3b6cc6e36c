/**
 * Helpers for Framework data loaders (src/data/*.ts): open the warehouse
 * read-only and write rows to stdout as Arrow IPC.
 */
import { existsSync } from "node:fs";
import { Bool, Dictionary, Int32, Table, tableToIPC, Utf8, type Vector, vectorFromArray } from "apache-arrow";
import { DEFAULT_WAREHOUSE, type Row, Warehouse, withWarehouse } from "../warehouse/db.ts";

/** The warehouse a loader reads: $CCHC_DB, else data/cchc.duckdb. */
export function loaderWarehousePath(): string {
  return process.env.CCHC_DB ?? DEFAULT_WAREHOUSE;
}

export async function withLoaderWarehouse<T>(fn: (w: Warehouse) => Promise<T>): Promise<T> {
  const path = loaderWarehousePath();
  if (!existsSync(path)) {
    throw new Error(`warehouse ${path} does not exist: run \`npm run build\` (or \`node bin/cchc.mjs crawl\`) first`);
  }
  return withWarehouse(path, fn, { readOnly: true });
}

/** "category": a string column with few distinct values, dictionary-encoded to keep files small. */
export type ColumnKind = "string" | "category" | "number" | "boolean";

const text = (v: unknown) => (v === null || v === undefined ? null : String(v));

/** Rows → Arrow IPC bytes with explicit column types (nulls kept as nulls; a missing number is NaN). */
export function rowsToArrow(rows: Row[], columns: Record<string, ColumnKind>): Uint8Array {
  const vectors: Record<string, Vector> = {};
  for (const [name, kind] of Object.entries(columns)) {
    const values = rows.map((r) => r[name]);
    if (kind === "number") {
      vectors[name] = vectorFromArray(Float64Array.from(values, (v) => (v === null || v === undefined ? Number.NaN : Number(v))));
    } else if (kind === "boolean") {
      vectors[name] = vectorFromArray(values.map((v) => (v === null || v === undefined ? null : Boolean(v))), new Bool());
    } else if (kind === "category") {
      vectors[name] = vectorFromArray(values.map(text), new Dictionary(new Utf8(), new Int32()));
    } else {
      vectors[name] = vectorFromArray(values.map(text), new Utf8());
    }
  }
  return tableToIPC(new Table(vectors), "file");
}

export function writeArrow(rows: Row[], columns: Record<string, ColumnKind>): void {
  process.stdout.write(rowsToArrow(rows, columns));
}
