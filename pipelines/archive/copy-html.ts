/**
 * An archived copy ("bản lưu") of a crawled page, as a self-contained, inert
 * HTML file: pure functions, no I/O.
 *
 * Stored pages are hostile input. The copy is rebuilt from the parsed page
 * through an allow-list: only text and a
 * small set of structural elements survive; every attribute is dropped except
 * a few inert ones and http(s) link targets (resolved against the page's URL,
 * opened with rel="noopener noreferrer"). Scripts, styles, event handlers,
 * forms and their controls, frames, embeds, media and images (replaced by
 * their alt text) are removed, so opening a copy requests nothing from the
 * original host. A strict Content-Security-Policy (default-src 'none') is the
 * second fence should anything slip through. A banner in Vietnamese names the
 * original URL and the crawl time (vi-VN, Asia/Ho_Chi_Minh); DEMO copies say DEMO.
 */
import * as cheerio from "cheerio";
import type { AnyNode, Element } from "domhandler";
import { vietnamParts } from "../time/vietnam-time.ts";

/** Changes when the output of renderArchivedCopy changes (a build may reuse copies of the same version). */
export const COPY_FORMAT_VERSION = 1;

/** The CSP of every copy: nothing may load, run, submit or navigate a frame. */
export const COPY_CSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; form-action 'none'; base-uri 'none'; frame-src 'none'";

/** The header servers add to a copy: the CSP plus `sandbox`, so a copy is a unique origin even on the workbench's. */
export const COPY_CSP_HEADER = `${COPY_CSP}; sandbox allow-popups allow-popups-to-escape-sandbox`;

/** The headers every server of the site sends with a copy (static server, `cchc start`, `cchc serve`). */
export const COPY_HEADERS: Readonly<Record<string, string>> = { "content-security-policy": COPY_CSP_HEADER, "x-content-type-options": "nosniff" };

/** Is this site path an archived copy (served with COPY_HEADERS)? */
export function isArchivedCopyPath(path: string): boolean {
  return /(^|[\/])ban-luu[\/][0-9a-f]{2}[\/][0-9a-f]{40}\.html$/.test(path);
}

/** Elements kept (their attributes are not, except KEPT_ATTRIBUTES). */
const KEPT = new Set([
  "a", "abbr", "address", "article", "aside", "b", "blockquote", "br", "caption", "cite", "code", "dd", "del", "details",
  "dfn", "div", "dl", "dt", "em", "figcaption", "figure", "footer", "h1", "h2", "h3", "h4", "h5", "h6", "header", "hr",
  "i", "ins", "kbd", "li", "main", "mark", "nav", "ol", "p", "pre", "q", "s", "section", "small", "span", "strong",
  "sub", "summary", "sup", "table", "tbody", "td", "tfoot", "th", "thead", "time", "tr", "u", "ul",
]);
/** Elements removed with everything inside them. */
const DROPPED = new Set([
  "script", "style", "noscript", "template", "iframe", "frame", "frameset", "object", "embed", "applet", "svg", "math",
  "canvas", "audio", "video", "source", "track", "link", "meta", "base", "title", "head", "input", "button", "select",
  "textarea", "option", "optgroup", "datalist", "output", "dialog", "portal", "map", "area", "param", "slot",
]);
const VOID = new Set(["br", "hr"]);
const KEPT_ATTRIBUTES: Record<string, Set<string>> = {
  td: new Set(["colspan", "rowspan"]),
  th: new Set(["colspan", "rowspan", "scope"]),
  time: new Set(["datetime"]),
};

const ESCAPES: Record<string, string> = { "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" };
export function escapeHtml(text: string): string {
  return text.replace(/[&<>"']/g, (c) => ESCAPES[c]!);
}

/** An http(s) link target resolved against the page, or null (javascript:, data:, relative junk…). */
export function safeLink(href: string | undefined, pageUrl: string): string | null {
  if (!href) return null;
  try {
    const url = new URL(href.trim(), pageUrl);
    return url.protocol === "http:" || url.protocol === "https:" ? url.href : null;
  } catch {
    return null;
  }
}

function attributesOf(el: Element, pageUrl: string): string {
  const out: string[] = [];
  const kept = KEPT_ATTRIBUTES[el.name];
  for (const [name, value] of Object.entries(el.attribs)) {
    if (kept?.has(name) && /^[\w\s:+.-]{0,64}$/.test(value)) out.push(` ${name}="${escapeHtml(value)}"`);
  }
  if (el.name === "a") {
    const href = safeLink(el.attribs.href, pageUrl);
    if (href) out.push(` href="${escapeHtml(href)}" rel="noopener noreferrer nofollow" target="_blank"`);
  }
  return out.join("");
}

function sanitizeNodes(nodes: AnyNode[], pageUrl: string, out: string[]): void {
  for (const node of nodes) {
    if (node.type === "text") {
      out.push(escapeHtml((node as unknown as { data: string }).data));
      continue;
    }
    if (node.type !== "tag" && node.type !== "script" && node.type !== "style") continue; // comments, directives, CDATA
    const el = node as Element;
    const name = el.name.toLowerCase();
    if (DROPPED.has(name)) continue;
    if (name === "img") {
      const alt = (el.attribs.alt ?? "").trim();
      out.push(`<span class="img-removed">[Hình ảnh${alt ? `: ${escapeHtml(alt)}` : ""}]</span>`);
      continue;
    }
    if (!KEPT.has(name)) {
      sanitizeNodes(el.children, pageUrl, out); // unknown or unsafe wrapper (form, font, center, custom…): keep its text
      continue;
    }
    out.push(`<${name}${attributesOf(el, pageUrl)}>`);
    if (VOID.has(name)) continue;
    sanitizeNodes(el.children, pageUrl, out);
    out.push(`</${name}>`);
  }
}

/** The inert body of a page: allow-listed elements and text only. */
export function sanitizeBody(html: string, pageUrl: string): { body: string; title: string } {
  // htmlparser2 (≈5× faster than parse5): safety does not rest on the parser, since the copy is
  // written anew from the tree — allow-listed names, escaped text and attribute values only.
  const $ = cheerio.load(html, { xml: { xmlMode: false, decodeEntities: true } });
  const title = $("title").first().text().replace(/\s+/g, " ").trim();
  const out: string[] = [];
  const body = $("body");
  sanitizeNodes((body.length ? body.first().contents() : $.root().contents()).toArray(), pageUrl, out);
  return { body: out.join(""), title };
}

const pad = (n: number) => String(n).padStart(2, "0");

/** "14:05 ngày 04/02/2024" in Asia/Ho_Chi_Minh. */
export function crawlTimeLabel(at: Date): string {
  const p = vietnamParts(at);
  return `${pad(p.hour)}:${pad(p.minute)} ngày ${pad(p.day)}/${pad(p.month)}/${p.year}`;
}

export interface CopyMeta {
  url: string;
  fetched_at: Date;
  is_demo: boolean;
  source_name?: string | null;
}

const STYLE = `
body{margin:0;font:16px/1.55 system-ui,"Segoe UI",Roboto,"Noto Sans",Arial,sans-serif;color:#1b1b1b;background:#fff}
.cchc-archive-banner{background:#fff4d6;border-bottom:3px solid #b36b00;padding:12px 16px;font-size:15px}
.cchc-archive-banner strong{font-size:16px}
.cchc-archive-banner .demo{display:inline-block;background:#b30000;color:#fff;padding:1px 8px;margin-right:6px;font-weight:700}
.cchc-archive-banner a{color:#004c99;word-break:break-all}
.cchc-archive-body{max-width:60rem;margin:0 auto;padding:16px;overflow-wrap:anywhere}
.cchc-archive-body table{border-collapse:collapse}.cchc-archive-body td,.cchc-archive-body th{border:1px solid #ccc;padding:2px 6px}
.img-removed{color:#666;font-style:italic}
@media (prefers-color-scheme:dark){body{background:#161616;color:#e6e6e6}.cchc-archive-banner{background:#3a2a00;color:#fff}.cchc-archive-banner a{color:#8cc8ff}}
`.replace(/\n/g, "");

/** The archived copy: banner + inert body, one UTF-8 HTML file. */
export function renderArchivedCopy(html: string, meta: CopyMeta): string {
  const { body, title } = sanitizeBody(html, meta.url);
  const url = safeLink(meta.url, meta.url);
  const demo = meta.is_demo ? `<span class="demo">DEMO</span>` : "";
  const banner =
    `<div class="cchc-archive-banner" role="note" lang="vi">${demo}<strong>Bản lưu</strong> của trang ` +
    (url ? `<a href="${escapeHtml(url)}" rel="noopener noreferrer nofollow" target="_blank">${escapeHtml(meta.url)}</a>` : escapeHtml(meta.url)) +
    `, thu thập lúc <time datetime="${meta.fetched_at.toISOString()}">${crawlTimeLabel(meta.fetched_at)}</time> (giờ Việt Nam)` +
    (meta.source_name ? ` từ nguồn ${escapeHtml(meta.source_name)}` : "") +
    `.<br>Đây không phải trang gốc: trang gốc có thể đã thay đổi hoặc không còn. Mã lệnh, biểu mẫu, hình ảnh và tài nguyên bên ngoài đã được gỡ bỏ; chữ giữ nguyên như lúc thu thập.` +
    (meta.is_demo ? ` Trang của cổng thông tin mô phỏng (DEMO farm), không phải dữ liệu thật.` : "") +
    `</div>`;
  return (
    `<!doctype html><html lang="vi"><head><meta charset="utf-8">` +
    `<meta http-equiv="Content-Security-Policy" content="${COPY_CSP}">` +
    `<meta name="referrer" content="no-referrer"><meta name="robots" content="noindex,nofollow">` +
    `<meta name="viewport" content="width=device-width,initial-scale=1">` +
    `<title>${meta.is_demo ? "DEMO · " : ""}Bản lưu: ${escapeHtml(title || meta.url)}</title><style>${STYLE}</style></head>` +
    `<body>${banner}<div class="cchc-archive-body">${body}</div></body></html>`
  );
}
