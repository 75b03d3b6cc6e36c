import { describe, expect, it } from "vitest";
import { coverageRows, type ReportItem } from "../../pipelines/report/coverage.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { indexByCreditedAgency, matchingItems, targetWindowsOfYear } from "../../pipelines/coverage/targets.ts";

import { FIXTURE_REGISTRY } from "./helpers.ts";

const registry = loadRegistry(FIXTURE_REGISTRY);
const item = (over: Partial<ReportItem>): ReportItem => ({
  item_key: "article:x",
  agency_id: "so-tu-phap",
  channel: "provincial_portal",
  published_at: "2024-02-10T09:00:00+07:00",
  areas: ["tthc"],
  title: "Sở Tư pháp rà soát thủ tục hành chính",
  text: "",
  sessions: 1,
  attendance: null,
  quantity: null,
  media_kind: "text",
  ...over,
});
const today = new Date("2026-11-24T00:00:00+07:00");
const row = (rows: ReturnType<typeof coverageRows>, target: string, agency: string, period: string) =>
  rows.find((r) => r.target_id === target && r.agency_id === agency && r.period === period);

describe("coverage rows", () => {
  it("counts an item toward the quarterly provincial-portal target of its quarter only, and lists it", () => {
    const rows = coverageRows(registry, [item({ item_key: "article:q1" })], today);
    const q1 = row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!;
    expect(q1).toMatchObject({ plan: "1007/KH-UBND", clause: "V.1.c", minimum: 1, actual: 1, gap: 0, status: "met", item_keys: ["article:q1"] });
    const q2 = row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q2")!;
    expect(q2).toMatchObject({ actual: 0, gap: 1, status: "missed", item_keys: [] });
  });

  it("uses quarters in Asia/Ho_Chi_Minh: 01/04 00:30 +07:00 (still 31/03 in UTC) is Q2", () => {
    const rows = coverageRows(registry, [item({ item_key: "a", published_at: "2024-04-01T00:30:00+07:00" })], today);
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!.actual).toBe(0);
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q2")!.actual).toBe(1);
  });

  it("does not count an item on another channel or for another agency", () => {
    const rows = coverageRows(registry, [item({ channel: "meeting" }), item({ agency_id: "so-noi-vu" })], today);
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!.actual).toBe(0);
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-noi-vu", "2024-Q1")!.actual).toBe(1);
  });

  it("says not_started for a window that has not begun and on_track early in a window", () => {
    const early = new Date("2024-01-05T00:00:00+07:00");
    const rows = coverageRows(registry, [], early);
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q3")!.status).toBe("not_started");
    expect(row(rows, "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!.status).toBe("on_track");
  });

  it("finds through the agency index exactly the items a full scan finds, lineage included", () => {
    const agencies = ["so-tu-phap", "so-noi-vu", "so-ke-hoach-dau-tu", "so-tai-nguyen-moi-truong", "ubnd-tx-trang-bang", "so-nong-nghiep-moi-truong"];
    const channels = ["provincial_portal", "own_portal", "newspaper", "meeting"];
    const items = Array.from({ length: 300 }, (_, i) =>
      item({
        item_key: `k${i}`,
        agency_id: agencies[i % agencies.length],
        channel: channels[(i * 7) % channels.length],
        published_at: `${2023 + (i % 3)}-${String(((i * 5) % 12) + 1).padStart(2, "0")}-${String((i % 27) + 1).padStart(2, "0")}T09:00:00+07:00`,
        title: i % 4 ? "Cải cách thủ tục hành chính về đất đai" : "Hỗ trợ nhà đầu tư",
      }),
    );
    const index = indexByCreditedAgency(registry, items);
    for (const year of [2023, 2024]) {
      for (const tw of targetWindowsOfYear(registry, year)) {
        expect(matchingItems(registry, tw, index.get(tw.agency_id) ?? [])).toEqual(matchingItems(registry, tw, items));
      }
    }
  });

  it("lists a row's items in item_key order, whatever order they come in", () => {
    const keys = ["article:b", "evidence:a", "article:c", "article:a"];
    const items = keys.map((k, i) => item({ item_key: k, published_at: `2024-02-${String(10 + i).padStart(2, "0")}T09:00:00+07:00` }));
    const q1 = row(coverageRows(registry, items, today), "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!;
    expect(q1.item_keys).toEqual(["article:a", "article:b", "article:c", "evidence:a"]);
    expect(row(coverageRows(registry, [...items].reverse(), today), "t2024-1007-v1c-provincial-portal", "so-tu-phap", "2024-Q1")!.item_keys).toEqual(q1.item_keys);
  });

  it("keeps every number equal to the items it lists (measure: items)", () => {
    const items = Array.from({ length: 20 }, (_, i) =>
      item({ item_key: `k${i}`, published_at: `2024-${String((i % 12) + 1).padStart(2, "0")}-15T08:00:00+07:00`, channel: i % 2 ? "newspaper" : "provincial_portal" }),
    );
    for (const r of coverageRows(registry, items, today)) {
      if (r.measure === "items") expect(r.actual).toBe(r.item_keys.length);
      expect(r.gap).toBe(Math.max(0, r.minimum - r.actual));
    }
  });
});
