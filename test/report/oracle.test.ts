/**
 * Every coverage row the product's engine writes (`cchc report`) equals what an
 * independent oracle (test/report/oracle.ts) recounts from report_items: on
 * generated warehouses (fast-check), written by the product's own writers
 * (the DEMO warehouse: test/report/demo.test.ts).
 */
import { rmSync } from "node:fs";
import { dirname } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { buildWarehouse, evidenceRow, REFORM_BODY } from "./helpers.ts";
import { compareWithOracle } from "./oracle.ts";

const NOW = new Date("2026-11-24T10:00:00+07:00");

describe("independent coverage oracle", () => {
  it("agrees on generated warehouses (articles, videos, visits, sessions, lineage across 2025)", async () => {
    const agencies = ["so-noi-vu", "so-lao-dong-tbxh", "so-tu-phap", "so-ke-hoach-dau-tu", "ban-dan-toc", "ubnd-tx-trang-bang", "so-tai-chinh"];
    const channels = ["own_portal", "provincial_portal", "newspaper"];
    const titles = ["Hướng dẫn nộp hồ sơ trực tuyến", "Cải cách thủ tục hành chính về đất đai", "Hỗ trợ nhà đầu tư", "Video hướng dẫn dịch vụ công"];
    const article = fc.record({
      agency: fc.integer({ min: 0, max: agencies.length - 1 }),
      channel: fc.integer({ min: 0, max: channels.length - 1 }),
      title: fc.integer({ min: 0, max: titles.length - 1 }),
      day: fc.integer({ min: 0, max: 3 * 365 }),
      video: fc.boolean(),
    });
    const visit = fc.record({ day: fc.integer({ min: 0, max: 364 }), quantity: fc.integer({ min: 0, max: 9000 }) });
    await fc.assert(
      fc.asyncProperty(fc.array(article, { maxLength: 25 }), fc.array(visit, { maxLength: 4 }), async (arts, visits) => {
        const day = (n: number, from = Date.UTC(2023, 0, 1)) => new Date(from + n * 86_400_000).toISOString().slice(0, 10);
        const built = await buildWarehouse({
          now: NOW,
          sources: agencies.flatMap((a, i) => channels.map((c, j) => ({ id: `s${i}-${j}`, agency_id: a, channel: c }))),
          articles: arts.map((a, k) => ({
            source: `s${a.agency}-${a.channel}`,
            id: String(k),
            title: `${titles[a.title]} (${k})`,
            // Distinct bodies: the generated items must not fold into one syndication cluster.
            body: `${REFORM_BODY} Mục số ${k}: ${"abcdefghijklmnopqrstuvwxyz".slice(k % 26)} ${k * 7919}.`,
            published_at: `${day(a.day)}T09:00:00+07:00`,
            media_kind: a.video ? "video" : "text",
          })),
          evidence: visits.map((v, k) =>
            evidenceRow({ agency_id: "ubnd-p3-tay-ninh", channel: "site_visits", date: day(v.day).split("-").reverse().join("/"), title: `Thống kê ${k}`, reference: `BC ${k}`, quantity: String(v.quantity) }),
          ),
        });
        try {
          const { expected, actual } = await compareWithOracle(built, NOW);
          expect(actual).toEqual(expected);
        } finally {
          rmSync(dirname(built), { recursive: true, force: true });
        }
      }),
      { numRuns: 6, seed: 20261124 },
    );
  }, 240_000);
});
