/**
 * DEMO portals on the SharePoint-based CMS ("LacViet CMS2013") of older Tây Ninh
 * sites: listings /Lists/<list>/TongQuat.aspx?CategoryId=<name>&PageIndex=N and
 * items /Lists/<list>/DispForm.aspx?ID=<n>. Dates day-first on one portal and
 * month-first ("7/17/2018 9:00 AM") on another. No RSS.
 */
import type { DemoArticle } from "../content.ts";
import { DEMO_BANNER, NOT_FOUND, escapeHtml, numericDate, robots } from "../html.ts";
import type { FarmResponse, FarmSite } from "../site.ts";

export interface SharePointSiteOptions {
  name: string;
  list: string;
  category: string;
  perPage: number;
  dateOrder: "dmy" | "mdy";
  articles: DemoArticle[];
}

function shell(site: SharePointSiteOptions, title: string, main: string): string {
  return `<!DOCTYPE html>
<html lang="vi"><head><meta charset="utf-8"><meta name="GENERATOR" content="Microsoft SharePoint">
<title>${escapeHtml(title)} - ${escapeHtml(site.name)} (DEMO)</title></head>
<body>
${DEMO_BANNER}
<form id="aspnetForm" method="post">
<div id="s4-workspace"><div class="lv-header">${escapeHtml(site.name)} (DEMO)</div>
<div class="menu"><ul><li><a href="/Pages/TrangChu.aspx">Trang chủ</a></li><li><a href="${listingHref(site, 1)}">${escapeHtml(site.category)}</a></li></ul></div>
</form>
<div class="lv-main">${main}</div>
<div class="sidebar"><h3>Liên kết website</h3><ul><li>Cổng Dịch vụ công quốc gia</li></ul></div>
<div class="lv-footer">Bản quyền thuộc ${escapeHtml(site.name)} — DEMO, dữ liệu mô phỏng</div>
</div></body></html>`;
}

const listingHref = (site: SharePointSiteOptions, page: number) =>
  `/Lists/${site.list}/TongQuat.aspx?CategoryId=${encodeURIComponent(site.category)}${page > 1 ? `&PageIndex=${page}` : ""}`;
const itemHref = (site: SharePointSiteOptions, a: DemoArticle) => `/Lists/${site.list}/DispForm.aspx?ID=${a.id}`;

function listing(site: SharePointSiteOptions, pageNo: number): FarmResponse {
  const pages = Math.max(1, Math.ceil(site.articles.length / site.perPage));
  const slice = site.articles.slice((pageNo - 1) * site.perPage, pageNo * site.perPage);
  const entries = slice.length
    ? slice
        .map(
          (a) => `<div class="news-item">
<a class="news-title" href="${itemHref(site, a)}">${escapeHtml(a.title)}</a> <span class="news-date">(${numericDate(a.published, site.dateOrder)})</span>
<div class="news-summary">${escapeHtml(a.lead)}</div></div>`,
        )
        .join("\n")
    : `<div class="empty">Không có dữ liệu</div>`;
  const links: string[] = [];
  for (let p = 1; p <= pages; p++) links.push(p === pageNo ? `<span class="current">${p}</span>` : `<a href="${listingHref(site, p)}">${p}</a>`);
  if (pageNo < pages) links.push(`<a href="${listingHref(site, pageNo + 1)}">Trang sau</a>`);
  const main = `<div class="lv-category"><h2 class="category-title">${escapeHtml(site.category)}</h2>
${entries}
<div class="paging">${links.join(" ")}</div></div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(site, site.category, main) };
}

function item(site: SharePointSiteOptions, a: DemoArticle): FarmResponse {
  const index = site.articles.indexOf(a);
  const others = site.articles.slice(index + 1, index + 6);
  const main = `<div class="news-detail">
<h1 class="news-title">${escapeHtml(a.title)}</h1>
<div class="news-date">${numericDate(a.published, site.dateOrder)}</div>
<div class="news-summary"><strong>${escapeHtml(a.lead)}</strong></div>
<div class="news-content ms-rtestate-field">
${a.paragraphs.map((p) => `<p>${escapeHtml(p)}</p>`).join("\n")}
</div>
<div class="news-source">${escapeHtml(a.author)} - ${escapeHtml(a.sourceLine)}</div>
</div>
<div class="other-news"><h3>Các tin khác</h3><ul>
${others.map((o) => `<li><a href="${itemHref(site, o)}">${escapeHtml(o.title)}</a> <span class="news-date">(${numericDate(o.published, site.dateOrder)})</span></li>`).join("\n")}
</ul></div>`;
  return { status: 200, type: "text/html; charset=utf-8", body: shell(site, a.title, main) };
}

export function sharepointSite(options: SharePointSiteOptions): FarmSite {
  const byId = new Map(options.articles.map((a) => [a.id, a]));
  const base = `/Lists/${options.list}/`;
  return {
    platform: "sharepoint",
    listingPaths: [listingHref(options, 1)],
    feedPaths: [],
    articleCount: options.articles.length,
    articles: options.articles,
    handle(path, _origin, query) {
      const get = (name: string) => [...(query ?? new URLSearchParams())].find(([k]) => k.toLowerCase() === name.toLowerCase())?.[1];
      if (path === "/robots.txt") return robots(["/_layouts/", "/_vti_bin/"]);
      if (path.toLowerCase() === `${base}TongQuat.aspx`.toLowerCase()) {
        if (get("CategoryId") !== options.category) return NOT_FOUND;
        const page = Number(get("PageIndex") ?? 1);
        return Number.isInteger(page) && page >= 1 ? listing(options, page) : NOT_FOUND;
      }
      if (path.toLowerCase() === `${base}DispForm.aspx`.toLowerCase()) {
        const found = byId.get(Number(get("ID")));
        return found ? item(options, found) : NOT_FOUND;
      }
      return NOT_FOUND;
    },
  };
}
