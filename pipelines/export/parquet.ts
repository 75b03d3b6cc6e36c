/**
 * `cchc export parquet --out DIR`: the items, coverage and evidence marts as
 * Parquet (zstd), partitioned by province and year (hive layout:
 * `DIR/<mart>/province=<code>/year=<yyyy>/…parquet`), so that a national office
 * can put every province's exports in one folder and query them together, e.g.
 * with DuckDB: `read_parquet('DIR/coverage/** /*.parquet', hive_partitioning = true)`,
 * or load them into any engine that reads Parquet. Undated items land in
 * `year=NULL`.
 *
 * Re-exporting a province replaces that province's folders only (other
 * provinces' exports in DIR are left alone). Each mart is written into a
 * temporary folder inside DIR first and moved into place when complete, so a
 * failed or killed export leaves the previous export of the province whole.
 */
import { existsSync, mkdirSync, readdirSync, renameSync, rmSync, statSync } from "node:fs";
import { join } from "node:path";
import type { Warehouse } from "../warehouse/db.ts";
import { usage } from "../cli/messages.ts";

/** The marts exported, the folder each goes to, and their order (read from the marts, never recomputed). */
export const PARQUET_MARTS = [
  { name: "items", view: "mart_items" },
  { name: "coverage", view: "mart_coverage" },
  { name: "evidence", view: "mart_evidence_rows" },
] as const;

/** The province a warehouse's registry describes (Tây Ninh); another deployment passes its own code. */
export const DEFAULT_PROVINCE = "tay-ninh";

export interface ParquetExportSummary {
  province: string;
  marts: { name: string; rows: number; files: number; bytes: number }[];
}

/** A DuckDB string literal (COPY … TO takes no parameter for its path). */
function literal(text: string): string {
  if (text.includes("\0")) throw new Error("NUL byte in a path");
  return `'${text.replaceAll("'", "''")}'`;
}

function filesUnder(dir: string): { files: number; bytes: number } {
  let files = 0, bytes = 0;
  if (!existsSync(dir)) return { files, bytes };
  for (const entry of readdirSync(dir, { withFileTypes: true, recursive: true })) {
    if (!entry.isFile()) continue;
    files++;
    bytes += statSync(join(entry.parentPath, entry.name)).size;
  }
  return { files, bytes };
}

export async function exportParquet(w: Warehouse, outDir: string, province = DEFAULT_PROVINCE): Promise<ParquetExportSummary> {
  if (!/^[a-z0-9][a-z0-9-]{0,62}$/.test(province)) {
    throw new Error(usage.notProvinceCode("--province", province));
  }
  mkdirSync(outDir, { recursive: true });
  const temp = join(outDir, `.export-${province}-${process.pid}.tmp`);
  rmSync(temp, { recursive: true, force: true });
  const summary: ParquetExportSummary = { province, marts: [] };
  try {
    for (const mart of PARQUET_MARTS) {
      const rows = Number((await w.one(`SELECT count(*) AS n FROM ${mart.view}`))?.n ?? 0);
      const target = join(temp, mart.name);
      mkdirSync(target, { recursive: true });
      if (rows > 0) {
        await w.run(
          `COPY (SELECT *, $province AS province FROM ${mart.view}) TO ${literal(target)}
           (FORMAT parquet, COMPRESSION zstd, PARTITION_BY (province, year), OVERWRITE_OR_IGNORE)`,
          { province },
        );
      }
      summary.marts.push({ name: mart.name, rows, ...filesUnder(target) });
    }
    // Every mart written: swap this province's folders in.
    for (const mart of PARQUET_MARTS) {
      const from = join(temp, mart.name, `province=${province}`);
      const to = join(outDir, mart.name, `province=${province}`);
      mkdirSync(join(outDir, mart.name), { recursive: true });
      rmSync(to, { recursive: true, force: true });
      if (existsSync(from)) renameSync(from, to);
    }
  } finally {
    rmSync(temp, { recursive: true, force: true });
  }
  return summary;
}
