/**
 * No silent loss (issue 13), against the DEMO farm on 127.0.0.1: NukeViet portals in the
 * grid layout are read completely; an RSS-only source backfilled with --since goes
 * through the listings behind its feed; a broken listing selector raises the
 * completeness alarm (health never "ok"); a title corrected on the portal becomes a new
 * version on the next ordinary run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { ADAPTERS } from "../../data-loaders/index.ts";
import { makeNukeViet } from "../../data-loaders/nukeviet/index.ts";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { USER_AGENT } from "../../pipelines/crawl/fetcher.ts";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-complete-"));
const LIMITS = { retries: 1, backoffBaseMs: 5, backoffMaxMs: 10 };
const userAgents = new Set<string>();
/** A cross-listed link: NukeViet answers a link under another category with a 301 to the canonical URL. */
let movedId: string | null = null;

describe("completeness of NukeViet crawls", () => {
  let farm: Farm;
  let sources: CrawlSource[];
  const source = (id: string) => sources.find((s) => s.source_id === id)!;
  const portal = (key: string) => farm.portals.find((p) => p.key === key)!;
  beforeAll(async () => {
    farm = await startFarm({
      only: ["sonoivu", "trangbang", "sotuphap"],
      wrap: (_key, _site, listener) => (req, res) => {
        userAgents.add(String(req.headers["user-agent"]));
        const m = /^\/vi\/news\/([\w-]+)\/([\w-]+-(\d+)\.html)$/.exec(req.url ?? "");
        if (movedId && m && m[3] === movedId && m[1] !== "chinh-quyen-so") {
          return res.writeHead(301, { location: `/vi/news/chinh-quyen-so/${m[2]}` }).end();
        }
        listener(req, res);
      },
    });
    sources = demoSources(farm.portals);
  });
  afterAll(() => farm.close());

  it("stores every article of the grid-layout portals, with no alarm, and counts robots.txt in the requests", async () => {
    const w = await Warehouse.open(join(dir, "grid.duckdb"));
    try {
      const before = new Map(farm.portals.map((p) => [p.key, farm.requests.get(p.key) ?? 0]));
      const run = await crawl(w, [source("demo-sonoivu"), source("demo-trangbang")], { limits: LIMITS });
      for (const [id, key] of [["demo-sonoivu", "sonoivu"], ["demo-trangbang", "trangbang"]] as const) {
        const n = (await w.one("SELECT count(*) AS n FROM articles WHERE source_id = $s", { s: id }))!.n;
        expect([id, n]).toEqual([id, portal(key).site.articleCount]);
        expect(run.sources[id]).toMatchObject({ status: "ok", alarms: 0 });
        // every request the portal served, robots.txt included, is in the run's count
        expect(run.sources[id]!.requests).toBe(farm.requests.get(key)! - before.get(key)!);
      }
      const layouts = await w.all("SELECT DISTINCT layout FROM crawl_listing_pages ORDER BY layout");
      expect(layouts).toEqual([{ layout: "viewcat_grid" }]);
      expect((await w.one("SELECT status FROM source_health WHERE source_id = 'demo-sonoivu'"))!.status).toBe("ok");
      // the header is ASCII and names the product
      expect(USER_AGENT).toMatch(/^[\x20-\x7e]+$/);
      expect([...userAgents].every((ua) => ua === USER_AGENT)).toBe(true);
    } finally {
      await w.close();
    }
  });

  it("a broken listing selector (featured items only) raises the alarm with the page's URL and numbers", async () => {
    ADAPTERS["nukeviet-featured-only"] = makeNukeViet([".panel-body h2 a"], "nukeviet-featured-only");
    const w = await Warehouse.open(join(dir, "broken.duckdb"));
    try {
      const broken = { ...source("demo-sonoivu"), platform: "nukeviet-featured-only" };
      const run = await crawl(w, [broken], { limits: LIMITS });
      const stats = run.sources["demo-sonoivu"]!;
      expect(stats.status).toBe("partial");
      expect(stats.alarms).toBeGreaterThan(0);
      const alarms = await w.all("SELECT kind, url, message, details_json FROM crawl_alarms WHERE source_id = 'demo-sonoivu' ORDER BY url");
      const first = alarms.find((a) => a.url === `${portal("sonoivu").baseUrl}/vi/news/cai-cach-hanh-chinh/`)!;
      expect(first.kind).toBe("links_unread");
      expect(first.message).toBe(
        `Trang danh sách có liên kết bài viết chưa được đọc: ${portal("sonoivu").baseUrl}/vi/news/cai-cach-hanh-chinh/ có 10 liên kết bài viết nhưng chỉ đọc được 1 mục`,
      );
      expect(JSON.parse(first.details_json as string)).toMatchObject({ article_links: 10, items: 1, layout: "viewcat_grid" });
      const health = (await w.one("SELECT status, flags_json FROM source_health WHERE source_id = 'demo-sonoivu'"))!;
      expect(health.status).not.toBe("ok");
      expect(JSON.parse(health.flags_json as string).some((f: { flag: string; message: string }) => f.flag === "incomplete" && f.message === first.message)).toBe(true);
    } finally {
      delete ADAPTERS["nukeviet-featured-only"];
      await w.close();
    }
  });

  it("an RSS-only source backfilled with --since stores every article through the listings behind its feed, and says the date was reached", async () => {
    const w = await Warehouse.open(join(dir, "rss.duckdb"));
    try {
      const base = portal("sotuphap").baseUrl;
      const rssOnly = { ...source("demo-sotuphap"), start_urls: [`${base}/vi/news/rss/tin-tuc/`] };
      const since = new Date("2023-01-01T00:00:00+07:00");
      const run = await crawl(w, [rssOnly], { limits: LIMITS, since });
      const truth = portal("sotuphap").site.articles!.filter((a) => a.published >= since).length;
      expect(truth).toBeGreaterThan(30); // more than the feed holds
      expect((await w.one("SELECT count(*) AS n FROM articles"))!.n).toBe(truth);
      const stats = run.sources["demo-sotuphap"]!;
      expect(stats.since_reached).toBe(true);
      // the feed-only start URL is still named: declare the listing instead
      expect(stats.alarm_list.map((a) => a.kind)).toEqual(["feed_only_backfill"]);
      expect(stats.alarm_list[0]!.message).toContain(`${base}/vi/news/tin-tuc/`);
      const row = (await w.one("SELECT since_reached, alarms FROM crawl_run_sources WHERE run_id = $r", { r: run.run_id }))!;
      expect(row).toEqual({ since_reached: true, alarms: 1 });
    } finally {
      await w.close();
    }
  });

  it("a feed read by the generic rss adapter (no listings to discover) reports --since not reached, with the oldest date read", async () => {
    const w = await Warehouse.open(join(dir, "rss-generic.duckdb"));
    try {
      const base = portal("sotuphap").baseUrl;
      const feedOnly = { ...source("demo-sotuphap"), platform: "rss", start_urls: [`${base}/vi/news/rss/tin-tuc/`] };
      const run = await crawl(w, [feedOnly], { limits: LIMITS, since: new Date("2023-01-01T00:00:00+07:00") });
      const stats = run.sources["demo-sotuphap"]!;
      expect(stats.new_articles).toBe(30);
      expect(stats.since_reached).toBe(false);
      expect(stats.status).toBe("partial");
      const kinds = stats.alarm_list.map((a) => a.kind).sort();
      expect(kinds).toEqual(["feed_only_backfill", "since_not_reached"]);
      const notReached = stats.alarm_list.find((a) => a.kind === "since_not_reached")!;
      expect(notReached.message).toMatch(/^Chưa thu thập lùi tới ngày yêu cầu \(--since\): yêu cầu lùi tới 01\/01\/2023, mục cũ nhất đọc được \d{2}\/\d{2}\/\d{4}/);
      expect(notReached.url).toBe(`${base}/vi/news/rss/tin-tuc/`);
    } finally {
      await w.close();
    }
  });

  it("a title corrected on the portal becomes a new version in the next ordinary run; a redirected link is stored at its final URL", async () => {
    const w = await Warehouse.open(join(dir, "correct.duckdb"));
    const site = portal("sotuphap").site;
    const target = site.articles![1]!;
    const original = target.title;
    try {
      await crawl(w, [source("demo-sotuphap")], { limits: LIMITS });
      const id = `demo-sotuphap:${target.id}`;
      expect((await w.one("SELECT title, version FROM articles WHERE article_id = $id", { id }))).toEqual({ title: original, version: 1 });

      target.title = `${original} (đính chính)`;
      movedId = String(site.articles![0]!.id);
      const second = await crawl(w, [source("demo-sotuphap")], { limits: LIMITS });
      expect(second.sources["demo-sotuphap"]).toMatchObject({ new_articles: 0, changed_articles: 1, corrections: 1 });
      expect(await w.one("SELECT title, version FROM articles WHERE article_id = $id", { id })).toEqual({ title: target.title, version: 2 });
      expect((await w.all("SELECT title FROM article_versions WHERE article_id = $id ORDER BY version", { id })).map((r) => r.title)).toEqual([original, target.title]);

      // a corrected publication date on the listing: re-fetched, a new version with the new date
      const redated = site.articles![2]!;
      const originalDate = redated.published;
      redated.published = new Date(originalDate.getTime() - 3 * 3_600_000);
      try {
        const dated = await crawl(w, [source("demo-sotuphap")], { limits: LIMITS });
        expect(dated.sources["demo-sotuphap"]).toMatchObject({ new_articles: 0, changed_articles: 1, corrections: 1 });
        const row = (await w.one("SELECT published_at, version FROM articles WHERE article_id = $id", { id: `demo-sotuphap:${redated.id}` }))!;
        expect([Date.parse(row.published_at as string), row.version]).toEqual([Math.floor(redated.published.getTime() / 60_000) * 60_000, 2]);
      } finally {
        redated.published = originalDate;
      }

      // the periodic recheck re-reads the article behind the redirect and stores it where the link leads
      const third = await crawl(w, [source("demo-sotuphap")], { limits: LIMITS, recheckBudget: site.articleCount });
      // (the date put back is one more correction; that article is not rechecked twice)
      expect(third.sources["demo-sotuphap"]).toMatchObject({ corrections: 1, rechecked: site.articleCount - 1 });
      const moved = (await w.one("SELECT url FROM articles WHERE article_id = $id", { id: `demo-sotuphap:${movedId}` }))!;
      expect(moved.url).toMatch(/\/vi\/news\/chinh-quyen-so\/[\w-]+-\d+\.html$/);
    } finally {
      target.title = original;
      movedId = null;
      await w.close();
    }
  });
});

describe("cchc articles", () => {
  const ROOT = join(import.meta.dirname, "..", "..");
  const cchc = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "cchc.mjs"), ...args], { cwd: ROOT, encoding: "utf-8" });

  it("lists what was collected for a source as JSON lines or CSV, and refuses a missing warehouse or source", async () => {
    const db = join(dir, "grid.duckdb"); // written by the first test of this file
    const json = cchc("articles", "--db", db, "--source", "demo-sonoivu", "--since", "2025-01-01");
    expect(json.status).toBe(0);
    const rows = json.stdout.trim().split("\n").map((l) => JSON.parse(l));
    const w = await Warehouse.open(db, { readOnly: true });
    const truth = (await w.one("SELECT count(*) AS n FROM articles WHERE source_id = 'demo-sonoivu' AND published_at >= '2025-01-01T00:00:00+07:00'::TIMESTAMPTZ"))!.n;
    await w.close();
    expect(rows).toHaveLength(Number(truth));
    expect(rows[0]).toMatchObject({ item_id: expect.any(String), title: expect.any(String), published_at: expect.stringMatching(/\+07:00$/), version: 1 });
    expect(rows.map((r) => r.published_at)).toEqual([...rows.map((r) => r.published_at)].sort().reverse());
    expect(json.stderr).toContain(`${rows.length.toLocaleString("vi-VN")} tin, bài của nguồn demo-sonoivu từ 01/01/2025`);

    const csv = cchc("articles", "--db", db, "--source", "demo-sonoivu", "--format", "csv");
    expect(csv.status).toBe(0);
    expect(csv.stdout.startsWith("\uFEFFMã bài,Tiêu đề,Ngày đăng,")).toBe(true);

    const missing = cchc("articles", "--db", join(dir, "khong-co.duckdb"), "--source", "demo-sonoivu");
    expect(missing.status).toBe(1);
    expect(missing.stderr).toContain("khong-co.duckdb không tồn tại");
    expect(existsSync(join(dir, "khong-co.duckdb"))).toBe(false);
    const unknown = cchc("articles", "--db", db, "--source", "demo-khong-co");
    expect(unknown.status).toBe(1);
    expect(unknown.stderr).toContain('--source: không có nguồn "demo-khong-co"');
    // crawl-health prints each alarm of the last run on its own line, with its URL and numbers
    const health = cchc("crawl-health", "--db", join(dir, "broken.duckdb"));
    expect(health.status).toBe(0);
    expect(health.stdout).toMatch(/^demo-sonoivu\s+Cần chú ý\s/m);
    expect(health.stdout).toMatch(/^ {2}⚠ Trang danh sách có liên kết bài viết chưa được đọc: http:\/\/127\.0\.0\.1:\d+\/vi\/news\/cai-cach-hanh-chinh\/ có 10 liên kết bài viết nhưng chỉ đọc được 1 mục$/m);
  }, 120_000); // five CLI processes, each loading TypeScript
});
