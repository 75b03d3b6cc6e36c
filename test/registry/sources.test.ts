import { describe, expect, it } from "vitest";
import { loadRegistry, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";
import { crawlSources } from "../../pipelines/registry/sources.ts";
import { MINIMAL } from "./helpers.ts";

describe("crawlSources: the registry's real sources for the crawler", () => {
  it("resolves start URLs against the base URL and carries politeness and date order", () => {
    const [portal, site] = crawlSources(loadRegistry(MINIMAL), "2024-06-01");
    expect(portal).toMatchObject({ source_id: "portal", agency_id: null, channel: "provincial_portal", start_urls: ["https://example.org/vi/news/rss/"], schedule: "0 6 * * *", is_demo: false });
    expect(site).toMatchObject({ source_id: "so-a-site", agency_id: "so-a", date_order: "mdy", delay_ms: 1000, concurrency: 2, start_urls: ["https://a.example.org/"] });
  });

  it("takes only crawlable sources valid on the day (the provincial portal before and after its redesign)", () => {
    const registry = loadRegistry(SHIPPED_REGISTRY_DIR);
    const ids = (day: string) => crawlSources(registry, day).map((s) => s.source_id);
    expect(ids("2025-06-01")).toContain("tayninh-portal");
    expect(ids("2025-06-01")).not.toContain("tayninh-portal-2026");
    expect(ids("2026-03-01")).toContain("tayninh-portal-2026");
    expect(ids("2026-03-01")).not.toContain("tayninh-portal");
    expect(ids("2025-06-01")).not.toContain("stc-egov");
    expect(ids("2025-06-01").some((id) => id.startsWith("demo-"))).toBe(false);
  });
});
