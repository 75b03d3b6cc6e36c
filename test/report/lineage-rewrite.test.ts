/**
 * writeLineage rewrites int_item_credit by difference when it already holds rows (the rows that
 * change are deleted and inserted, the others kept): after a registry change, and after changing
 * it back, the table must be what a first run writes into an empty one.
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import { expect, it } from "vitest";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import type { Registry } from "../../pipelines/registry/types.ts";
import { materialiseCoverage } from "../../pipelines/report/index.ts";
import { type Warehouse, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { buildWarehouse, FIXTURE_REGISTRY } from "./helpers.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");
const MERGED = "so-tai-nguyen-moi-truong"; // ends 28/02/2025, merged into so-nong-nghiep-moi-truong

it("leaves int_item_credit as a first run writes it, whatever it held before", async () => {
  const db = await buildWarehouse({
    now: NOW,
    sources: [{ id: "stn", agency_id: MERGED, channel: "provincial_portal" }, { id: "stp", agency_id: "so-tu-phap", channel: "provincial_portal" }],
    articles: [
      { source: "stn", id: "1", title: "Sở Tài nguyên và Môi trường cải cách thủ tục hành chính", published_at: "2024-05-06T09:00:00+07:00", body: "Sở rà soát thủ tục hành chính về môi trường, công khai quy trình giải quyết hồ sơ tại bộ phận một cửa và tiếp nhận hồ sơ qua dịch vụ công trực tuyến theo kế hoạch cải cách hành chính năm 2024." },
      { source: "stn", id: "2", title: "Cải cách thủ tục hành chính về đất đai", published_at: "2025-02-28T23:30:00+07:00", body: "Hội nghị đối thoại với người dân về thủ tục hành chính đất đai, cấp giấy chứng nhận quyền sử dụng đất trực tuyến, rút ngắn thời gian giải quyết hồ sơ và chấn chỉnh tình trạng trễ hạn." },
      { source: "stn", id: "3", title: "Rút ngắn thời gian giải quyết thủ tục hành chính", published_at: "2025-03-01T00:30:00+07:00", body: "Tập huấn cán bộ một cửa về số hóa hồ sơ, kết quả giải quyết thủ tục hành chính; đánh giá mức độ hài lòng của tổ chức, cá nhân và đẩy mạnh thanh toán trực tuyến phí, lệ phí trong cải cách hành chính." },
      { source: "stp", id: "4", title: "Sở Tư pháp rà soát thủ tục hành chính", published_at: "2025-06-01T09:00:00+07:00" },
    ],
  });
  const shipped = loadRegistry(FIXTURE_REGISTRY);
  // the merger undone: the agency never ends, so nothing is credited to a successor
  const unmerged: Registry = { ...shipped, agencies: shipped.agencies.map((a) => (a.id === MERGED ? { ...a, valid_to: null, successors: [] } : a)) };
  const credits = async (w: Warehouse) => w.all("SELECT item_key, agency_id, from_agency, reason FROM int_item_credit ORDER BY ALL");
  const firstRun = async (w: Warehouse, registry: Registry) => {
    await w.run("DELETE FROM int_item_credit");
    await materialiseCoverage(w, registry, NOW);
    return credits(w);
  };
  try {
    await withWarehouse(db, async (w) => {
      const merged = await credits(w);
      expect(merged.filter((r) => r.reason === "successor").map((r) => r.item_key)).toEqual([`article:stn:3`]);
      await materialiseCoverage(w, unmerged, NOW);
      const rewritten = await credits(w);
      expect(rewritten).toEqual(await firstRun(w, unmerged));
      expect(rewritten).not.toEqual(merged);
      await materialiseCoverage(w, unmerged, NOW); // nothing changes
      expect(await credits(w)).toEqual(rewritten);
      await materialiseCoverage(w, shipped, NOW);
      expect(await credits(w)).toEqual(merged);
    });
  } finally {
    rmSync(dirname(db), { recursive: true, force: true });
  }
});
