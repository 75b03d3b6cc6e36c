/**
 * The contract every platform adapter fulfils. Adapters are pure: HTML (or XML)
 * and a URL in, values out; no network, disk or clock (pass `now` in).
 */

import type { MediaKind } from "../pipelines/vocabulary/index.ts";

/** Where a publication date was read, strongest first. */
export type DateSource = "byline" | "listing" | "feed" | "jsonld" | "opengraph" | "meta" | "time" | "microdata" | "url" | "analyst";

export interface ExtractedDate {
  /** ISO 8601 with +07:00, or null when no acceptable date was found (the item is flagged, never dated by the crawl). */
  published_at: string | null;
  /** The date exactly as written on the page, or null. */
  published_text: string | null;
  date_source: DateSource | null;
  /** 0..1: how sure the adapter is of the date. */
  date_confidence: number;
  /** How an incomplete date was completed, e.g. "year from listing context"; null when nothing was inferred. */
  date_resolution?: string | null;
  /** Dates read on the page and refused, each with its reason (e.g. older than a page the text links to). */
  date_problems?: string[];
}

export interface ListingItem {
  url: string;
  title: string;
  item_id: string;
  published_text?: string | null;
  published_at?: string | null;
  /** Where the listing date was read: "listing" (default) or "feed". */
  date_source?: DateSource | null;
  /** How an incomplete listing date was completed (e.g. a yearless date resolved from its neighbours). */
  date_resolution?: string | null;
  /**
   * "main": an item of the page's own list; "other": a title-only extra link (NukeViet's
   * "Các tin khác" under a page, the links after a block's lead item). Absent: "main".
   */
  role?: "main" | "other";
}

export interface ListingPage {
  items: ListingItem[];
  next: string | null;
  /**
   * Distinct article links (by the platform's article URL pattern) in the page's content
   * region, counted independently of the item selectors: more links than distinct items
   * read means the adapter missed some (a completeness alarm). Absent: not counted.
   */
  article_links?: number;
  /** The platform layout the page was recognised as (e.g. NukeViet "viewcat_grid"), when known. */
  layout?: string | null;
  /**
   * "oldest_first" when the page's dated items go forward in time (NukeViet's `viewcat_*_old`):
   * new items are then on the last page, so a walk may not stop at a page with nothing new.
   */
  order?: "newest_first" | "oldest_first" | null;
  /** Listing pages the page links to that list other sections (NukeViet: category links), for backfill discovery. */
  section_links?: string[];
}

export interface ExtractedArticle extends ExtractedDate {
  title: string;
  body_text: string;
  canonical_url: string;
  item_id: string;
  /** Lead / description where the platform has one (part of body_text too). */
  description?: string | null;
  /** Byline or "Nguồn:" line, kept for attribution. */
  byline?: string | null;
  /** Where the title was read (jsonld, opengraph, microdata, h1, title); set by adapters that choose among several. */
  title_source?: string | null;
  /** Where the byline was read (source_line, jsonld, meta, page). */
  byline_source?: string | null;
  /** Listing pages the article links to (NukeViet: its categories), for backfill discovery. */
  listing_links?: string[];
  /** text | video | audio | document | image | gallery; when the adapter does not say, detectMediaKind (common/media-kind.ts) reads the page. */
  media_kind?: MediaKind | null;
}

export interface AdapterContext {
  /** Current time, for rejecting future dates and resolving yearless ones. */
  now: Date;
  /** Per-source date order for ambiguous numeric dates. */
  dateOrder?: "dmy" | "mdy";
  /** Listing entry that led to this page (its date text gives a yearless date its context). */
  listingItem?: ListingItem;
}

export interface Adapter {
  readonly platform: string;
  /** Is this URL an article page (as opposed to a listing or feed)? */
  isArticleUrl(url: string): boolean;
  /** Stable identity of an article from its URL (e.g. NukeViet trailing id), or null. */
  itemIdFromUrl(url: string): string | null;
  parseListing(body: string, url: string, ctx: AdapterContext): ListingPage;
  parseArticle(body: string, url: string, ctx: AdapterContext): ExtractedArticle;
}

export class ExtractionError extends Error {
  constructor(
    message: string,
    readonly url: string,
  ) {
    super(`${url}: ${message}`);
  }
}
