/**
 * The extraction contract other tools depend on (`cchc extract`): one page in,
 * one JSON-ready object out. An article gives { title, published_at,
 * published_text, body_text, canonical_url, item_id } (then the date's
 * provenance); a listing or feed gives { items, next }. Pure.
 */
import { isSitemap } from "./common/discovery.ts";
import { isFeed } from "./common/feed.ts";
import type { Adapter, AdapterContext, ExtractedArticle, ListingPage } from "./types.ts";
import { ExtractionError } from "./types.ts";

export type PageKind = "article" | "listing" | "auto";

export interface ArticleOutput {
  title: string;
  published_at: string | null;
  published_text: string | null;
  body_text: string;
  canonical_url: string;
  item_id: string;
  date_source: string | null;
  date_confidence: number;
  date_resolution: string | null;
  byline: string | null;
  title_source?: string;
  byline_source?: string;
  date_problems?: string[];
}

/** The contract's fields in the contract's order. */
export function articleOutput(a: ExtractedArticle): ArticleOutput {
  return {
    title: a.title,
    published_at: a.published_at,
    published_text: a.published_text,
    body_text: a.body_text,
    canonical_url: a.canonical_url,
    item_id: a.item_id,
    date_source: a.date_source,
    date_confidence: a.date_confidence,
    date_resolution: a.date_resolution ?? null,
    byline: a.byline ?? null,
    ...(a.title_source ? { title_source: a.title_source } : {}),
    ...(a.byline_source ? { byline_source: a.byline_source } : {}),
    ...(a.date_problems?.length ? { date_problems: a.date_problems } : {}),
  };
}

/**
 * Extract a page with `adapter`. With kind "auto", feeds are listings, and a URL
 * the adapter calls an article is an article; otherwise the page is tried as an
 * article and, failing that, as a listing with at least one item. Sitemaps are listings too.
 */
/** A listing in the contract's shape: { items, next } (the crawler's completeness fields stay internal). */
function listingOutput(page: ListingPage): ListingPage {
  return { items: page.items, next: page.next };
}

export function extractPage(adapter: Adapter, body: string, url: string, ctx: AdapterContext, kind: PageKind = "auto"): ArticleOutput | ListingPage {
  if (kind === "listing" || (kind === "auto" && (isFeed(body) || isSitemap(body)))) return listingOutput(adapter.parseListing(body, url, ctx));
  if (kind === "article" || adapter.isArticleUrl(url)) return articleOutput(adapter.parseArticle(body, url, ctx));
  try {
    return articleOutput(adapter.parseArticle(body, url, ctx));
  } catch (error) {
    if (!(error instanceof ExtractionError)) throw error;
    const listing = adapter.parseListing(body, url, ctx);
    if (listing.items.length > 0) return listingOutput(listing);
    throw new ExtractionError(`neither an article (${error.message.slice(url.length + 2)}) nor a listing with items`, url);
  }
}
