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
  bytes: number;
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
      const sizes: Promise<number>[] = [];
      page.on("pageerror", (e) => errors.push(e.message));
      page.on("requestfinished", (r) => { sizes.push(r.sizes().then((z) => z.responseBodySize, () => 0)); });
      const start = performance.now();
      await page.goto(`${server.url}${path}`);
      await page.waitForSelector(FIRST_CHART, { timeout: 120_000 });
      const firstChartMs = Math.round(performance.now() - start);
      await page.waitForLoadState("networkidle");
      const bytes = (await Promise.all(sizes)).reduce((a, b) => a + b, 0);
      timings.push({ path, firstChartMs, bytes, errors });
      await page.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  return timings;
}
