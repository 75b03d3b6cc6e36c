import { existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { atomicWriteFile } from "../../pipelines/export/atomic.ts";
import { toCsv } from "../../pipelines/export/csv.ts";
import { toXlsx } from "../../pipelines/export/xlsx.ts";
import { EXPORT_COLUMNS, exportRows } from "./fixtures/export-rows.ts";
import { killHard, spawnFixture } from "./fixtures/spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-kill-export-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const CSV_ROWS = 40_000;
const XLSX_ROWS = 3_000;

/** The version of a CSV export if the file is exactly one complete version, else a description of the damage. */
function csvVersion(path: string): number | string {
  const text = readFileSync(path, "utf-8");
  const version = Number(/\r\n(\d+),0,/.exec(text)?.[1]);
  if (!Number.isInteger(version)) return `no first row in ${text.length} chars`;
  return text === toCsv(exportRows(version, CSV_ROWS), EXPORT_COLUMNS) ? version : `torn file (${text.length} chars, starts as version ${version})`;
}

async function xlsxVersion(path: string): Promise<number | string> {
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(readFileSync(path) as never);
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  const sheet = wb.getWorksheet("Minh chứng")!;
  const versions = new Set<unknown>();
  sheet.eachRow((row, n) => n > 1 && versions.add(row.getCell(1).value));
  if (versions.size !== 1 || sheet.rowCount !== XLSX_ROWS + 1) return `mixed: ${versions.size} versions, ${sheet.rowCount} rows`;
  return Number([...versions][0]);
}

const temps = () => readdirSync(dir).filter((n) => n.endsWith(".tmp"));

describe("kill -9 during export", () => {
  it("CSV: the file is always one whole version, and the next export cleans the dead writer's temporary", async () => {
    const path = join(dir, "minh-chung.csv");
    atomicWriteFile(path, toCsv(exportRows(0, CSV_ROWS), EXPORT_COLUMNS));
    const child = spawnFixture("export-child.ts", [path, "csv", String(CSV_ROWS)]);
    await child.waitFor(/^WROTE 3$/);
    await killHard(child); // lands anywhere in the write loop of version ≥ 4
    const version = csvVersion(path);
    expect(typeof version === "number" && version >= 3, String(version)).toBe(true);

    atomicWriteFile(path, toCsv(exportRows(100, CSV_ROWS), EXPORT_COLUMNS));
    expect(csvVersion(path)).toBe(100);
    expect(temps()).toEqual([]);
  });

  it("XLSX: the workbook always opens with one whole version", async () => {
    const path = join(dir, "minh-chung.xlsx");
    atomicWriteFile(path, await toXlsx(exportRows(0, XLSX_ROWS), EXPORT_COLUMNS, { sheet: "Minh chứng" }));
    const child = spawnFixture("export-child.ts", [path, "xlsx", String(XLSX_ROWS)]);
    await child.waitFor(/^WROTE 2$/);
    await killHard(child);
    const version = await xlsxVersion(path);
    expect(typeof version === "number" && version >= 2, String(version)).toBe(true);
    expect(existsSync(path)).toBe(true);
  });
});
