/**
 * Only the source's own hosts are ever requested: a listing's article links and
 * next page on another host, and non-http(s) links, are recorded (off_host,
 * bad_url) and never fetched; a canonical URL is stored only when it is http(s)
 * on the source's hosts.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { linkProblem, sourceCanonical } from "../../pipelines/crawl/links.ts";
import { sourceHostKeys } from "../../pipelines/crawl/hosts.ts";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { articlePage, html, type Portal, startPortal } from "./fixtures/hostile-portal.ts";

function nukevietListing(links: Array<{ href: string; title: string }>, next: string | null): string {
  const items = links.map((l) => `<div class="panel-body"><a href="${l.href}" title="${l.title}">${l.title}</a></div>`).join("\n");
  const pager = next ? `<ul class="pagination"><li><a href="${next}">2</a></li></ul>` : "";
  return `<!doctype html><html><body><div class="news_column">${items}</div>${pager}</body></html>`;
}

describe("links off the source's hosts", () => {
  let own: Portal;
  let other: Portal;
  beforeAll(async () => {
    other = await startPortal(() => ({}), "127.0.0.1", 0, (_req, res) => void res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end(articlePage("Bài của trang khác")));
    own = await startPortal((origin) => ({
      "/vi/news/": html(
        nukevietListing(
          [
            { href: `${origin}/vi/news/tin/hop-le-1.html`, title: "Tin hợp lệ một" },
            { href: `${origin}/vi/news/tin/canonical-la-2.html`, title: "Tin có canonical lạ" },
            { href: `${origin}/vi/news/tin/canonical-ngoai-3.html`, title: "Tin có canonical trang khác" },
            { href: `${other.origin}/vi/news/tin/trang-khac-4.html`, title: "Tin trên trang khác" },
            { href: "file:///etc/passwd-5.html", title: "Tệp hệ thống" },
          ],
          `${other.origin}/vi/news/page-2`,
        ),
      ),
      "/vi/news/tin/hop-le-1.html": html(articlePage("Tin hợp lệ một")),
      "/vi/news/tin/canonical-la-2.html": html(articlePage("Tin có canonical lạ", '<link rel="canonical" href="file:///etc/passwd">')),
      "/vi/news/tin/canonical-ngoai-3.html": html(articlePage("Tin có canonical trang khác", `<link rel="canonical" href="${other.origin}/bai-goc.html">`)),
    }));
  });
  afterAll(async () => {
    await own.close();
    await other.close();
  });

  it("fetches and credits only the source's own articles; records the others, never requests them", async () => {
    const source: CrawlSource = {
      source_id: "demo-own",
      agency_id: "so-noi-vu",
      channel: "own_portal",
      platform: "nukeviet",
      name: "Cổng thử",
      base_url: own.origin,
      start_urls: [`${own.origin}/vi/news/`],
      is_demo: true,
      delay_ms: 0,
      max_pages: 5,
    };
    const w = await Warehouse.open(":memory:");
    const summary = await crawl(w, [source], { limits: { delayMs: 0, retries: 0 } });
    expect(other.hits).toEqual([]);
    const articles = await w.all("SELECT url, canonical_url, source_id FROM articles ORDER BY url");
    expect(articles).toEqual([
      { url: `${own.origin}/vi/news/tin/canonical-la-2.html`, canonical_url: `${own.origin}/vi/news/tin/canonical-la-2.html`, source_id: "demo-own" },
      { url: `${own.origin}/vi/news/tin/canonical-ngoai-3.html`, canonical_url: `${own.origin}/vi/news/tin/canonical-ngoai-3.html`, source_id: "demo-own" },
      { url: `${own.origin}/vi/news/tin/hop-le-1.html`, canonical_url: `${own.origin}/vi/news/tin/hop-le-1.html`, source_id: "demo-own" },
    ]);
    const errors = await w.all("SELECT kind, url FROM crawl_errors");
    expect(errors).toHaveLength(5);
    expect(errors).toEqual(expect.arrayContaining([
      { kind: "bad_url", url: "file:///etc/passwd-5.html" },
      { kind: "bad_url", url: `${own.origin}/vi/news/tin/canonical-la-2.html` },
      { kind: "off_host", url: `${other.origin}/vi/news/page-2` },
      { kind: "off_host", url: `${other.origin}/vi/news/tin/trang-khac-4.html` },
      { kind: "off_host", url: `${own.origin}/vi/news/tin/canonical-ngoai-3.html` },
    ]));
    expect(summary.sources["demo-own"]!.errors_by_kind).toEqual({ bad_url: 2, off_host: 3 });
    await w.close();
  });

  it("linkProblem / sourceCanonical: http(s) on the source's hosts only", () => {
    const keys = sourceHostKeys({ base_url: "https://sonoivu.tayninh.gov.vn", start_urls: [], hosts: ["vanban.tayninh.gov.vn"] });
    expect(linkProblem("https://sonoivu.tayninh.gov.vn/a-1.html", keys)).toBeNull();
    expect(linkProblem("http://www.sonoivu.tayninh.gov.vn/a-1.html", keys)).toBeNull();
    expect(linkProblem("https://vanban.tayninh.gov.vn/x", keys)).toBeNull();
    expect(linkProblem("https://baotayninh.vn/a-1.html", keys)?.kind).toBe("off_host");
    expect(linkProblem("javascript:alert(1)", keys)?.kind).toBe("bad_url");
    expect(linkProblem("file:///etc/passwd", keys)?.kind).toBe("bad_url");
    expect(sourceCanonical("file:///etc/passwd", "https://sonoivu.tayninh.gov.vn/a-1.html", keys).url).toBe("https://sonoivu.tayninh.gov.vn/a-1.html");
  });
});
