/**
 * The Minh chứng page's XLSX (src/components/xlsx.js, in the browser with exceljs's
 * browser build) and `cchc export evidence --format xlsx` (pipelines/export/xlsx.ts)
 * lay out the sheet the same way: the page's rows come from evidence.arrow as strings,
 * and still give date cells, numbers, links, frozen header, autofilter and widths.
 */
import ExcelJS from "exceljs";
import { beforeAll, describe, expect, it } from "vitest";
import { toXlsx as nodeXlsx } from "../../pipelines/export/xlsx.ts";
import { EVIDENCE_COLUMNS } from "../../pipelines/report/queries.ts";

type Page = { toXlsx: (rows: object[], columns: object[], sheet?: string) => Promise<Uint8Array> };
let page: Page;
beforeAll(async () => {
  // The page loads exceljs's UMD build onto globalThis; here the Node build stands in for it.
  (globalThis as { ExcelJS?: unknown }).ExcelJS = ExcelJS;
  // @ts-expect-error: plain browser JavaScript module without type declarations
  page = (await import("../../src/components/xlsx.js")) as Page;
});

const read = async (bytes: Uint8Array | Buffer) => {
  const wb = new ExcelJS.Workbook();
  await wb.xlsx.load(bytes as never);
  const sheet = wb.worksheets[0]!;
  const cells: unknown[] = [];
  sheet.eachRow((row) => row.eachCell({ includeEmpty: true }, (c) => cells.push([c.address, c.type, c.value instanceof Date ? c.value.toISOString() : c.value, c.numFmt ?? null, c.alignment?.wrapText ?? false])));
  return { cells, views: sheet.views, autoFilter: sheet.autoFilter, widths: sheet.columns.map((c) => c.width), name: sheet.name };
};

describe("the page's XLSX download", () => {
  it("writes the same sheet as the CLI for the same rows (strings from Arrow on the page, typed values in Node)", async () => {
    const columns = EVIDENCE_COLUMNS.map((c) => ({ ...c }));
    const node = { agency_name: "Sở Tư pháp tỉnh Tây Ninh", period_label: "Quý I/2024", channel_label: "Cổng Thông tin điện tử tỉnh", published_at: "2024-02-10T23:45:00+07:00", title: "=1+1 Tin cải cách", url: "http://127.0.0.1:9/a.html", quantity: 3, collected_at: "2024-03-01T08:30:00+07:00", is_demo: "DEMO" };
    const arrow = { ...node, quantity: "3" };
    const fromPage = await read(await page.toXlsx([arrow], columns, "Minh chứng 2024"));
    const fromCli = await read(await nodeXlsx<Record<string, unknown>>([node], columns, { sheet: "Minh chứng 2024" }));
    expect(fromPage).toEqual(fromCli);
    expect(fromPage.cells).toContainEqual(["F2", ExcelJS.ValueType.Date, "2024-02-10T23:45:00.000Z", "dd/mm/yyyy hh:mm", false]);
    expect(fromPage.cells).toContainEqual(["H2", ExcelJS.ValueType.String, "=1+1 Tin cải cách", null, true]);
    const quantityCell = `${String.fromCharCode(65 + EVIDENCE_COLUMNS.findIndex((c) => c.key === "quantity"))}2`; // after "Bản lưu" (issue 17)
    expect(fromPage.cells).toContainEqual([quantityCell, ExcelJS.ValueType.Number, 3, null, false]);
    expect(fromPage.views[0]).toMatchObject({ state: "frozen", ySplit: 1 });
  });
});
