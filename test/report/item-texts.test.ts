/**
 * itemTexts reads the title and text of the items a keyword filter is asked about, by their keys:
 * those items only, as report_items has them, for articles and evidence rows alike, with and
 * without notes.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { expect, it } from "vitest";
import { itemTexts } from "../../pipelines/report/index.ts";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { buildWarehouse, evidenceRow } from "./helpers.ts";

it("reads each item's title and text as report_items has them", async () => {
  const db = await buildWarehouse({
    now: new Date("2026-11-24T10:00:00+07:00"),
    sources: [{ id: "skh", agency_id: "so-ke-hoach-dau-tu", channel: "provincial_portal" }],
    articles: [
      { source: "skh", id: "1", title: "Hội nghị đối thoại với doanh nghiệp về cải cách hành chính", published_at: "2024-05-06T09:00:00+07:00" },
      { source: "skh", id: "2", title: "Rà soát quy trình cải cách hành chính", published_at: "2024-08-12T09:00:00+07:00", body: "Sở rà soát thủ tục hành chính, công khai hồ sơ tại bộ phận một cửa theo kế hoạch cải cách hành chính." },
    ],
    evidence: [
      evidenceRow({ agency_id: "so-tu-phap", channel: "other", date: "01/03/2024", title: "Cuộc thi tìm hiểu cải cách hành chính", reference: "KH 5", notes: "Tổ chức cuộc thi trực tuyến cho cán bộ, công chức" }),
      evidenceRow({ agency_id: "so-tu-phap", channel: "zalo", date: "02/03/2024", title: "Tin Zalo", url: "https://zalo.me/x/1" }),
    ],
  });
  try {
    await withWarehouse(db, async (w) => {
      const expected = (await w.all("SELECT item_key, title, text FROM report_items")).map((r) => ({ item_key: String(r.item_key), title: String(r.title), text: String(r.text) }));
      expect(expected.filter((r) => r.item_key.startsWith("article:")).length).toBe(2);
      expect(expected.filter((r) => r.item_key.startsWith("evidence:")).length).toBe(2);
      const byKey = (a: { item_key: string }, b: { item_key: string }) => a.item_key.localeCompare(b.item_key);
      const got = await itemTexts(w, expected.map((r) => r.item_key));
      expect(got.sort(byKey)).toEqual(expected.sort(byKey));
      const some = [expected.find((r) => r.item_key.startsWith("article:"))!, expected.find((r) => r.item_key.startsWith("evidence:"))!];
      expect((await itemTexts(w, [...some.map((r) => r.item_key), "article:khong-co"])).sort(byKey)).toEqual(some.sort(byKey));
      expect(await itemTexts(w, [])).toEqual([]);
    }, { readOnly: true });
  } finally {
    rmSync(dirname(db), { recursive: true, force: true });
  }
});
