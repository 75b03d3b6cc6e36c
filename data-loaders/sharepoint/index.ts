/**
 * SharePoint-based CMS of older Tây Ninh portals ("LacViet CMS2013"):
 *  - listings `/Lists/<list>/TongQuat.aspx?CategoryId=<name>&PageIndex=N`
 *    (`.news-item` entries: title link, date, summary; `.paging` links);
 *  - items `/Lists/<list>/DispForm.aspx?ID=<n>` (`.news-detail`: `h1.news-title`,
 *    `.news-date`, `.news-summary`, `.news-content`, `.news-source`), or the
 *    stock SharePoint `table.ms-formtable` rows (Tiêu đề, Ngày đăng, Nội dung).
 * Dates are `08/09/2021 10:00` on one host and `7/17/2018 9:00 AM` on another:
 * the order is the source's `date_order` (ctx.dateOrder), never guessed.
 * No RSS.
 */
import * as cheerio from "cheerio";
import { loadPlatformHtml } from "../common/parse.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { absoluteUrl } from "../common/metadata.ts";
import { articleDate, parseVietnameseDate } from "../common/vi-dates.ts";
import { type Adapter, type ExtractedArticle, ExtractionError, type ListingItem, type ListingPage } from "../types.ts";

const ITEM = /\/Lists\/([^/]+)\/DispForm\.aspx$/i;

function parse(url: string): URL | null {
  try {
    return new URL(url);
  } catch {
    return null;
  }
}

/** The value of a query parameter, matched without regard to case (SharePoint is case-insensitive). */
function param(u: URL, name: string): string | null {
  for (const [key, value] of u.searchParams) if (key.toLowerCase() === name.toLowerCase()) return value;
  return null;
}

/** A row of the stock SharePoint display form, by its label. */
function formField($: cheerio.CheerioAPI, label: RegExp) {
  const cell = $("table.ms-formtable td.ms-formlabel")
    .filter((_, el) => label.test(cleanText($(el).text())))
    .first();
  return cell.length ? cell.nextAll("td.ms-formbody").first() : null;
}

export const sharepoint: Adapter = {
  platform: "sharepoint",

  isArticleUrl(url) {
    const u = parse(url);
    return Boolean(u && ITEM.test(u.pathname) && /^\d+$/.test(param(u, "ID") ?? ""));
  },

  /** `<list>:<ID>`: item ids are only unique within a SharePoint list. */
  itemIdFromUrl(url) {
    const u = parse(url);
    const list = u && ITEM.exec(u.pathname)?.[1];
    const id = u && param(u, "ID");
    return list && id && /^\d+$/.test(id) ? `${decodeURIComponent(list)}:${id}` : null;
  },

  parseListing(body, url, ctx): ListingPage {
    const $ = loadPlatformHtml(body);
    $("nav, header, footer, aside, .menu, .sidebar").remove();
    const items: ListingItem[] = [];
    const seen = new Set<string>();
    $("a[href]").each((_, el) => {
      const a = $(el);
      const href = absoluteUrl(a.attr("href"), url);
      if (!href || !this.isArticleUrl(href)) return;
      const id = this.itemIdFromUrl(href)!;
      const title = cleanText(a.attr("title") ?? "") || inlineText(a);
      if (!title || seen.has(id)) return;
      seen.add(id);
      const box = a.closest(".news-item, li, tr");
      const dateText = cleanText(box.find(".news-date, .date, [class*=date]").first().text()).replace(/^\((.*)\)$/, "$1") || null;
      const parsed = dateText ? parseVietnameseDate(dateText, { now: ctx.now, order: ctx.dateOrder }) : null;
      items.push({ url: href, title, item_id: id, published_text: dateText, published_at: parsed?.ok ? parsed.value.iso : null });
    });
    return { items, next: nextPage($, url) };
  },

  parseArticle(body, url, ctx): ExtractedArticle {
    const $ = loadPlatformHtml(body);
    const itemId = this.itemIdFromUrl(url);
    if (!itemId) throw new ExtractionError("not a DispForm.aspx?ID=<n> URL", url);
    const detail = $(".news-detail").first();
    const titleField = formField($, /^Tiêu đề/);
    const title = inlineText(detail.find(".news-title")) || (titleField ? inlineText(titleField) : "");
    if (!title) throw new ExtractionError("no title (.news-detail .news-title or the form's Tiêu đề row)", url);
    const bodyEl = detail.find(".news-content").first();
    const content = bodyEl.length ? bodyEl : formField($, /^(?:Nội dung|Chi tiết)/);
    if (!content || content.length === 0) throw new ExtractionError("no body (.news-content or the form's Nội dung row)", url);
    const summary = cleanText(detail.find(".news-summary").first().text() || formField($, /^(?:Tóm tắt|Trích yếu)/)?.text() || "") || null;
    const bodyText = [summary, blockText($, content)].filter(Boolean).join("\n\n");
    const dateText = cleanText(detail.find(".news-date").first().text() || formField($, /^Ngày (?:đăng|xuất bản|ban hành)/)?.text() || "");
    const date = articleDate([{ text: dateText, source: "byline" }], ctx);
    const source = cleanText(detail.find(".news-source").first().text() || formField($, /^(?:Nguồn|Tác giả)/)?.text() || "") || null;
    const u = new URL(url);
    const canonical = new URL(u.pathname, u.origin);
    canonical.searchParams.set("ID", param(u, "ID")!);
    return {
      title,
      body_text: bodyText,
      canonical_url: canonical.href,
      item_id: itemId,
      description: summary,
      byline: source,
      ...date,
    };
  },
};

/** The link to PageIndex = current + 1 of the same category, if the page has one. */
function nextPage($: cheerio.CheerioAPI, url: string): string | null {
  const here = new URL(url);
  const current = Number(param(here, "PageIndex") ?? 1);
  const category = param(here, "CategoryId");
  let next: string | null = null;
  $("a[href]").each((_, el) => {
    if (next) return;
    const href = absoluteUrl($(el).attr("href"), url);
    const u = href ? new URL(href) : null;
    if (!u || !/TongQuat\.aspx$/i.test(u.pathname)) return;
    if (Number(param(u, "PageIndex")) === current + 1 && param(u, "CategoryId") === category) next = u.href;
  });
  return next;
}
