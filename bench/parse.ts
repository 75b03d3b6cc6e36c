/**
 * Parsing the farm's pages on the product's path: each DEMO portal's article
 * pages (served by the farm's own handlers, no network) through its adapter's
 * `parseArticle` (data-loaders/<platform>), CPU time per page (median of 5
 * rounds; CPU time so that other jobs on the machine do not inflate it).
 * Baseline for the shared loader: `loadPlatformHtml` (htmlparser2, what every
 * adapter parses with; the generic adapter through main-text's `loadFast`, the
 * same options) against `loadAnyHtml` (parse5, cheerio's default) on the same
 * pages. Target: the generic adapter ≤ 1 ms per page, set against one
 * htmlparser2 parse of its pages.
 */
import { adapterFor } from "../data-loaders/index.ts";
import { loadAnyHtml, loadPlatformHtml } from "../data-loaders/common/parse.ts";
import { startFarm } from "../pipelines/farm/server.ts";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";

const PAGES_PER_PORTAL = 60;
const ROUNDS = 5;

function medianMs(pages: string[], fn: (body: string, i: number) => unknown): number {
  const times: number[] = [];
  for (let r = 0; r < ROUNDS; r++) {
    const start = process.cpuUsage();
    pages.forEach((p, i) => fn(p, i));
    const used = process.cpuUsage(start);
    times.push((used.user + used.system) / 1e3 / pages.length);
  }
  return times.sort((a, b) => a - b)[Math.floor(ROUNDS / 2)];
}

export const parseBench: Benchmark = {
  name: "parse",
  description: "adapters' parseArticle per farm page, and htmlparser2 against parse5 on the same pages",
  async run() {
    const farm = await startFarm();
    try {
      const byPlatform = new Map<string, { urls: string[]; bodies: string[] }>();
      for (const portal of farm.portals) {
        const adapter = adapterFor(portal.platform);
        const entry = byPlatform.get(portal.platform) ?? { urls: [], bodies: [] };
        byPlatform.set(portal.platform, entry);
        for (const path of portal.site.listingPaths) {
          let url: string | null = new URL(path, portal.baseUrl).href;
          while (url && entry.bodies.length < PAGES_PER_PORTAL * 2) {
            const u: URL = new URL(url);
            const listing = portal.site.handle(u.pathname, u.origin, u.searchParams);
            const page = adapter.parseListing(String(listing.body), url, { now: new Date() });
            for (const item of page.items) {
              const a = new URL(item.url);
              const res = portal.site.handle(a.pathname, a.origin, a.searchParams);
              if (res.status === 200) {
                entry.urls.push(item.url);
                entry.bodies.push(String(res.body));
              }
            }
            url = page.next;
          }
        }
      }
      const figures: Figure[] = [];
      const all: string[] = [];
      for (const [platform, { urls, bodies }] of byPlatform) {
        if (!bodies.length) continue;
        all.push(...bodies);
        const adapter = adapterFor(platform);
        const ms = medianMs(bodies, (b, i) => adapter.parseArticle(b, urls[i], { now: new Date() }));
        const kb = bodies.reduce((s, b) => s + Buffer.byteLength(b), 0) / bodies.length / 1024;
        // The generic adapter against the floor it cannot go under: one htmlparser2 parse of the same pages.
        const floor = platform === "generic" ? { name: "one loadPlatformHtml parse of the same pages", value: medianMs(bodies, (b) => loadPlatformHtml(b)), unit: "ms/page" } : null;
        figures.push(
          compare({ name: `${platform} parseArticle, ${bodies.length} farm pages (${kb.toFixed(1)} KB avg)`, value: ms, unit: "ms/page" }, floor, {
            higherIsBetter: false,
            ...(platform === "generic" ? { target: "≤ 1 ms per page", targetMet: ms <= 1 } : {}),
          }),
        );
      }
      const fast = medianMs(all, (b) => loadPlatformHtml(b));
      const slow = medianMs(all, (b) => loadAnyHtml(b));
      figures.push(
        compare(
          { name: `loadPlatformHtml (htmlparser2), ${all.length} farm pages`, value: fast * 1000, unit: "µs/page" },
          { name: "loadAnyHtml (parse5, cheerio's default)", value: slow * 1000, unit: "µs/page" },
          { higherIsBetter: false },
        ),
      );
      return { sizes: { pages: all.length }, figures };
    } finally {
      await farm.close();
    }
  },
};
