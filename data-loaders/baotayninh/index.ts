/**
 * baotayninh.vn, the provincial newspaper:
 *  - the CCHC section `/thoi-su-chinh-tri/cai_cach_hanh_chinh/` with the old
 *    paging `?p=N&d=` (`.news-item` entries: title link, `.date`, `.sapo`);
 *  - articles `/<slug>-a<id>.html` (ids rise over time) in three layouts whose
 *    dates read "Cập nhật ngày: 14/12/2022 - 10:19", "Thứ sáu: 15:00 ngày
 *    09/02/2024" and "2025-06-30 00:02:07";
 *  - video pages whose date has no year ("Chiều 3.11"): the year comes from the
 *    listing (the item's dated neighbours) or else the crawl date, and how is
 *    recorded in date_resolution; their sidebar teaser (another item's title and
 *    lead) is removed before the text is read.
 */
import * as cheerio from "cheerio";
import { loadPlatformHtml } from "../common/parse.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { absoluteUrl, pathOf } from "../common/metadata.ts";
import { articleDate, parseVietnameseDate, parseYearlessDate, resolveYear } from "../common/vi-dates.ts";
import type { ExtractedDate } from "../types.ts";
import { type Adapter, type ExtractedArticle, ExtractionError, type ListingItem, type ListingPage } from "../types.ts";
import { vietnamParts } from "../../pipelines/time/vietnam-time.ts";

const ARTICLE = /-a(\d+)\.html$/;
/** Blocks of a page that are never the article's text. */
const NOT_ARTICLE = ".teaser, .sidebar, aside, .related, .box-tin-khac, .tin-lien-quan, nav, header, footer, script, style";
const DATE_SELECTORS = ".date, .article-meta, .pub-date, time, .video-date";
const BODY_SELECTORS = ".content, .article-body, .video-desc";
const CONTAINER = ".detail, .article, .video-detail";

export const baotayninh: Adapter = {
  platform: "baotayninh",

  isArticleUrl(url) {
    return ARTICLE.test(pathOf(url));
  },

  itemIdFromUrl(url) {
    return ARTICLE.exec(pathOf(url))?.[1] ?? null;
  },

  parseListing(body, url, ctx): ListingPage {
    const $ = loadPlatformHtml(body);
    $(NOT_ARTICLE).remove();
    const items: ListingItem[] = [];
    const seen = new Set<string>();
    $(".news-item").each((_, el) => {
      const box = $(el);
      const a = box.find("a[href]").filter((_, l) => ARTICLE.test(pathOf(absoluteUrl($(l).attr("href"), url) ?? ""))).first();
      const href = absoluteUrl(a.attr("href"), url);
      if (!href) return;
      const id = this.itemIdFromUrl(href)!;
      const title = cleanText(a.attr("title") ?? "") || inlineText(a);
      if (!title || seen.has(id)) return;
      seen.add(id);
      const dateText = cleanText(box.find(".date").first().text()) || null;
      const parsed = dateText ? parseVietnameseDate(dateText, { now: ctx.now, order: ctx.dateOrder }) : null;
      items.push({ url: href, title, item_id: id, published_text: dateText, published_at: parsed?.ok ? parsed.value.iso : null });
    });
    resolveYearlessItems(items, ctx.now);
    return { items, next: nextPage($, url) };
  },

  parseArticle(body, url, ctx): ExtractedArticle {
    const itemId = this.itemIdFromUrl(url);
    if (!itemId) throw new ExtractionError("not an article URL (…-a<id>.html)", url);
    const $ = loadPlatformHtml(body);
    $(NOT_ARTICLE).remove();
    const container = $(CONTAINER).first();
    if (!container.length) throw new ExtractionError(`no article container (${CONTAINER})`, url);
    const title = inlineText(container.find("h1"));
    if (!title) throw new ExtractionError("no headline (h1)", url);
    const content = container.find(BODY_SELECTORS).first();
    if (!content.length) throw new ExtractionError(`no body (${BODY_SELECTORS})`, url);
    const sapo = cleanText(container.find(".sapo, .article-sapo").first().text()) || null;
    const bodyText = [sapo, blockText($, content)].filter(Boolean).join("\n\n");
    const dateText = cleanText(container.find(DATE_SELECTORS).first().text()) || null;
    const date = yearlessDate(dateText, ctx.now, ctx.listingItem) ?? articleDate([{ text: dateText, source: "byline" }], ctx);
    const credit = content
      .find("p")
      .toArray()
      .map((p) => cleanText($(p).text()))
      .reverse()
      .find((t) => /^(?:Nguồn|Nguon)\s*:|^Theo\s|^[^.]{2,60}\s[–-]\s[^.]{2,60}$/i.test(t));
    const canonical = absoluteUrl($('link[rel="canonical"]').attr("href"), url) ?? url;
    return {
      title,
      body_text: bodyText,
      canonical_url: canonical,
      item_id: itemId,
      description: sapo,
      byline: credit ?? null,
      ...date,
    };
  },
};

/**
 * A yearless byline ("Chiều 3.11"): the listing entry's resolved date when it is
 * the same day, else the latest such day up to the crawl date. Null when the
 * text has a year (or no date at all): the ordinary rules apply.
 */
function yearlessDate(text: string | null, now: Date, listing?: ListingItem): ExtractedDate | null {
  const yearless = text ? parseYearlessDate(text) : null;
  if (!yearless) return null;
  if (listing?.published_at) {
    const p = vietnamParts(new Date(listing.published_at));
    if (p.day === yearless.day && p.month === yearless.month) {
      return {
        published_at: listing.published_at,
        published_text: text,
        date_source: "byline",
        date_confidence: 0.8,
        date_resolution: listing.date_resolution ?? `year ${p.year} from the listing entry "${listing.published_text}"`,
      };
    }
  }
  const resolved = resolveYear(yearless, { now });
  return {
    published_at: resolved.result.ok ? resolved.result.value.iso : null,
    published_text: text,
    date_source: resolved.result.ok ? "byline" : null,
    date_confidence: resolved.confidence,
    date_resolution: resolved.resolution,
  };
}

/** Give yearless listing dates a year from their dated neighbours (newest first), recording how. */
function resolveYearlessItems(items: ListingItem[], now: Date): void {
  items.forEach((item, index) => {
    if (item.published_at || !item.published_text) return;
    const yearless = parseYearlessDate(item.published_text);
    if (!yearless) return;
    const newer = items.slice(0, index).reverse().find((i) => i.published_at && !i.date_resolution);
    const older = items.slice(index + 1).find((i) => i.published_at && !i.date_resolution);
    const resolved = resolveYear(yearless, {
      now,
      notAfter: newer ? new Date(newer.published_at!) : null,
      notBefore: older ? new Date(older.published_at!) : null,
      contextName: "listing neighbours",
    });
    if (resolved.result.ok) {
      item.published_at = resolved.result.value.iso;
      item.date_resolution = resolved.resolution;
    }
  });
}

/** The `?p=<current+1>` link of the same section, if the page has one. */
function nextPage($: cheerio.CheerioAPI, url: string): string | null {
  const here = new URL(url);
  const current = Number(here.searchParams.get("p") ?? 1);
  let next: string | null = null;
  $(".paging a[href], .pagination a[href]").each((_, el) => {
    const href = absoluteUrl($(el).attr("href"), url);
    const u = href ? new URL(href) : null;
    const samePlace = u && (u.pathname === here.pathname || u.pathname.endsWith("/"));
    if (!next && u && samePlace && Number(u.searchParams.get("p")) === current + 1) next = u.href;
  });
  return next;
}
