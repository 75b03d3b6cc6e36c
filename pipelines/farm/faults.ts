/**
 * The fault farm: wraps a DEMO portal's request handler and injects the
 * failures real government portals show — latency, 5xx bursts, 429 with
 * Retry-After, stalls past the crawler's timeout, truncated bodies, redirect
 * loops, off-host redirects, a 50 MB page (streamed), a wrong charset
 * header, a robots.txt disallow and endless paging. Extra fault pages are
 * linked from the first listing page with ids from 900001 up. Optionally
 * answers conditional GETs on listings (ETag / If-None-Match → 304).
 */
import { createHash } from "node:crypto";
import type { IncomingMessage, RequestListener, ServerResponse } from "node:http";
import type { FarmResponse, FarmSite } from "./site.ts";
import { usage } from "../cli/messages.ts";

export const FAULT_NAMES = [
  "latency",
  "burst_5xx",
  "rate_limit",
  "stall",
  "truncated",
  "redirect_loop",
  "off_host_redirect",
  "huge_page",
  "wrong_charset",
  "robots_disallow",
  "endless_paging",
] as const;
export type FaultName = (typeof FAULT_NAMES)[number];

export interface FaultOptions {
  faults: readonly FaultName[];
  /** Added to every response (latency). */
  latencyMs?: number;
  /** How long a stalled response keeps silent (must exceed the crawler's timeout). */
  stallMs?: number;
  /** Size of the huge page. */
  hugeBytes?: number;
  /** Retry-After of the 429 answers, in seconds. */
  retryAfterS?: number;
  /** Failed answers before a bursting URL recovers. */
  burstLength?: number;
  /** Serve ETags on listings and answer If-None-Match with 304. */
  conditional?: boolean;
}

/** The fault pages linked from the first listing page (relative to the listing's path). */
export const FAULT_PAGES = {
  redirect_loop: "vong-lap-900001.html",
  off_host_redirect: "chuyen-huong-900002.html",
  huge_page: "trang-lon-900003.html",
  robots_disallow: "cam-900004.html",
} as const;

export const OFF_HOST_TARGET = "http://off-registry.invalid/trang-ngoai.html";

/** Which real article ids a per-article fault hits (deterministic). */
export const FAULT_SELECTORS: Partial<Record<FaultName, (id: number) => boolean>> = {
  burst_5xx: (id) => id % 5 === 0,
  rate_limit: (id) => id % 11 === 4,
  stall: (id) => id % 13 === 1,
  truncated: (id) => id % 9 === 2,
  wrong_charset: (id) => id % 7 === 3,
};

export function parseFaultList(text: string): FaultName[] {
  if (!text.trim()) return [...FAULT_NAMES];
  const names = text.split(",").map((s) => s.trim()).filter(Boolean);
  for (const n of names) if (!(FAULT_NAMES as readonly string[]).includes(n)) throw new Error(usage.oneOf("--faults", n, FAULT_NAMES));
  return names as FaultName[];
}

const ARTICLE_ID = /-(\d+)\.html$/;

function faultItem(href: string, title: string): string {
  return `<div class="news_column panel panel-default"><div class="panel-body">
<h3><a href="${href}" title="${title}">${title}</a></h3>
<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> 01/03/2026 08:00:00 AM</li></ul></div>
</div></div>`;
}

/** Wrap a portal's request listener with the chosen faults. */
export function faultyListener(site: FarmSite, inner: RequestListener, options: FaultOptions): RequestListener {
  const on = new Set(options.faults);
  const seen = new Map<string, number>();
  const listing = site.listingPaths[0] ?? "/";
  const base = listing.endsWith("/") ? listing : `${listing}/`;
  const latency = options.latencyMs ?? 5;
  const retryAfter = options.retryAfterS ?? 1;
  const burst = options.burstLength ?? 2;
  const lastPage = (origin: string) => {
    for (let n = 2; n < 10_000; n++) if (site.handle(`${base}page-${n}`, origin).status !== 200) return n - 1;
    return 1;
  };
  let lastPageNo: number | null = null;

  const send = (res: ServerResponse, out: FarmResponse, extraHeaders: Record<string, string> = {}) => {
    res.writeHead(out.status, { "content-type": out.type ?? "text/html; charset=utf-8", "x-demo-farm": "DEMO", ...out.headers, ...extraHeaders });
    res.end(out.body);
  };

  const handle = (req: IncomingMessage, res: ServerResponse) => {
    const origin = `http://${req.headers.host}`;
    const url = new URL(req.url ?? "/", origin);
    const path = decodeURIComponent(url.pathname);
    const query = url.searchParams;
    const count = (seen.get(path) ?? 0) + 1;
    seen.set(path, count);
    const id = Number(ARTICLE_ID.exec(path)?.[1] ?? NaN);
    const hit = (f: FaultName) => on.has(f) && Number.isFinite(id) && (FAULT_SELECTORS[f]?.(id) ?? false);

    if (path === "/robots.txt" && on.has("robots_disallow")) {
      const out = site.handle(path, origin, query);
      return send(res, { ...out, body: `${String(out.body).trimEnd()}\nDisallow: ${base}${FAULT_PAGES.robots_disallow}\n` });
    }
    // fault pages
    if (on.has("redirect_loop") && path === `${base}${FAULT_PAGES.redirect_loop}`) return send(res, { status: 302, body: "", headers: { location: `${base}vong-lap-b-900001.html` } });
    if (on.has("redirect_loop") && path === `${base}vong-lap-b-900001.html`) return send(res, { status: 302, body: "", headers: { location: `${base}${FAULT_PAGES.redirect_loop}` } });
    if (on.has("off_host_redirect") && path === `${base}${FAULT_PAGES.off_host_redirect}`) return send(res, { status: 301, body: "", headers: { location: OFF_HOST_TARGET } });
    if (on.has("robots_disallow") && path === `${base}${FAULT_PAGES.robots_disallow}`) return send(res, { status: 200, body: "<h1>Trang cấm</h1>" });
    if (on.has("huge_page") && path === `${base}${FAULT_PAGES.huge_page}`) return streamHuge(res, options.hugeBytes ?? 50 * 1024 * 1024);

    // per-article faults, first attempts only
    if (hit("burst_5xx") && count <= burst) return send(res, { status: [500, 502, 503][count % 3]!, body: "<h1>Lỗi máy chủ</h1>" });
    if (hit("rate_limit") && count === 1) return send(res, { status: 429, body: "Quá nhiều yêu cầu" }, { "retry-after": String(retryAfter) });
    if (hit("stall") && count === 1) {
      const timer = setTimeout(() => res.destroy(), options.stallMs ?? 60_000);
      res.on("close", () => clearTimeout(timer));
      return;
    }
    if (hit("truncated") && count === 1) {
      const out = site.handle(path, origin, query);
      const body = Buffer.from(out.body);
      res.writeHead(200, { "content-type": out.type ?? "text/html; charset=utf-8", "content-length": String(body.length) });
      res.write(body.subarray(0, Math.floor(body.length / 2)), () => res.destroy());
      return;
    }
    if (hit("wrong_charset")) {
      const out = site.handle(path, origin, query);
      return send(res, { ...out, type: "text/html; charset=iso-8859-1" });
    }

    // listings: fault links on page 1, 429 on page 2, endless paging past the end, ETags
    const paged = new RegExp(`^${base.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}page-(\\d+)/?$`).exec(path);
    // listings paged by query string (SharePoint, …) pass through untouched
    const isListing = url.search === "" && (path === base || path === base.slice(0, -1) || paged !== null);
    if (!isListing) return inner(req, res);
    const pageNo = paged ? Number(paged[1]) : 1;
    if (on.has("rate_limit") && pageNo === 2 && count === 1) return send(res, { status: 429, body: "Quá nhiều yêu cầu" }, { "retry-after": String(retryAfter) });
    lastPageNo ??= lastPage(origin);
    let out = site.handle(paged && pageNo > lastPageNo && on.has("endless_paging") ? `${base}page-${lastPageNo}` : path, origin, query);
    if (out.status !== 200) return send(res, out);
    let html = String(out.body);
    if (pageNo === 1) {
      const extra = (Object.keys(FAULT_PAGES) as Array<keyof typeof FAULT_PAGES>)
        .filter((f) => on.has(f))
        .map((f) => faultItem(`${base}${FAULT_PAGES[f]}`, `DEMO trang lỗi ${f}`))
        .join("\n");
      // before the pagination block (NukeViet 4.5: <div class="text-center"><ul class="pagination">)
      html = html.replace(/<div class="(generate_page|text-center)/, (m) => `${extra}\n${m}`);
    }
    if (on.has("endless_paging") && pageNo >= lastPageNo) {
      html = html.replace(/(<ul class="pagination">[\s\S]*?)<\/ul>/, `$1<li><a href="${base}page-${pageNo + 1}">&raquo;</a></li></ul>`);
    }
    out = { ...out, body: html };
    if (options.conditional) {
      const etag = `"${createHash("sha1").update(html).digest("hex").slice(0, 16)}"`;
      if (req.headers["if-none-match"] === etag) return send(res, { status: 304, body: "" }, { etag });
      return send(res, out, { etag });
    }
    return send(res, out);
  };

  return (req, res) => {
    if (on.has("latency") && latency > 0) setTimeout(() => handle(req, res), latency);
    else handle(req, res);
  };
}

/** Stream `total` bytes of HTML without ever holding them: 64 KiB chunks, honouring back-pressure. */
function streamHuge(res: ServerResponse, total: number): void {
  res.writeHead(200, { "content-type": "text/html; charset=utf-8" });
  const chunk = Buffer.alloc(64 * 1024, "<p>DEMO trang rất lớn</p>\n");
  let sent = 0;
  const pump = () => {
    while (sent < total && !res.destroyed) {
      sent += chunk.length;
      if (!res.write(chunk)) return void res.once("drain", pump);
    }
    if (!res.destroyed) res.end();
  };
  res.on("close", () => {
    sent = total;
  });
  pump();
}
