/** The registry's real sources as the crawler sees them. */
import type { CrawlSource } from "../crawl/types.ts";
import { validOn } from "./load.ts";
import type { Registry, Source } from "./types.ts";

/** Crawlable, non-DEMO sources valid on `day` (YYYY-MM-DD), as CrawlSource. */
export function crawlSources(registry: Registry, day: string, maxPages = 50): CrawlSource[] {
  return registry.sources
    .filter((s): s is Source & { platform: string; base_url: string } => s.crawlable && !!s.platform && !!s.base_url && validOn(s, day))
    .map((s) => ({
      source_id: s.id,
      agency_id: s.agency_id,
      channel: s.channel,
      platform: s.platform,
      name: s.name,
      base_url: s.base_url,
      start_urls: s.start_urls,
      is_demo: s.is_demo,
      date_order: s.date_order,
      delay_ms: s.delay_ms,
      max_pages: maxPages,
      concurrency: s.concurrency,
      ...(s.insecure_tls ? { insecure_tls: true } : {}),
      ...(s.hosts.length ? { hosts: s.hosts } : {}),
      ...(Object.keys(s.budget).length ? { budget: s.budget } : {}),
      ...(s.allow_addresses.length ? { allow_addresses: s.allow_addresses } : {}),
      ...(s.schedule ? { schedule: s.schedule } : {}),
    }));
}
