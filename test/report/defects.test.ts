/**
 * Issue 11 "What was seen": each defect reproduced through the product's own
 * path (the crawler's and importer's writers, `cchc report`'s refresh, the
 * marts and the evidence export), so each test fails on the code before the fix.
 */
import { appendFileSync, rmSync } from "node:fs";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectMediaKind } from "../../data-loaders/common/media-kind.ts";
import { evidenceRows } from "../../pipelines/report/queries.ts";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { fixtureRegistryCopy } from "../fixtures/registries.ts";
import { buildWarehouse, evidenceRow } from "./helpers.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");

describe("issue 11 defects, through the report step and the evidence export", () => {
  let db: string;
  beforeAll(async () => {
    db = await buildWarehouse({
      now: NOW,
      sources: [
        { id: "snv", agency_id: "so-noi-vu", channel: "own_portal" },
        { id: "sld", agency_id: "so-lao-dong-tbxh", channel: "own_portal" },
        { id: "stp", agency_id: "so-tu-phap", channel: "own_portal" },
        { id: "bdt", agency_id: "ban-dan-toc", channel: "own_portal" },
      ],
      articles: [
        { source: "snv", id: "1", title: "Sở Nội vụ hướng dẫn cải cách hành chính", published_at: "2024-03-05T09:00:00+07:00" },
        { source: "snv", id: "2", title: "Sở Nội vụ rà soát thủ tục hành chính", published_at: "2024-06-05T09:00:00+07:00" },
        { source: "sld", id: "1", title: "Sở Lao động - Thương binh và Xã hội cải cách thủ tục hành chính", published_at: "2024-04-10T09:00:00+07:00" },
        // Plain text with "hướng dẫn": matches the video target's topic, but is not a video.
        { source: "stp", id: "1", title: "Sở Tư pháp hướng dẫn nộp hồ sơ trực tuyến", published_at: "2024-05-02T09:00:00+07:00" },
        { source: "stp", id: "2", title: "Video hướng dẫn nộp hồ sơ trực tuyến", published_at: "2024-05-03T09:00:00+07:00", media_kind: "video",
          body: "Video hướng dẫn từng bước nộp hồ sơ thủ tục hành chính trực tuyến trên Cổng dịch vụ công và thanh toán phí trực tuyến, giúp người dân tiết kiệm thời gian đi lại." },
        { source: "bdt", id: "1", title: "Ban Dân tộc tuyên truyền cải cách hành chính", published_at: "2024-07-01T09:00:00+07:00" },
      ],
      evidence: [
        evidenceRow({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", date: "30/06/2023", title: "Thống kê lượt truy cập 6 tháng đầu năm", reference: "Báo cáo 12/BC-UBND", quantity: "6000" }),
        evidenceRow({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", date: "06/11/2023", title: "Thống kê lượt truy cập đến 06/11", reference: "Báo cáo 30/BC-UBND", quantity: "4.500" }),
      ],
    });
  });
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  const read = <T>(fn: Parameters<typeof withWarehouse<T>>[1]) => withWarehouse(db, fn, { readOnly: true });

  it("1. names only the agency asked for: no Sở Nội vụ row under Sở Dân tộc và Tôn giáo, and Sở Nội vụ has no successor", async () => {
    const dttg = await read((w) => evidenceRows(w, { year: 2024, agencyId: "so-dan-toc-ton-giao" }));
    expect(dttg.map((r) => r.agency_id)).toEqual(["ban-dan-toc"]); // its predecessor, merged into it
    const snv = await read((w) => evidenceRows(w, { year: 2024, agencyId: "so-noi-vu" }));
    const own = snv.filter((r) => r.agency_id === "so-noi-vu");
    expect(own).toHaveLength(2);
    for (const r of own) expect(r.successor_name).toBeNull();
  });

  it("1. gives an agency with several lineage links one row per item, with its main successor only", async () => {
    const all = await read((w) => evidenceRows(w, { year: 2024 }));
    const sld = all.filter((r) => r.agency_id === "so-lao-dong-tbxh");
    expect(sld).toHaveLength(1);
    expect(sld[0].successor_name).toBe("Sở Nội vụ tỉnh Tây Ninh");
    // The export for Sở Nội vụ holds it once; for Sở Y tế (a part_to link) not at all.
    const snv = await read((w) => evidenceRows(w, { year: 2024, agencyId: "so-noi-vu" }));
    expect(snv.filter((r) => r.agency_id === "so-lao-dong-tbxh")).toHaveLength(1);
    const syt = await read((w) => evidenceRows(w, { year: 2024, agencyId: "so-y-te" }));
    expect(syt).toEqual([]);
    // No item appears twice anywhere.
    const keys = all.map((r) => `${r.title}|${r.published_at}|${r.agency_id}`);
    expect(new Set(keys).size).toBe(keys.length);
  });

  it("2. adds up quantities: 6,000 + 4,500 visits meet the 10,000-visit target", async () => {
    const row = await read((w) =>
      w.one("SELECT actual, minimum, status FROM coverage WHERE target_id = 't2023-31-pl-iiid-visits' AND agency_id = 'ubnd-p3-tay-ninh'"),
    );
    expect(row).toMatchObject({ actual: 10500, minimum: 10000, status: "met" });
    const amounts = await read((w) =>
      w.all("SELECT amount FROM coverage_items WHERE target_id = 't2023-31-pl-iiid-visits' AND agency_id = 'ubnd-p3-tay-ninh' ORDER BY amount"),
    );
    expect(amounts.map((r) => r.amount)).toEqual([4500, 6000]);
    const exported = await read((w) => evidenceRows(w, { year: 2023, agencyId: "ubnd-p3-tay-ninh" }));
    expect(exported.map((r) => r.quantity).sort()).toEqual([4500, 6000]);
  });

  it("3. counts toward a video target only items whose media kind is video", async () => {
    const items = await read((w) =>
      w.all(
        `SELECT ci.item_key FROM coverage_items ci
         WHERE ci.target_id = 't2024-1007-v1b-video' AND ci.agency_id = 'so-tu-phap' ORDER BY 1`,
      ),
    );
    expect(items.map((r) => r.item_key)).toEqual(["article:stp:2"]);
  });

  it("3. reads a page's media kind from the page, not from navigation links", () => {
    expect(detectMediaKind("<html><body><div class='video-player'>…</div></body></html>", "https://baotayninh.vn/x-a1.html")).toBe("video");
    expect(detectMediaKind("<html><body><p>Tin</p></body></html>", "https://baotayninh.vn/video/thoi-su/x-a2.html")).toBe("video");
    expect(detectMediaKind('<meta property="og:type" content="video.other">', "https://x.vn/a.html")).toBe("video");
    expect(detectMediaKind('<iframe src="https://www.youtube.com/embed/abc"></iframe>', "https://x.vn/a.html")).toBe("video");
    expect(detectMediaKind('<nav><a href="/video/">Video</a></nav><p>Tin chữ</p>', "https://x.vn/tin/a.html")).toBe("text");
    expect(detectMediaKind("", "https://x.vn/files/ke-hoach.pdf")).toBe("document");
  });

  it("5. exports labels, never raw codes, for channel, period and reform area", async () => {
    const all = await read((w) => evidenceRows(w, { year: 2024 }));
    const r = all.find((x) => x.agency_id === "so-noi-vu")!;
    expect(r).toMatchObject({ channel_label: "Cổng/Trang thông tin điện tử của cơ quan", period_label: "Quý I/2024" });
  });
});

describe("issue 11 defect 4: one vocabulary of reform areas, through the report step", () => {
  let db: string;
  const registry = fixtureRegistryCopy();
  beforeAll(async () => {
    // a target whose topic names the area as docs/registry.md suggests: areas: [bo_may]
    appendFileSync(
      join(registry.dir, "targets.yaml"),
      `  - id: t2024-test-bo-may
    plan: 1007/KH-UBND
    clause: V.1.b
    who: so-noi-vu
    channels: [own_portal]
    topic: { areas: [bo_may] }
    min_count: 1
    period: year
    year: 2024
    description: Tin, bài về sắp xếp tổ chức bộ máy (mục tiêu thử)
`,
    );
    db = await buildWarehouse({
      now: NOW,
      registryDir: registry.dir,
      sources: [{ id: "snv", agency_id: "so-noi-vu", channel: "own_portal" }],
      articles: [
        {
          source: "snv", id: "1", title: "Sở Nội vụ sắp xếp tổ chức bộ máy, tinh gọn bộ máy hành chính", published_at: "2024-03-05T09:00:00+07:00",
          body: "Sở Nội vụ hướng dẫn sắp xếp tổ chức bộ máy hành chính tinh gọn, hoạt động hiệu lực, hiệu quả; tinh gọn bộ máy gắn với cải cách hành chính và tinh giản biên chế.",
        },
        { source: "snv", id: "2", title: "Sở Nội vụ rà soát thủ tục hành chính", published_at: "2024-06-05T09:00:00+07:00" },
      ],
    });
  });
  afterAll(() => {
    rmSync(dirname(db), { recursive: true, force: true });
    registry.remove();
  });

  it("counts an article the classifier tags bo_may toward a target whose topic is areas: [bo_may], and no other", async () => {
    const rows = await withWarehouse(db, async (w) => ({
      labels: await w.all("SELECT article_id, areas FROM article_labels ORDER BY article_id"),
      counted: await w.all("SELECT item_key FROM coverage_items WHERE target_id = 't2024-test-bo-may' ORDER BY item_key"),
    }), { readOnly: true });
    expect(String(rows.labels.find((r) => r.article_id === "snv:1")!.areas).split(",")).toContain("bo_may");
    expect(rows.counted.map((r) => r.item_key)).toEqual(["article:snv:1"]);
  });
});
