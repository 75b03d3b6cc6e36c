/**
 * A DEMO of the 2026 provincial portal, whose CMS is not known yet: root-level
 * article slugs (/tuyen-truyen-cai-cach-hanh-chinh-…), dates printed 07/02/2026,
 * JSON-LD NewsArticle and OpenGraph article:published_time in the head, a
 * category listing paged with ?page=N and rel="next", a home page whose menu
 * names the reform section and announces an RSS feed, and sitemaps (robots.txt
 * Sitemap line → index → news sitemap + posts sitemap). Read by the generic
 * adapter; `cchc source probe` onboards it.
 */
import type { DemoArticle } from "../content.ts";
import { DEMO_BANNER, NOT_FOUND, dmyDate, escapeHtml, robots } from "../html.ts";
import { toVietnamIso } from "../../time/vietnam-time.ts";
import type { FarmResponse, FarmSite } from "../site.ts";

export interface ProvincialSiteOptions {
  name: string;
  category: string;
  categoryTitle: string;
  perPage: number;
  articles: DemoArticle[];
}


/** Root-level slugs, unique per portal: a repeated title gets -2, -3… */
export function rootSlugs(articles: DemoArticle[]): Map<number, string> {
  const used = new Map<string, number>();
  const slugs = new Map<number, string>();
  for (const a of [...articles].reverse()) {
    const n = (used.get(a.slug) ?? 0) + 1;
    used.set(a.slug, n);
    slugs.set(a.id, n === 1 ? a.slug : `${a.slug}-${n}`);
  }
  return slugs;
}

function shell(site: ProvincialSiteOptions, title: string, main: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)} | ${escapeHtml(site.name)} (DEMO)</title>
<meta name="viewport" content="width=device-width, initial-scale=1">
${head}</head>
<body>
${DEMO_BANNER}
<header class="site-header"><a class="brand" href="/">${escapeHtml(site.name)} (DEMO)</a>
<nav class="main-menu"><a href="/">Trang chủ</a> <a href="/chuyen-muc/${site.category}">${escapeHtml(site.categoryTitle)}</a> <a href="/tuyen-truyen-bau-cu">Tuyên truyền bầu cử</a></nav></header>
<main>${main}</main>
<aside class="sidebar"><div class="widget"><h3>Văn bản mới</h3><ul><li><a href="/van-ban">Quyết định về việc công bố danh mục thủ tục hành chính</a> <span class="date">05/01/2026</span></li></ul></div></aside>
<footer class="site-footer">${escapeHtml(site.name)} — DEMO, dữ liệu mô phỏng</footer>
</body></html>`;
}

function listing(site: ProvincialSiteOptions, slugs: Map<number, string>, pageNo: number): FarmResponse {
  const pages = Math.max(1, Math.ceil(site.articles.length / site.perPage));
  if (pageNo < 1 || pageNo > pages) return NOT_FOUND;
  const slice = site.articles.slice((pageNo - 1) * site.perPage, pageNo * site.perPage);
  const base = `/chuyen-muc/${site.category}`;
  const href = (p: number) => (p === 1 ? base : `${base}?page=${p}`);
  const entries = slice
    .map(
      (a) => `<article class="post-item"><h3><a href="/${slugs.get(a.id)}">${escapeHtml(a.title)}</a></h3>
<span class="post-date">${dmyDate(a.published)}</span><p>${escapeHtml(a.lead)}</p></article>`,
    )
    .join("\n");
  const pager = [
    pageNo > 1 ? `<a href="${href(pageNo - 1)}">Trang trước</a>` : "",
    `<span>Trang ${pageNo}/${pages}</span>`,
    pageNo < pages ? `<a href="${href(pageNo + 1)}">Trang sau</a>` : "",
  ].join(" ");
  const head = pageNo < pages ? `<link rel="next" href="${href(pageNo + 1)}">` : "";
  const main = `<h1>${escapeHtml(site.categoryTitle)}</h1><section class="post-list">${entries}</section><div class="pagination">${pager}</div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(site, site.categoryTitle, main, head) };
}

const RSS_PATH = "/rss.xml";

function home(site: ProvincialSiteOptions, slugs: Map<number, string>): FarmResponse {
  const latest = site.articles
    .slice(0, 6)
    .map((a) => `<li><a href="/${slugs.get(a.id)}">${escapeHtml(a.title)}</a> <span class="date">${dmyDate(a.published)}</span></li>`)
    .join("");
  const head = `<link rel="alternate" type="application/rss+xml" title="${escapeHtml(site.name)} - Tin mới" href="${RSS_PATH}">`;
  const main = `<h1>${escapeHtml(site.name)}</h1><section class="home-latest"><h2>Tin mới</h2><ul>${latest}</ul></section>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(site, "Trang chủ", main, head) };
}

function rssFeed(site: ProvincialSiteOptions, slugs: Map<number, string>, origin: string): FarmResponse {
  const items = site.articles
    .slice(0, 20)
    .map((a) => `<item><title>${escapeHtml(a.title)}</title><link>${origin}/${slugs.get(a.id)}</link><pubDate>${a.published.toUTCString()}</pubDate></item>`)
    .join("\n");
  const body = `<?xml version="1.0" encoding="UTF-8"?>\n<rss version="2.0"><channel><title>${escapeHtml(site.name)} (DEMO)</title><link>${origin}/</link>\n${items}\n</channel></rss>`;
  return { status: 200, type: "application/rss+xml; charset=utf-8", body };
}

const xml = (body: string): FarmResponse => ({ status: 200, type: "application/xml; charset=utf-8", body: `<?xml version="1.0" encoding="UTF-8"?>\n${body}` });

/** The index names a news sitemap (the latest 20 items, with publication dates) and a posts sitemap (every item, lastmod only). */
function sitemap(site: ProvincialSiteOptions, slugs: Map<number, string>, origin: string, which: string): FarmResponse | null {
  const newest = site.articles[0] ? toVietnamIso(site.articles[0].edited) : "";
  if (which === "/sitemap.xml") {
    return xml(`<sitemapindex xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">
<sitemap><loc>${origin}/sitemap-pages.xml</loc><lastmod>2026-01-01T00:00:00+07:00</lastmod></sitemap>
<sitemap><loc>${origin}/sitemap-posts.xml</loc><lastmod>${newest}</lastmod></sitemap>
<sitemap><loc>${origin}/sitemap-news.xml</loc><lastmod>${newest}</lastmod></sitemap>
</sitemapindex>`);
  }
  if (which === "/sitemap-pages.xml") {
    return xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9"><url><loc>${origin}/</loc></url><url><loc>${origin}/chuyen-muc/${site.category}</loc></url></urlset>`);
  }
  if (which === "/sitemap-posts.xml") {
    const urls = site.articles.map((a) => `<url><loc>${origin}/${slugs.get(a.id)}</loc><lastmod>${toVietnamIso(a.edited)}</lastmod></url>`).join("\n");
    return xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9">\n${urls}\n</urlset>`);
  }
  if (which === "/sitemap-news.xml") {
    const urls = site.articles
      .slice(0, 20)
      .map(
        (a) => `<url><loc>${origin}/${slugs.get(a.id)}</loc><news:news><news:publication><news:name>${escapeHtml(site.name)}</news:name><news:language>vi</news:language></news:publication>
<news:publication_date>${toVietnamIso(a.published)}</news:publication_date><news:title>${escapeHtml(a.title)}</news:title></news:news></url>`,
      )
      .join("\n");
    return xml(`<urlset xmlns="http://www.sitemaps.org/schemas/sitemap/0.9" xmlns:news="http://www.google.com/schemas/sitemap-news/0.9">\n${urls}\n</urlset>`);
  }
  return null;
}

function article(site: ProvincialSiteOptions, slugs: Map<number, string>, a: DemoArticle, origin: string): FarmResponse {
  const url = `${origin}/${slugs.get(a.id)}`;
  const jsonld = {
    "@context": "https://schema.org",
    "@type": "NewsArticle",
    headline: a.title,
    datePublished: toVietnamIso(a.published),
    dateModified: toVietnamIso(a.edited),
    mainEntityOfPage: { "@type": "WebPage", "@id": url },
    publisher: { "@type": "GovernmentOrganization", name: `${site.name} (DEMO)` },
  };
  const head = `<link rel="canonical" href="${url}">
<meta property="og:type" content="article"><meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="og:url" content="${url}"><meta property="article:published_time" content="${toVietnamIso(a.published)}">
<script type="application/ld+json">${JSON.stringify(jsonld).replace(/</g, "\\u003c")}</script>`;
  const index = site.articles.indexOf(a);
  const related = site.articles.slice(index + 1, index + 4);
  const main = `<article class="post-detail"><h1 class="post-title">${escapeHtml(a.title)}</h1>
<div class="post-meta"><span class="post-date">${dmyDate(a.published)}</span></div>
<div class="post-content">
<p><strong>${escapeHtml(a.lead)}</strong></p>
${[...a.paragraphs, a.credit].map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
</div></article>
<section class="related"><h3>Tin liên quan</h3><ul>${related.map((o) => `<li><a href="/${slugs.get(o.id)}">${escapeHtml(o.title)}</a> <span class="date">${dmyDate(o.published)}</span></li>`).join("")}</ul></section>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(site, a.title, main, head) };
}

export function provincialSite(options: ProvincialSiteOptions): FarmSite {
  const slugs = rootSlugs(options.articles);
  const bySlug = new Map([...slugs].map(([id, slug]) => [slug, options.articles.find((a) => a.id === id)!]));
  return {
    platform: "generic",
    listingPaths: [`/chuyen-muc/${options.category}`],
    feedPaths: [RSS_PATH],
    articleCount: options.articles.length,
    articles: options.articles,
    handle(path, origin, query) {
      if (path === "/robots.txt") {
        const r = robots(["/quan-tri/"]);
        return { ...r, body: `${r.body}Sitemap: ${origin}/sitemap.xml\n` };
      }
      if (path === "/") return home(options, slugs);
      if (path === RSS_PATH) return rssFeed(options, slugs, origin);
      if (path.startsWith("/sitemap")) return sitemap(options, slugs, origin, path) ?? NOT_FOUND;
      if (path === `/chuyen-muc/${options.category}`) return listing(options, slugs, Number(query?.get("page") || 1));
      const found = bySlug.get(path.slice(1));
      return found ? article(options, slugs, found, origin) : NOT_FOUND;
    },
  };
}
