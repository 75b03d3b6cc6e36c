/** What one DEMO portal of the farm is: a platform and a request handler. */
import type { DemoArticle } from "./content.ts";

export interface FarmResponse {
  status: number;
  type?: string;
  body: string | Buffer;
  headers?: Record<string, string>;
}

export interface FarmSite {
  platform: string;
  /** Listing entry points, relative to the site's origin. */
  listingPaths: string[];
  /** Feed entry points (RSS/Atom), if the platform has them. */
  feedPaths: string[];
  /** How many distinct articles the site holds (what a full crawl must find). */
  articleCount: number;
  /** The items it serves, newest first: the truth a crawl of the site is checked against. */
  articles?: DemoArticle[];
  /** `query` carries the query string for platforms that page or address items with it (SharePoint, baotayninh.vn). */
  handle(path: string, origin: string, query?: URLSearchParams): FarmResponse;
}
