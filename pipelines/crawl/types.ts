/** A crawlable source as the crawler sees it (resolved from the registry). */
export interface CrawlSource {
  source_id: string;
  agency_id: string | null;
  channel: string;
  platform: string;
  name: string;
  base_url: string;
  /** Absolute listing / feed URLs. */
  start_urls: string[];
  is_demo: boolean;
  date_order?: "dmy" | "mdy";
  /** Minimum delay between two requests to this source's host, in ms. */
  delay_ms: number;
  /** Listing pages to walk at most per start URL. */
  max_pages: number;
}
