/**
 * NukeViet 4.x news module: listings (`/vi/news/<cat>/`, `/page-N`), article
 * pages (`…/<slug>-<id>.html`, savefile copies share the trailing id), RSS.
 * The publication date is the visible publtime line: the microdata
 * datePublished of an edited article is its edit time.
 */
import * as cheerio from "cheerio";
import { parseVietnameseDate } from "../common/vi-dates.ts";
import { blockText, cleanText } from "../common/html-text.ts";
import { toVietnamIso } from "../../pipelines/time/vietnam-time.ts";
import { type Adapter, type AdapterContext, type ExtractedArticle, ExtractionError, type ListingPage } from "../types.ts";

const ARTICLE_ID = /-(\d+)\.html?$/;

export const nukeviet: Adapter = {
  platform: "nukeviet",

  isArticleUrl(url) {
    return ARTICLE_ID.test(new URL(url).pathname);
  },

  itemIdFromUrl(url) {
    return ARTICLE_ID.exec(new URL(url).pathname)?.[1] ?? null;
  },

  parseListing(body, url, ctx): ListingPage {
    if (/^\s*<\?xml|<rss[\s>]/i.test(body.slice(0, 500))) return parseRss(body, url, ctx);
    const $ = cheerio.load(body);
    const items: ListingPage["items"] = [];
    const seen = new Set<string>();
    $(".news_column h3 a[href], .news_column h2 a[href]").each((_, el) => {
      const href = new URL($(el).attr("href")!, url).href;
      const id = this.itemIdFromUrl(href);
      if (!id || seen.has(id)) return;
      seen.add(id);
      const timeText = cleanText($(el).closest(".news_column").find(".text-muted li").first().text()) || null;
      const parsed = timeText ? parseVietnameseDate(timeText, { now: ctx.now, order: ctx.dateOrder }) : null;
      items.push({
        url: href,
        title: cleanText($(el).attr("title") || $(el).text()),
        item_id: id,
        published_text: timeText,
        published_at: parsed?.ok ? parsed.value.iso : null,
      });
    });
    return { items, next: nextPage($, url) };
  },

  parseArticle(body, url, ctx): ExtractedArticle {
    const $ = cheerio.load(body);
    const title = cleanText($('[itemprop="headline"]').first().text() || $("h1").first().text());
    if (!title) throw new ExtractionError("no headline ([itemprop=headline] or h1)", url);
    const bodyEl = $("#news-bodyhtml");
    if (bodyEl.length === 0) throw new ExtractionError("no article body (#news-bodyhtml)", url);
    const description = cleanText($('[itemprop="description"]').first().text()) || null;
    const text = blockText($, bodyEl);
    const bodyText = [description, text].filter(Boolean).join("\n\n");
    const itemId = this.itemIdFromUrl(url);
    if (!itemId) throw new ExtractionError("no trailing numeric id in the URL", url);

    const publtime = cleanText($(".panel-body .h5").first().text()) || null;
    const byLine = publtime ? parseVietnameseDate(publtime, { now: ctx.now }) : null;
    let date: Pick<ExtractedArticle, "published_at" | "published_text" | "date_source" | "date_confidence"> = {
      published_at: null,
      published_text: publtime,
      date_source: null,
      date_confidence: 0,
    };
    if (byLine?.ok) {
      date = { published_at: byLine.value.iso, published_text: publtime, date_source: "byline", date_confidence: 0.95 };
    } else if (ctx.listingItem?.published_at) {
      date = {
        published_at: ctx.listingItem.published_at,
        published_text: ctx.listingItem.published_text ?? null,
        date_source: "listing",
        date_confidence: 0.85,
      };
    }
    const source = cleanText($('strong:contains("Nguồn tin")').parent().text().replace(/Nguồn tin:?/, "")) || null;
    const canonicalHref = $('link[rel="canonical"]').attr("href");
    return {
      title,
      body_text: bodyText,
      canonical_url: canonicalHref ? new URL(canonicalHref, url).href : url,
      item_id: itemId,
      description,
      byline: source,
      ...date,
    };
  },
};

function nextPage($: cheerio.CheerioAPI, url: string): string | null {
  const current = Number(/\/page-(\d+)\/?$/.exec(new URL(url).pathname)?.[1] ?? 1);
  let next: string | null = null;
  $(".pagination a[href]").each((_, el) => {
    const href = $(el).attr("href")!;
    const n = /\/page-(\d+)\/?$/.exec(href);
    if (n && Number(n[1]) === current + 1) next = new URL(href, url).href;
  });
  return next;
}

function parseRss(body: string, url: string, ctx: AdapterContext): ListingPage {
  const $ = cheerio.load(body, { xml: true });
  const items: ListingPage["items"] = [];
  $("item").each((_, el) => {
    const link = cleanText($(el).find("link").first().text());
    if (!link) return;
    const href = new URL(link, url).href;
    const id = ARTICLE_ID.exec(new URL(href).pathname)?.[1];
    if (!id) return;
    const pub = cleanText($(el).find("pubDate").first().text()) || null;
    const instant = pub ? new Date(pub) : null;
    const valid = instant && !Number.isNaN(instant.getTime()) && instant.getTime() <= ctx.now.getTime();
    items.push({
      url: href,
      title: cleanText($(el).find("title").first().text()),
      item_id: id,
      published_text: pub,
      published_at: valid ? toVietnamIso(instant!) : null,
    });
  });
  return { items, next: null };
}
