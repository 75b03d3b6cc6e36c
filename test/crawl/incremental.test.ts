import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import type { CrawlLimits } from "../../pipelines/crawl/limits.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const LIMITS: Partial<CrawlLimits> = { retries: 1, backoffBaseMs: 5, backoffMaxMs: 10, hostFailureLimit: 3 };
const dir = mkdtempSync(join(tmpdir(), "cchc-incr-"));
let EDITED_ID = "";

describe("incremental crawling, --since, health", () => {
  let farm: Farm;
  let mode: "normal" | "empty" | "down" | "articles_down" | "edited" = "normal";
  beforeAll(async () => {
    farm = await startFarm({
      only: ["sotuphap"],
      wrap: (_key, _site, listener) => (req, res) => {
        if (mode === "down" && req.url !== "/robots.txt") return res.writeHead(500).end("Lỗi");
        if (mode === "articles_down" && /\.html$/.test(req.url ?? "")) return res.writeHead(502).end("Lỗi");
        if (mode === "empty" && /\/vi\/news\/[\w-]+\/$/.test(req.url ?? "")) {
          return res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<html><body><h1>Tin tức</h1></body></html>");
        }
        if (mode === "edited" && EDITED_ID && (req.url ?? "").endsWith(EDITED_ID)) {
          // the portal edits one article: its body gains a correction line
          const write = res.end.bind(res);
          const marker = '<div id="news-bodyhtml" class="bodytext margin-bottom-lg">';
          res.end = ((body: string | Buffer) =>
            write(String(body).replace(marker, `${marker}\n<p>Đính chính: số liệu đã được cập nhật.</p>`))) as typeof res.end;
        }
        listener(req, res);
      },
    });
  });
  afterAll(() => farm.close());

  it("a shallow crawl then an ordinary one stops early; --since backfills the older items, nothing twice", async () => {
    const w = await Warehouse.open(join(dir, "since.duckdb"));
    try {
      const total = farm.portals[0]!.site.articleCount;
      const shallow = demoSources(farm.portals).map((s) => ({ ...s, max_pages: 2 }));
      await crawl(w, shallow, { limits: LIMITS });
      const count = async () => Number((await w.one("SELECT count(*) AS n FROM articles"))!.n);
      // two pages of 10, and the 10 "Các tin khác" under page 2 (the items of page 3)
      const SHALLOW = 30;
      expect(await count()).toBe(SHALLOW);
      const oldest = (await w.one("SELECT min(published_at) AS d FROM articles"))!.d as string;

      // nothing new on page 1: the walk ends there, the older items stay unseen
      const again = await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      expect(again.sources["demo-sotuphap"]).toMatchObject({ new_articles: 0, listing_pages: 1 });

      // backfill to a date: walks through the known pages and stops at the first page older than the date
      const since = new Date(Date.parse(oldest) - 200 * 86_400_000);
      const back = await crawl(w, demoSources(farm.portals), { limits: LIMITS, since });
      const added = back.sources["demo-sotuphap"]!.new_articles;
      expect(added).toBeGreaterThan(0);
      expect(added).toBeLessThan(total - SHALLOW);
      const tooOld = await w.one("SELECT count(*) AS n FROM articles WHERE published_at < $since::TIMESTAMPTZ", { since: since.toISOString() });
      expect(tooOld!.n).toBe(0);

      const all = await crawl(w, demoSources(farm.portals), { limits: LIMITS, since: new Date("2000-01-01T00:00:00+07:00") });
      expect(all.sources["demo-sotuphap"]!.new_articles).toBe(total - SHALLOW - added);
      expect(await count()).toBe(total);
      expect((await w.one("SELECT count(*) AS n FROM article_versions"))!.n).toBe(total);
    } finally {
      await w.close();
    }
  });

  it("flags a listing that suddenly yields nothing, and a source whose host fails (failed run, broken)", async () => {
    const w = await Warehouse.open(join(dir, "health.duckdb"));
    const health = async () => (await w.one("SELECT status, flags_json FROM source_health WHERE source_id = 'demo-sotuphap'"))!;
    try {
      mode = "normal";
      await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      expect(await health()).toEqual({ status: "ok", flags_json: "[]" });

      mode = "empty";
      await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      let h = await health();
      expect(h.status).toBe("broken");
      // the emptied page is also a completeness alarm naming the page and the previous count
      const flags = JSON.parse(h.flags_json as string) as Array<{ flag: string; message: string }>;
      expect(flags.map((f) => f.flag)).toEqual(["zero_items", "incomplete"]);
      expect(flags[1]!.message).toMatch(/^Trang danh sách không còn mục nào \(lần trước có\): http:\/\/127\.0\.0\.1:\d+\/vi\/news\/tin-tuc\/ không đọc được mục nào, lần trước đọc được 20 mục$/);

      mode = "down";
      const down = await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      expect(down.sources["demo-sotuphap"]).toMatchObject({ status: "failed", errors_by_kind: { "5xx": 1 } });
      const row = await w.one("SELECT status, errors FROM crawl_run_sources ORDER BY started_at DESC LIMIT 1");
      expect(row).toMatchObject({ status: "failed", errors: 1 });
      h = await health();
      expect(h.status).toBe("broken");
      expect(JSON.parse(h.flags_json as string).map((f: { flag: string }) => f.flag)).toContain("failed_last_run");
      expect(await w.one("SELECT status FROM crawl_runs ORDER BY started_at DESC LIMIT 1")).toEqual({ status: "partial" });
    } finally {
      mode = "normal";
      await w.close();
    }
  });

  it("pauses a host whose pages keep failing, reports it, and the next run fetches what was left", async () => {
    const w = await Warehouse.open(join(dir, "paused.duckdb"));
    try {
      const total = farm.portals[0]!.site.articleCount;
      mode = "articles_down";
      const bad = await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      const stats = bad.sources["demo-sotuphap"]!;
      // the listing was read but not one article: the source failed (not "partial")
      expect(stats.status).toBe("failed");
      // 3 pages failed for good in a row (listing pages that answered in between reset the count), then nothing more was sent to the host
      expect(stats.errors_by_kind["5xx"]).toBeGreaterThanOrEqual(3);
      expect(stats.errors_by_kind["5xx"]).toBeLessThan(total / 2);
      expect(stats.errors_by_kind.paused).toBeGreaterThan(0);
      expect(Object.keys(stats.paused_hosts)).toEqual([new URL(farm.portals[0]!.baseUrl).host]);
      const row = await w.one("SELECT paused_hosts FROM crawl_run_sources");
      expect(JSON.parse(row!.paused_hosts as string)).toEqual(stats.paused_hosts);
      // what was found but not fetched stays in the frontier
      expect((await w.one("SELECT count(*) AS n FROM crawl_frontier WHERE state <> 'done'"))!.n).toBe(stats.errors);

      mode = "normal";
      const good = await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      expect(good.sources["demo-sotuphap"]).toMatchObject({ status: "ok", new_articles: total });
      expect((await w.one("SELECT count(*) AS n FROM crawl_frontier"))!.n).toBe(0);
    } finally {
      mode = "normal";
      await w.close();
    }
  });

  it("a broken source (unknown platform) fails alone; the others are crawled", async () => {
    const w = await Warehouse.open(join(dir, "broken.duckdb"));
    try {
      const [good] = demoSources(farm.portals);
      const bad = { ...good!, source_id: "demo-hong", platform: "khong-co" };
      const summary = await crawl(w, [bad, good!], { limits: LIMITS });
      expect(summary.sources["demo-hong"]).toMatchObject({ status: "failed", errors_by_kind: { parse: 1 } });
      expect(summary.sources["demo-sotuphap"]).toMatchObject({ status: "ok", new_articles: farm.portals[0]!.site.articleCount });
      expect(await w.all("SELECT source_id, status FROM crawl_run_sources ORDER BY source_id")).toEqual([
        { source_id: "demo-hong", status: "failed" },
        { source_id: "demo-sotuphap", status: "ok" },
      ]);
      expect((await w.one("SELECT status FROM source_health WHERE source_id = 'demo-hong'"))!.status).toBe("broken");
      expect(await w.all("SELECT source_id, health, last_run_status, new_articles FROM crawl_source_overview ORDER BY source_id")).toEqual([
        { source_id: "demo-hong", health: "broken", last_run_status: "failed", new_articles: 0 },
        { source_id: "demo-sotuphap", health: "ok", last_run_status: "ok", new_articles: farm.portals[0]!.site.articleCount },
      ]);
    } finally {
      await w.close();
    }
  });

  it("with --recheck-days an edited article becomes a new version of the same item", async () => {
    const w = await Warehouse.open(join(dir, "recheck.duckdb"));
    try {
      const total = farm.portals[0]!.site.articleCount;
      mode = "normal";
      await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      const target = (await w.one("SELECT article_id, url, content_hash FROM articles ORDER BY published_at DESC LIMIT 1"))!;
      EDITED_ID = `-${String(target.article_id).split(":").pop()}.html`;
      mode = "edited";
      const plain = await crawl(w, demoSources(farm.portals), { limits: LIMITS });
      expect(plain.sources["demo-sotuphap"]).toMatchObject({ new_articles: 0, changed_articles: 0 });

      const recheck = await crawl(w, demoSources(farm.portals), { limits: LIMITS, recheckDays: 30 });
      expect(recheck.sources["demo-sotuphap"]).toMatchObject({ new_articles: 0, changed_articles: 1, listing_pages: 1 });
      const after = (await w.one("SELECT version, body_text, content_hash FROM articles WHERE article_id = $id", { id: target.article_id as string }))!;
      expect(after.version).toBe(2);
      expect(after.body_text).toContain("Đính chính");
      expect(after.content_hash).not.toBe(target.content_hash);
      expect((await w.one("SELECT count(*) AS n FROM articles"))!.n).toBe(total);
      expect((await w.one("SELECT count(*) AS n FROM article_versions"))!.n).toBe(total + 1);
    } finally {
      mode = "normal";
      await w.close();
    }
  });
});
