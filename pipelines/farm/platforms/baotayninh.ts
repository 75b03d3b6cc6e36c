/**
 * A DEMO of the provincial newspaper baotayninh.vn: the CCHC section
 * /thoi-su-chinh-tri/cai_cach_hanh_chinh/ with the old paging ?p=N&d=, articles
 * /<slug>-a<id>.html in three layouts (dates "Cập nhật ngày: 14/12/2022 - 10:19"
 * before 2023, "Thứ sáu: 15:00 ngày 09/02/2024" in 2023–2024, "2025-06-30
 * 00:02:07" from 2025), and video pages that print only "Chiều 3.11" (no year)
 * and carry a sidebar teaser of another item inside their text column.
 * Items name the agency they are about in a credit line.
 */
import type { DemoArticle } from "../content.ts";
import { DEMO_BANNER, NOT_FOUND, VI_WEEKDAYS, dmyDate, escapeHtml, robots, wall } from "../html.ts";
import type { FarmResponse, FarmSite } from "../site.ts";

export interface BaoTayNinhSiteOptions {
  perPage: number;
  articles: DemoArticle[];
}

const SECTION = "/thoi-su-chinh-tri/cai_cach_hanh_chinh/";
const articlePath = (a: DemoArticle) => `/${a.slug}-a${a.id}.html`;
/** Every sixth item is a video page (ids step by 7, so this picks one item in six). */
export const isVideo = (a: DemoArticle) => Math.floor(a.id / 7) % 6 === 2;

const partOfDay = (hour: number) => (hour < 11 ? "Sáng" : hour < 13 ? "Trưa" : hour < 18 ? "Chiều" : "Tối");
/** "Chiều 3.11": what a video page prints, without a year. */
export const yearlessText = (date: Date) => {
  const w = wall(date);
  return `${partOfDay(Number(w.H))} ${Number(w.d)}.${Number(w.m)}`;
};

function dateLine(date: Date): string {
  const w = wall(date);
  if (w.y < 2023) return `Cập nhật ngày: ${w.d}/${w.m}/${w.y} - ${w.H}:${w.M}`;
  if (w.y < 2025) return `${VI_WEEKDAYS[w.weekday]}: ${w.H}:${w.M} ngày ${w.d}/${w.m}/${w.y}`;
  return `${w.y}-${w.m}-${w.d} ${w.H}:${w.M}:${w.S}`;
}

function shell(title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><title>${escapeHtml(title)} - Báo Tây Ninh (DEMO)</title></head>
<body>
${DEMO_BANNER}
<header><div class="logo">BÁO TÂY NINH (DEMO)</div>
<nav><ul><li><a href="/">Trang chủ</a></li><li><a href="/thoi-su-chinh-tri/">Thời sự - Chính trị</a></li><li><a href="${SECTION}">Cải cách hành chính</a></li></ul></nav></header>
<div class="main">${main}</div>
<footer>Báo Tây Ninh — DEMO, dữ liệu mô phỏng</footer>
</body></html>`;
}

function listing(site: BaoTayNinhSiteOptions, pageNo: number): FarmResponse {
  const pages = Math.max(1, Math.ceil(site.articles.length / site.perPage));
  if (pageNo < 1 || pageNo > pages) return NOT_FOUND;
  const slice = site.articles.slice((pageNo - 1) * site.perPage, pageNo * site.perPage);
  const entries = slice
    .map((a) => {
      const date = isVideo(a) ? yearlessText(a.published) : dmyDate(a.published);
      return `<div class="news-item${isVideo(a) ? " video" : ""}"><a class="title" href="${articlePath(a)}">${escapeHtml(a.title)}</a>
<span class="date">${date}</span><p class="sapo">${escapeHtml(a.lead)}</p></div>`;
    })
    .join("\n");
  const links: string[] = [];
  if (pageNo > 1) links.push(`<a href="${SECTION}?p=${pageNo - 1}&d=">Trang trước</a>`);
  if (pageNo < pages) links.push(`<a href="${SECTION}?p=${pageNo + 1}&d=">Trang sau</a>`);
  const main = `<h1 class="cat-title">Cải cách hành chính</h1><div class="list-news">${entries}</div>
<div class="paging">${links.join(" ")}</div>
<aside class="sidebar"><h3>Đọc nhiều</h3><ul>${site.articles
    .slice(0, 3)
    .map((a) => `<li><a href="${articlePath(a)}">${escapeHtml(a.title)}</a></li>`)
    .join("")}</ul></aside>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell("Cải cách hành chính", main) };
}

function article(site: BaoTayNinhSiteOptions, a: DemoArticle): FarmResponse {
  const year = wall(a.published).y;
  const paragraphs = [...a.paragraphs, a.credit].map((p) => `<p>${escapeHtml(p)}</p>`).join("\n");
  const other = site.articles[(site.articles.indexOf(a) + 5) % site.articles.length];
  let main: string;
  if (isVideo(a)) {
    main = `<div class="video-detail"><h1>${escapeHtml(a.title)}</h1>
<div class="video-date">${yearlessText(a.published)}</div>
<div class="video-player">[video DEMO]</div>
<div class="video-desc">
<p>${escapeHtml(a.lead)}</p>
<div class="teaser"><h3>Tin khác</h3><a href="${articlePath(other)}">${escapeHtml(other.title)}</a><p>${escapeHtml(other.paragraphs[0])}</p></div>
${paragraphs}
</div></div>`;
  } else if (year < 2023) {
    main = `<div class="detail"><h1 class="title">${escapeHtml(a.title)}</h1>
<div class="date">${dateLine(a.published)}</div>
<div class="sapo">${escapeHtml(a.lead)}</div>
<div class="content">${paragraphs}</div></div>`;
  } else {
    main = `<div class="article"><h1 class="article-title">${escapeHtml(a.title)}</h1>
<div class="${year < 2025 ? "article-meta" : "pub-date"}">${dateLine(a.published)}</div>
<h2 class="article-sapo">${escapeHtml(a.lead)}</h2>
<div class="article-body">${paragraphs}</div></div>`;
  }
  main += `<aside class="sidebar"><h3>Tin liên quan</h3><ul><li><a href="${articlePath(other)}">${escapeHtml(other.title)}</a></li></ul></aside>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(a.title, main) };
}

export function baotayninhSite(options: BaoTayNinhSiteOptions): FarmSite {
  const byId = new Map(options.articles.map((a) => [a.id, a]));
  return {
    platform: "baotayninh",
    listingPaths: [SECTION],
    feedPaths: [],
    articleCount: options.articles.length,
    articles: options.articles,
    handle(path, _origin, query) {
      if (path === "/robots.txt") return robots(["/admin/", "/search/"]);
      if (path === SECTION) return listing(options, Number(query?.get("p") || 1));
      const art = /^\/[\w-]+-a(\d+)\.html$/.exec(path);
      if (art && byId.has(Number(art[1]))) return article(options, byId.get(Number(art[1]))!);
      return NOT_FOUND;
    },
  };
}
