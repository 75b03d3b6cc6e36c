import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import iconv from "iconv-lite";
import { describe, expect, it } from "vitest";
import { detectCharset, decodeBody, isAllowedContentType } from "../../pipelines/crawl/fetcher.ts";
import { assessHealth, type RunRecord } from "../../pipelines/crawl/health.ts";
import { hostKey, isSameSourceHost, sourceHostKeys } from "../../pipelines/crawl/hosts.ts";
import { refusalReason } from "../../pipelines/crawl/address-guard.ts";
import { acquireCrawlLock, CrawlLockedError, lockPathFor } from "../../pipelines/crawl/lock.ts";
import { robotsFromResponse } from "../../pipelines/crawl/robots.ts";

describe("robots.txt", () => {
  const url = "https://sonoivu.tayninh.gov.vn/robots.txt";
  it("obeys rules for our agent and reads Crawl-delay", () => {
    const r = robotsFromResponse(url, { status: 200, body: "User-agent: *\nDisallow: /admin/\n\nUser-agent: cchc-monitor\nDisallow: /tim-kiem/\nCrawl-delay: 5\n" });
    expect(r.isAllowed("https://sonoivu.tayninh.gov.vn/vi/news/")).toBe(true);
    expect(r.isAllowed("https://sonoivu.tayninh.gov.vn/tim-kiem/?q=x")).toBe(false);
    expect(r.crawlDelayMs).toBe(5000);
  });
  it("allows all on 4xx and disallows all when robots.txt is unreachable or 5xx", () => {
    expect(robotsFromResponse(url, { status: 404, body: "" }).isAllowed("https://sonoivu.tayninh.gov.vn/x")).toBe(true);
    expect(robotsFromResponse(url, { status: 503, body: "" }).isAllowed("https://sonoivu.tayninh.gov.vn/x")).toBe(false);
    expect(robotsFromResponse(url, null).isAllowed("https://sonoivu.tayninh.gov.vn/x")).toBe(false);
  });
});

describe("hosts", () => {
  const keys = sourceHostKeys({ base_url: "https://www.tayninh.gov.vn", start_urls: ["https://tayninh.gov.vn/vi/news/"], hosts: ["dichvucong.tayninh.gov.vn"] });
  it("treats www. and http→https as the same host, other hosts and ports as foreign", () => {
    expect(isSameSourceHost(new URL("http://tayninh.gov.vn/a"), keys)).toBe(true);
    expect(isSameSourceHost(new URL("https://dichvucong.tayninh.gov.vn/a"), keys)).toBe(true);
    expect(isSameSourceHost(new URL("https://baotayninh.vn/a"), keys)).toBe(false);
    expect(isSameSourceHost(new URL("https://tayninh.gov.vn:8443/a"), keys)).toBe(false);
    expect(isSameSourceHost(new URL("ftp://tayninh.gov.vn/a"), keys)).toBe(false);
    expect(hostKey(new URL("http://127.0.0.1:8080/"))).toBe("127.0.0.1:8080");
  });
  it("flags private, loopback and link-local addresses but not public ones", () => {
    for (const a of ["10.0.0.5", "172.20.1.1", "192.168.1.1", "169.254.169.254", "fd00::1", "fe80::1", "::ffff:10.1.2.3", "127.0.0.1", "::1"]) expect(refusalReason(a)).not.toBeNull();
    for (const a of ["203.113.131.1", "172.32.0.1", "8.8.8.8"]) expect(refusalReason(a)).toBeNull();
  });
});

describe("charset and content type", () => {
  const vi = "Sở Nội vụ tỉnh Tây Ninh: cải cách hành chính";
  it("decodes windows-1258 declared in a <meta> and windows-1252 from the header", () => {
    const html = `<html><head><meta http-equiv="Content-Type" content="text/html; charset=windows-1258"></head><body>${vi}</body></html>`;
    // windows-1258 writes tones as combining marks after base letters (ơ, ư, â, ê, ô, ă are single bytes)
    const cp1258Form = html.normalize("NFD").replace(/([A-Za-z])(\u0323?)([\u0302\u0306\u031B])/g, (_, l, dot, mod) => `${l}${mod}`.normalize("NFC") + dot);
    const raw = iconv.encode(cp1258Form, "windows-1258");
    expect(raw.includes(0x3f)).toBe(false); // nothing unencodable
    const charset = detectCharset("text/html", raw);
    expect(charset).toBe("windows-1258");
    expect(decodeBody(raw, charset)).toContain(vi.normalize("NFC"));
    const latin = iconv.encode("Café déjà", "windows-1252");
    expect(decodeBody(latin, detectCharset("text/html; charset=ISO-8859-1", latin))).toBe("Café déjà");
  });
  it("reads UTF-8 bytes served under a wrong Latin-1 header as UTF-8", () => {
    const raw = Buffer.from(`<p>${vi}</p>`, "utf-8");
    expect(detectCharset("text/html; charset=iso-8859-1", raw)).toBe("utf-8");
    expect(detectCharset("text/html; charset=iso-8859-1", Buffer.from("plain ascii"))).toBe("windows-1252");
  });
  it("reads HTML, XML and feeds only", () => {
    expect(isAllowedContentType("text/html; charset=utf-8")).toBe(true);
    expect(isAllowedContentType("application/rss+xml")).toBe(true);
    expect(isAllowedContentType("application/pdf")).toBe(false);
    expect(isAllowedContentType("image/jpeg")).toBe(false);
  });
});

describe("source health", () => {
  const now = new Date("2026-03-10T12:00:00+07:00");
  const run = (hoursAgo: number, over: Partial<RunRecord> = {}): RunRecord => ({
    started_at: new Date(now.getTime() - hoursAgo * 3600_000),
    status: "ok",
    pages: 20,
    listing_pages: 2,
    listing_items: 20,
    articles: 18,
    extraction_failures: 0,
    date_failures: 0,
    paused: false,
    ...over,
  });
  const every6h = "0 */6 * * *";
  it("is ok for regular successful runs and never_crawled without runs", () => {
    expect(assessHealth([run(1), run(7), run(13)], every6h, now).status).toBe("ok");
    expect(assessHealth([], every6h, now).status).toBe("never_crawled");
  });
  it("flags a listing that suddenly yields zero items as broken", () => {
    const h = assessHealth([run(1, { listing_items: 0, articles: 0 }), run(7)], every6h, now);
    expect(h.status).toBe("broken");
    expect(h.flags.map((f) => f.flag)).toEqual(["zero_items"]);
  });
  it("flags a jump in extraction and date failures", () => {
    const h = assessHealth([run(1, { extraction_failures: 10, articles: 10, date_failures: 6 }), run(7), run(13)], every6h, now);
    expect(h.flags.map((f) => f.flag)).toEqual(["extraction_failures_jump", "date_failures_jump"]);
    expect(h.status).toBe("warning");
  });
  it("flags a source not crawled successfully within two schedule periods", () => {
    const h = assessHealth([run(1, { status: "failed", pages: 0 }), run(30)], every6h, now);
    expect(h.flags.map((f) => f.flag)).toEqual(["failed_last_run", "stale"]);
    expect(assessHealth([run(30)], "0 6 * * 1", now).status).toBe("ok"); // weekly: 30 h is fine
  });
});

describe("crawl lock", () => {
  const db = join(mkdtempSync(join(tmpdir(), "cchc-lock-")), "w.duckdb");
  it("refuses while a live process holds it, takes over a dead one's, releases", () => {
    const release = acquireCrawlLock(db);
    expect(() => acquireCrawlLock(db, process.pid + 1)).toThrow(CrawlLockedError);
    expect(() => acquireCrawlLock(db, process.pid + 1)).toThrow(/một lần thu thập khác đang chạy trên .*w\.duckdb \(pid \d+/);
    release();
    // a lock left by a process that no longer exists
    writeFileSync(lockPathFor(db), JSON.stringify({ pid: 2 ** 22 + 12345, started_at: "2026-01-01T00:00:00Z" }));
    const again = acquireCrawlLock(db);
    expect(JSON.parse(readFileSync(lockPathFor(db), "utf-8")).pid).toBe(process.pid);
    again();
  });
});
