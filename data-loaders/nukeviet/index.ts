/**
 * NukeViet 4.x news module (structure of themes/default/modules/news/*.tpl):
 *  - listings `/vi/news/<cat>/` (multi-language) or `/<cat>/` (single language, news as
 *    the home module), `/page-N/`: every 4.5 category and module-home layout, in listing.ts;
 *  - articles `…/<slug>-<id>.html` (detail.tpl: `[itemprop=headline]`,
 *    `.hometext[itemprop=description]`, `#news-bodyhtml`, `span.h5` publtime
 *    "Thứ hai - 25/12/2023 21:47", author / "Nguồn tin" block), and their
 *    print (`#print #content`, `#hometext`, `#bodytext`) and savefile copies,
 *    which share the trailing id;
 *  - RSS `/vi/news/rss/[<cat>/]` (30 newest items; pubDate minutes are the month number):
 *    its category folders are returned as section_links for a backfill.
 * The publication date is the visible publtime line: the microdata
 * datePublished of an edited article is its edit time (modules/news/theme.php),
 * so it comes last, after article:published_time (PHP zone quirk).
 */
import * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { closestElement, elementsIn, firstElement, hasClass } from "../common/dom.ts";
import { loadPlatformHtml } from "../common/parse.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { feedListing, isFeed } from "../common/feed.ts";
import { absoluteUrl, pathOf, readMetadata } from "../common/metadata.ts";
import { articleDate } from "../common/vi-dates.ts";
import { toVietnamIso } from "../../pipelines/time/vietnam-time.ts";
import { type Adapter, type AdapterContext, type ExtractedArticle, ExtractionError, type ListingPage } from "../types.ts";
import { parseNukeVietListing } from "./listing.ts";

const ARTICLE_ID = /-(\d+)\.html?$/;
/** Print and savefile copies: /vi/news/print/<cat>/<slug>-<id>.html, /vi/news/savefile/<cat>/… */
const COPY_SEGMENT = /\/(?:print|savefile)(?=\/)/;

/**
 * The NukeViet adapter. `itemSelectors` replaces the listing item selectors (listing.ts);
 * only tests pass it, to prove that a broken selector raises the completeness alarm.
 */
export function makeNukeViet(itemSelectors?: string[], platform = "nukeviet"): Adapter {
  return {
    platform,

    isArticleUrl(url) {
      const path = pathOf(url);
      return ARTICLE_ID.test(path) && !/\/rss\//.test(path);
    },

    itemIdFromUrl(url) {
      return ARTICLE_ID.exec(pathOf(url))?.[1] ?? null;
    },

    parseListing(body, url, ctx): ListingPage {
      if (isFeed(body)) return nukevietFeed(body, url, ctx, this);
      return parseNukeVietListing(body, url, ctx, { isArticleUrl: (u) => this.isArticleUrl(u), itemIdFromUrl: (u) => this.itemIdFromUrl(u), itemSelectors });
    },

    parseArticle(body, url, ctx): ExtractedArticle {
      const $ = loadPlatformHtml(body);
      const itemId = this.itemIdFromUrl(url);
      if (!itemId) throw new ExtractionError("no trailing numeric id in the URL (…-<id>.html)", url);
      const meta = readMetadata($);
      const parts = detailElements($);
      const isPrint = parts.print;
      const title = isPrint
        ? inlineText($("#print #content h1"))
        : inlineText($(parts.headlines)) || (parts.h1 ? inlineText($(parts.h1)) : "");
      if (!title) throw new ExtractionError("no headline ([itemprop=headline], or #content h1 on a print page)", url);
      const bodyEl = isPrint ? $("#bodytext") : $(parts.bodies);
      if (bodyEl.length === 0) throw new ExtractionError(`no article body (${isPrint ? "#bodytext" : "#news-bodyhtml"})`, url);
      const description = cleanText(isPrint ? $("#hometext").text() : parts.description ? $(parts.description).text() : "") || null;
      const bodyText = [description, blockText($, bodyEl)].filter(Boolean).join("\n\n");
      if (!bodyText) throw new ExtractionError("empty article body", url);

      const publtime = isPrint ? $("#print #content ul.list-inline li").first().text() : publtimeText($, parts.headlines);
      const date = articleDate(
        [
          { text: cleanText(publtime), source: "byline" },
          { text: meta.opengraph.publishedTime, source: "opengraph" },
          { text: meta.microdata.datePublished, source: "microdata" },
        ],
        ctx,
      );
      const credit = (label: RegExp) => {
        const strong = parts.strongs.find((el) => label.test($(el).text()));
        return strong ? cleanText($(strong).parent().text().replace(label, "").replace(/^\s*:/, "")) || null : null;
      };
      const source = credit(/Nguồn tin:?/);
      const author = credit(/Tác giả:?/);
      return {
        title,
        body_text: bodyText,
        canonical_url: canonicalUrl(meta.canonical, url),
        item_id: itemId,
        description,
        byline: source ?? author,
        listing_links: articleListings($, url),
        ...date,
      };
    },
  };
}

export const nukeviet: Adapter = makeNukeViet();

/**
 * A NukeViet feed: links are canonical; `pubDate` is written with gmdate('D, j M Y H:m:s'),
 * so the "minutes" are the month number and the real minutes are lost. Such a date is kept
 * to the hour (the hour is right), and says so in date_resolution. The category listings the
 * feed's links sit under are returned as section_links (backfill goes through them).
 */
function nukevietFeed(body: string, url: string, ctx: AdapterContext, adapter: Adapter): ListingPage {
  const page = feedListing(body, url, ctx, (link) => (adapter.isArticleUrl(link) ? adapter.itemIdFromUrl(link) : null));
  const items = page.items.map((item) => {
    const m = /\d{4}\s+(\d{2}):(\d{2}):\d{2}\s*GMT/.exec(item.published_text ?? "");
    if (!m || !item.published_at) return item;
    const instant = new Date(item.published_at);
    if (Number(m[2]) !== instant.getUTCMonth() + 1) return item;
    instant.setUTCMinutes(0, 0, 0);
    return { ...item, published_at: toVietnamIso(instant), date_resolution: "hour only: NukeViet writes the month in the minutes of pubDate" };
  });
  return { ...page, items, section_links: feedSections(url, items.map((i) => i.url)) };
}

/** Category listing URLs of a NukeViet feed: the folder of each article link, and the category the feed is of. */
export function feedSections(feedUrl: string, links: string[]): string[] {
  const out = new Set<string>();
  for (const link of links) {
    try {
      const u = new URL(link);
      u.pathname = u.pathname.replace(/[^/]+$/, "");
      u.search = "";
      u.hash = "";
      out.add(u.href);
    } catch {
      // not a URL: nothing to derive
    }
  }
  const f = new URL(feedUrl);
  const cat = /^(.*\/)rss\/([^/]+)\/?$/.exec(f.pathname);
  if (cat) out.add(new URL(`${cat[1]}${cat[2]}/`, f).href);
  return [...out];
}

/**
 * Category listings an article page links to: its breadcrumb's categories, and the category of
 * every category feed the page announces (`<link rel="alternate" … /rss/<cat>/>`, all of the module's).
 */
/**
 * What the article reader uses, found in one walk over the page instead of a
 * selector query each; each field is what the CSS in its comment selects.
 */
interface DetailElements {
  /** `#print #content` selects something: a print copy. */
  print: boolean;
  /** [itemprop="headline"] */
  headlines: Element[];
  /** h1, the first */
  h1: Element | null;
  /** #news-bodyhtml */
  bodies: Element[];
  /** .hometext, [itemprop="description"] — the first */
  description: Element | null;
  /** strong */
  strongs: Element[];
}

const hasId = (id: string) => (el: Element) => el.attribs.id === id;
const isPrintRoot = hasId("print");

function detailElements($: cheerio.CheerioAPI): DetailElements {
  const d: DetailElements = { print: false, headlines: [], h1: null, bodies: [], description: null, strongs: [] };
  elementsIn($.root()[0], (el) => {
    const a = el.attribs;
    if (a.id === "content" && !d.print && el.parent && closestElement(el.parent as Element, isPrintRoot)) d.print = true;
    if (a.itemprop === "headline") d.headlines.push(el);
    if (el.name === "h1") d.h1 ??= el;
    if (a.id === "news-bodyhtml") d.bodies.push(el);
    if (!d.description && (hasClass(el, "hometext") || a.itemprop === "description")) d.description = el;
    if (el.name === "strong") d.strongs.push(el);
    return false;
  });
  return d;
}

const isPanelBody = (el: Element) => hasClass(el, "panel-body");
const isPubltime = (el: Element) => el.name === "span" && hasClass(el, "h5");

/** The publtime line: `[itemprop="headline"]` → closest `.panel-body` → first `span.h5` inside. */
function publtimeText($: cheerio.CheerioAPI, headlines: Element[]): string {
  // Several headlines: the selector chain itself (its order over several boxes is cheerio's).
  if (headlines.length > 1) return $(headlines).closest(".panel-body").find("span.h5").first().text();
  const box = headlines[0] && closestElement(headlines[0], isPanelBody);
  const span = box ? firstElement(box, isPubltime) : null;
  return span ? $(span).text() : "";
}

const isHead = (el: Element) => el.name === "head";
const isBreadcrumbList = (el: Element) => (el.attribs.itemtype ?? "").includes("BreadcrumbList");

function articleListings($: cheerio.CheerioAPI, url: string): string[] {
  const out = new Set<string>();
  // One walk for both selectors, each list in document order as its selector query gave it:
  // `head link[rel="alternate"][type="application/rss+xml"]`, `[itemtype*="BreadcrumbList"] a[itemprop="item"]`.
  const feeds: Element[] = [];
  const crumbs: Element[] = [];
  elementsIn($.root()[0], (el) => {
    const a = el.attribs;
    if (el.name === "link" && a.rel === "alternate" && a.type === "application/rss+xml" && el.parent && closestElement(el.parent as Element, isHead)) feeds.push(el);
    else if (el.name === "a" && a.itemprop === "item" && el.parent && closestElement(el.parent as Element, isBreadcrumbList)) crumbs.push(el);
    return false;
  });
  for (const el of feeds) {
    const href = absoluteUrl(el.attribs.href, url);
    const m = href ? /^(.*\/)rss\/([^/]+)\/?$/.exec(new URL(href).pathname) : null;
    if (href && m) out.add(new URL(`${m[1]}${m[2]}/`, href).href);
  }
  // the crumbs below the module's root (the folder above the article's category) are its categories
  const moduleRoot = pathOf(url).replace(/[^/]+\/[^/]*$/, "");
  for (const el of crumbs) {
    const href = absoluteUrl(el.attribs.href, url);
    if (!href) continue;
    const path = pathOf(href);
    if (path.startsWith(moduleRoot) && path.length > moduleRoot.length && !ARTICLE_ID.test(path)) out.add(href);
  }
  return [...out];
}

/** The article's own URL: the canonical link, or a print/savefile URL with that segment removed. */
function canonicalUrl(canonical: string | null, url: string): string {
  const href = absoluteUrl(canonical, url) ?? url;
  try {
    const u = new URL(href);
    u.pathname = u.pathname.replace(COPY_SEGMENT, "");
    return u.href;
  } catch {
    return href;
  }
}
