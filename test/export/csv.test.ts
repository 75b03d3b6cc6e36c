import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { neutraliseCell, toCsv, UTF8_BOM } from "../../pipelines/export/csv.ts";
import { toXlsx } from "../../pipelines/export/xlsx.ts";
import { readCsv } from "../hostile/csv-oracle.ts";

type R = { title: string; n: number | null; url: string };
const columns = [
  { key: "title" as const, header: "Tiêu đề" },
  { key: "n" as const, header: "Số lượng" },
  { key: "url" as const, header: "Liên kết" },
];

describe("CSV evidence", () => {
  it("starts with a BOM, uses CRLF and keeps Vietnamese in NFC", () => {
    const nfd = "Cải cách hành chính".normalize("NFD");
    const csv = toCsv<R>([{ title: nfd, n: 3, url: "http://127.0.0.1/a" }], columns);
    expect(csv.startsWith(UTF8_BOM)).toBe(true);
    expect(csv).toBe(`${UTF8_BOM}Tiêu đề,Số lượng,Liên kết\r\nCải cách hành chính,3,http://127.0.0.1/a\r\n`);
  });

  it("quotes commas, quotes and line breaks", () => {
    const csv = toCsv<R>([{ title: 'Hội nghị "CCHC", quý I\nnăm 2024', n: null, url: "" }], columns);
    expect(csv.split("\r\n")[1]).toBe('"Hội nghị ""CCHC"", quý I\nnăm 2024",,');
  });

  it("neutralises formula payloads but not numbers", () => {
    for (const payload of ["=HYPERLINK(\"http://x\")", "+1+1", "-2+3", "@SUM(A1)", "\tcmd"]) {
      expect(neutraliseCell(payload)).toBe(`'${payload}`);
    }
    expect(neutraliseCell("Sở Nội vụ")).toBe("Sở Nội vụ");
    const csv = toCsv<R>([{ title: "=1+1", n: -5, url: "x" }], columns);
    expect(csv.split("\r\n")[1]).toBe("'=1+1,-5,x");
  });
});

describe("semicolon CSV (Excel under Vietnamese regional settings)", () => {
  it("separates with ';', quotes cells holding ';' and writes decimal commas, read back by the independent oracle", () => {
    const rows: R[] = [{ title: "Tuyên truyền; quý I, 2024", n: 1.5, url: "=x" }];
    const csv = toCsv<R>(rows, columns, undefined, ";");
    expect(csv).toBe(`${UTF8_BOM}Tiêu đề;Số lượng;Liên kết\r\n"Tuyên truyền; quý I, 2024";1,5;'=x\r\n`);
    expect(readCsv(csv.slice(1), ";")).toEqual([["Tiêu đề", "Số lượng", "Liên kết"], ["Tuyên truyền; quý I, 2024", "1,5", "'=x"]]);
  });
});

describe("XLSX evidence", () => {
  it("writes text as inert text, numbers as numbers and URLs as links", async () => {
    const buffer = await toXlsx<R>([{ title: "=cmd|' /C calc'!A0", n: 4, url: "https://tayninh.gov.vn/a" }], columns, {
      sheet: "Minh chứng",
      linkKeys: ["url"],
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load(buffer as never);
    const sheet = wb.getWorksheet("Minh chứng")!;
    expect(sheet.getRow(1).getCell(1).value).toBe("Tiêu đề");
    const row = sheet.getRow(2);
    // A string cell, never evaluated: no formula, and no visible apostrophe.
    expect(row.getCell(1).value).toBe("=cmd|' /C calc'!A0");
    expect(row.getCell(1).type).toBe(ExcelJS.ValueType.String);
    expect(row.getCell(1).formula).toBeUndefined();
    expect(row.getCell(2).value).toBe(4);
    expect((row.getCell(3).value as { hyperlink: string }).hyperlink).toBe("https://tayninh.gov.vn/a");
  });
});
