import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import type { CrawlLimits } from "../../pipelines/crawl/limits.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { FAULT_NAMES, FAULT_PAGES, FAULT_SELECTORS, faultyListener } from "../../pipelines/farm/faults.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const LIMITS: Partial<CrawlLimits> = {
  headersTimeoutMs: 1_000,
  bodyTimeoutMs: 1_000,
  totalTimeoutMs: 5_000,
  backoffBaseMs: 10,
  backoffMaxMs: 50,
  retries: 3,
  maxBodyBytes: 2 * 1024 * 1024,
  delayMs: 0,
};

const dir = mkdtempSync(join(tmpdir(), "cchc-faults-"));

async function articlesOf(db: string) {
  const w = await Warehouse.open(db);
  try {
    const rows = await w.all("SELECT article_id, title, content_hash FROM articles ORDER BY article_id");
    const errors = await w.all("SELECT kind, url, retried FROM crawl_errors ORDER BY url");
    const runs = await w.all("SELECT * FROM crawl_run_sources");
    return { rows, errors, runs };
  } finally {
    await w.close();
  }
}

describe("the crawler on the fault farm", () => {
  let clean: Farm;
  let faulty: Farm;
  const served = new Map<string, number>();
  beforeAll(async () => {
    clean = await startFarm({ only: ["sonoivu"] });
    faulty = await startFarm({
      only: ["sonoivu"],
      wrap: (_key, site, listener) => {
        const inner = faultyListener(site, listener, { faults: FAULT_NAMES, stallMs: 5_000, retryAfterS: 1, conditional: true });
        return (req, res) => {
          served.set(req.url ?? "", (served.get(req.url ?? "") ?? 0) + 1);
          inner(req, res);
        };
      },
    });
  });
  afterAll(async () => {
    await clean.close();
    await faulty.close();
  });

  it("survives every fault, records each, and ends with exactly the articles of a clean crawl", async () => {
    const cleanDb = join(dir, "clean.duckdb");
    let w = await Warehouse.open(cleanDb);
    await crawl(w, demoSources(clean.portals), { limits: LIMITS });
    await w.close();

    const faultDb = join(dir, "faults.duckdb");
    w = await Warehouse.open(faultDb);
    const summary = await crawl(w, demoSources(faulty.portals), { limits: LIMITS });
    await w.close();

    const expected = await articlesOf(cleanDb);
    const got = await articlesOf(faultDb);
    expect(expected.rows.length).toBe(clean.portals[0]!.site.articleCount);
    // nothing lost, nothing twice, and the wrong-charset pages decoded correctly (same hashes)
    expect(got.rows).toEqual(expected.rows);

    const final = (kind: string) => got.errors.filter((e) => e.kind === kind && !e.retried).map((e) => String(e.url));
    expect(final("redirect_loop")).toEqual([expect.stringContaining(FAULT_PAGES.redirect_loop)]);
    expect(final("refused_redirect")).toEqual([expect.stringContaining(FAULT_PAGES.off_host_redirect)]);
    expect(final("too_large")).toEqual([expect.stringContaining(FAULT_PAGES.huge_page)]);
    expect(final("robots")).toEqual([expect.stringContaining(FAULT_PAGES.robots_disallow)]);
    // the disallowed page was never requested
    expect([...served.keys()].some((u) => u.includes(FAULT_PAGES.robots_disallow))).toBe(false);
    // transient faults were retried and recorded as such
    const retried = new Set(got.errors.filter((e) => e.retried).map((e) => String(e.kind)));
    expect([...retried].sort()).toEqual(expect.arrayContaining(["4xx", "5xx", "network", "timeout"]));

    const stats = summary.sources["demo-sonoivu"]!;
    expect(stats.status).toBe("partial");
    expect(stats.errors).toBe(4);
    expect(stats.retries).toBeGreaterThanOrEqual(retried.size);
    // the 50 MB page was abandoned early, not read whole
    expect(stats.bytes).toBeLessThan(10 * 1024 * 1024);
    // endless paging: the walk ends one page past the real last one (7 pages of 10)
    expect(stats.listing_pages).toBeLessThanOrEqual(8);
    expect(got.runs[0]!.errors_by_kind).toBe(JSON.stringify(stats.errors_by_kind));
  });

  it("answers a re-run with nothing new with robots.txt and a 304, retrying only the failed frontier rows", async () => {
    const db = join(dir, "faults.duckdb");
    const before = [...served.values()].reduce((a, b) => a + b, 0);
    const w = await Warehouse.open(db);
    const summary = await crawl(w, demoSources(faulty.portals), { limits: LIMITS });
    const frontier = await w.all("SELECT state, attempts FROM crawl_frontier ORDER BY url");
    await w.close();
    const stats = summary.sources["demo-sonoivu"]!;
    expect(stats.new_articles).toBe(0);
    expect(stats.listing_pages).toBe(0); // 304 Not Modified
    // robots.txt + the listing + the 4 fault pages (up to 2 hops each) kept in the frontier as failed
    const requests = [...served.values()].reduce((a, b) => a + b, 0) - before;
    expect(requests).toBeLessThanOrEqual(2 + 4 * 2);
    expect(frontier).toEqual(Array.from({ length: 4 }, () => ({ state: "failed", attempts: 2 })));
  });

  it("stops endless paging in a --since backfill, where pages of known items do not end the walk", async () => {
    const db = join(dir, "faults.duckdb");
    const w = await Warehouse.open(db);
    const summary = await crawl(w, demoSources(faulty.portals), { limits: { ...LIMITS, sinceMaxPages: 50 }, since: new Date("2000-01-01T00:00:00+07:00") });
    await w.close();
    const stats = summary.sources["demo-sonoivu"]!;
    expect(stats.new_articles).toBe(0);
    expect(stats.listing_pages).toBe(8);
  });

  it("per-article fault selectors hit some articles of the DEMO portal", () => {
    const ids = Array.from({ length: 100 }, (_, i) => i);
    for (const pick of Object.values(FAULT_SELECTORS)) expect(ids.some(pick)).toBe(true);
  });
});
