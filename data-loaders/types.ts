/**
 * The contract every platform adapter fulfils. Adapters are pure: HTML (or XML)
 * and a URL in, values out; no network, disk or clock (pass `now` in).
 */

import type { MediaKind } from "../pipelines/vocabulary/index.ts";

/** Where a publication date was read, strongest first. */
export type DateSource = "byline" | "listing" | "feed" | "jsonld" | "opengraph" | "microdata" | "url" | "analyst";

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
}

export interface ListingPage {
  items: ListingItem[];
  next: string | null;
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
