/**
 * The DEMO sources: the farm's portals as crawlable sources, bound to the
 * base URLs the running farm got. Every one is marked is_demo.
 */
import type { CrawlSource } from "../crawl/types.ts";
import type { RunningPortal } from "./server.ts";

interface DemoSourceDef {
  portal: string;
  source_id: string;
  agency_id: string | null;
  channel: string;
  name: string;
}

export const DEMO_SOURCE_DEFS: DemoSourceDef[] = [
  { portal: "sonoivu", source_id: "demo-sonoivu", agency_id: "so-noi-vu", channel: "own_portal", name: "DEMO Cổng TTĐT Sở Nội vụ" },
  { portal: "sotuphap", source_id: "demo-sotuphap", agency_id: "so-tu-phap", channel: "own_portal", name: "DEMO Cổng TTĐT Sở Tư pháp" },
  { portal: "trangbang", source_id: "demo-trangbang", agency_id: "ubnd-tx-trang-bang", channel: "own_portal", name: "DEMO Cổng TTĐT thị xã Trảng Bàng" },
  { portal: "tayninh", source_id: "demo-tayninh", agency_id: null, channel: "provincial_portal", name: "DEMO Cổng TTĐT tỉnh Tây Ninh" },
];

export function demoSources(portals: RunningPortal[], delayMs = 0): CrawlSource[] {
  return DEMO_SOURCE_DEFS.flatMap((def) => {
    const portal = portals.find((p) => p.key === def.portal);
    if (!portal) return [];
    return [
      {
        source_id: def.source_id,
        agency_id: def.agency_id,
        channel: def.channel,
        platform: portal.platform,
        name: def.name,
        base_url: portal.baseUrl,
        start_urls: portal.site.listingPaths.map((p) => new URL(p, portal.baseUrl).href),
        is_demo: true,
        delay_ms: delayMs,
        max_pages: 50,
      },
    ];
  });
}
