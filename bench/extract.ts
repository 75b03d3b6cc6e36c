/**
 * Article extraction speed (issue 15), in pages per second per core (process
 * CPU time, one process): the generic adapter against the NukeViet adapter on
 * the same DEMO NukeViet article pages, and the generic adapter on the DEMO
 * 2026 portal's pages. When the extraction evaluation corpus has been built
 * (eval/extract/corpus, see docs/adapters.md), also on its real pages against
 * Mozilla Readability on linkedom. Target: ≤ 10 ms per page (≥ 100 pages/s/core).
 */
import { existsSync, readdirSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { Readability } from "@mozilla/readability";
import { parseHTML } from "linkedom";
import { generic } from "../data-loaders/generic/index.ts";
import { nukeviet } from "../data-loaders/nukeviet/index.ts";
import type { Adapter } from "../data-loaders/types.ts";
import { DEFAULT_SEED, DEMO_PORTALS } from "../pipelines/farm/portals.ts";
import type { FarmSite } from "../pipelines/farm/site.ts";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";

const ROOT = join(dirname(fileURLToPath(import.meta.url)), "..");
const ORIGIN = "http://bench.invalid";

interface Page {
  url: string;
  html: string;
}

/** Every article page of a DEMO portal, found through its own listings with its adapter. */
function articlePages(key: string, adapter: Adapter): Page[] {
  const site: FarmSite = DEMO_PORTALS.find((p) => p.key === key)!.build(DEFAULT_SEED);
  const pages: Page[] = [];
  const seen = new Set<string>();
  let next: string | null = new URL(site.listingPaths[0], ORIGIN).href;
  const now = new Date();
  while (next) {
    const u: URL = new URL(next);
    const listing = adapter.parseListing(String(site.handle(decodeURIComponent(u.pathname), ORIGIN, u.searchParams).body), next, { now });
    for (const item of listing.items) {
      if (seen.has(item.item_id)) continue;
      seen.add(item.item_id);
      const a = new URL(item.url);
      pages.push({ url: item.url, html: String(site.handle(decodeURIComponent(a.pathname), ORIGIN, a.searchParams).body) });
    }
    next = listing.next;
  }
  return pages;
}

/** Pages per second of CPU time for `fn` over `pages`, repeated `rounds` times after a warm-up. */
function pagesPerCpuSecond(pages: Page[], rounds: number, fn: (p: Page) => unknown): number {
  for (const p of pages.slice(0, 10)) fn(p);
  const start = process.cpuUsage();
  for (let r = 0; r < rounds; r++) for (const p of pages) fn(p);
  const used = process.cpuUsage(start);
  return (pages.length * rounds) / ((used.user + used.system) / 1e6);
}

const measure = (name: string, value: number) => ({ name, value, unit: "pages/s/core" });
const TARGET = "≥ 100 pages/s/core (≤ 10 ms per page)";

export const extractBench: Benchmark = {
  name: "extract",
  description: "Article extraction: generic adapter vs NukeViet adapter on the same pages (per core)",
  async run({ quick, log }) {
    const now = new Date();
    const rounds = quick ? 2 : 10;
    const nv = articlePages("sonoivu", nukeviet);
    const portal2026 = articlePages("tayninh2026", generic);
    log(`${nv.length} DEMO NukeViet pages, ${portal2026.length} DEMO 2026-portal pages, ${rounds} rounds`);
    const genericOnNv = pagesPerCpuSecond(nv, rounds, (p) => generic.parseArticle(p.html, p.url, { now }));
    const nukevietOnNv = pagesPerCpuSecond(nv, rounds, (p) => nukeviet.parseArticle(p.html, p.url, { now }));
    const genericOn2026 = pagesPerCpuSecond(portal2026, rounds, (p) => generic.parseArticle(p.html, p.url, { now }));
    const figures: Figure[] = [
      compare(measure("generic adapter, DEMO NukeViet article pages", genericOnNv), measure("NukeViet adapter, same pages", nukevietOnNv), {
        higherIsBetter: true,
        target: TARGET,
        targetMet: genericOnNv >= 100,
      }),
      compare(measure("generic adapter, DEMO 2026-portal pages", genericOn2026), measure("NukeViet adapter on NukeViet pages", nukevietOnNv), {
        higherIsBetter: true,
        target: TARGET,
        targetMet: genericOn2026 >= 100,
      }),
    ];
    const notes = [`pages/s of process CPU time (user + system) in one process; ${rounds} rounds over each page set`];
    const corpus = join(ROOT, "eval", "extract", "corpus", "aeb");
    if (existsSync(corpus)) {
      const real = readdirSync(corpus)
        .filter((f) => f.endsWith(".html"))
        .map((f) => ({ url: `https://eval.invalid/${f.replace(/\.html$/, "")}-article-page`, html: readFileSync(join(corpus, f), "utf8") }));
      const realRounds = quick ? 1 : 3;
      const ours = pagesPerCpuSecond(real, realRounds, (p) => {
        try {
          generic.parseArticle(p.html, p.url, { now });
        } catch {
          // a page without an article counts its time all the same
        }
      });
      const readability = pagesPerCpuSecond(real, realRounds, (p) => new Readability(parseHTML(p.html).document as unknown as Document).parse());
      figures.push(
        compare(measure(`generic adapter, ${real.length} real news pages (evaluation corpus)`, ours), measure("Readability 0.6 on linkedom, same pages", readability), {
          higherIsBetter: true,
          target: TARGET,
          targetMet: ours >= 100,
        }),
      );
    } else {
      notes.push("real pages: eval/extract/corpus not built (npm run eval:extract:corpus), row skipped");
    }
    return { figures, notes, sizes: { nukeviet_pages: nv.length, portal2026_pages: portal2026.length } };
  },
};
