/**
 * `cchc export evidence` as an assessor opens it (issue 17, exports): the XLSX is
 * read back with exceljs (date cells in Asia/Ho_Chi_Minh wall time with the vi-VN
 * format, Vietnamese labels, frozen header, autofilter, readable widths, a formula-
 * like title as a plain string cell) and the CSV comes in both separators, named,
 * each read back with the independent oracle of test/hostile/csv-oracle.ts.
 */
import { spawnSync } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { readCsv } from "../hostile/csv-oracle.ts";
import { buildWarehouse } from "../report/helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const cchc = (cwd: string, ...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "cchc.mjs"), ...args], { cwd, encoding: "utf-8" });

const FORMULA_TITLE = "=HYPERLINK(\"http://x\") Sở Tư pháp cải cách thủ tục hành chính";
const PLAIN_TITLE = "Sở Tư pháp cải cách thủ tục hành chính; quý I, năm 2024";
// Collected at 01:30 UTC = 08:30 in Tây Ninh.
const NOW = new Date("2024-03-01T01:30:00Z");

let db: string;
let dir: string;
let xlsx: Buffer;
beforeAll(async () => {
  db = await buildWarehouse({
    now: NOW,
    sources: [{ id: "stp", agency_id: "so-tu-phap", channel: "provincial_portal" }],
    articles: [
      // 23:45 on 10 Feb in Tây Ninh is 16:45 UTC: the cell must show the Tây Ninh day and time.
      { source: "stp", id: "1", title: PLAIN_TITLE, published_at: "2024-02-10T23:45:00+07:00" },
      {
        source: "stp", id: "2", title: FORMULA_TITLE, published_at: "2024-02-12T09:05:00+07:00",
        body: "Sở Tư pháp rà soát, đơn giản hóa thủ tục hành chính lĩnh vực hộ tịch, hướng dẫn người dân nộp hồ sơ trực tuyến trên Cổng dịch vụ công và nhận kết quả tại bộ phận một cửa đúng hạn.",
      },
    ],
  });
  dir = mkdtempSync(join(tmpdir(), "cchc-evidence-files-"));
  const out = join(dir, "e.xlsx");
  const run = cchc(ROOT, "export", "evidence", "--year", "2024", "--format", "xlsx", "--db", db, "--out", out);
  expect(run.status, run.stderr).toBe(0);
  xlsx = readFileSync(out);
}, 180_000);
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function workbook(): Promise<ExcelJS.Worksheet> {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(xlsx as never);
  return wb.worksheets[0]!;
}

const headerIndex = (sheet: ExcelJS.Worksheet) => {
  const map = new Map<string, number>();
  sheet.getRow(1).eachCell((cell, col) => map.set(String(cell.value), col));
  return (header: string) => {
    const col = map.get(header);
    expect(col, `column "${header}" in ${[...map.keys()].join(" | ")}`).toBeDefined();
    return col!;
  };
};
const rowOf = (sheet: ExcelJS.Worksheet, col: number, title: string) => {
  for (let r = 2; r <= sheet.rowCount; r++) if (sheet.getRow(r).getCell(col).value === title) return sheet.getRow(r);
  throw new Error(`no row titled ${title}`);
};

describe("cchc export evidence --format xlsx, read back", () => {
  it("writes a row as an assessor reads it: date cells in Tây Ninh wall time shown dd/mm/yyyy hh:mm, Vietnamese labels", async () => {
    const sheet = await workbook();
    const col = headerIndex(sheet);
    const row = rowOf(sheet, col("Tiêu đề"), PLAIN_TITLE);
    const published = row.getCell(col("Ngày đăng"));
    expect(published.type).toBe(ExcelJS.ValueType.Date);
    expect(published.value).toBeInstanceOf(Date);
    // exceljs reads a date cell back as the UTC fields of the serial: the wall clock an assessor sees.
    expect((published.value as Date).toISOString()).toBe("2024-02-10T23:45:00.000Z");
    expect(published.numFmt).toBe("dd/mm/yyyy hh:mm");
    const collected = row.getCell(col("Thời điểm thu thập"));
    expect(collected.type).toBe(ExcelJS.ValueType.Date);
    expect((collected.value as Date).toISOString()).toBe("2024-03-01T08:30:00.000Z");
    expect(collected.numFmt).toBe("dd/mm/yyyy hh:mm");
    // Channel, period, reform area and kind as Vietnamese labels, never codes.
    expect(row.getCell(col("Kênh")).value).toBe("Cổng Thông tin điện tử tỉnh");
    expect(row.getCell(col("Kỳ (quý)")).value).toBe("Quý I/2024");
    const area = String(row.getCell(col("Lĩnh vực CCHC")).value ?? "");
    expect(area).not.toBe("");
    expect(area).not.toMatch(/^[a-z0-9_,;\s]+$/); // a code such as "tthc" or "chi_dao_dieu_hanh"
    for (let r = 2; r <= sheet.rowCount; r++) {
      for (const header of ["Kênh", "Kỳ (quý)", "Lĩnh vực CCHC", "Dạng", "Kỳ chỉ tiêu"]) {
        const v = sheet.getRow(r).getCell(col(header)).value;
        if (v !== null && v !== undefined) expect(String(v), header).not.toMatch(/^[a-z0-9_]+$|^\d{4}-(Q[1-4]|\d{2})$/);
      }
    }
  }, 120_000);

  it("freezes the header row, sets an autofilter over the table and gives readable, wrapped widths", async () => {
    const sheet = await workbook();
    const col = headerIndex(sheet);
    expect(sheet.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
    const lastColumn = sheet.getRow(1).cellCount;
    const letter = sheet.getColumn(lastColumn).letter;
    const filter = sheet.autoFilter as unknown;
    const ref = typeof filter === "string" ? filter : JSON.stringify(filter);
    expect(ref).toBe(`A1:${letter}${sheet.rowCount}`);
    expect(sheet.rowCount).toBe(3);
    const title = sheet.getColumn(col("Tiêu đề"));
    expect(title.width).toBeGreaterThanOrEqual(50);
    expect(rowOf(sheet, col("Tiêu đề"), PLAIN_TITLE).getCell(col("Tiêu đề")).alignment?.wrapText).toBe(true);
    expect(sheet.getColumn(col("Ngày đăng")).width).toBeGreaterThanOrEqual(16); // "10/02/2024 23:45" without ####
    for (let c = 1; c <= lastColumn; c++) expect(sheet.getColumn(c).width, sheet.getRow(1).getCell(c).text).toBeGreaterThanOrEqual(8);
    expect(sheet.getRow(1).font?.bold).toBe(true);
  }, 120_000);

  it("keeps a formula-like title as a plain string cell: never a formula, no visible apostrophe", async () => {
    const sheet = await workbook();
    const col = headerIndex(sheet);
    const cell = rowOf(sheet, col("Tiêu đề"), FORMULA_TITLE).getCell(col("Tiêu đề"));
    expect(cell.type).toBe(ExcelJS.ValueType.String);
    expect(cell.formula).toBeUndefined();
    expect(cell.value).toBe(FORMULA_TITLE);
  }, 120_000);
});

describe("cchc export evidence in both CSV separators", () => {
  it("--format csv (comma) and --format csv-semicolon (semicolon) hold the same cells, each named by default", () => {
    const work = mkdtempSync(join(dir, "cwd-"));
    const comma = cchc(work, "export", "evidence", "--year", "2024", "--format", "csv", "--db", db);
    const semi = cchc(work, "export", "evidence", "--year", "2024", "--format", "csv-semicolon", "--db", db);
    expect(comma.status, comma.stderr).toBe(0);
    expect(semi.status, semi.stderr).toBe(0);
    const commaText = readFileSync(join(work, "evidence-2024.csv"), "utf-8");
    const semiText = readFileSync(join(work, "evidence-2024-semicolon.csv"), "utf-8");
    for (const text of [commaText, semiText]) expect(text.startsWith("\uFEFF")).toBe(true);
    const a = readCsv(commaText.slice(1), ",");
    const b = readCsv(semiText.slice(1), ";");
    expect(a[0]![0]).toBe("Cơ quan (tại ngày đăng)");
    expect(a).toHaveLength(3);
    expect(b).toEqual(a);
    expect(semiText.slice(1).split("\r\n")[0]).toMatch(/^Cơ quan \(tại ngày đăng\);Mã cơ quan;/);
    // The CSV keeps the formula neutralisation (a CSV reader re-parses text).
    expect(a.some((r) => r.includes(`'${FORMULA_TITLE}`))).toBe(true);
    expect(b.flat().every((cell) => !/^[=+\-@]/.test(cell))).toBe(true);
  }, 120_000);
});
