/**
 * NukeViet 4.5 listing pages (modules/news, default theme), every layout:
 *
 *  - category `viewcat_page_new/_old`: `.news_column` panels (`.featured` h2, then h3),
 *    "Các tin khác" `ul.related` with `(d/m/Y)`, dates `d/m/Y H:i:s` in `.text-muted`;
 *  - `viewcat_list_new/_old`: `.list-group > a.show` (undated, a running number label);
 *  - `viewcat_grid_new/_old`: a featured panel, then `.thumbnail` cells (`h4 > a.show`, undated);
 *  - `viewcat_main_left/_right/_bottom`: a featured panel with its `ul.related`, then one
 *    block per sub-category (lead h3 dated `d/m/Y H:i`, the rest in `ul.related`);
 *  - `viewcat_two_column`: `.news_column.two_column` blocks; `viewcat_none`: nothing;
 *  - the module home in each of these (after the `#hot-news` theme block, which is skipped);
 *  - tag / topic / block group / author pages (`H:i d/m/Y`, time first) and search results.
 *
 * Items come from explicit item selectors (`NUKEVIET_ITEM_SELECTORS`), in document order;
 * a thumbnail link and a title link to the same article in one box count once, while the
 * same article in two blocks is listed twice, as the page shows it. Independently of those
 * selectors, every article-pattern link in the content column is counted (`article_links`),
 * so a layout the selectors do not know is a visible shortfall, never a silent one.
 * Pure.
 */
import * as cheerio from "cheerio";
import { loadPlatformHtml } from "../common/parse.ts";
import type { AnyNode, Element } from "domhandler";
import { closestElement, firstElement, hasClass, isElement } from "../common/dom.ts";
import { cleanText, inlineTextWithout } from "../common/html-text.ts";
import { absoluteUrl, pathOf } from "../common/metadata.ts";
import { parseVietnameseDate } from "../common/vi-dates.ts";
import type { AdapterContext, ListingItem, ListingPage } from "../types.ts";

/** The links that are listing items, per layout (joined into one selector, read in document order). */
export const NUKEVIET_ITEM_SELECTORS = [
  ".panel-body h2 a", // viewcat_page / grid / main_*: the featured item
  ".panel-body h3 a", // viewcat_page items, block leads, tag/topic/group/author items, search results
  ".panel-body > a", // the thumbnail link next to a headline (counted once with it)
  "ul.related li a", // "Các tin khác", the links after a block's lead
  ".thumbnail a", // viewcat_grid cells
  ".list-group a.show", // viewcat_list
];

/** The content column of the default theme's body layouts; the sidebars after it link articles too. */
const CONTENT_COLUMNS = [".col-sm-12.col-md-13.col-sm-push-6.col-md-push-5", ".col-md-13", "#content", "main"];
/** Theme blocks inside the content column that are not the layout's list. */
const NOT_THE_LIST = "#hot-news, .pagination, .generate_page, .breadcrumbs-wrap, .breadcrumbs, .nv-block-banners, script, style";
/** Print and savefile copies share the article's id but are not items. */
const COPY_SEGMENT = /\/(?:print|savefile)(?=\/)/;

export interface ListingParseOptions {
  isArticleUrl(url: string): boolean;
  itemIdFromUrl(url: string): string | null;
  /** Override of NUKEVIET_ITEM_SELECTORS (tests break it on purpose). */
  itemSelectors?: string[];
}

export function contentColumn($: cheerio.CheerioAPI): cheerio.Cheerio<AnyNode> {
  for (const sel of CONTENT_COLUMNS) {
    const el = $(sel).first();
    if (el.length) return el;
  }
  const body = $("body").clone();
  body.find("header, nav, aside, footer").remove();
  return body;
}

/** The layout family a page shows, from its markup (see the fixtures' README for the table). */
export function detectLayout($: cheerio.CheerioAPI, column: cheerio.Cheerio<AnyNode>): string | null {
  const has = (sel: string) => column.find(sel).length > 0;
  if (has("span.keyword") || has(".search-result, form[action*='search']") && has(".panel-body > .clearfix h3")) return "search";
  if (has(".news_column.two_column")) return "viewcat_two_column";
  if (has(".sub-list-icon") || has(".panel-heading h4 a") && has("ul.related li.icon_list")) {
    const row = column.find(".news_column .panel.clearfix .panel-body > .row").first();
    if (!row.length) return "viewcat_main_bottom";
    return row.children().first().is(".col-md-8") ? "viewcat_main_left" : "viewcat_main_right";
  }
  if (has(".list-group a.show")) return "viewcat_list";
  if (has(".thumbnail .caption h4 a")) return "viewcat_grid";
  if (has(".panel-body.featured") || has(".news_column .panel-body h3 ~ .text-muted") || has("h4 + ul.related")) return "viewcat_page";
  if (has(".news_column.panel .panel-body h3 a")) return "topic";
  if (column.find("a[href]").length === 0) return "viewcat_none";
  return null;
}

// Predicates for the per-item selector queries (tree walks, data-loaders/common/dom.ts): each
// matches what the CSS in its name selects (ancestors are looked for up to the document, as CSS does).
const isRelatedUl = (el: Element) => el.name === "ul" && hasClass(el, "related");
/** `ul.related` is the element or one of its ancestors (`closest("ul.related")`). */
const inRelated = (el: Element) => closestElement(el, isRelatedUl) !== null;
const hasAncestor = (el: Element, test: (e: Element) => boolean) => el.parent !== null && isElement(el.parent) && closestElement(el.parent, test) !== null;
/** `ul.related li` */
const isRelatedLi = (el: Element) => el.name === "li" && hasAncestor(el, isRelatedUl);
const isTextMuted = (el: Element) => hasClass(el, "text-muted");
const isClockEm = (el: Element) => el.name === "em" && hasClass(el, "fa-clock-o");
/** `em:not(.fa)` */
const isDateEm = (el: Element) => el.name === "em" && !hasClass(el, "fa");
const isPanelBody = (el: Element) => hasClass(el, "panel-body");
/** `.label`: the running-number badge of a viewcat_list link, not part of its title */
const isLabel = (el: Element) => hasClass(el, "label");
/** `.thumbnail, .list-group` */
const isCell = (el: Element) => hasClass(el, "thumbnail") || hasClass(el, "list-group");
/** `ul.related li, .thumbnail, .panel-body, .list-group a.show`: an item's box */
const isItemBox = (el: Element) =>
  isRelatedLi(el) || hasClass(el, "thumbnail") || hasClass(el, "panel-body") || (el.name === "a" && hasClass(el, "show") && hasAncestor(el, (e) => hasClass(e, "list-group")));

/** The date text shown with an item, or null: main items `.text-muted` / `p > em`, other links `<em>(…)</em>`. */
function itemDateText($: cheerio.CheerioAPI, a: Element): string | null {
  const emText = (root: AnyNode) => {
    const em = firstElement(root, isDateEm);
    return cleanText(em ? $(em).text() : "") || null;
  };
  // closest("ul.related li"), then its first em:not(.fa)
  const li = closestElement(a, isRelatedLi);
  if (li) return emText(li);
  const box = closestElement(a, isPanelBody);
  if (!box || closestElement(a, isCell)) return null;
  // the box's first `.text-muted li` holding an `em.fa-clock-o`, outside any ul.related
  const clock = firstElement(box, (el) => el.name === "li" && hasAncestor(el, isTextMuted) && firstElement(el, isClockEm) !== null && !inRelated(el));
  if (clock) return cleanText($(clock).text()) || null;
  // else its first `p em.fa-clock-o` outside any ul.related: the first em:not(.fa) beside it
  const timeEm = firstElement(box, (el) => isClockEm(el) && hasAncestor(el, (e) => e.name === "p") && !inRelated(el));
  if (timeEm && timeEm.parent) return emText(timeEm.parent);
  return null;
}

/** Parse one NukeViet listing page (HTML). */
export function parseNukeVietListing(body: string, url: string, ctx: AdapterContext, opts: ListingParseOptions): ListingPage {
  const $ = loadPlatformHtml(body);
  const next = nextPage($, url);
  const column = contentColumn($);
  column.find(NOT_THE_LIST).remove();
  // each link is read once: the item links are among the a[href] counted first
  const hrefs = new Map<AnyNode, { href: string; id: string } | null>();
  const articleHref = (el: AnyNode): { href: string; id: string } | null => {
    if (hrefs.has(el)) return hrefs.get(el)!;
    const href = absoluteUrl((el as Element).attribs?.href, url);
    const id = !href || !opts.isArticleUrl(href) || COPY_SEGMENT.test(pathOf(href)) ? null : opts.itemIdFromUrl(href);
    const hit = href && id ? { href, id } : null;
    hrefs.set(el, hit);
    return hit;
  };

  const linked = new Set<string>();
  column.find("a[href]").each((_, el) => {
    const hit = articleHref(el);
    if (hit) linked.add(hit.id);
  });

  const items: ListingItem[] = [];
  let lastBox: AnyNode | null = null;
  const selector = (opts.itemSelectors ?? NUKEVIET_ITEM_SELECTORS).join(", ");
  column.find(selector).each((_, el) => {
    const hit = articleHref(el);
    if (!hit) return;
    const a = $(el);
    const box = closestElement(el as Element, isItemBox) ?? el;
    const title = cleanText(a.attr("title") ?? "") || inlineTextWithout(el as Element, isLabel);
    const prev = items.at(-1);
    if (prev && prev.item_id === hit.id && lastBox === box) {
      if (!prev.title && title) prev.title = title;
      return;
    }
    lastBox = box;
    const text = itemDateText($, el as Element);
    const parsed = text ? parseVietnameseDate(text.replace(/^\((.*)\)$/, "$1"), { now: ctx.now, order: ctx.dateOrder }) : null;
    items.push({
      url: hit.href,
      title,
      item_id: hit.id,
      published_text: text,
      published_at: parsed?.ok ? parsed.value.iso : null,
      role: inRelated(el as Element) ? "other" : "main",
    });
  });

  const sections = new Set<string>();
  column.find(".panel-heading a[href]").each((_, el) => {
    const href = absoluteUrl($(el).attr("href"), url);
    if (href && !opts.isArticleUrl(href)) sections.add(href);
  });
  return {
    items: items.filter((i) => i.title),
    order: listOrder(items),
    next,
    article_links: linked.size,
    layout: detectLayout($, column),
    ...(sections.size ? { section_links: [...sections] } : {}),
  };
}

/** `<link rel="next">` in the head (NukeViet writes it correctly), else the pagination link to page current+1. */
export function nextPage($: cheerio.CheerioAPI, url: string): string | null {
  const head = absoluteUrl($('head link[rel="next"]').attr("href"), url);
  if (head) return head;
  const current = Number(/\/page-(\d+)\/?$/.exec(pathOf(url))?.[1] ?? 1);
  let next: string | null = null;
  $(".pagination a[href]").each((_, el) => {
    const href = $(el).attr("href")!;
    const n = /\/page-(\d+)\/?$/.exec(href);
    if (n && Number(n[1]) === current + 1) next = absoluteUrl(href, url);
  });
  return next;
}

/** The order of a page's own list from its dated main items (two or more), else null. */
export function listOrder(items: ListingItem[]): "newest_first" | "oldest_first" | null {
  const times = items.filter((i) => i.role !== "other" && i.published_at).map((i) => Date.parse(i.published_at!));
  if (times.length < 2) return null;
  const up = times.every((t, k) => k === 0 || t >= times[k - 1]!);
  const down = times.every((t, k) => k === 0 || t <= times[k - 1]!);
  return up && !down ? "oldest_first" : down && !up ? "newest_first" : null;
}
