/**
 * The DEMO sources: the farm's portals as crawlable sources, bound to the
 * base URLs the running farm got. Their definitions live in
 * registry/demo/sources.yaml (validated with the rest of the registry); every
 * one is marked is_demo. A source whose portal the farm does not serve is skipped.
 */
import type { CrawlSource } from "../crawl/types.ts";
import { loadRegistry } from "../registry/load.ts";
import type { DemoSource } from "../registry/types.ts";
import type { RunningPortal } from "./server.ts";

let defsCache: DemoSource[] | undefined;

/** The DEMO source definitions (registry/demo/sources.yaml, validated against the agencies), read once when first needed. */
export function demoSourceDefs(): DemoSource[] {
  return (defsCache ??= loadRegistry(undefined, ["demo"]).demo_sources);
}

export function demoSources(portals: RunningPortal[], delayMs = 0, defs: DemoSource[] = demoSourceDefs()): CrawlSource[] {
  return defs.flatMap((def) => {
    const portal = portals.find((p) => p.key === def.portal);
    if (!portal) return [];
    if (def.platform && def.platform !== portal.platform) {
      throw new Error(`registry/demo/sources.yaml: ${def.id}: platform is ${def.platform} but farm portal "${def.portal}" serves ${portal.platform}`);
    }
    const paths = def.start_paths ?? portal.site.listingPaths;
    return [
      {
        source_id: def.id,
        agency_id: def.agency_id,
        channel: def.channel,
        platform: portal.platform,
        name: def.name,
        base_url: portal.baseUrl,
        start_urls: paths.map((p) => new URL(p, portal.baseUrl).href),
        is_demo: true,
        date_order: def.date_order,
        delay_ms: delayMs,
        max_pages: 50,
        concurrency: def.concurrency,
        ...(def.schedule ? { schedule: def.schedule } : {}),
      },
    ];
  });
}
