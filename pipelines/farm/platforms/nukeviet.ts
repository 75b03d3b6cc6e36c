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

/** Category layouts the farm renders (NukeViet 4.5's "Kiểu hiển thị"), in the default theme's markup. */
export type NukeVietLayout = "viewcat_page_new" | "viewcat_grid_new" | "viewcat_list_new";

export interface NukeVietSiteOptions {
  name: string;
  category: string;
  categoryTitle: string;
  perPage: number;
  articles: DemoArticle[];
  /** Default viewcat_page_new, as the installer sets new categories. */
  layout?: NukeVietLayout;
  /** "Các tin khác" links under a viewcat_page listing (NukeViet's st_links, default 10). */
  stLinks?: number;
}

/** The feed holds the newest items only (modules/news/funcs/rss.php: LIMIT 30). */
export const NUKEVIET_FEED_LIMIT = 30;

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
/** `d/m/Y H:i:s`, the listing date of viewcat_page and of a grid's featured item. */
const listingTime = (date: Date) => {
  const w = wall(date);
  return `${w.d}/${w.m}/${w.y} ${w.H}:${w.M}:${w.S}`;
};
/** gmdate('D, j M Y H:m:s') as NukeViet 4.5 writes pubDate: the "minutes" are the month number. */
const nukevietPubDate = (date: Date) => {
  const day = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"][date.getUTCDay()];
  const month = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"][date.getUTCMonth()];
  const pad = (x: number) => String(x).padStart(2, "0");
  return `${day}, ${date.getUTCDate()} ${month} ${date.getUTCFullYear()} ${pad(date.getUTCHours())}:${pad(date.getUTCMonth() + 1)}:${pad(date.getUTCSeconds())} GMT`;
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
<div class="container"><div class="row">
<div class="col-sm-12 col-md-13 col-sm-push-6 col-md-push-5">
${main}
</div>
<div class="col-sm-6 col-md-6 col-sm-push-6 col-md-push-5"><div class="panel panel-primary"><div class="panel-heading">Tin xem nhiều</div><div class="panel-body"><ul class="block_tophits list-none list-items">
${site.articles.slice(0, 3).map((a) => `<li class="clearfix"><a href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}">${escapeHtml(a.title)}</a></li>`).join("\n")}
</ul></div></div></div>
<div class="col-sm-6 col-md-5 col-sm-pull-12 col-md-pull-13"><div class="panel"><h3>Liên kết</h3><ul><li>Cổng Dịch vụ công</li></ul></div></div>
</div></div>
<footer>Bản quyền thuộc về ${escapeHtml(site.name)} (DEMO)</footer>
</body></html>`;
}

function listing(site: NukeVietSiteOptions, pageNo: number, origin: string): FarmResponse {
  const pages = Math.max(1, Math.ceil(site.articles.length / site.perPage));
  const base = `/vi/news/${site.category}`;
  // betweenURLs(): page-1, page-0 and any page past the last are a 301 to the category URL
  if (pageNo < 2 && pageNo !== 1) return { status: 301, body: "", headers: { location: `${base}/` } };
  if (pageNo > pages) return { status: 301, body: "", headers: { location: `${base}/` } };
  const slice = site.articles.slice((pageNo - 1) * site.perPage, pageNo * site.perPage);
  const layout = site.layout ?? "viewcat_page_new";
  const link = (a: DemoArticle, cls = "") => `<a${cls ? ` class="${cls}"` : ""} href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}">${escapeHtml(a.title)}</a>`;
  const views = (a: DemoArticle) => (a.id * 37) % 900 + 12;
  const muted = (a: DemoArticle) => `<div class="text-muted"><ul class="list-unstyled list-inline"><li><em class="fa fa-clock-o">&nbsp;</em> ${listingTime(a.published)}</li><li><em class="fa fa-eye">&nbsp;</em> Đã xem: ${views(a)}</li></ul></div>`;
  const featured = (a: DemoArticle) => `<div class="panel panel-default"><div class="panel-body featured">
<a href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}"><img alt="" src="/uploads/news/${a.id}.jpg" width="150px" class="img-thumbnail pull-left imghome"></a>
<h2>${link(a)}</h2>
${muted(a)}
<div class="text-justify">${escapeHtml(a.lead)}</div>
</div></div>`;
  let items: string;
  if (layout === "viewcat_list_new") {
    items = `<div class="list-group">
${slice.map((a, k) => `<a class="show h4" href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}"><h4 class="list-group-item-heading"><span class="label label-default">${(pageNo - 1) * site.perPage + k + 1}</span>&nbsp;&nbsp;${escapeHtml(a.title)}</h4></a>`).join("\n")}
</div>`;
  } else if (layout === "viewcat_grid_new") {
    // viewcat_grid: the first item as a featured panel, the others in thumbnail cells (no date)
    const [first, ...rest] = slice;
    items = `<div class="news_column">${first ? featured(first) : ""}</div>
${rest.map((a) => `<div class="col-sm-12 col-md-8"><div class="thumbnail">
<a title="${escapeHtml(a.title)}" href="${articlePath(site.category, a)}"><img alt="" src="/uploads/news/${a.id}.jpg" width="100" class="img-thumbnail"></a>
<div class="caption text-center"><h4>${link(a, "show")}</h4><span></span></div>
</div></div>`).join("\n")}`;
  } else {
    const [first, ...rest] = slice;
    const others = site.articles.slice(pageNo * site.perPage, pageNo * site.perPage + (site.stLinks ?? 10));
    items = `<div class="news_column">${first ? featured(first) : ""}
${rest.map((a) => `<div class="panel panel-default"><div class="panel-body"><h3>${link(a)}</h3>
${muted(a)}
<div class="text-justify">${escapeHtml(a.lead)}</div></div></div>`).join("\n")}
</div>${
      others.length
        ? `
<div class="news_column"><div class="panel panel-default"><div class="panel-body other-news"><h4>Các tin khác</h4><ul class="related list-items">
${others.map((a) => `<li><em class="fa fa-angle-right">&nbsp;</em><a href="${articlePath(site.category, a)}" title="${escapeHtml(a.title)}">${escapeHtml(a.title)} <em>(${dmyDate(a.published)}) </em></a></li>`).join("\n")}
</ul></div></div></div>`
        : ""
    }`;
  }
  const pageUrl = (p: number) => (p === 1 ? `${base}/` : `${base}/page-${p}/`);
  // ul.pagination as 4.5 writes it: every later page rel="next", every earlier one rel="prev", the active item not closed
  const links: string[] = [];
  links.push(pageNo > 1 ? `<li><a rel="prev" href="${pageUrl(pageNo - 1)}">&laquo;</a></li>` : `<li class="disabled"><a href="javascript:void(0)">&laquo;</a></li>`);
  for (let p = 1; p <= pages; p++) {
    links.push(p === pageNo ? `<li class="active"><a href="javascript:void(0)">${p}</a>` : `<li><a rel="${p < pageNo ? "prev" : "next"}" title="${escapeHtml(site.categoryTitle)} - Trang ${p}" href="${pageUrl(p)}">${p}</a></li>`);
  }
  if (pageNo < pages) links.push(`<li><a rel="next" href="${pageUrl(pageNo + 1)}">&raquo;</a></li>`);
  const head = [
    `<link rel="canonical" href="${origin}${pageUrl(pageNo)}">`,
    pageNo > 1 ? `<link rel="prev" href="${origin}${pageUrl(pageNo - 1)}">` : "",
    pageNo < pages ? `<link rel="next" href="${origin}${pageUrl(pageNo + 1)}">` : "",
    `<link rel="alternate" href="/vi/news/rss/${site.category}/" title="Tin Tức - ${escapeHtml(site.categoryTitle)}" type="application/rss+xml">`,
  ].filter(Boolean).join("\n");
  const main = `${items}
<div class="text-center"><ul class="pagination">${links.join("")}</ul></div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: page(site, site.categoryTitle, main, head) };
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
    .slice(0, NUKEVIET_FEED_LIMIT)
    .map(
      (a) => `<item>
<title>${escapeHtml(a.title)}</title>
<link>${origin}${articlePath(site.category, a)}</link>
<guid isPermaLink="false">news_${a.id}</guid>
<description><![CDATA[${a.lead}]]></description>
<pubDate>${nukevietPubDate(a.published)}</pubDate>
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
      if (path === `/vi/news/${cat}/` || path === `/vi/news/${cat}`) return listing(options, 1, origin);
      const paged = new RegExp(`^/vi/news/${cat}/page-(\\d+)/?$`).exec(path);
      if (paged) return listing(options, Number(paged[1]), origin);
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
