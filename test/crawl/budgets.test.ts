/**
 * Bounded work per source and run: a listing with 10,000 links, a budget of
 * requests / bytes / time, and a server whose every request stalls. A budget
 * used up is an alarm (kind `budget`, health `budget_exceeded`) and what was
 * not fetched stays pending for the next run; a stalling source is "failed"
 * after a few requests, not "ok" after minutes.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { DEFAULT_BUDGET } from "../../pipelines/crawl/budgets.ts";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import type { CrawlLimits } from "../../pipelines/crawl/limits.ts";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { loadRegistryDir } from "../../pipelines/registry/load.ts";
import { crawlSources } from "../../pipelines/registry/sources.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { registryWith } from "../registry/helpers.ts";
import { articlePage, type Portal, rssFeed, startPortal } from "./fixtures/hostile-portal.ts";

const LINKS = 10_000;
const FAST: Partial<CrawlLimits> = { delayMs: 0, retries: 3, backoffBaseMs: 5, backoffMaxMs: 10 };

const source = (portal: Portal, id: string, extra: Partial<CrawlSource> = {}): CrawlSource => ({
  source_id: id,
  agency_id: "so-noi-vu",
  channel: "own_portal",
  platform: "rss",
  name: id,
  base_url: portal.origin,
  start_urls: [`${portal.origin}/rss`],
  is_demo: true,
  delay_ms: 0,
  max_pages: 5,
  ...extra,
});

async function health(w: Warehouse, id: string) {
  const row = await w.one("SELECT status, flags_json FROM source_health WHERE source_id = $id", { id });
  return { status: row!.status, flags: (JSON.parse(row!.flags_json as string) as Array<{ flag: string }>).map((f) => f.flag) };
}

describe("per-source, per-run budget", () => {
  let portal: Portal;
  let small: Portal;
  beforeAll(async () => {
    small = await startPortal(
      (origin) => ({ "/rss": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(Array.from({ length: 30 }, (_, i) => `${origin}/tin/nho-${i + 1}.html`))) }),
      "127.0.0.1",
      0,
      (req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(`Bài ${req.url}`)),
    );
    const feed = (origin: string) => rssFeed(Array.from({ length: LINKS }, (_, i) => `${origin}/tin/bai-${i + 1}.html`));
    portal = await startPortal(
      (origin) => {
        const body = feed(origin);
        return { "/rss": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(body) };
      },
      "127.0.0.1",
      0,
      (req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(`Bài gần giống nhau ${req.url}`)),
    );
  });
  afterAll(async () => {
    await portal.close();
    await small.close();
  });

  it("a listing with 10,000 links: only the budget's new articles are fetched, the alarm is raised once, the rest waits for the next run", async () => {
    const w = await Warehouse.open(":memory:");
    const s = source(portal, "demo-10k", { budget: { new_articles: 40 } });
    const first = await crawl(w, [s], { limits: FAST });
    const stats = first.sources["demo-10k"]!;
    expect(stats).toMatchObject({ status: "partial", new_articles: 40, budget_exceeded: "new_articles", errors_by_kind: { budget: 1 } });
    expect(portal.hits.filter((p) => p.startsWith("/tin/"))).toHaveLength(40);
    expect(stats.deferred).toBe(LINKS - 40);
    expect(await w.one("SELECT count(*) AS n FROM articles")).toEqual({ n: 40 });
    expect(await w.one("SELECT count(*) AS n FROM crawl_frontier WHERE kind = 'article' AND state = 'pending'")).toEqual({ n: LINKS - 40 });
    expect(await w.one("SELECT kind, message FROM crawl_errors")).toEqual({ kind: "budget", message: expect.stringMatching(/đã dùng hết hạn mức mỗi lần thu thập \(40 bài mới\); phần còn lại để lần sau/) });
    expect(await w.one("SELECT budget_exceeded, deferred FROM crawl_run_sources")).toEqual({ budget_exceeded: "new_articles", deferred: LINKS - 40 });
    expect(await health(w, "demo-10k")).toEqual({ status: "warning", flags: ["budget_exceeded"] });
    // the next run goes on with the next 40, none twice
    const second = await crawl(w, [s], { limits: FAST });
    expect(second.sources["demo-10k"]!.new_articles).toBe(40);
    expect(await w.one("SELECT count(*) AS n, count(DISTINCT url) AS urls FROM articles")).toEqual({ n: 80, urls: 80 });
    await w.close();
  }, 90_000);

  it("a budget of requests or bytes stops the source with the alarm, naming the budget", async () => {
    const w = await Warehouse.open(":memory:");
    const pages = await crawl(w, [source(small, "demo-pages", { budget: { pages: 6 } })], { limits: FAST });
    // requests include robots.txt (issue 13): robots.txt + the feed + 4 articles = 6 requests
    expect(pages.sources["demo-pages"]).toMatchObject({ status: "partial", budget_exceeded: "pages", new_articles: 4, errors_by_kind: { budget: 1 } });
    expect(small.hits.filter((p) => p.startsWith("/tin/"))).toHaveLength(4);
    const bytes = await crawl(w, [source(small, "demo-bytes", { budget: { bytes: 1024 } })], { limits: FAST });
    expect(bytes.sources["demo-bytes"]).toMatchObject({ status: "partial", budget_exceeded: "bytes", new_articles: 0, deferred: 30 });
    const messages = await w.all("SELECT source_id, message FROM crawl_errors WHERE kind = 'budget' ORDER BY source_id");
    expect(messages).toEqual([
      { source_id: "demo-bytes", message: expect.stringMatching(/hạn mức mỗi lần thu thập \(1 KiB\)/) },
      { source_id: "demo-pages", message: expect.stringMatching(/hạn mức mỗi lần thu thập \(6 yêu cầu\)/) },
    ]);
    await w.close();
  });

  it("has documented defaults, and a registry entry overrides them", () => {
    expect(DEFAULT_BUDGET).toEqual({ pages: 2_000, new_articles: 1_000, bytes: 200 * 1024 * 1024, time_ms: 20 * 60_000 });
    const dir = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: https://example.org\n    budget: { pages: 300, new_articles: 50, mib: 20, minutes: 5 }") });
    const { registry, issues } = loadRegistryDir(dir);
    expect(issues).toEqual([]);
    expect(crawlSources(registry, "2026-01-01").find((s) => s.source_id === "portal")!.budget).toEqual({ pages: 300, new_articles: 50, bytes: 20 * 1024 * 1024, time_ms: 300_000 });
    const bad = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://example.org", "base_url: https://example.org\n    budget: { pagez: 3 }") });
    expect(loadRegistryDir(bad).issues.map((i) => `${i.field}: ${i.message}`)).toEqual(["sources[0].budget.pagez: trường không có trong mẫu (gõ nhầm tên?)"]);
  });
});

describe("a source whose every request stalls", () => {
  let stall: Portal;
  let drip: Portal;
  let slow: Portal;
  const STALL: Partial<CrawlLimits> = { ...FAST, headersTimeoutMs: 200, bodyTimeoutMs: 200, totalTimeoutMs: 600 };
  beforeAll(async () => {
    // header stall: never answers anything, robots.txt included
    stall = await startPortal(() => ({}), "127.0.0.1", 0, () => {});
    // slow drip: the feed answers, every article sends a byte every 50 ms forever
    drip = await startPortal(
      (origin) => ({
        "/robots.txt": (_req, res) => void res.writeHead(404).end(),
        "/rss": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(Array.from({ length: 12 }, (_, i) => `${origin}/tin/bai-${i + 1}.html`))),
      }),
      "127.0.0.1",
      0,
      (_req, res) => {
        res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
        const timer = setInterval(() => res.write(" "), 50);
        res.on("close", () => clearInterval(timer));
      },
    );
    // slow but working: every article after 60 ms
    slow = await startPortal(
      (origin) => ({
        "/rss": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(Array.from({ length: 30 }, (_, i) => `${origin}/tin/cham-${i + 1}.html`))),
      }),
      "127.0.0.1",
      0,
      (req, res) => void setTimeout(() => res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(`Bài chậm ${req.url}`)), 60),
    );
  });
  afterAll(async () => {
    for (const p of [stall, drip, slow]) await p.close();
  });

  it("header stall on everything: two robots.txt attempts, then failed (broken), not ok", async () => {
    const w = await Warehouse.open(":memory:");
    const summary = await crawl(w, [source(stall, "demo-stall")], { limits: STALL });
    const stats = summary.sources["demo-stall"]!;
    expect(stats.status).toBe("failed");
    expect(stall.hits).toEqual(["/robots.txt", "/robots.txt"]);
    expect(stats.errors_by_kind).toEqual({ robots_unreachable: 1 });
    expect((await health(w, "demo-stall")).status).toBe("broken");
    await w.close();
  });

  it("slow drip on every article: abandoned for its rate (not after the whole-request timeout), the host paused after two, the source failed (broken)", async () => {
    const w = await Warehouse.open(":memory:");
    // the whole-request timeout is far away: only the average-rate rule can end a dripping body
    const summary = await crawl(w, [source(drip, "demo-drip")], { limits: { ...STALL, totalTimeoutMs: 120_000, minBodyBytesPerSecond: 1_000, slowBodyGraceMs: 300 } });
    const stats = summary.sources["demo-drip"]!;
    expect(stats.status).toBe("failed");
    const articleRequests = drip.hits.filter((p) => p.startsWith("/tin/")).length;
    expect(articleRequests).toBeLessThanOrEqual(6); // 2 timed-out requests × 2 attempts, plus one in flight per worker
    expect(stats.errors_by_kind.timeout).toBeGreaterThanOrEqual(2);
    const timeouts = await w.all("SELECT message FROM crawl_errors WHERE kind = 'timeout' AND NOT retried");
    for (const t of timeouts) expect(t.message).toMatch(/nội dung về chậm hơn 1\.000 byte\/giây/);
    const paused = await w.all("SELECT message FROM crawl_errors WHERE kind = 'paused'");
    expect(paused.length).toBeGreaterThan(0);
    for (const p of paused) expect(p.message).toMatch(/tạm dừng: \d+ yêu cầu liên tiếp hết thời gian chờ/);
    expect(stats.errors_by_kind.paused).toBeGreaterThan(0);
    expect(await health(w, "demo-drip")).toMatchObject({ status: "broken", flags: expect.arrayContaining(["failed_last_run", "host_paused"]) });
    await w.close();
  });

  it("a time budget ends a slow source's run with the alarm; the rest waits for the next run", async () => {
    const w = await Warehouse.open(":memory:");
    const summary = await crawl(w, [source(slow, "demo-slow", { budget: { time_ms: 300 } })], { limits: FAST });
    const stats = summary.sources["demo-slow"]!;
    expect(stats).toMatchObject({ status: "partial", budget_exceeded: "time_ms" });
    expect(stats.new_articles).toBeLessThan(30);
    expect(stats.new_articles + stats.deferred).toBe(30);
    expect(await health(w, "demo-slow")).toEqual({ status: "warning", flags: ["budget_exceeded"] });
    await w.close();
  });
});
