import { describe, expect, it } from "vitest";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import type { RunningPortal } from "../../pipelines/farm/server.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { MINIMAL } from "./helpers.ts";

const portal = (key: string, platform: string, listingPaths: string[]): RunningPortal =>
  ({ key, platform, baseUrl: `http://127.0.0.1:${4000 + key.length}`, site: { platform, listingPaths, feedPaths: [], articleCount: 0, handle: () => ({ status: 404, body: "" }) } }) as RunningPortal;

describe("demoSources from registry/demo/sources.yaml", () => {
  const defs = loadRegistry(MINIMAL).demo_sources;

  it("binds each DEMO source to its running portal; start paths default to the site's listings", () => {
    const sources = demoSources([portal("porta", "nukeviet", ["/vi/news/a/", "/vi/news/b/"]), portal("portp", "nukeviet", ["/x/"])], 250, defs);
    expect(sources).toEqual([
      expect.objectContaining({ source_id: "demo-a", agency_id: "so-a", channel: "own_portal", platform: "nukeviet", start_urls: ["http://127.0.0.1:4005/vi/news/a/", "http://127.0.0.1:4005/vi/news/b/"], is_demo: true, delay_ms: 250 }),
      expect.objectContaining({ source_id: "demo-portal", agency_id: null, channel: "provincial_portal", start_urls: ["http://127.0.0.1:4005/vi/news/rss/"] }),
    ]);
  });

  it("skips a DEMO source whose portal the farm does not serve", () => {
    expect(demoSources([portal("portp", "nukeviet", ["/"])], 0, defs).map((s) => s.source_id)).toEqual(["demo-portal"]);
  });

  it("refuses a portal that serves another platform than the registry says", () => {
    expect(() => demoSources([portal("porta", "sharepoint", ["/"])], 0, defs)).toThrow(/demo-a: platform is nukeviet but farm portal "porta" serves sharepoint/);
  });

  it("uses the shipped DEMO registry by default", () => {
    const sources = demoSources([portal("songoaivu", "sharepoint", ["/Lists/TinTuc/TongQuat.aspx"])]);
    expect(sources).toEqual([expect.objectContaining({ source_id: "demo-songoaivu", agency_id: "so-ngoai-vu", date_order: "mdy", is_demo: true })]);
  });
});
