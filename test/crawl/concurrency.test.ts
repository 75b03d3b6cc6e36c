/**
 * A source's `concurrency` is honoured: robots.txt (the first request to the
 * host) must not fix the host's slots at 1.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { articlePage, type Portal, rssFeed, startPortal } from "./fixtures/hostile-portal.ts";

describe("per-host concurrency", () => {
  let portal: Portal;
  let inFlight = 0;
  let maxInFlight = 0;
  const ARTICLES = 12;
  beforeAll(async () => {
    portal = await startPortal(
      (origin) => ({
        "/rss": (_req, res) => void res.writeHead(200, { "content-type": "application/rss+xml" }).end(rssFeed(Array.from({ length: ARTICLES }, (_, i) => `${origin}/tin/bai-${i + 1}.html`))),
      }),
      "127.0.0.1",
      0,
      (req, res) => {
        // every article answers after a pause, so parallel requests overlap
        inFlight++;
        maxInFlight = Math.max(maxInFlight, inFlight);
        setTimeout(() => {
          inFlight--;
          res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage(`Bài ${req.url}`));
        }, 150);
      },
    );
  });
  afterAll(() => portal.close());

  const source = (concurrency: number): CrawlSource => ({
    source_id: `demo-c${concurrency}`,
    agency_id: "so-noi-vu",
    channel: "own_portal",
    platform: "rss",
    name: "Cổng song song",
    base_url: portal.origin,
    start_urls: [`${portal.origin}/rss`],
    is_demo: true,
    delay_ms: 0,
    max_pages: 1,
    concurrency,
  });

  it("runs up to the source's concurrency in parallel, and no more", async () => {
    const w = await Warehouse.open(":memory:");
    const summary = await crawl(w, [source(3)], { limits: { delayMs: 0, retries: 0 } });
    expect(summary.sources["demo-c3"]!.new_articles).toBe(ARTICLES);
    expect(maxInFlight).toBe(3);
    await w.close();
  });

  it("with concurrency 1, one at a time", async () => {
    maxInFlight = 0;
    const w = await Warehouse.open(":memory:");
    await crawl(w, [source(1)], { limits: { delayMs: 0, retries: 0 } });
    expect(maxInFlight).toBe(1);
    await w.close();
  });
});
