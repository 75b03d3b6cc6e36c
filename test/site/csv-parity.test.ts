/**
 * The page's CSV module (src/components/csv.js, browser-side) must write the
 * same bytes as the Node exporter (pipelines/export/csv.ts) for the same rows.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { toCsv as nodeCsv } from "../../pipelines/export/csv.ts";
// @ts-expect-error: plain browser JavaScript module without type declarations
import { neutraliseCell, toCsv as browserCsv } from "../../src/components/csv.js";

interface Row {
  title: unknown;
  count: unknown;
  url: unknown;
}
const columns = [
  { key: "title" as const, header: "Tiêu đề" },
  { key: "count" as const, header: "Số lượng" },
  { key: "url" as const, header: "Liên kết, \"URL\"" },
];

describe("browser CSV module", () => {
  it("writes BOM, CRLF, quoting and neutralised formula cells exactly like the Node exporter", () => {
    const rows: Row[] = [
      { title: "=HYPERLINK(\"http://x\")", count: 3, url: "http://127.0.0.1/a" },
      { title: "+84 Tây Ninh", count: -1, url: null },
      { title: "\u000b@SUM(A1)", count: 0, url: undefined },
      { title: "Cải cách\r\nhành chính, \"TTHC\"", count: 1.5, url: "-x" },
      { title: "Tie\u0302\u0301u đe\u0302\u0300", count: Number.NaN, url: "\tTab" },
    ];
    const out = browserCsv(rows, columns);
    expect(out).toBe(nodeCsv(rows, columns));
    expect(out.startsWith("\uFEFFTiêu đề,Số lượng,\"Liên kết, \"\"URL\"\"\"\r\n")).toBe(true);
    expect(out).toContain("\"'=HYPERLINK(\"\"http://x\"\")\",3,");
    expect(out).toContain("'+84 Tây Ninh,-1,\r\n");
    expect(out).toContain("Tiếu đề"); // NFC
  });

  it("agrees with the Node exporter on arbitrary rows", () => {
    const value = fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined), fc.boolean());
    fc.assert(
      fc.property(fc.array(fc.record({ title: value, count: value, url: value })), (rows) => {
        expect(browserCsv(rows, columns)).toBe(nodeCsv(rows, columns));
      }),
      { numRuns: 300 },
    );
  });

  it("writes the semicolon CSV (Excel under Vietnamese regional settings) exactly like the Node exporter", () => {
    const rows: Row[] = [
      { title: "Hội nghị; quý I, năm 2024", count: 2.5, url: "a;b" },
      { title: "＝1+1", count: 3, url: null },
    ];
    const out = browserCsv(rows, columns, ";");
    expect(out).toBe(nodeCsv(rows, columns, undefined, ";"));
    expect(out).toBe("\uFEFFTiêu đề;Số lượng;\"Liên kết, \"\"URL\"\"\"\r\n\"Hội nghị; quý I, năm 2024\";2,5;\"a;b\"\r\n'＝1+1;3;\r\n");
    const value = fc.oneof(fc.string({ unit: "binary" }), fc.double(), fc.integer(), fc.constant(null), fc.constant(undefined));
    fc.assert(
      fc.property(fc.array(fc.record({ title: value, count: value, url: value })), (rs) => {
        expect(browserCsv(rs, columns, ";")).toBe(nodeCsv(rs, columns, undefined, ";"));
      }),
      { numRuns: 200 },
    );
  });

  it("neutralises only cells a spreadsheet would read as a formula", () => {
    expect(neutraliseCell("=1+1")).toBe("'=1+1");
    expect(neutraliseCell("\u0000-2")).toBe("'\u0000-2");
    expect(neutraliseCell("Sở Nội vụ = tốt")).toBe("Sở Nội vụ = tốt");
  });
});
