/**
 * Generic HTML adapter for a CMS whose structure is not known yet (the 2026
 * provincial portal: root-level slugs such as `/tuyen-truyen-bau-cu`, dates
 * like 07/02/2026). Reads, in order: JSON-LD, OpenGraph / article:published_time
 * (incl. NukeViet's PHP zone quirk), a visible date near the headline,
 * microdata; the body from microdata articleBody or the text-density extractor.
 */
import type * as cheerio from "cheerio";
import type { Element } from "domhandler";
import { BOILERPLATE, inChrome } from "../common/chrome.ts";
import { isSitemap, readSitemap } from "../common/discovery.ts";
import { closestElement, elementsIn, firstElement, hasClass } from "../common/dom.ts";
import { feedListing, isFeed } from "../common/feed.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { findMainContent, loadFast } from "../common/main-text.ts";
import { absoluteUrl, type PageMetadata, pathOf, readMetadata } from "../common/metadata.ts";
import { articleDate, DATE_WORDS, type DateCandidate, parseVietnameseDate } from "../common/vi-dates.ts";
import { type Adapter, type AdapterContext, type ExtractedArticle, ExtractionError, type ListingItem, type ListingPage } from "../types.ts";

/** Path segments that name listings, not articles. */
const LISTING_SEGMENT = /^(?:page|trang|tag|tags|chuyen-muc|danh-muc|category|categories|search|tim-kiem|rss|feed|lien-he|gioi-thieu)$/i;
const DATE_LIKE = new RegExp(`\\d{1,2}[/.-]\\d{1,2}[/.-]\\d{4}|\\d{4}-\\d{2}-\\d{2}|\\d{1,2}\\s+tháng\\s+\\d{1,2}|${DATE_WORDS.source}`, "iu");
const DAY_MS = 86_400_000;
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
  if (next && next !== url) return next;
  const links = $("a[href]")
    .toArray()
    .map((a) => absoluteUrl($(a).attr("href"), url))
    .filter((h): h is string => Boolean(h));
  return numberedNextPage(url, links);
}

/** Query keys and path forms that carry a page number on unknown CMSs (WordPress /page/2/, Drupal ?page=1, "trang-3" …). */
const PAGE_KEYS = /^(?:page|p|paged|trang|pageindex|pagenumber|pg|start|offset)$/i;
const PAGE_PATH = /(\/(?:page|trang)\/|[/-](?:page|trang|p)-)(\d+)(\/?)$/i;

/** The page number of a listing URL and how it is written (query key or path form); null when it carries none. */
function pageSlot(url: string): { n: number; key: string } | null {
  const u = new URL(url);
  for (const [key, value] of u.searchParams) {
    if (PAGE_KEYS.test(key) && /^\d+$/.test(value)) return { n: Number(value), key: `q:${key.toLowerCase()}` };
  }
  const m = PAGE_PATH.exec(u.pathname);
  return m ? { n: Number(m[2]), key: `p:${m[1].toLowerCase()}` } : null;
}

/**
 * Numbered pagination without a "next" link: among the page's links to the same listing with a page
 * number, the smallest number above the current page's (page 1 has none: 2, or an offset step).
 */
export function numberedNextPage(url: string, links: string[]): string | null {
  const here = pageSlot(url);
  const stem = stripPage(url);
  let best: { n: number; href: string } | null = null;
  for (const href of links) {
    const slot = pageSlot(href);
    // the same listing, identical apart from its page number written the same way
    if (!slot || stripPage(href) !== stem || (here && slot.key !== here.key)) continue;
    // page 1 often carries no number: then any numbered page is after it (Drupal counts from 0)
    if (slot.n > (here?.n ?? 0) && (!best || slot.n < best.n)) best = { n: slot.n, href };
  }
  return best && best.href !== url ? best.href : null;
}

/** A listing URL without its page number (page 1 usually has none). */
function stripPage(url: string): string {
  const u = new URL(url);
  for (const key of [...u.searchParams.keys()]) if (PAGE_KEYS.test(key)) u.searchParams.delete(key);
  u.pathname = u.pathname.replace(PAGE_PATH, "").replace(/\/+$/, "") || "/";
  u.hash = "";
  return u.href.replace(/\/$/, "");
}

/** The folded text of an element when it is shorter than `max` characters, else null (without building long strings). */
function shortText(el: Element, max: number): string | null {
  let raw = "";
  const walk = (n: Element): boolean => {
    for (const c of n.children) {
      if (c.type === "text") {
        raw += (c as unknown as { data: string }).data;
        if (raw.length > max * 4) return false;
      } else if (c.type === "tag" && !walk(c as Element)) return false;
    }
    return true;
  };
  if (!walk(el)) return null;
  const text = cleanText(raw);
  return text.length < max ? text : null;
}

const isH1 = (el: Element) => el.name === "h1";
const isBody = (el: Element) => el.name === "body";
/** article, main, [itemscope], .content, #content */
const isHeadlineBox = (el: Element) =>
  el.name === "article" || el.name === "main" || "itemscope" in el.attribs || hasClass(el, "content") || el.attribs.id === "content";

/** The first h1 of the page. */
const firstH1 = ($: cheerio.CheerioAPI) => firstElement($.root()[0], isH1);

/** The headline's scope: the article / main element around the first h1, else the body. */
function headlineScope($: cheerio.CheerioAPI): cheerio.Cheerio<Element> {
  const h1 = firstH1($);
  const near = h1 && closestElement(h1, isHeadlineBox);
  const scope = near ?? firstElement($.root()[0], isBody);
  return (scope ? $(scope) : $.root()) as cheerio.Cheerio<Element>;
}

/** A `<time>` element of the article (its datetime attribute, else its text), outside page chrome. */
function timeElementDate($: cheerio.CheerioAPI): string | null {
  let found: string | null = null;
  headlineScope($)
    .find("time")
    .each((_, el) => {
      if (found || inChrome(el)) return;
      const t = $(el);
      if (/updated|modified|cập nhật/i.test(`${t.attr("class") ?? ""} ${t.attr("itemprop") ?? ""}`)) return;
      found = cleanText(t.attr("datetime") ?? "") || cleanText(t.text()) || null;
    });
  return found;
}

/** The first short text holding a date among the elements that follow the headline ("Written by … on November 14, 2019"). */
function dateAfterHeadline($: cheerio.CheerioAPI, limit = 40): string | null {
  const h1 = firstH1($);
  if (!h1) return null;
  let seen = 0;
  let found: string | null = null;
  const visit = (el: Element): boolean => {
    for (let n = el.next; n; n = n.next) {
      if (n.type !== "tag") continue;
      const e = n as Element;
      if (inChrome(e)) continue;
      const text = shortText(e, 120);
      if (text && DATE_LIKE.test(text)) {
        found = text;
        return true;
      }
      if (++seen > limit) return true;
      if (!text && e.children.some((c) => c.type === "tag")) {
        // descend into a container that follows the headline
        const first = e.children.find((c) => c.type === "tag") as Element | undefined;
        if (first) {
          const t = shortText(first, 120);
          if (t && DATE_LIKE.test(t)) {
            found = t;
            return true;
          }
          if (visit(first)) return true;
        }
      }
    }
    return false;
  };
  for (let up: Element | null = h1; up && up.type === "tag" && !found && seen <= limit; up = up.parent as Element | null) {
    if (visit(up)) break;
  }
  return found;
}

/** A date printed near the headline: an element whose class says date/time, with a short text holding a date. */
function visibleDate($: cheerio.CheerioAPI): string | null {
  let found: string | null = dateByClass($);
  if (!found) found = dateAfterHeadline($);
  return found;
}

function dateByClass($: cheerio.CheerioAPI): string | null {
  let found: string | null = null;
  headlineScope($)
    .find('[class*="date"], [class*="time"], [class*="ngay"], [class*="publish"], [class*="meta"], [class*="byline"], [class*="posted"]')
    .each((_, el) => {
      if (found || inChrome(el)) return;
      const text = shortText(el, 80);
      if (text && DATE_LIKE.test(text)) found = text;
    });
  return found;
}

/** The headline and where it was read: JSON-LD, the h1 (when og:title only adds the site name), og:title, microdata, h1, <title>. */
function pageTitle($: cheerio.CheerioAPI, meta: PageMetadata): { text: string; source: string } | null {
  const first = firstH1($);
  const h1 = (first && inlineText($(first))) || null;
  const og = meta.opengraph.title;
  if (meta.jsonld.headline) return { text: meta.jsonld.headline, source: "jsonld" };
  if (og && h1 && og !== h1 && og.includes(h1)) return { text: h1, source: "h1" };
  if (og) return { text: og, source: "opengraph" };
  if (meta.microdata.headline) return { text: meta.microdata.headline, source: "microdata" };
  if (h1) return { text: h1, source: "h1" };
  const title = cleanText($("title").first().text()).split(/\s+[|–—-]\s+/)[0];
  return title ? { text: title, source: "title" } : null;
}

const DATELINE = /^(?:(?:by|bởi|tác giả|đăng|posted|published|updated|cập nhật|ngày đăng)\b.{0,80}|.{0,40}\d{1,2}[/.-]\d{1,2}[/.-]\d{4}.{0,40})$/iu;

/** The article's own headline and a date / byline line printed above the text are not body text. */
export function dropHeadlineAndDateline(paragraphs: string[], title: string): string[] {
  const out = [...paragraphs];
  const fold = (s: string) => s.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();
  for (let i = 0; i < Math.min(3, out.length); ) {
    const p = out[i];
    const isTitle = fold(p) === fold(title);
    const isDateline = out.length > 1 && ((p.length < 100 && DATELINE.test(p)) || (p.length < 60 && DATE_LIKE.test(p)));
    if (isTitle || isDateline) out.splice(i, 1);
    else i++;
  }
  return out;
}

/** a[href] */
const isLink = (el: Element) => el.name === "a" && el.attribs.href != null;

/** The latest date written in the URL of a link inside the article text (an article cannot be older than what it links to). */
function latestLinkedDate($: cheerio.CheerioAPI, nodes: Element[], url: string): { at: Date; day: string; href: string } | null {
  let best: { at: Date; day: string; href: string } | null = null;
  for (const node of nodes) {
    for (const a of elementsIn(node, isLink)) {
      const href = absoluteUrl(a.attribs.href, url);
      const day = href ? urlDate(href) : null;
      if (!href || !day) continue;
      const at = new Date(`${day}T00:00:00+07:00`);
      if (!best || at > best.at) best = { at, day, href };
    }
  }
  return best;
}

/** [rel="author"], [itemprop="author"], [class*="byline"], [class*="author"], .tac-gia, .tacgia */
const isBylineElement = (el: Element) => {
  const a = el.attribs;
  return (
    a.rel?.toLowerCase() === "author" ||
    a.itemprop === "author" ||
    (a.class !== undefined && (a.class.includes("byline") || a.class.includes("author") || hasClass(el, "tac-gia") || hasClass(el, "tacgia")))
  );
};

/** A visible byline element near the headline (rel=author, itemprop=author, class byline/author/tác giả). */
function pageBylineElement($: cheerio.CheerioAPI): string | null {
  for (const scope of headlineScope($).toArray()) {
    for (const el of elementsIn(scope, isBylineElement)) {
      if (inChrome(el)) continue;
      const text = shortText(el, 100);
      if (text && text.length > 2) return text;
    }
  }
  return null;
}

/** The byline or source line: "Nguồn: …" closing the text, else the JSON-LD / meta author, else a visible byline element. */
function pageByline(meta: PageMetadata, bodyText: string, visible: string | null): { text: string; source: string } | null {
  const credit = /(?:^|\n)\s*((?:Nguồn|Theo)\s*:[^\n]+)$/.exec(bodyText)?.[1];
  if (credit) return { text: cleanText(credit), source: "source_line" };
  if (meta.author.jsonld) return { text: meta.author.jsonld, source: "jsonld" };
  if (meta.author.meta) return { text: meta.author.meta, source: "meta" };
  return visible ? { text: visible, source: "page" } : null;
}

/**
 * A date written in the URL path ("/2024/02/09/…", "/2024-02-09-…", "/20240209-…", "…-20240209.html"),
 * as "yyyy-mm-dd"; the weakest evidence.
 */
export function urlDate(url: string): string | null {
  const path = pathOf(url);
  const m =
    /\/((?:19|20)\d{2})[/-]?(0[1-9]|1[0-2])[/-]?(0[1-9]|[12]\d|3[01])(?=[-/_.]|$)/.exec(path) ??
    /[-_]((?:19|20)\d{2})(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])(?=[-_.]|\/|$)/.exec(path);
  return m ? `${m[1]}-${m[2]}-${m[3]}` : null;
}

/**
 * A sitemap as a listing: its same-host pages that look like articles (every page of a news sitemap),
 * dated by <news:publication_date> only (lastmod is an edit time). A sitemap index lists no article:
 * `cchc source probe` picks its child sitemaps as start URLs.
 */
export function sitemapListing(body: string, url: string, ctx: AdapterContext): ListingPage {
  const map = readSitemap(body, url);
  if (map.kind === "index") return { items: [], next: null };
  const host = new URL(url).host;
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (const e of map.entries) {
    if (new URL(e.url).host !== host || !(map.news || looksLikeArticleUrl(e.url))) continue;
    const id = pathItemId(e.url);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const parsed = e.published ? parseVietnameseDate(e.published, { now: ctx.now, order: ctx.dateOrder }) : null;
    items.push({
      url: e.url,
      title: e.title ?? "",
      item_id: id,
      published_text: e.published,
      published_at: parsed?.ok ? parsed.value.iso : null,
      date_source: parsed?.ok ? "listing" : null,
    });
  }
  return { items, next: null };
}

export const generic: Adapter = {
  platform: "generic",

  isArticleUrl: looksLikeArticleUrl,

  itemIdFromUrl: pathItemId,

  parseListing(body, url, ctx): ListingPage {
    if (isFeed(body)) return feedListing(body, url, ctx, (link) => pathItemId(link));
    if (isSitemap(body)) return sitemapListing(body, url, ctx);
    const $ = loadFast(body);
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
    const $ = loadFast(body);
    const meta = readMetadata($);
    const title = pageTitle($, meta);
    if (!title) throw new ExtractionError("no title (JSON-LD headline, og:title, microdata headline, h1 or <title>)", url);
    // Metadata dates first; the dates printed on the page are read (before the main-text pass prunes
    // the document) only when no metadata date parses, or later from a fresh parse when one is refused.
    const metaDates: DateCandidate[] = [
      { text: meta.jsonld.datePublished, source: "jsonld" },
      { text: meta.opengraph.publishedTime, source: "opengraph" },
      { text: meta.dates.published, source: "meta" },
    ];
    const pageDates = (doc: cheerio.CheerioAPI): DateCandidate[] => [
      { text: timeElementDate(doc), source: "time" },
      { text: visibleDate(doc), source: "byline", confidence: 0.8 },
    ];
    const lastResort: DateCandidate[] = [
      { text: meta.microdata.datePublished, source: "microdata" },
      { text: urlDate(url), source: "url" },
    ];
    const metaParses = metaDates.some((c) => c.text && parseVietnameseDate(c.text, { now: ctx.now, order: ctx.dateOrder }).ok);
    let printed = metaParses ? null : pageDates($);
    const visibleByline = meta.author.jsonld || meta.author.meta ? null : pageBylineElement($);
    const found = findMainContent(body, 140, $);
    if (!found) throw new ExtractionError("no main content (no block of text long enough)", url);
    const paragraphs = found.nodes.flatMap((n) => blockText(found.$, found.$(n)).split("\n\n")).filter(Boolean);
    const bodyText = dropHeadlineAndDateline(paragraphs, title.text).join("\n\n");
    if (!bodyText) throw new ExtractionError("no main content (only the headline and its date line)", url);
    const linked = latestLinkedDate(found.$, found.nodes, url);
    const check = linked
      ? (instant: Date) => (instant.getTime() < linked.at.getTime() - DAY_MS ? `older than a page it links to (${linked.day} in ${linked.href})` : null)
      : undefined;
    let date = articleDate([...metaDates, ...(printed ?? []), ...lastResort], ctx, check);
    if (!printed && date.date_source !== "jsonld" && date.date_source !== "opengraph" && date.date_source !== "meta") {
      printed = pageDates(loadFast(body));
      date = articleDate([...metaDates, ...printed, ...lastResort], ctx, check);
    }
    const canonical =
      absoluteUrl(meta.canonical, url) ?? absoluteUrl(meta.opengraph.url, url) ?? absoluteUrl(meta.jsonld.url, url) ?? url;
    const itemId = pathItemId(canonical) ?? pathItemId(url);
    if (!itemId) throw new ExtractionError("no item id: the URL has no path", url);
    const byline = pageByline(meta, bodyText, visibleByline);
    return {
      title: title.text,
      title_source: title.source,
      body_text: bodyText,
      canonical_url: canonical,
      item_id: itemId,
      description: meta.jsonld.description ?? meta.opengraph.description,
      byline: byline?.text ?? null,
      byline_source: byline?.source ?? null,
      ...date,
    };
  },
};
