/**
 * DEMO portals with the structure of NukeViet 4.5's news module: category
 * listings with /page-N, article pages with schema.org NewsArticle microdata,
 * the visible publtime line, #news-bodyhtml, the author / "Nguồn tin" block,
 * tags and newer / older lists, print and savefile copies, and RSS — the
 * structure of themes/default/modules/news/{viewcat_page,detail,print}.tpl.
 */
import type { DemoArticle } from "../content.ts";
import { DEMO_BANNER, VI_WEEKDAYS, dmyDate, escapeHtml, wall } from "../html.ts";
import { toVietnamIso } from "../../time/vietnam-time.ts";
import type { FarmResponse, FarmSite } from "../site.ts";

export interface NukeVietSiteOptions {
  name: string;
  category: string;
  categoryTitle: string;
  perPage: number;
  articles: DemoArticle[];
}

const articlePath = (cat: string, a: DemoArticle) => `/vi/news/${cat}/${a.slug}-${a.id}.html`;

/** `l - d/m/Y H:i`, e.g. "Thứ hai - 25/12/2023 21:47". */
const publtime = (date: Date) => {
  const w = wall(date);
  return `${VI_WEEKDAYS[w.weekday]} - ${w.d}/${w.m}/${w.y} ${w.H}:${w.M}`;
};
/** PHP date('Y-m-dTH:i:s') where T prints the zone: "2023-12-25+0721:47:00". */
const phpZoneQuirk = (date: Date) => {
  const w = wall(date);
  return `${w.y}-${w.m}-${w.d}+07${w.H}:${w.M}:${w.S}`;
};
/** PHP date('r') in Asia/Ho_Chi_Minh, as nv_rss_generate prints pubDate: "Mon, 25 Dec 2023 21:47:00 +0700". */
const rfc822Local = (date: Date) => {
  const w = wall(date);
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][w.weekday];
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][Number(w.m) - 1];
  return `${day}, ${w.d} ${month} ${w.y} ${w.H}:${w.M}:${w.S} +0700`;
};
const listingTime = (date: Date) => {
  const w = wall(date);
  return `${w.d}/${w.m}/${w.y} ${String(w.hour12).padStart(2, "0")}:${w.M}:${w.S} ${w.ampm}`;
};

function page(site: NukeVietSiteOptions, title: string, main: string, head = ""): string {
  return `<!DOCTYPE html>
<html lang="vi" xmlns="http://www.w3.org/1999/xhtml" prefix="og: http://ogp.me/ns#">
<head>
<meta charset="utf-8">
<title>${escapeHtml(title)} - ${escapeHtml(site.name)}</title>
<meta name="generator" content="NukeViet v4.5">
${head}
</head>
<body>
${DEMO_BANNER}
<header><div class="site-name">${escapeHtml(site.name)}</div>
<nav class="navbar"><ul><li><a href="/vi/">Trang chủ</a></li><li><a href="/vi/news/${site.category}/">${escapeHtml(site.categoryTitle)}</a></li></ul></nav></header>
<div class="container"><div class="col-md-18">
${main}
</div>
<aside class="col-md-6"><div class="panel"><h3>Liên kết</h3><ul><li>Cổng Dịch vụ công</li></ul></div></aside>
</div>
<footer>Bản quyền thuộc về ${escapeHtml(site.name)} (DEMO)</footer>
</body></html>`;
}

function listing(site: NukeVietSiteOptions, pageNo: number): FarmResponse {
  const pages = Math.max(1, Math.ceil(site.articles.length / site.perPage));
  if (pageNo < 1 || pageNo > pages) return { status: 404, body: "Không tìm thấy trang" };
  const slice = site.articles.slice((pageNo - 1) * site.perPage, pageNo * site.perPage);
  const base = `/vi/news/${site.category}`;
  const items = slice
    .map(
      (a) => `<div class="news_column panel panel-default"><div class="panel-body">
<h3><a href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}">${escapeHtml(a.title)}</a></h3>
<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> ${listingTime(a.published)}</li><li><em class="fa fa-eye">&nbsp;</em> Lượt xem: ${(a.id * 37) % 900 + 12}</li></ul></div>
<div class="text-justify">${escapeHtml(a.lead)}</div>
</div></div>`,
    )
    .join("\n");
  const links: string[] = [];
  if (pageNo > 1) links.push(`<li><a href="${pageNo === 2 ? `${base}/` : `${base}/page-${pageNo - 1}`}">&laquo;</a></li>`);
  for (let p = 1; p <= pages; p++) {
    links.push(p === pageNo ? `<li class="active"><a href="#">${p}</a></li>` : `<li><a href="${p === 1 ? `${base}/` : `${base}/page-${p}`}">${p}</a></li>`);
  }
  if (pageNo < pages) links.push(`<li><a href="${base}/page-${pageNo + 1}">&raquo;</a></li>`);
  const main = `<h1 class="title">${escapeHtml(site.categoryTitle)}</h1>
${items}
<div class="generate_page text-center"><ul class="pagination">${links.join("")}</ul></div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: page(site, site.categoryTitle, main) };
}

const copyPath = (kind: "print" | "savefile", cat: string, a: DemoArticle) => `/vi/news/${kind}/${cat}/${a.slug}-${a.id}.html`;

function article(site: NukeVietSiteOptions, a: DemoArticle): FarmResponse {
  const index = site.articles.findIndex((o) => o.id === a.id);
  const newer = site.articles.slice(Math.max(0, index - 3), index);
  const older = site.articles.slice(index + 1, index + 4);
  const related = (heading: string, list: DemoArticle[]) =>
    list.length === 0
      ? ""
      : `<p class="h3"><strong>${heading}</strong></p>
<div class="clearfix"><ul class="detail-related related list-none list-items">
${list.map((o) => `<li><em class="fa fa-angle-right">&nbsp;</em><h4><a href="${articlePath(site.category, o)}" title="${escapeHtml(o.title)}">${escapeHtml(o.title)}</a></h4> <em>(${dmyDate(o.published)})</em></li>`).join("\n")}
</ul></div>`;
  const head = `<meta property="og:title" content="${escapeHtml(a.title)}">
<meta property="og:type" content="article">
<meta property="article:published_time" content="${phpZoneQuirk(a.published)}">
<link rel="canonical" href="${articlePath(site.category, a)}">`;
  // detail.tpl: theme.php assigns the edit time to SCHEMA_DATEPUBLISHED, used for both microdata dates.
  const main = `<div class="news_column panel panel-default" itemtype="http://schema.org/NewsArticle" itemscope>
<div class="panel-body">
<h1 class="title margin-bottom-lg" itemprop="headline">${escapeHtml(a.title)}</h1>
<div class="hidden hide d-none" itemprop="author" itemtype="http://schema.org/Person" itemscope><span itemprop="name">${escapeHtml(a.author)}</span></div>
<span class="hidden hide d-none" itemprop="datePublished">${toVietnamIso(a.edited)}</span>
<span class="hidden hide d-none" itemprop="dateModified">${toVietnamIso(a.edited)}</span>
<span class="hidden hide d-none" itemprop="mainEntityOfPage">${articlePath(site.category, a)}</span>
<div class="row margin-bottom-lg">
<div class="col-md-12"><span class="h5">${publtime(a.published)}</span></div>
<div class="col-md-12"><ul class="list-inline text-right">
<li><a class="dimgray" rel="nofollow" title="In ra" href="${copyPath("print", site.category, a)}"><em class="fa fa-print fa-lg">&nbsp;</em></a></li>
<li><a class="dimgray" rel="nofollow" title="Lưu bài viết này" href="${copyPath("savefile", site.category, a)}"><em class="fa fa-save fa-lg">&nbsp;</em></a></li>
</ul></div>
</div>
<div class="clearfix"><div class="hometext m-bottom" itemprop="description">${escapeHtml(a.lead)}</div></div>
<div id="news-bodyhtml" class="bodytext margin-bottom-lg">
${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
</div>
<div class="margin-bottom-lg"><p class="h5 text-right"><strong>Tác giả: </strong>${escapeHtml(a.author)}</p>
<p class="h5 text-right"><strong>Nguồn tin: </strong>${escapeHtml(a.sourceLine)}</p></div>
</div></div>
<div class="news_column panel panel-default"><div class="panel-body"><div class="h5"><em class="fa fa-tags">&nbsp;</em><strong>Từ khóa: </strong><a title="cải cách hành chính" href="/vi/news/tag/cai-cach-hanh-chinh"><em>cải cách hành chính</em></a></div></div></div>
<div class="news_column panel panel-default"><div class="panel-body other-news">
${related("Những tin mới hơn", newer)}
${related("Những tin cũ hơn", older)}
</div></div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: page(site, a.title, main, head) };
}

/** print.tpl: a bare page with #print #content, the publtime in the first list item, #hometext and #bodytext. */
function printCopy(site: NukeVietSiteOptions, a: DemoArticle, origin: string): FarmResponse {
  const body = `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(a.title)} (DEMO)</title></head>
<body>${DEMO_BANNER}
<div id="print">
<div id="hd_print"><h2 class="pull-left">${escapeHtml(site.name)} (DEMO)</h2><p class="pull-right"><a href="${origin}/">${origin}</a></p></div>
<div class="clear"></div><hr />
<div id="content">
<h1>${escapeHtml(a.title)}</h1>
<ul class="list-inline"><li>${publtime(a.published)}</li><li class="hidden-print txtrequired"><a href="javascript:;" onclick="window.print()">In ra</a></li></ul>
<div class="clear"></div>
<div id="hometext">${escapeHtml(a.lead)}</div>
<div id="bodytext" class="clearfix">${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}</div>
<div id="author"><p><strong>Tác giả:</strong> ${escapeHtml(a.author)}</p><p><strong>Nguồn tin:</strong> ${escapeHtml(a.sourceLine)}</p></div>
</div></div></body></html>`;
  return { status: 200, type: "text/html; charset=utf-8", body };
}

function rss(site: NukeVietSiteOptions, origin: string): FarmResponse {
  const items = site.articles
    .slice(0, 20)
    .map(
      (a) => `<item>
<title>${escapeHtml(a.title)}</title>
<link>${origin}${articlePath(site.category, a)}</link>
<guid isPermaLink="false">news_${a.id}</guid>
<description><![CDATA[${a.lead}]]></description>
<pubDate>${rfc822Local(a.published)}</pubDate>
</item>`,
    )
    .join("\n");
  const body = `<?xml version="1.0" encoding="UTF-8"?>
<rss version="2.0"><channel>
<title>${escapeHtml(site.name)} (DEMO)</title>
<link>${origin}/vi/news/</link>
<description>${escapeHtml(site.categoryTitle)}</description>
<language>vi</language>
${items}
</channel></rss>`;
  return { status: 200, type: "application/rss+xml; charset=utf-8", body };
}

export function nukevietSite(options: NukeVietSiteOptions): FarmSite {
  const byId = new Map(options.articles.map((a) => [a.id, a]));
  const cat = options.category;
  return {
    platform: "nukeviet",
    listingPaths: [`/vi/news/${cat}/`],
    feedPaths: [`/vi/news/rss/${cat}/`],
    articleCount: options.articles.length,
    articles: options.articles,
    handle(path, origin) {
      if (path === "/robots.txt") return { status: 200, type: "text/plain", body: "User-agent: *\nDisallow: /admin/\nDisallow: /vi/users/\n" };
      if (path === `/vi/news/${cat}/` || path === `/vi/news/${cat}`) return listing(options, 1);
      const paged = new RegExp(`^/vi/news/${cat}/page-(\\d+)/?$`).exec(path);
      if (paged) return listing(options, Number(paged[1]));
      if (path === `/vi/news/rss/${cat}/` || path === "/vi/news/rss/") return rss(options, origin);
      const copy = /^\/vi\/news\/(print|savefile)\/[\w-]+\/[\w-]*?-(\d+)\.html$/.exec(path);
      if (copy && byId.has(Number(copy[2]))) {
        const out = printCopy(options, byId.get(Number(copy[2]))!, origin);
        // savefile sends the same page as a download
        return copy[1] === "savefile" ? { ...out, headers: { "content-disposition": `attachment; filename="${copy[2]}.html"` } } : out;
      }
      const art = /^\/vi\/news\/(?:[\w-]+)\/[\w-]*?-(\d+)\.html$/.exec(path);
      if (art && byId.has(Number(art[1]))) return article(options, byId.get(Number(art[1]))!);
      return { status: 404, type: "text/html; charset=utf-8", body: "<h1>404 - Không tìm thấy trang</h1>" };
    },
  };
}
