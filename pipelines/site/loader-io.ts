/**
 * Helpers for Framework data loaders (src/data/*.ts): open the warehouse
 * read-only and write rows to stdout as Arrow IPC.
 */
import { existsSync } from "node:fs";
import { tableFromArrays, tableToIPC } from "apache-arrow";
import { DEFAULT_WAREHOUSE, type Row, Warehouse } from "../warehouse/db.ts";

/** The warehouse a loader reads: $CCHC_DB, else data/cchc.duckdb. */
export function loaderWarehousePath(): string {
  return process.env.CCHC_DB ?? DEFAULT_WAREHOUSE;
}

export async function withLoaderWarehouse<T>(fn: (w: Warehouse) => Promise<T>): Promise<T> {
  const path = loaderWarehousePath();
  if (!existsSync(path)) {
    throw new Error(`warehouse ${path} does not exist: run \`npm run build\` (or \`node bin/cchc.mjs crawl\`) first`);
  }
  const w = await Warehouse.open(path, { readOnly: true });
  try {
    return await fn(w);
  } finally {
    await w.close();
  }
}

export type ColumnKind = "string" | "number" | "boolean";

/** Rows → Arrow IPC bytes with explicit column kinds (nulls kept as nulls). */
export function rowsToArrow(rows: Row[], columns: Record<string, ColumnKind>): Uint8Array {
  const arrays: Record<string, unknown[] | Float64Array> = {};
  for (const [name, kind] of Object.entries(columns)) {
    if (kind === "number") {
      arrays[name] = Float64Array.from(rows, (r) => (r[name] === null || r[name] === undefined ? Number.NaN : Number(r[name])));
    } else if (kind === "boolean") {
      arrays[name] = rows.map((r) => (r[name] === null ? null : Boolean(r[name])));
    } else {
      arrays[name] = rows.map((r) => (r[name] === null || r[name] === undefined ? null : String(r[name])));
    }
  }
  return tableToIPC(tableFromArrays(arrays as Parameters<typeof tableFromArrays>[0]), "file");
}

export function writeArrow(rows: Row[], columns: Record<string, ColumnKind>): void {
  process.stdout.write(rowsToArrow(rows, columns));
}
