import { execFile, spawnSync } from "node:child_process";
import { promisify } from "node:util";
import { appendFileSync, cpSync, mkdtempSync, readFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { detectPlatform, feedLinks, rankChildSitemaps, readSitemap, sectionLinks } from "../../data-loaders/common/discovery.ts";
import { generic } from "../../data-loaders/generic/index.ts";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { guessDateOrder, probeSource } from "../../pipelines/discover/probe.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { loadRegistryDir } from "../../pipelines/registry/load.ts";
import { crawlSources } from "../../pipelines/registry/sources.ts";
import { vietnamDay } from "../../pipelines/coverage/periods.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const ROOT = join(import.meta.dirname, "../..");
const FIXTURES = join(import.meta.dirname, "fixtures");
const NOW = new Date("2026-11-24T10:00:00+07:00");

describe("discovery on pages of any CMS (pure)", () => {
  it("tells the platform from a generator tag (sure) or from markers only (to confirm)", () => {
    const real = readFileSync(join(FIXTURES, "saved-nukeviet", "multi-main-viewcat_page_new-p1.html"), "utf8");
    expect(detectPlatform(real)).toMatchObject({ platform: "nukeviet", sure: true });
    expect(detectPlatform('<meta name="generator" content="WordPress 6.5"><link rel="stylesheet" href="/wp-content/themes/x.css">')).toMatchObject({ platform: "wordpress", sure: true });
    expect(detectPlatform('<script src="/media/jui/js/jquery.min.js"></script><a href="/index.php?option=com_content&view=article&id=3">Tin</a>')).toMatchObject({ platform: "joomla", sure: false });
    expect(detectPlatform('<meta name="Generator" content="Drupal 10 (https://www.drupal.org)">')).toMatchObject({ platform: "drupal", sure: true });
    expect(detectPlatform('<link href="/_layouts/15/styles.css"><a href="/Lists/TinTuc/DispForm.aspx?ID=3">Tin</a>')).toMatchObject({ platform: "sharepoint", sure: false });
    expect(detectPlatform("<html><body><p>Trang tĩnh</p></body></html>", { "x-powered-by": "Express" })).toMatchObject({ platform: "unknown" });
    expect(detectPlatform("<p>x</p>", { microsoftsharepointteamservices: "16.0.0.5000" })).toMatchObject({ platform: "sharepoint", sure: true });
  });

  it("finds feeds (autodiscovery first, same host only) and reform sections of the menu before others", () => {
    const html = `<html><head><link rel="alternate" type="application/rss+xml" title="Tin mới" href="/rss/tin-moi.rss">
<link rel="alternate" type="application/atom+xml" href="https://khac.example.org/atom.xml"></head><body>
<nav class="menu"><a href="/">Trang chủ</a> <a href="/tin-tuc">Tin tức</a> <a href="/chuyen-muc/cai-cach-hanh-chinh">Cải cách hành chính</a> <a href="/chuyen-muc/cai-cach-hanh-chinh?page=2">2</a></nav>
<div class="box"><a href="/thu-tuc">Thủ tục hành chính</a> <a href="/feed/">RSS</a></div></body></html>`;
    const url = "https://xa.example.gov.vn/";
    expect(feedLinks(html, url).map((f) => [f.url, f.how])).toEqual([
      ["https://xa.example.gov.vn/rss/tin-moi.rss", "autodiscovery"],
      ["https://xa.example.gov.vn/feed/", "link"],
    ]);
    expect(sectionLinks(html, url).map((s) => [s.text, s.kind])).toEqual([
      ["Cải cách hành chính", "reform"],
      ["Thủ tục hành chính", "reform"],
      ["Tin tức", "news"],
    ]);
  });

  it("reads sitemap indexes (news sitemaps first) and news sitemaps as listings dated by publication, not lastmod", () => {
    const index = readSitemap(
      `<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><sitemap><loc>/sitemap-tags.xml</loc><lastmod>2026-11-01</lastmod></sitemap>
<sitemap><loc>/sitemap-posts-2026.xml</loc><lastmod>2026-11-20</lastmod></sitemap><sitemap><loc>/sitemap-news.xml</loc></sitemap></sitemapindex>`,
      "https://xa.example.gov.vn/sitemap.xml",
    );
    expect(index.kind).toBe("index");
    expect(rankChildSitemaps(index, 2).map((e) => e.url)).toEqual(["https://xa.example.gov.vn/sitemap-news.xml", "https://xa.example.gov.vn/sitemap-posts-2026.xml"]);
    const news = `<?xml version="1.0"?><urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">
<url><loc>https://xa.example.gov.vn/xa-tiep-dan-dinh-ky</loc><lastmod>2026-11-22T08:00:00+07:00</lastmod><news:news><news:publication_date>2026-11-20T07:30:00+07:00</news:publication_date><news:title>Xã tiếp dân định kỳ</news:title></news:news></url>
<url><loc>https://khac.example.org/bai-ngoai</loc></url></urlset>`;
    const page = generic.parseListing(news, "https://xa.example.gov.vn/sitemap-news.xml", { now: NOW });
    expect(page).toEqual({
      items: [{ url: "https://xa.example.gov.vn/xa-tiep-dan-dinh-ky", title: "Xã tiếp dân định kỳ", item_id: "xa-tiep-dan-dinh-ky", published_text: "2026-11-20T07:30:00+07:00", published_at: "2026-11-20T07:30:00+07:00", date_source: "listing" }],
      next: null,
    });
  });

  it("settles the date order only when a number above 12 does", () => {
    expect(guessDateOrder(["05/06/2026", "25/06/2026"])).toMatchObject({ value: "dmy", sure: true });
    expect(guessDateOrder(["7/17/2026 9:00 AM"])).toMatchObject({ value: "mdy", sure: true });
    expect(guessDateOrder(["05/06/2026", null])).toMatchObject({ value: "dmy", sure: false });
  });
});

describe("cchc source probe against the DEMO farm", () => {
  let farm: Farm;
  const dir = mkdtempSync(join(tmpdir(), "cchc-probe-"));
  const seen: string[] = [];
  beforeAll(async () => {
    farm = await startFarm({
      only: ["tayninh2026", "sonoivu", "songoaivu"],
      wrap: (key, _site, listener) => (req, res) => {
        seen.push(`${key} ${req.url} ${req.headers["user-agent"]}`);
        listener(req, res);
      },
    });
  });
  afterAll(() => farm.close());
  const portal = (key: string) => farm.portals.find((p) => p.key === key)!;

  it("reads robots.txt first, with the product's User-Agent, and fetches nothing robots.txt disallows", async () => {
    seen.length = 0;
    const r = await probeSource(`${portal("tayninh2026").baseUrl}/quan-tri/`, { delayMs: 0, now: new Date(), allowAddresses: ["127.0.0.1"] });
    expect(r.robots).toMatchObject({ origin: "parsed", allowed: false });
    expect(r.home.error).toMatch(/robots\.txt không cho phép/);
    expect(seen[0]).toMatch(/^tayninh2026 \/robots\.txt cchc-monitor\//);
    expect(seen.some((s) => s.includes("/quan-tri/"))).toBe(false);
  });

  it("recognises the NukeViet and SharePoint DEMO portals, their date order and sample articles", async () => {
    const nv = await probeSource(`${portal("sonoivu").baseUrl}/vi/news/cai-cach-hanh-chinh/`, { delayMs: 0, now: new Date(), allowAddresses: ["127.0.0.1"] });
    expect(nv).toMatchObject({ adapter: "nukeviet", platform: { platform: "nukeviet", sure: true } });
    expect(nv.start_urls[0]).toBe("/vi/news/cai-cach-hanh-chinh/");
    expect(nv.samples.filter((s) => s.published_at && s.title)).toHaveLength(3);
    const sp = await probeSource(portal("songoaivu").baseUrl + portal("songoaivu").site.listingPaths[0], { delayMs: 0, now: new Date(), allowAddresses: ["127.0.0.1"] });
    expect(sp).toMatchObject({ adapter: "sharepoint", date_order: { value: "mdy", sure: true } });
    expect(sp.samples.every((s) => s.published_at)).toBe(true);
  });

  it("drafts an entry for the 2026 portal (robots first) that `cchc registry check` accepts and that crawls every item", async () => {
    const site = portal("tayninh2026");
    const out = join(dir, "entry.yaml");
    // async: the farm answers from this process while the CLI runs
    const run = await promisify(execFile)(process.execPath, ["bin/cchc.mjs", "source", "probe", `${site.baseUrl}/`, "--delay-ms", "0", "--allow-address", "127.0.0.1", "--id", "probe-tayninh2026", "--out", out], {
      cwd: ROOT,
      encoding: "utf-8",
    });
    expect(run.stderr).toBe("");
    expect(run.stdout).toMatch(/nền tảng: không rõ → bộ đọc generic/);
    expect(run.stdout).toMatch(/# chắc chắn: chuyên mục \/chuyen-muc\/cai-cach-hanh-chinh/);
    expect(run.stdout).toMatch(/# cần xác nhận: cơ quan được ghi nhận/);
    const entry = readFileSync(out, "utf8");
    expect(entry).toMatch(/start_urls:\n\s+- \/chuyen-muc\/cai-cach-hanh-chinh\n\s+- \/rss\.xml/);

    const registryDir = join(dir, "registry");
    cpSync(FIXTURE_REGISTRY, registryDir, { recursive: true }); // the fixture registry, never the shipped one
    appendFileSync(join(registryDir, "sources.yaml"), `\n${entry}`);
    const check = spawnSync(process.execPath, ["bin/cchc.mjs", "registry", "check", "--dir", registryDir], { cwd: ROOT, encoding: "utf-8" });
    expect(check.status).toBe(0);
    expect(check.stdout).toMatch(/^danh mục hợp lệ: /);
    // the loopback allowance the DEMO farm needs is accepted and said out loud (the address guard's rule)
    expect(check.stderr).toMatch(/^cảnh báo: nguồn probe-tayninh2026 được phép kết nối tới địa chỉ nội bộ/);

    const { registry, issues } = loadRegistryDir(registryDir);
    expect(issues).toEqual([]);
    const source = crawlSources(registry, vietnamDay(new Date())).find((s) => s.source_id === "probe-tayninh2026")!;
    expect(source).toMatchObject({ platform: "generic", base_url: site.baseUrl, date_order: "dmy", delay_ms: 3000 });
    const w = await Warehouse.open(join(dir, "probe.duckdb"));
    try {
      // the entry's 3 s politeness delay is the right one for a real portal; the test farm does not need it
      const summary = await crawl(w, [{ ...source, delay_ms: 0 }], { limits: { retries: 1, backoffBaseMs: 5 } });
      expect(summary.sources["probe-tayninh2026"]).toMatchObject({ status: "ok", errors: 0 });
      const n = Number((await w.one("SELECT count(*) AS n FROM articles WHERE source_id = 'probe-tayninh2026' AND published_at IS NOT NULL"))!.n);
      expect(n).toBe(site.site.articleCount);
    } finally {
      await w.close();
    }
  }, 60_000);
});

describe("cchc source probe against saved real pages (NukeViet 4.5.05, served from 127.0.0.1)", () => {
  const dir = join(FIXTURES, "saved-nukeviet");
  const manifest: Record<string, string> = JSON.parse(readFileSync(join(dir, "manifest.json"), "utf8"));
  let server: Server;
  let base = "";
  const requested: string[] = [];
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = decodeURIComponent(new URL(req.url ?? "/", "http://x").pathname);
      requested.push(path);
      // NukeViet serves an article by its trailing id whatever the category in the path
      const id = /-(\d+)\.html$/.exec(path)?.[1];
      const file = manifest[path] ?? (id ? Object.entries(manifest).find(([p]) => p.endsWith(`-${id}.html`))?.[1] : undefined);
      if (!file) return res.writeHead(404, { "content-type": "text/html; charset=utf-8" }).end("<h1>404</h1>");
      res.writeHead(200, { "content-type": file.endsWith(".xml") ? "application/rss+xml; charset=utf-8" : "text/html; charset=utf-8" });
      res.end(readFileSync(join(dir, file)));
    });
    await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
    base = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it("recognises NukeViet by its generator tag, finds its reform section and feeds, and reads the samples with the NukeViet adapter", async () => {
    const r = await probeSource(`${base}/vi/news/`, { delayMs: 0, now: new Date("2026-12-01T12:00:00+07:00"), allowAddresses: ["127.0.0.1"] });
    expect(requested[0]).toBe("/robots.txt");
    expect(r).toMatchObject({ adapter: "nukeviet", platform: { platform: "nukeviet", sure: true }, date_order: { value: "dmy" } });
    expect(r.start_urls[0]).toBe("/vi/news/tin-cai-cach-hanh-chinh/");
    expect(r.listings.filter((l) => l.kind === "feed" && l.items > 0).length).toBeGreaterThan(0);
    // the newest listed items are not among the saved pages: they are reported and the next ones tried
    const read = r.samples.filter((s) => !s.error);
    expect(read).toHaveLength(3);
    expect(read.every((s) => s.title && s.published_at && s.date_source === "byline" && (s.body_chars ?? 0) > 200)).toBe(true);
    expect(r.confirm.some((c) => /bài mẫu .* không đọc được: .*HTTP 404/.test(c))).toBe(true);
  });
});
