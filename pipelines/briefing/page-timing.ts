/**
 * Time to first chart of built dashboard pages in Chromium (for `npm run bench`):
 * serve a built site, open each page, and measure, in the page itself, from the
 * start of the navigation to the first frame painted with the first chart (or
 * table) in #observablehq-main, plus the bytes the page downloaded before it.
 *
 * What a reader sees, not what the test harness waits for: the clock is the page's
 * own (performance.now(), zero at navigation start), the chart is seen when a
 * MutationObserver first finds it and the next frame has been produced (a task
 * queued from requestAnimationFrame), and nothing waits for the load event or
 * for the network to go idle. Each page is opened `runs` times in a fresh
 * context (cold cache) and the median run is kept: on a shared, loaded machine
 * one opening is noise.
 */
import { launchChromium } from "../site/chromium.ts";
import { serveStatic } from "../site/static-server.ts";

export interface PageTiming {
  path: string;
  /** Navigation start → the first frame painted with the first chart (median run). */
  firstChartMs: number;
  /** Every opening's firstChartMs, in order. */
  runsMs: number[];
  /** Every byte the page downloaded (bodies as sent, gzipped where the server compresses) until the network was idle. */
  bytes: number;
  /** The bytes of the responses finished before the first chart was painted. */
  bytesBeforeChart: number;
  /**
   * Main-thread busy time of the page (Chromium's TaskDuration) until the first chart: the part of
   * firstChartMs that is the page's own work, much less inflated than wall time on a loaded machine.
   */
  mainThreadMs: number;
  /** The largest responses before the first chart: file name and bytes, for the record. */
  largest: { name: string; bytes: number }[];
  errors: string[];
}

const FIRST_CHART = "#observablehq-main figure svg, #observablehq-main svg[class*=plot], #observablehq-main table";

/** Run in the page before its own scripts: when the first chart appears, and when the frame with it is painted. */
const WATCH_FIRST_CHART = `(() => {
  const selector = ${JSON.stringify(FIRST_CHART)};
  const observer = new MutationObserver(() => {
    if (window.__cchcChartAt !== undefined || !document.querySelector(selector)) return;
    window.__cchcChartAt = performance.now();
    observer.disconnect();
    requestAnimationFrame(() => setTimeout(() => { window.__cchcPaintedAt = performance.now(); }));
  });
  observer.observe(document, {childList: true, subtree: true});
})();`;

interface Opening {
  firstChartMs: number;
  mainThreadMs: number;
  bytesBeforeChart: number;
  bytes: number;
  largest: { name: string; bytes: number }[];
  errors: string[];
}

export async function timeFirstChart(distDir: string, paths: string[] = ["/"], runs = 3): Promise<PageTiming[]> {
  const server = await serveStatic(distDir);
  const browser = await launchChromium();
  const timings: PageTiming[] = [];
  try {
    for (const path of paths) {
      const openings: Opening[] = [];
      for (let run = 0; run < runs; run += 1) {
        const context = await browser.newContext();
        const page = await context.newPage();
        const errors: string[] = [];
        page.on("pageerror", (e) => errors.push(e.message));
        await page.addInitScript({ content: WATCH_FIRST_CHART });
        const cdp = await context.newCDPSession(page);
        await cdp.send("Performance.enable");
        await page.goto(`${server.url}${path}`, { waitUntil: "commit" });
        await page.waitForFunction("window.__cchcPaintedAt !== undefined", undefined, { timeout: 120_000, polling: 50 });
        const { metrics } = await cdp.send("Performance.getMetrics");
        const mainThreadMs = Math.round(1000 * (metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN));
        const seen = (await page.evaluate(`(() => {
          const at = window.__cchcPaintedAt;
          const entries = [...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")];
          return {at, files: entries.map((e) => ({name: new URL(e.name).pathname.split("/").pop() || "/", bytes: e.encodedBodySize, end: e.responseEnd}))};
        })()`)) as { at: number; files: { name: string; bytes: number; end: number }[] };
        const before = seen.files.filter((f) => f.end > 0 && f.end <= seen.at).sort((a, b) => b.bytes - a.bytes);
        await page.waitForLoadState("networkidle");
        const all = (await page.evaluate(`[...performance.getEntriesByType("navigation"), ...performance.getEntriesByType("resource")].map((e) => e.encodedBodySize)`)) as number[];
        const sum = (list: number[]) => list.reduce((a, b) => a + b, 0);
        openings.push({
          firstChartMs: Math.round(seen.at),
          mainThreadMs,
          bytesBeforeChart: sum(before.map((f) => f.bytes)),
          bytes: sum(all),
          largest: before.slice(0, 3).map(({ name, bytes }) => ({ name, bytes })),
          errors,
        });
        await context.close();
      }
      const median = [...openings].sort((a, b) => a.firstChartMs - b.firstChartMs)[Math.floor(openings.length / 2)];
      timings.push({ path, ...median, runsMs: openings.map((o) => o.firstChartMs), errors: openings.flatMap((o) => o.errors) });
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return timings;
}

export interface SearchTiming {
  /** From typing the query to the results (or "nothing found") on the page. */
  resultsMs: number;
  /** Bytes downloaded for the search once the page was open (the item list it fetches on demand). */
  bytes: number;
  results: string;
  errors: string[];
}

/** Open the search page of a built site, type `query`, and time the results. */
export async function timeSearch(distDir: string, query: string, path = "/tim-kiem"): Promise<SearchTiming> {
  const server = await serveStatic(distDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage();
    const errors: string[] = [];
    page.on("pageerror", (e) => errors.push(e.message));
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    const sizes: Promise<number>[] = [];
    page.on("requestfinished", (r) => { sizes.push(r.sizes().then((z) => z.responseBodySize, () => 0)); });
    const box = page.locator("#observablehq-main input[type=text]").first();
    const start = performance.now();
    await box.fill(query);
    const done = page.locator("#observablehq-main .search-results [role=status], #observablehq-main p[role=status]").first();
    await done.waitFor({ timeout: 120_000 });
    const resultsMs = Math.round(performance.now() - start);
    const results = await done.innerText();
    await page.waitForLoadState("networkidle");
    const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
    await page.close();
    return { resultsMs, bytes, results, errors };
  } finally {
    await browser.close();
    await server.close();
  }
}

