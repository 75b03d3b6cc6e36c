/**
 * `cchc source probe URL`: onboard a portal in one command. Through the
 * crawler's polite client (robots.txt first, per-host delay, backoff, the
 * product's User-Agent, no redirect off the portal's host) it reads the
 * portal's robots.txt and home page, tells its platform, finds its feeds,
 * sitemaps and reform / news sections, reads two or three sample articles with
 * the adapter it would use, and drafts a registry/sources.yaml entry that says
 * what it is sure of and what an analyst must confirm.
 */
import type { Dispatcher } from "undici";
import { stringify } from "yaml";
import { adapterFor } from "../../data-loaders/index.ts";
import { detectPlatform, feedLinks, isSitemap, type PlatformGuess, rankChildSitemaps, readSitemap, sectionLinks } from "../../data-loaders/common/discovery.ts";
import { isFeed } from "../../data-loaders/common/feed.ts";
import { loadFast } from "../../data-loaders/common/main-text.ts";
import { siteName } from "../../data-loaders/common/metadata.ts";
import type { ListingItem } from "../../data-loaders/types.ts";
import { type HostPolicy, PoliteClient } from "../crawl/client.ts";
import { AddressGuard, allowanceProblem } from "../crawl/address-guard.ts";
import { registryMessage } from "../registry/messages.ts";
import { createDispatcher } from "../crawl/fetcher.ts";
import { sourceHostKeys } from "../crawl/hosts.ts";
import { resolveLimits } from "../crawl/limits.ts";
import type { Platform } from "../registry/types.ts";

export interface ProbeOptions {
  /** Delay between two requests to the portal (default 2 s; a robots.txt Crawl-delay is honoured by the client). */
  delayMs?: number;
  /** Sample articles to read (default 3). */
  samples?: number;
  now?: Date;
  dispatcher?: Dispatcher;
  client?: PoliteClient;
  /**
   * Networks the probe may reach beyond public addresses (the crawler's address guard): e.g. ["127.0.0.1"]
   * for the DEMO farm, an intranet CIDR for a deployment that crawls one. They go into the drafted entry's
   * politeness.allow_addresses, flagged for confirmation. Default: public addresses only.
   */
  allowAddresses?: string[];
  /** Registry id, agency and channel of the drafted entry, when the analyst already knows them. */
  id?: string;
  agencyId?: string;
  channel?: string;
}

export interface ProbedListing {
  url: string;
  kind: "section" | "feed" | "sitemap";
  label: string;
  items: number;
  next: string | null;
  /** Why it gave nothing, when it did not. */
  problem?: string;
}

export interface ProbedSample {
  url: string;
  title?: string;
  published_at?: string | null;
  published_text?: string | null;
  date_source?: string | null;
  byline?: string | null;
  body_chars?: number;
  error?: string;
}

export interface ProbeReport {
  url: string;
  base_url: string;
  robots: { origin: string; allowed: boolean; sitemaps: string[]; crawl_delay_ms: number | null };
  home: { status: number | null; title: string | null; error?: string };
  platform: PlatformGuess;
  /** The adapter the entry uses: the platform's own, else generic. */
  adapter: Platform;
  listings: ProbedListing[];
  samples: ProbedSample[];
  date_order: { value: "dmy" | "mdy"; sure: boolean; evidence: string };
  start_urls: string[];
  requests: number;
  sure: string[];
  confirm: string[];
  /** The drafted registry/sources.yaml entry (YAML, indented for the `sources:` list). */
  entry: string;
}

const ADAPTER_OF: Record<PlatformGuess["platform"], Platform> = {
  nukeviet: "nukeviet",
  sharepoint: "sharepoint",
  wordpress: "generic",
  joomla: "generic",
  drupal: "generic",
  unknown: "generic",
};

const PLATFORM_NAME: Record<PlatformGuess["platform"], string> = {
  nukeviet: "NukeViet",
  sharepoint: "SharePoint CMS",
  wordpress: "WordPress",
  joomla: "Joomla",
  drupal: "Drupal",
  unknown: "không rõ",
};

/** A registry id from a host: "sonoivu.tayninh.gov.vn" → "sonoivu-tayninh-gov-vn" (port kept). */
export function idFromUrl(url: string): string {
  const u = new URL(url);
  return [u.hostname.replace(/^www\./, ""), u.port].filter(Boolean).join("-").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
}

/** Day-first or month-first, from numeric dates the portal printed: sure only when a number above 12 settles it. */
export function guessDateOrder(texts: Array<string | null | undefined>): ProbeReport["date_order"] {
  for (const t of texts) {
    const m = t ? /(?<!\d)(\d{1,2})[/.-](\d{1,2})[/.-](\d{4})(?!\d)/.exec(t) : null;
    if (!m) continue;
    if (Number(m[1]) > 12) return { value: "dmy", sure: true, evidence: `"${m[0]}" (ngày trước tháng)` };
    if (Number(m[2]) > 12) return { value: "mdy", sure: true, evidence: `"${m[0]}" (tháng trước ngày)` };
  }
  return { value: "dmy", sure: false, evidence: "không có ngày dạng số nào phân định được thứ tự" };
}

/** A site title without the "Trang chủ" / "Home" part a home page's <title> adds. */
function siteTitle(title: string | null): string | null {
  if (!title) return null;
  const parts = title.split(/\s+[|–—-]\s+/).filter((p) => !/^(?:trang chủ|home|homepage)$/i.test(p.trim()));
  return parts.join(" - ") || title;
}

const relative = (url: string, base: string) => (url.startsWith(base) ? url.slice(base.length) || "/" : url);

export async function probeSource(url: string, options: ProbeOptions = {}): Promise<ProbeReport> {
  const start = new URL(url);
  if (start.protocol !== "http:" && start.protocol !== "https:") throw new Error(`${url}: only http and https portals can be probed`);
  const base = start.origin;
  const now = options.now ?? new Date();
  const limits = resolveLimits({ retries: 1, backoffBaseMs: 500 });
  const addresses = { loopback: false, allow: options.allowAddresses ?? [] };
  for (const a of addresses.allow) {
    const problem = allowanceProblem(a);
    if (problem) throw new Error(`--allow-address: ${registryMessage(problem.code, problem.params)}`);
  }
  const ownDispatcher = options.dispatcher || options.client ? null : createDispatcher(limits.connectTimeoutMs, 1, { addresses });
  const client = options.client ?? new PoliteClient(limits, options.dispatcher ?? ownDispatcher ?? undefined);
  const policy: HostPolicy = {
    hostKeys: sourceHostKeys({ base_url: base, start_urls: [url] }),
    delayMs: options.delayMs ?? 2000,
    concurrency: 1,
    dispatcher: options.dispatcher,
    guard: new AddressGuard(addresses),
  };
  let requests = 0;
  const get = async (target: string) => {
    const out = await client.get(target, policy);
    requests += out.requests;
    return out;
  };
  try {
    // 1. robots.txt first: the client fetches it once and obeys it for every request below.
    const rules = await client.robotsRules(url, policy);
    requests += 1;
    const robots = { origin: rules.origin, allowed: rules.isAllowed(url), sitemaps: rules.sitemaps, crawl_delay_ms: rules.crawlDelayMs };
    const report: Omit<ProbeReport, "entry" | "sure" | "confirm" | "start_urls" | "date_order" | "adapter"> = {
      url,
      base_url: base,
      robots,
      home: { status: null, title: null },
      platform: { platform: "unknown", evidence: [], sure: false },
      listings: [],
      samples: [],
      requests: 0,
    };
    let homeBody = "";
    if (!robots.allowed) {
      report.home.error = "robots.txt không cho phép đọc địa chỉ này";
    } else {
      const home = await get(url);
      if (home.ok) {
        report.home.status = home.res.status;
        homeBody = home.res.body;
        report.home.title = siteName(loadFast(homeBody));
        report.platform = detectPlatform(homeBody, home.res.headers);
      } else {
        report.home = { status: home.status ?? null, title: null, error: home.message };
      }
    }
    const adapterName = ADAPTER_OF[report.platform.platform];
    const adapter = adapterFor(adapterName);
    const ctx = { now };
    const found: ListingItem[] = [];
    const dateTexts: Array<string | null | undefined> = [];

    const readListing = async (target: string, kind: ProbedListing["kind"], label: string): Promise<ProbedListing> => {
      const out = await get(target);
      if (!out.ok) return { url: target, kind, label, items: 0, next: null, problem: out.message };
      const body = out.res.body;
      if (kind === "feed" && !isFeed(body)) return { url: target, kind, label, items: 0, next: null, problem: "không phải RSS/Atom" };
      try {
        // A sitemap is read by the generic adapter whatever the platform.
        const page = (kind === "sitemap" ? adapterFor("generic") : adapter).parseListing(body, target, ctx);
        for (const item of page.items) {
          if (!found.some((f) => f.item_id === item.item_id)) found.push(item);
          dateTexts.push(item.published_text);
        }
        return { url: target, kind, label, items: page.items.length, next: page.next };
      } catch (error) {
        return { url: target, kind, label, items: 0, next: null, problem: (error as Error).message };
      }
    };

    // 2. Sections the menu names (reform first), the given page itself when it is a listing, feeds, sitemaps.
    if (homeBody) {
      const sections = sectionLinks(homeBody, url).filter((s) => s.url !== url && !adapter.isArticleUrl(s.url));
      const reform = sections.filter((s) => s.kind === "reform");
      for (const s of (reform.length ? reform : sections).slice(0, 2)) report.listings.push(await readListing(s.url, "section", s.text));
      const own = adapter.parseListing(homeBody, url, ctx);
      if (own.items.length > 0 && (own.next || report.listings.every((l) => l.items === 0))) {
        report.listings.push({ url, kind: "section", label: "trang đã cho", items: own.items.length, next: own.next });
        for (const item of own.items) {
          if (!found.some((f) => f.item_id === item.item_id)) found.push(item);
          dateTexts.push(item.published_text);
        }
      }
      for (const feed of feedLinks(homeBody, url).slice(0, 2)) report.listings.push(await readListing(feed.url, "feed", feed.title ?? "RSS"));
    }
    const sitemapUrls = robots.sitemaps.length ? robots.sitemaps.slice(0, 2) : robots.allowed ? [`${base}/sitemap.xml`] : [];
    for (const sm of sitemapUrls) {
      const out = await get(sm);
      if (!out.ok || !isSitemap(out.res.body)) {
        if (robots.sitemaps.includes(sm)) report.listings.push({ url: sm, kind: "sitemap", label: "sitemap (robots.txt)", items: 0, next: null, problem: out.ok ? "không phải sitemap" : out.message });
        continue;
      }
      const map = readSitemap(out.res.body, sm);
      if (map.kind === "urlset") {
        report.listings.push(await readListingFromBody(sm, out.res.body));
      } else {
        for (const child of rankChildSitemaps(map, 2)) {
          report.listings.push(await readListing(child.url, "sitemap", /news/i.test(child.url) ? "news sitemap" : "sitemap"));
        }
      }
    }
    async function readListingFromBody(target: string, body: string): Promise<ProbedListing> {
      const page = adapterFor("generic").parseListing(body, target, ctx);
      for (const item of page.items) if (!found.some((f) => f.item_id === item.item_id)) found.push(item);
      return { url: target, kind: "sitemap", label: readSitemap(body, target).news ? "news sitemap" : "sitemap", items: page.items.length, next: null };
    }

    // 3. Two or three sample articles with the adapter the entry will use (in the date order the listings show).
    const listingOrder = guessDateOrder(dateTexts);
    // A sample that fails is reported and the next listed item is tried (at most twice as many as wanted).
    const wanted = options.samples ?? 3;
    for (const item of found.slice(0, wanted * 2)) {
      if (report.samples.filter((s) => !s.error).length >= wanted) break;
      const out = await get(item.url);
      if (!out.ok) {
        report.samples.push({ url: item.url, error: out.message });
        continue;
      }
      try {
        const a = adapter.parseArticle(out.res.body, item.url, { now, listingItem: item, dateOrder: listingOrder.value });
        dateTexts.push(a.published_text);
        report.samples.push({
          url: item.url,
          title: a.title,
          published_at: a.published_at,
          published_text: a.published_text,
          date_source: a.date_source,
          byline: a.byline ?? null,
          body_chars: a.body_text.length,
        });
      } catch (error) {
        report.samples.push({ url: item.url, error: (error as Error).message });
      }
    }
    report.requests = requests;
    return draftEntry({ ...report, adapter: adapterName }, dateTexts, now, options);
  } finally {
    await ownDispatcher?.close();
  }
}

type Draft = Omit<ProbeReport, "entry" | "sure" | "confirm" | "start_urls" | "date_order">;

/** What the probe is sure of, what to confirm, and the entry itself. */
function draftEntry(report: Draft, dateTexts: Array<string | null | undefined>, now: Date, options: ProbeOptions): ProbeReport {
  const sure: string[] = [];
  const confirm: string[] = [];
  const p = report.platform;
  if (p.platform === "unknown") sure.push(`không nhận ra CMS: dùng bộ đọc chung (generic)`);
  else if (p.sure) sure.push(`nền tảng ${PLATFORM_NAME[p.platform]} (${p.evidence.join("; ")}) → bộ đọc ${report.adapter}`);
  else confirm.push(`nền tảng có vẻ là ${PLATFORM_NAME[p.platform]} (${p.evidence.join("; ")}), không có thẻ generator → bộ đọc ${report.adapter}`);
  if (report.robots.origin === "parsed") sure.push(`robots.txt đọc được${report.robots.allowed ? ", cho phép đọc" : ", KHÔNG cho phép đọc địa chỉ đã cho"}`);
  else if (report.robots.origin === "absent") sure.push("không có robots.txt (được đọc mọi trang)");
  else confirm.push("robots.txt không truy cập được: mọi trang bị coi là cấm trong lần chạy này");
  const good = report.listings.filter((l) => l.items > 0);
  const sections = good.filter((l) => l.kind === "section");
  const feeds = good.filter((l) => l.kind === "feed");
  const maps = good.filter((l) => l.kind === "sitemap");
  const chosen = [...sections.slice(0, 2), ...feeds.slice(0, 1), ...(sections.length || feeds.length ? [] : maps.filter((m) => /news/.test(m.label)).slice(0, 1)), ...(good.length && !sections.length && !feeds.length && !maps.some((m) => /news/.test(m.label)) ? maps.slice(0, 1) : [])];
  const startUrls = [...new Set(chosen.map((l) => relative(l.url, report.base_url)))];
  for (const l of good.filter((g) => !chosen.includes(g))) sure.push(`cũng có ${l.kind === "feed" ? "RSS/Atom" : l.label} ${relative(l.url, report.base_url)}: ${l.items} bài (không đưa vào start_urls)`);
  for (const l of chosen) sure.push(`${l.kind === "section" ? "chuyên mục" : l.kind === "feed" ? "RSS/Atom" : l.label} ${relative(l.url, report.base_url)} (“${l.label}”): ${l.items} bài${l.next ? ", có trang sau" : ""}`);
  for (const l of report.listings.filter((x) => x.items === 0)) confirm.push(`${relative(l.url, report.base_url)} (“${l.label}”) không cho bài nào${l.problem ? `: ${l.problem}` : ""}`);
  if (!sections.some((s) => /cải cách|cchc|thủ tục|chuyển đổi số|một cửa/i.test(s.label))) confirm.push("không thấy chuyên mục cải cách hành chính trong trình đơn: kiểm tra đường dẫn chuyên mục");
  if (startUrls.length === 0) confirm.push("không tìm được danh sách bài nào: start_urls phải nhập tay");
  const okSamples = report.samples.filter((s) => !s.error);
  if (okSamples.length) {
    const dated = okSamples.filter((s) => s.published_at);
    sure.push(`${okSamples.length}/${report.samples.length} bài mẫu đọc được (tiêu đề, nội dung)${dated.length ? `, ${dated.length} có ngày đăng (${[...new Set(dated.map((s) => s.date_source))].join(", ")})` : ""}`);
    if (dated.length < okSamples.length) confirm.push(`${okSamples.length - dated.length} bài mẫu không có ngày đăng đọc được`);
  }
  for (const s of report.samples.filter((x) => x.error)) confirm.push(`bài mẫu ${s.url} không đọc được: ${s.error}`);
  const dateOrder = guessDateOrder(dateTexts);
  if (dateOrder.sure) sure.push(`thứ tự ngày ${dateOrder.value}: ${dateOrder.evidence}`);
  else confirm.push(`thứ tự ngày (date_order) mặc định dmy: ${dateOrder.evidence}`);
  if (!options.agencyId) confirm.push("cơ quan được ghi nhận: điền agency_id (cổng của một cơ quan) hoặc giữ attribution: byline (cổng đăng tin nhiều cơ quan)");
  if (!options.channel) confirm.push("kênh (channel): own_portal là giả định");
  confirm.push("lịch thu thập (schedule) và valid_from là giả định");
  if (options.allowAddresses?.length) confirm.push(`politeness.allow_addresses ${options.allowAddresses.join(", ")}: chỉ giữ khi thật sự thu thập mạng nội bộ (hoặc cổng DEMO)`);
  const delay = Math.max(3000, report.robots.crawl_delay_ms ?? 0);
  const entry: Record<string, unknown> = {
    id: options.id ?? idFromUrl(report.base_url),
    name: siteTitle(report.home.title) ?? new URL(report.base_url).hostname,
    ...(options.agencyId ? { agency_id: options.agencyId } : { attribution: "byline" }),
    channel: options.channel ?? "own_portal",
    crawlable: startUrls.length > 0,
    platform: report.adapter,
    base_url: report.base_url,
    ...(startUrls.length ? { start_urls: startUrls } : {}),
    date_order: dateOrder.value,
    politeness: { delay_ms: delay, concurrency: 1, ...(options.allowAddresses?.length ? { allow_addresses: options.allowAddresses } : {}) },
    schedule: "0 7 * * *",
    note: `cchc source probe ${new Date(now).toISOString().slice(0, 10)}: ${p.platform === "unknown" ? "CMS không rõ" : PLATFORM_NAME[p.platform]}; còn cần xác nhận ${confirm.length} điểm`,
  };
  const yaml = stringify([entry], { lineWidth: 0, flowCollectionPadding: true });
  const comments = [
    `# cchc source probe ${report.url}`,
    ...sure.map((s) => `# chắc chắn: ${s}`),
    ...confirm.map((c) => `# cần xác nhận: ${c}`),
  ];
  const indented = [...comments, ...yaml.trimEnd().split("\n")].map((l) => `  ${l}`).join("\n") + "\n";
  return { ...report, date_order: dateOrder, start_urls: startUrls, sure, confirm, entry: indented };
}
