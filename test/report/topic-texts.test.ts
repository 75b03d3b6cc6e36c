/**
 * A keyword filter reads an item's text, not only its title: `cchc report` reads the texts of the
 * items a keyword filter is asked about (itemsTestedByKeywords) and no others, so an article whose
 * keyword occurs only in its body still counts, and one with none does not.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { expect, it } from "vitest";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { buildWarehouse } from "./helpers.ts";

const ARTICLES = [
  {
    source: "skh", id: "1", title: "Hội nghị đối thoại về cải cách hành chính", published_at: "2024-05-06T09:00:00+07:00",
    body: "Sở tổ chức hội nghị đối thoại với doanh nghiệp về cải cách hành chính, hướng dẫn nộp hồ sơ thủ tục hành chính qua dịch vụ công trực tuyến và giải đáp vướng mắc tại bộ phận một cửa.",
  },
  {
    source: "skh", id: "2", title: "Rà soát quy trình cải cách hành chính", published_at: "2024-08-12T09:00:00+07:00",
    body: "Sở triển khai kế hoạch cải cách hành chính năm 2024, rà soát quy trình giải quyết thủ tục hành chính, công khai hồ sơ tại bộ phận một cửa và đánh giá mức độ hài lòng của người dân.",
  },
];

it("counts toward a keyword target the article whose keyword (doanh nghiệp) is only in its body, and not the one without a keyword", async () => {
  const db = await buildWarehouse({
    now: new Date("2026-11-24T10:00:00+07:00"),
    sources: [{ id: "skh", agency_id: "so-ke-hoach-dau-tu", channel: "provincial_portal" }],
    articles: ARTICLES,
  });
  try {
    const [counted, both] = await withWarehouse(db, async (w) => [
      await w.all(
        `SELECT a.title FROM coverage_items c JOIN articles a ON c.item_key = 'article:' || a.article_id
         WHERE c.target_id = 't2024-1007-v6-investment' AND c.agency_id = 'so-ke-hoach-dau-tu'`,
      ),
      await w.all("SELECT count(*)::INTEGER AS n FROM report_items WHERE agency_id = 'so-ke-hoach-dau-tu' AND channel = 'provincial_portal'"),
    ], { readOnly: true });
    expect(counted.map((r) => r.title)).toEqual([ARTICLES[0].title]);
    expect(both[0].n).toBe(2); // both are countable: only the keyword tells them apart
  } finally {
    rmSync(dirname(db), { recursive: true, force: true });
  }
});
