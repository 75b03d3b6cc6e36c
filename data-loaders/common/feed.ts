/**
 * RSS 2.0 and Atom 1.0 feeds as listing pages. Pure. Feed dates are RFC 822
 * (RSS) or ISO 8601 (Atom); a feed has no next page unless Atom says rel="next".
 */
import * as cheerio from "cheerio";
import type { AdapterContext, ListingItem, ListingPage } from "../types.ts";
import { cleanText } from "./html-text.ts";
import { absoluteUrl } from "./metadata.ts";
import { parseVietnameseDate } from "./vi-dates.ts";

/** Does this body look like an RSS or Atom document (rather than HTML)? */
export function isFeed(body: string): boolean {
  const head = body.slice(0, 1000).replace(/^\uFEFF/, "");
  return /<rss[\s>]|<feed[\s>][^]*?xmlns="http:\/\/www\.w3\.org\/2005\/Atom"|<rdf:RDF[\s>]/i.test(head);
}

export interface FeedEntry {
  title: string;
  link: string | null;
  guid: string | null;
  date_text: string | null;
  summary: string | null;
}

/** Entries of an RSS 2.0 / RSS 1.0 / Atom feed, in document order. */
export function readFeed(body: string, url: string): { entries: FeedEntry[]; next: string | null; title: string | null } {
  const $ = cheerio.load(body, { xml: true });
  const entries: FeedEntry[] = [];
  const text = (el: cheerio.Cheerio<never>, sel: string) => cleanText($(el).children(sel).first().text()) || null;
  if ($("feed").length) {
    $("feed > entry").each((_, el) => {
      const links = $(el).children("link");
      const alternate = links.filter((_, l) => !$(l).attr("rel") || $(l).attr("rel") === "alternate").first();
      entries.push({
        title: text(el as never, "title") ?? "",
        link: absoluteUrl(alternate.attr("href"), url),
        guid: text(el as never, "id"),
        date_text: text(el as never, "published") ?? text(el as never, "updated"),
        summary: text(el as never, "summary") ?? text(el as never, "content"),
      });
    });
    const next = absoluteUrl($('feed > link[rel="next"]').attr("href"), url);
    return { entries, next, title: cleanText($("feed > title").first().text()) || null };
  }
  $("item").each((_, el) => {
    entries.push({
      title: text(el as never, "title") ?? "",
      link: absoluteUrl(text(el as never, "link"), url),
      guid: text(el as never, "guid"),
      date_text: text(el as never, "pubDate") ?? text(el as never, "dc\\:date"),
      summary: text(el as never, "description"),
    });
  });
  return { entries, next: null, title: cleanText($("channel > title").first().text()) || null };
}

/**
 * A feed as a listing page. `itemId` gives the platform identity of a link
 * (e.g. NukeViet's trailing id); entries it rejects are skipped.
 */
export function feedListing(
  body: string,
  url: string,
  ctx: AdapterContext,
  itemId: (link: string, entry: FeedEntry) => string | null,
): ListingPage {
  const { entries, next } = readFeed(body, url);
  const items: ListingItem[] = [];
  const seen = new Set<string>();
  for (const entry of entries) {
    if (!entry.link) continue;
    const id = itemId(entry.link, entry);
    if (!id || seen.has(id)) continue;
    seen.add(id);
    const parsed = entry.date_text ? parseVietnameseDate(entry.date_text, { now: ctx.now }) : null;
    items.push({
      url: entry.link,
      title: entry.title,
      item_id: id,
      published_text: entry.date_text,
      published_at: parsed?.ok ? parsed.value.iso : null,
      date_source: parsed?.ok ? "feed" : null,
    });
  }
  return { items, next };
}
