/**
 * The crawl benchmark (bench/crawl.ts, issue 4) as one entry of `npm run bench`:
 * its figures set against their baselines measured in the same run.
 */
import { type CrawlBenchResult, runCrawlBenchmark } from "./crawl.ts";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";

export type CrawlFigures = Omit<CrawlBenchResult, "config">;

/** Figures of the crawl benchmark (keys of bench/results/crawl.json) against their baselines. */
export function crawlFigures(c: Partial<CrawlFigures>): Figure[] {
  const figures: Figure[] = [];
  const num = (v: unknown) => (typeof v === "number" && Number.isFinite(v) ? v : null);
  if (num(c.pages_per_s) !== null && num(c.ideal_pages_per_s) !== null) {
    const ratio = c.pages_per_s! / c.ideal_pages_per_s!;
    figures.push(
      compare({ name: "crawl", value: c.pages_per_s!, unit: "pages/s" }, { name: "politeness ideal", value: c.ideal_pages_per_s!, unit: "pages/s" }, {
        higherIsBetter: true,
        target: "≥ 0.9× ideal",
        targetMet: ratio >= 0.9,
      }),
    );
  }
  if (num(c.pages_per_s) !== null && num(c.crawlee_pages_per_s) !== null) {
    figures.push(
      compare({ name: "crawl", value: c.pages_per_s!, unit: "pages/s" }, { name: "Crawlee CheerioCrawler", value: c.crawlee_pages_per_s!, unit: "pages/s" }, {
        higherIsBetter: true,
        target: "≥ Crawlee",
        targetMet: c.pages_per_s! >= c.crawlee_pages_per_s!,
      }),
    );
  }
  if (num(c.peak_rss_mb) !== null && num(c.crawlee_peak_rss_mb) !== null) {
    figures.push(
      compare({ name: "crawl peak RSS", value: c.peak_rss_mb!, unit: "MB" }, { name: "Crawlee peak RSS", value: c.crawlee_peak_rss_mb!, unit: "MB" }, {
        higherIsBetter: false,
        target: "≤ Crawlee",
        targetMet: c.peak_rss_mb! <= c.crawlee_peak_rss_mb!,
      }),
    );
  }
  if (num(c.rerun_requests_per_source) !== null) {
    figures.push(
      compare({ name: "re-run with nothing new", value: c.rerun_requests_per_source!, unit: "requests/source" }, null, {
        higherIsBetter: false,
        target: "≤ 2",
        targetMet: c.rerun_requests_per_source! <= 2,
      }),
    );
  }
  if (num(c.pages_per_s_per_core) !== null) {
    figures.push(
      compare({ name: "fetch + parse + store (crawl(), no delay)", value: c.pages_per_s_per_core!, unit: "pages/s/core" }, null, {
        higherIsBetter: true,
        target: "≥ 500 pages/s/core",
        targetMet: c.pages_per_s_per_core! >= 500,
      }),
    );
  }
  return figures;
}

export const crawlBench: Benchmark = {
  name: "crawl",
  description: "Crawl vs politeness ideal and vs Crawlee (bench/crawl.ts, issue 4)",
  async run({ quick, log }) {
    return { figures: crawlFigures(await runCrawlBenchmark({ quick, log })) };
  },
};
