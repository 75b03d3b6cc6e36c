/**
 * The crawl benchmark (issue 4) is the crawler's own: bench/crawl.ts. This hook
 * calls its exported function when there is one, else runs `npm run bench:crawl`
 * when that script exists, and turns bench/results/crawl.json into figures
 * against the ideal and against Crawlee measured in the same run.
 */
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, statSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { type Benchmark, compare, type Figure } from "./lib/types.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const ROOT = join(HERE, "..");
const CRAWL_JSON = join(HERE, "results", "crawl.json");
const ENTRY_NAMES = ["runCrawlBenchmark", "runCrawlBench", "crawlBenchmark", "benchCrawl", "run", "default"];

export interface CrawlFigures {
  pages_per_s: number;
  ideal_pages_per_s: number;
  ratio_to_ideal: number;
  crawlee_pages_per_s: number;
  ratio_to_crawlee: number;
  peak_rss_mb: number;
  crawlee_peak_rss_mb: number;
  rerun_requests_per_source: number;
  pages_per_s_per_core: number;
}

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
    figures.push(compare({ name: "fetch + parse + store", value: c.pages_per_s_per_core!, unit: "pages/s/core" }, null, { higherIsBetter: true }));
  }
  return figures;
}

export const crawlBench: Benchmark = {
  name: "crawl",
  description: "Crawl vs politeness ideal and vs Crawlee (bench/crawl.ts, issue 4)",
  async run({ quick, log }) {
    const entryFile = join(HERE, "crawl.ts");
    if (!existsSync(entryFile)) return { skipped: "bench/crawl.ts does not exist yet (crawler engineer's)" };
    const mod = (await import(entryFile)) as Record<string, unknown>;
    const entry = ENTRY_NAMES.map((n) => mod[n]).find((f) => typeof f === "function") as
      | ((o: { quick: boolean }) => Promise<Partial<CrawlFigures>>)
      | undefined;
    if (entry) {
      const result = await entry({ quick });
      if (result && typeof result === "object" && "pages_per_s" in result) return { figures: crawlFigures(result) };
    }
    const pkg = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf-8")) as { scripts?: Record<string, string> };
    if (!pkg.scripts?.["bench:crawl"]) return { skipped: "bench/crawl.ts exports no benchmark function and package.json has no bench:crawl script" };
    const started = Date.now();
    log("running npm run bench:crawl");
    const run = spawnSync("npm", ["run", "--silent", "bench:crawl", ...(quick ? ["--", "--quick"] : [])], {
      cwd: ROOT,
      stdio: ["ignore", "ignore", "inherit"],
      timeout: 15 * 60_000,
    });
    if (run.status !== 0) throw new Error(`npm run bench:crawl exited with ${run.signal ?? run.status}`);
    if (!existsSync(CRAWL_JSON) || statSync(CRAWL_JSON).mtimeMs < started) throw new Error("bench:crawl did not write bench/results/crawl.json");
    return { figures: crawlFigures(JSON.parse(readFileSync(CRAWL_JSON, "utf-8")) as Partial<CrawlFigures>) };
  },
};
