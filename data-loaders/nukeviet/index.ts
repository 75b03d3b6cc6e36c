/**
 * NukeViet 4.x news module (structure of themes/default/modules/news/*.tpl):
 *  - listings `/vi/news/<cat>/`, `/page-N` (viewcat_page and the grid / top /
 *    main layouts: `.news_column` panels, title links, the `.text-muted` publtime
 *    line; viewcat_list: `.list-group a.show`, undated; `ul.pagination`);
 *  - articles `…/<slug>-<id>.html` (detail.tpl: `[itemprop=headline]`,
 *    `.hometext[itemprop=description]`, `#news-bodyhtml`, `span.h5` publtime
 *    "Thứ hai - 25/12/2023 21:47", author / "Nguồn tin" block), and their
 *    print (`#print #content`, `#hometext`, `#bodytext`) and savefile copies,
 *    which share the trailing id;
 *  - RSS `/vi/news/rss/[<cat>/]`.
 * The publication date is the visible publtime line: the microdata
 * datePublished of an edited article is its edit time (modules/news/theme.php),
 * so it comes last, after article:published_time (PHP zone quirk).
 */
import * as cheerio from "cheerio";
import { loadPlatformHtml } from "../common/parse.ts";
import { blockText, cleanText, inlineText } from "../common/html-text.ts";
import { feedListing, isFeed } from "../common/feed.ts";
import { absoluteUrl, pathOf, readMetadata } from "../common/metadata.ts";
import { articleDate, parseVietnameseDate } from "../common/vi-dates.ts";
import { type Adapter, type ExtractedArticle, ExtractionError, type ListingItem, type ListingPage } from "../types.ts";

const ARTICLE_ID = /-(\d+)\.html?$/;
/** Print and savefile copies: /vi/news/print/<cat>/<slug>-<id>.html, /vi/news/savefile/<cat>/… */
const COPY_SEGMENT = /\/(?:print|savefile)(?=\/)/;

export const nukeviet: Adapter = {
  platform: "nukeviet",

  isArticleUrl(url) {
    const path = pathOf(url);
    return ARTICLE_ID.test(path) && !/\/rss\//.test(path);
  },

  itemIdFromUrl(url) {
    return ARTICLE_ID.exec(pathOf(url))?.[1] ?? null;
  },

  parseListing(body, url, ctx): ListingPage {
    if (isFeed(body)) return feedListing(body, url, ctx, (link) => (this.isArticleUrl(link) ? this.itemIdFromUrl(link) : null));
    const $ = loadPlatformHtml(body);
    const items: ListingItem[] = [];
    const byId = new Map<string, ListingItem>();
    // viewcat_page / _grid / _top / _main_*: links inside .news_column panels; viewcat_list: a.show in .list-group (no date).
    $(".news_column a[href], .list-group a.show[href]").each((_, el) => {
      const a = $(el);
      if (a.closest(".pagination, .generate_page").length) return;
      const href = absoluteUrl(a.attr("href"), url);
      if (!href || !this.isArticleUrl(href) || COPY_SEGMENT.test(pathOf(href))) return;
      const id = this.itemIdFromUrl(href)!;
      const title = cleanText(a.attr("title") ?? "") || inlineText(a.clone().find(".label").remove().end());
      const known = byId.get(id);
      if (known) {
        if (!known.title && title) known.title = title;
        return;
      }
      const box = a.closest(".panel-body, li, .item, .thumbnail");
      const timeText = cleanText(box.find(".text-muted li").first().text() || box.find("em.fa-clock-o").parent().text()) || null;
      const parsed = timeText ? parseVietnameseDate(timeText, { now: ctx.now, order: ctx.dateOrder }) : null;
      const item: ListingItem = {
        url: href,
        title,
        item_id: id,
        published_text: timeText,
        published_at: parsed?.ok ? parsed.value.iso : null,
      };
      byId.set(id, item);
      items.push(item);
    });
    return { items: items.filter((i) => i.title), next: nextPage($, url) };
  },

  parseArticle(body, url, ctx): ExtractedArticle {
    const $ = loadPlatformHtml(body);
    const itemId = this.itemIdFromUrl(url);
    if (!itemId) throw new ExtractionError("no trailing numeric id in the URL (…-<id>.html)", url);
    const meta = readMetadata($);
    const isPrint = $("#print #content").length > 0;
    const title = isPrint
      ? inlineText($("#print #content h1"))
      : inlineText($('[itemprop="headline"]')) || inlineText($("h1"));
    if (!title) throw new ExtractionError("no headline ([itemprop=headline], or #content h1 on a print page)", url);
    const bodyEl = isPrint ? $("#bodytext") : $("#news-bodyhtml");
    if (bodyEl.length === 0) throw new ExtractionError(`no article body (${isPrint ? "#bodytext" : "#news-bodyhtml"})`, url);
    const description = cleanText(isPrint ? $("#hometext").text() : $('.hometext, [itemprop="description"]').first().text()) || null;
    const bodyText = [description, blockText($, bodyEl)].filter(Boolean).join("\n\n");
    if (!bodyText) throw new ExtractionError("empty article body", url);

    const publtime = isPrint
      ? $("#print #content ul.list-inline li").first().text()
      : $('[itemprop="headline"]').closest(".panel-body").find("span.h5").first().text();
    const date = articleDate(
      [
        { text: cleanText(publtime), source: "byline" },
        { text: meta.opengraph.publishedTime, source: "opengraph" },
        { text: meta.microdata.datePublished, source: "microdata" },
      ],
      ctx,
    );
    const credit = (label: RegExp) => {
      const strong = $("strong")
        .filter((_, el) => label.test($(el).text()))
        .first();
      return cleanText(strong.parent().text().replace(label, "").replace(/^\s*:/, "")) || null;
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
      ...date,
    };
  },
};

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

function nextPage($: cheerio.CheerioAPI, url: string): string | null {
  const current = Number(/\/page-(\d+)\/?$/.exec(pathOf(url))?.[1] ?? 1);
  let next: string | null = null;
  $(".pagination a[href]").each((_, el) => {
    const href = $(el).attr("href")!;
    const n = /\/page-(\d+)\/?$/.exec(href);
    if (n && Number(n[1]) === current + 1) next = absoluteUrl(href, url);
  });
  return next;
}
