import { describe, expect, it } from "vitest";
import { clusterItems, jaccard, SAME_ARTICLE_JACCARD, shingles, SYNDICATION_WINDOW_DAYS } from "../../pipelines/dedupe/cluster.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { foldDiacritics } from "../../pipelines/text/normalize.ts";

const STORY =
  "Sáng 12/3, Sở Tư pháp tỉnh Tây Ninh tổ chức hội nghị tuyên truyền cải cách hành chính năm 2024. " +
  "Tại hội nghị, lãnh đạo Sở đề nghị các phòng chuyên môn tăng tỷ lệ hồ sơ nộp trực tuyến, rút ngắn thời gian giải quyết thủ tục hộ tịch và chứng thực. " +
  "Năm qua, Sở tiếp nhận hơn 12.000 hồ sơ, không có hồ sơ trễ hạn; người dân đánh giá hài lòng với thái độ phục vụ của công chức tại bộ phận một cửa.";
const OTHER =
  "Chiều 20/3, UBND huyện Gò Dầu tổ chức hội nghị sơ kết công tác chuyển đổi số quý I. " +
  "Huyện đã cấp hơn 3.000 tài khoản định danh điện tử, triển khai thanh toán không dùng tiền mặt tại các trường học và trạm y tế. " +
  "Chủ tịch UBND huyện yêu cầu các xã đẩy mạnh tổ công nghệ số cộng đồng trong quý II.";

describe("near-duplicate clustering", () => {
  it("puts the agency-portal, provincial-portal and newspaper copies of one article in one cluster", () => {
    const items = [
      { id: "so-tu-phap:101", title: "Hội nghị tuyên truyền CCHC năm 2024", text: STORY },
      // provincial portal: same text, a source line added
      { id: "cong-tinh:55", title: "Sở Tư pháp: tuyên truyền cải cách hành chính", text: `${STORY}\nNguồn: Sở Tư pháp` },
      // newspaper: lead rewritten, last sentence cut, diacritics lost in its feed
      { id: "bao-tay-ninh:a9001", title: "Tuyen truyen CCHC", text: foldDiacritics(`Ngày 12/3, Sở Tư pháp tổ chức hội nghị. ${STORY.split(". ").slice(1, 3).join(". ")}`) },
      { id: "godau:7", title: "Sơ kết chuyển đổi số quý I", text: OTHER },
    ];
    const c = clusterItems(items);
    const byId = Object.fromEntries(c.map((x) => [x.id, x.cluster_id]));
    expect(byId["cong-tinh:55"]).toBe(byId["so-tu-phap:101"]);
    expect(byId["bao-tay-ninh:a9001"]).toBe(byId["so-tu-phap:101"]);
    expect(byId["godau:7"]).toBe("godau:7");
    expect(byId["so-tu-phap:101"]).toBe("bao-tay-ninh:a9001"); // smallest id of the cluster
  });

  it("has a tested threshold: a re-post with an added paragraph is the same, a different story on the same topic is not", () => {
    const base = shingles({ title: "", text: STORY });
    const extended = shingles({ title: "", text: `${STORY} Hội nghị cũng phát động phong trào thi đua thực hiện nhiệm vụ năm 2024.` });
    const sameTopic = shingles({
      title: "",
      text: "Sáng 15/4, Sở Nội vụ tỉnh Tây Ninh tổ chức hội nghị tuyên truyền cải cách hành chính năm 2024. Lãnh đạo Sở đề nghị công chức nâng cao đạo đức công vụ và tinh thần phục vụ nhân dân.",
    });
    expect(jaccard(base, extended)).toBeGreaterThanOrEqual(SAME_ARTICLE_JACCARD);
    expect(jaccard(base, sameTopic)).toBeLessThan(SAME_ARTICLE_JACCARD);
    expect(clusterItems([{ id: "a", title: "", text: STORY }, { id: "b", title: "", text: OTHER }]).map((x) => x.cluster_id)).toEqual(["a", "b"]);
  });

  it("joins copies published within the syndication window, but not the same template months apart", () => {
    const c = clusterItems([
      { id: "a:1", title: "Lịch tiếp công dân", text: STORY, published_at: "2024-03-12T08:00:00+07:00" },
      { id: "b:1", title: "Lịch tiếp công dân", text: STORY, published_at: "2024-03-19T08:00:00+07:00" }, // 7 days later: a copy
      { id: "a:2", title: "Lịch tiếp công dân", text: STORY, published_at: "2024-06-12T08:00:00+07:00" }, // 3 months later: new item
      { id: "c:1", title: "Lịch tiếp công dân", text: STORY, published_at: null }, // undated: joins on text
    ]);
    expect(c.map((x) => x.cluster_id)).toEqual(["a:1", "a:1", "a:2", "a:1"]);
    expect(SYNDICATION_WINDOW_DAYS).toBeLessThan(30);
  });

  it("compares very short items on title + text, so two short notices with different titles stay apart", () => {
    const c = clusterItems([
      { id: "x:1", title: "Lịch tiếp công dân tháng 5 của Sở Nội vụ", text: "Xem tệp đính kèm." },
      { id: "x:2", title: "Kế hoạch cải cách hành chính năm 2025 của Sở Y tế", text: "Xem tệp đính kèm." },
    ]);
    expect(c[0].cluster_id).not.toBe(c[1].cluster_id);
  });
});

describe("counting rule: one item per agency per channel per cluster (the countable_items model)", () => {
  const row = (article_id: string, cluster_id: string, agency_id: string | null, channel: string, published_at: string | null) => ({ article_id, cluster_id, agency_id, channel, published_at });
  type R = ReturnType<typeof row>;

  /** The product's rule: rows written as analyse writes them, read back through the countable_items view. */
  async function countable(items: R[]): Promise<string[]> {
    const w = await Warehouse.open(":memory:");
    try {
      for (const channel of new Set(items.map((i) => i.channel))) {
        await w.run("INSERT INTO sources (source_id, channel, platform, name, updated_at) VALUES ($c, $c, 'nukeviet', $c, now())", { c: channel });
      }
      for (const i of items) {
        await w.run(
          `INSERT INTO articles (article_id, source_id, item_id, url, title, published_at, body_text, content_hash, version, first_seen_at, fetched_at)
           VALUES ($id, $channel, $id, 'http://127.0.0.1/' || $id, $id, $at::TIMESTAMPTZ, 'x', 'h', 1, now(), now())`,
          { id: i.article_id, channel: i.channel, at: i.published_at },
        );
        await w.run(
          `INSERT INTO article_labels VALUES ($id, TRUE, 1, 'tthc', 'tthc', '', '', '[]', TRUE, 'tthc', NULL, now())`,
          { id: i.article_id },
        );
        await w.run("INSERT INTO article_attribution (article_id, agency_id, method, confidence, evidence) VALUES ($id, $agency, 'source', 1, '')", { id: i.article_id, agency: i.agency_id });
        await w.run("INSERT INTO article_clusters VALUES ($id, $cluster, 1, 1)", { id: i.article_id, cluster: i.cluster_id });
      }
      return (await w.all("SELECT article_id FROM countable_items ORDER BY published_at NULLS LAST, article_id")).map((r) => String(r.article_id));
    } finally {
      await w.close();
    }
  }

  it("counts a syndicated article once per agency and channel, the earliest copy", async () => {
    const items = [
      row("own:1", "c1", "so-tu-phap", "own_portal", "2024-03-12T09:00:00+07:00"),
      row("own:1-savefile", "c1", "so-tu-phap", "own_portal", "2024-03-12T08:00:00+07:00"), // re-post on the same portal
      row("prov:9", "c1", "so-tu-phap", "provincial_portal", "2024-03-13T10:00:00+07:00"),
      row("bao:5", "c1", "so-tu-phap", "newspaper", null),
      row("bao:6", "c1", "so-tu-phap", "newspaper", "2024-03-14T07:00:00+07:00"),
      row("prov:10", "c2", null, "provincial_portal", "2024-03-15T07:00:00+07:00"),
      row("prov:11", "c3", null, "provincial_portal", "2024-03-16T07:00:00+07:00"),
    ];
    expect(await countable(items)).toEqual(["own:1-savefile", "prov:9", "bao:6", "prov:10", "prov:11"]);
  });

  it("counts the same cluster again for another agency on the same channel", async () => {
    const items = [row("prov:1", "c1", "so-noi-vu", "provincial_portal", "2024-01-01T00:00:00+07:00"), row("prov:2", "c1", "so-tu-phap", "provincial_portal", "2024-01-01T00:00:00+07:00")];
    expect(await countable(items)).toHaveLength(2);
  });
});
