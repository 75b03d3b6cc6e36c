/** The attribution review queue: the analysis step keeps candidates and the reason; the view and the page's query list tied items. */
import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { analyse } from "../../pipelines/analyse/index.ts";
import type { AgencyRef } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { attributionReviewRows } from "../../pipelines/report/queries.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const AGENCIES: AgencyRef[] = [
  { id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp"], valid_from: null, valid_to: null },
  { id: "so-noi-vu", name: "Sở Nội vụ tỉnh Tây Ninh", aliases: ["Sở Nội vụ"], valid_from: null, valid_to: null },
  { id: "so-cu", name: "Sở Cũ tỉnh Tây Ninh", aliases: ["Sở Cũ"], valid_from: null, valid_to: "2020-12-31" },
];

describe("attribution review queue", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
    await w.run(`INSERT INTO sources (source_id, agency_id, channel, platform, name, is_demo, updated_at) VALUES ('bao', NULL, 'newspaper', 'baotayninh', 'Báo', true, now())`);
    const art = (id: string, title: string, body: string, published: string | null, firstSeen: string) =>
      w.run(
        `INSERT INTO articles (article_id, source_id, item_id, url, title, published_at, body_text, byline, content_hash, version, first_seen_at, fetched_at)
         VALUES ($id, 'bao', $item, $url, $title, $published::TIMESTAMPTZ, $body, NULL, 'h', 1, $seen::TIMESTAMPTZ, $seen::TIMESTAMPTZ)`,
        { id, item: id.split(":")[1], url: `https://demo/${id}`, title, published, body, seen: firstSeen },
      );
    await art("bao:1", "Sở Tư pháp và Sở Nội vụ ký kết quy chế phối hợp cải cách hành chính", "Hai sở thống nhất đẩy mạnh cải cách thủ tục hành chính.", "2024-05-02T08:00:00+07:00", "2024-05-02T09:00:00+07:00");
    await art("bao:2", "Sở Tư pháp tổ chức tập huấn thủ tục hành chính", "Hội nghị về cải cách thủ tục hành chính.", "2024-05-03T08:00:00+07:00", "2024-05-03T09:00:00+07:00");
    // Undated, first seen in 2019: the ended Sở Cũ can still be credited (the page is no later than 2019).
    await art("bao:3", "Sở Cũ tổ chức hội nghị cải cách thủ tục hành chính", "Năm 2018, sở giải quyết hồ sơ đúng hạn.", null, "2019-06-01T09:00:00+07:00");
    await analyse(w, { lexicon: defaultLexicon(), agencies: AGENCIES, overridesFile: null, now: new Date("2024-06-01T00:00:00Z") });
  });
  afterEach(async () => w.close());

  it("stores candidates and the reason, and lists only items to review", async () => {
    const attr = await w.all("SELECT article_id, agency_id, candidates_json, review_kind FROM article_attribution ORDER BY article_id");
    expect(attr[0]).toMatchObject({ article_id: "bao:1", agency_id: null, review_kind: "tie" });
    expect(JSON.parse(String(attr[0].candidates_json)).map((c: { agency_id: string }) => c.agency_id).sort()).toEqual(["so-noi-vu", "so-tu-phap"]);
    expect(attr[1]).toMatchObject({ article_id: "bao:2", agency_id: "so-tu-phap", review_kind: null });
    expect(attr[2]).toMatchObject({ article_id: "bao:3", agency_id: "so-cu" });
    const queue = await attributionReviewRows(w);
    expect(queue.map((r) => r.article_id)).toEqual(["bao:1"]);
    expect(queue[0]).toMatchObject({ review_kind: "tie", is_cchc: true });
  });
});
