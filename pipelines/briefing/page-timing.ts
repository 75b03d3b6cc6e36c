/**
 * Time to first chart of built dashboard pages in Chromium (for `npm run bench`):
 * serve a built site, open each page, and measure from navigation to the first
 * chart (or table) in #observablehq-main, plus the bytes the page downloaded.
 */
import { launchChromium } from "../site/chromium.ts";
import { serveStatic } from "../site/static-server.ts";

export interface PageTiming {
  path: string;
  firstChartMs: number;
  /** Every byte the page downloaded (bodies as sent, gzipped where the server compresses) until the network was idle. */
  bytes: number;
  /** The bytes of the responses finished when the first chart appeared. */
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

export async function timeFirstChart(distDir: string, paths: string[] = ["/"]): Promise<PageTiming[]> {
  const server = await serveStatic(distDir);
  const browser = await launchChromium();
  const timings: PageTiming[] = [];
  try {
    for (const path of paths) {
      const page = await browser.newPage();
      const errors: string[] = [];
      const sizes: Promise<{ name: string; bytes: number }>[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("requestfinished", (r) => {
        const name = new URL(r.url()).pathname.split("/").pop() || "/";
        sizes.push(r.sizes().then((z) => ({ name, bytes: z.responseBodySize }), () => ({ name, bytes: 0 })));
      });
      const cdp = await page.context().newCDPSession(page);
      await cdp.send("Performance.enable");
      const start = performance.now();
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector(FIRST_CHART, { timeout: 120_000 });
      const firstChartMs = Math.round(performance.now() - start);
      const { metrics } = await cdp.send("Performance.getMetrics");
      const mainThreadMs = Math.round(1000 * (metrics.find((m) => m.name === "TaskDuration")?.value ?? Number.NaN));
      const before = (await Promise.all(sizes.slice())).sort((a, b) => b.bytes - a.bytes);
      await page.waitForLoadState("networkidle");
      const sum = (list: { bytes: number }[]) => list.reduce((a, b) => a + b.bytes, 0);
      timings.push({ path, firstChartMs, bytes: sum(await Promise.all(sizes)), bytesBeforeChart: sum(before), mainThreadMs, largest: before.slice(0, 3), errors });
      await page.close();
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

