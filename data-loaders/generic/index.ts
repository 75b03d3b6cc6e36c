/**
 * Generic HTML adapter for a CMS whose structure is not known yet (the 2026
 * provincial portal: root-level slugs such as `/tuyen-truyen-bau-cu`, dates
 * like 07/02/2026). Reads, in order: JSON-LD, OpenGraph / article:published_time
 * (incl. NukeViet's PHP zone quirk), a visible date near the headline,
 * microdata; the body from microdata articleBody or the text-density extractor.
 */
import * as cheerio from "cheerio";
import type { Cheerio } from "cheerio";
import type { AnyNode } from "domhandler";
import { BOILERPLATE, mainContent } from "../common/density.ts";
import { feedListing, isFeed } from "../common/feed.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { absoluteUrl, pathOf, readMetadata } from "../common/metadata.ts";
import { articleDate, parseVietnameseDate } from "../common/vi-dates.ts";
import { type Adapter, type ExtractedArticle, ExtractionError, type ListingItem, type ListingPage } from "../types.ts";

/** Path segments that name listings, not articles. */
const LISTING_SEGMENT = /^(?:page|trang|tag|tags|chuyen-muc|danh-muc|category|categories|search|tim-kiem|rss|feed|lien-he|gioi-thieu)$/i;
const DATE_LIKE = /\d{1,2}[/.-]\d{1,2}[/.-]\d{4}|\d{4}-\d{2}-\d{2}/;
const NEXT_TEXT = /^(?:»|›|>|>>|Sau|Trang sau|Tiếp|Tiếp theo|Next)$/i;

function segments(url: string): string[] {
  try {
    return new URL(url).pathname.split("/").filter(Boolean);
  } catch {
    return [];
  }
}

/** Is `url` an article of a CMS we do not know: a slug of several words, or a path ending in an id or .html? */
export function looksLikeArticleUrl(url: string): boolean {
  const parts = segments(url);
  if (parts.length === 0 || parts.some((p) => LISTING_SEGMENT.test(p))) return false;
  const last = parts.at(-1)!.replace(/\.(?:html?|aspx|php)$/i, "");
  return /\.(?:html?)$/i.test(parts.at(-1)!) || /\d{3,}$/.test(last) || last.split("-").length >= 4;
}

/** A stable id for an article of an unknown CMS: its path without slashes or extension (query kept only for ids). */
export function pathItemId(url: string): string | null {
  try {
    const u = new URL(url);
    const path = u.pathname.replace(/\/+$/, "").replace(/\.(?:html?|aspx|php)$/i, "").replace(/^\/+/, "");
    const id = u.searchParams.get("id") ?? u.searchParams.get("ID");
    if (!path && !id) return null;
    return decodeURIComponent(path).normalize("NFC").toLowerCase() + (id ? `?id=${id}` : "");
  } catch {
    return null;
  }
}

/** The next listing page: rel=next, or a pagination link saying "»", "Sau", "Tiếp"… */
export function genericNextPage($: cheerio.CheerioAPI, url: string): string | null {
  const rel = $('link[rel="next"], a[rel="next"]').first().attr("href");
  if (rel) return absoluteUrl(rel, url);
  let next: string | null = null;
  $(".pagination a[href], .paging a[href], .pager a[href], nav a[href]").each((_, el) => {
    if (!next && NEXT_TEXT.test(cleanText($(el).text()) || $(el).attr("aria-label") || "")) next = absoluteUrl($(el).attr("href"), url);
  });
  return next && next !== url ? next : null;
}

/** A date printed near the headline: `time[datetime]`, or an element whose class says date/time. */
function visibleDate($: cheerio.CheerioAPI): string | null {
  const h1 = $("h1").first();
  const near = h1.closest("article, main, [itemscope], .content, #content");
  // A copy: the page itself is read again afterwards (one parse per page).
  const scope: Cheerio<AnyNode> = (near.length ? near : $("body")).clone();
  scope.find(BOILERPLATE).remove();
  const time = scope.find("time[datetime]").first();
  if (time.length) return cleanText(time.text()) || time.attr("datetime")!;
  let found: string | null = null;
  scope.find('[class*="date"], [class*="time"], [class*="ngay"], [class*="publish"], [class*="meta"]').each((_, el) => {
    const text = cleanText($(el).text());
    if (!found && text.length < 80 && DATE_LIKE.test(text)) found = text;
  });
  return found;
}

/** A date written in the URL path ("/2024/02/09/…", "/20240209-…"), as "yyyy-mm-dd"; the weakest evidence. */
export function urlDate(url: string): string | null {
  const m = /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[-/_.]|$)/.exec(pathOf(url));
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

export const generic: Adapter = {
  platform: "generic",

  isArticleUrl: looksLikeArticleUrl,

  itemIdFromUrl: pathItemId,

  parseListing(body, url, ctx): ListingPage {
    if (isFeed(body)) return feedListing(body, url, ctx, (link) => pathItemId(link));
    const $ = cheerio.load(body);
    const next = genericNextPage($, url);
    $(BOILERPLATE).remove();
    const origin = new URL(url).origin;
    const items: ListingItem[] = [];
    const seen = new Set<string>();
    $("a[href]").each((_, el) => {
      const a = $(el);
      const href = absoluteUrl(a.attr("href"), url);
      if (!href || new URL(href).origin !== origin || !looksLikeArticleUrl(href)) return;
      const title = cleanText(a.attr("title") ?? "") || inlineText(a);
      const id = pathItemId(href);
      if (!id || seen.has(id) || title.length < 12) return;
      seen.add(id);
      const box = a.closest("li, article, .item, .news-item, tr, .card");
      const dateText = cleanText(box.find("time, [class*=date], [class*=time]").first().text()) || null;
      const parsed = dateText ? parseVietnameseDate(dateText, { now: ctx.now, order: ctx.dateOrder }) : null;
      items.push({ url: href, title, item_id: id, published_text: dateText, published_at: parsed?.ok ? parsed.value.iso : null });
    });
    return { items, next };
  },

  parseArticle(body, url, ctx): ExtractedArticle {
    const $ = cheerio.load(body);
    const meta = readMetadata($);
    const title =
      meta.jsonld.headline ?? meta.opengraph.title ?? meta.microdata.headline ?? (inlineText($("h1")) || null);
    if (!title) throw new ExtractionError("no title (JSON-LD headline, og:title, microdata headline or h1)", url);
    const byline = visibleDate($);
    const date = articleDate(
      [
        { text: meta.jsonld.datePublished, source: "jsonld" },
        { text: meta.opengraph.publishedTime, source: "opengraph" },
        { text: byline, source: "byline", confidence: 0.8 },
        { text: meta.microdata.datePublished, source: "microdata" },
        { text: urlDate(url), source: "url" },
      ],
      ctx,
    );
    const marked = $('[itemprop="articleBody"]').first();
    const page: Cheerio<AnyNode> = $("body").length ? $("body") : $.root();
    const root = page.clone();
    root.find(BOILERPLATE).remove();
    const content = marked.length ? marked : mainContent($, root);
    if (!content) throw new ExtractionError("no main content (no block of text long enough)", url);
    // The block found may hold the headline too: it is the title, not body text.
    const bodyText = blockText($, content)
      .split("\n\n")
      .filter((p, i) => !(i === 0 && p === title))
      .join("\n\n");
    const canonical =
      absoluteUrl(meta.canonical, url) ?? absoluteUrl(meta.opengraph.url, url) ?? absoluteUrl(meta.jsonld.url, url) ?? url;
    const itemId = pathItemId(canonical) ?? pathItemId(url);
    if (!itemId) throw new ExtractionError("no item id: the URL has no path", url);
    const credit = /(?:^|\n)\s*(Nguồn\s*:[^\n]+)$/.exec(bodyText)?.[1] ?? null;
    return {
      title,
      body_text: bodyText,
      canonical_url: canonical,
      item_id: itemId,
      description: meta.jsonld.description ?? meta.opengraph.description,
      byline: credit ? cleanText(credit) : null,
      ...date,
    };
  },
};
