import type { SourceBudget } from "./budgets.ts";

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
  /** Requests in flight to this source's host at once (default: limits.hostConcurrency). */
  concurrency?: number;
  /** Cron expression (croner syntax, Asia/Ho_Chi_Minh) for `cchc schedule`. */
  schedule?: string;
  /** Further hosts (or URLs) of the same source that redirects may lead to. */
  hosts?: string[];
  /**
   * Private / intranet networks this source may connect to (registry `politeness.allow_addresses`,
   * logged as a warning on every run). DEMO sources may reach loopback without it.
   */
  allow_addresses?: string[];
  /** Overrides of the per-run budget (budgets.ts DEFAULT_BUDGET; registry `budget:`). */
  budget?: Partial<SourceBudget>;
  /** Accept broken TLS chains / legacy renegotiation for this source (logged as a warning). */
  insecure_tls?: boolean;
}
