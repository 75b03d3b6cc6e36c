/**
 * `npm run screenshots [-- --url http://127.0.0.1:3000]`: a full-page PNG of
 * every dashboard page (the pages listed in observablehq.config.ts) at a desktop
 * and a phone width (screenshots/<page>-1400.png, screenshots/<page>-390.png),
 * for a reviewer to look at. Without --url it serves dist/ (run `npm run build`
 * first; --dist DIR for another build). Console errors, off-machine requests and
 * layout problems (a cut table cell, a page body wider than the screen, a chart
 * without title, units or legend: pipelines/site/layout-audit.ts) are printed;
 * the exit code is non-zero when any page had one.
 */
import { existsSync, mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { parseArgs } from "node:util";
import config from "../observablehq.config.ts";
import { isLocalUrl, launchChromium } from "../pipelines/site/chromium.ts";
import { auditLayout, formatLayoutProblem, settle, VIEWPORTS } from "../pipelines/site/layout-audit.ts";
import { serveStatic, type StaticServer } from "../pipelines/site/static-server.ts";

const ROOT = resolve(import.meta.dirname, "..");

/** The page paths of the site, in sidebar order. */
export function sitePaths(): string[] {
  return config.pages.map((p: { path: string }) => p.path);
}

/** "/" → "index", "/co-quan" → "co-quan". */
export function screenshotName(path: string): string {
  return path === "/" ? "index" : path.replace(/^\//, "").replaceAll("/", "_");
}

/** The file of one page at one width: "index-1400.png", "kenh-390-dark.png". */
export function screenshotFile(path: string, width: number, dark = false): string {
  return `${screenshotName(path)}-${width}${dark ? "-dark" : ""}.png`;
}

async function main(): Promise<void> {
  const { values } = parseArgs({ options: { url: { type: "string" }, dist: { type: "string", default: "dist" }, out: { type: "string", default: "screenshots" }, dark: { type: "boolean", default: false } } });
  let server: StaticServer | undefined;
  let base = values.url;
  if (!base) {
    const dist = resolve(ROOT, values.dist as string);
    if (!existsSync(join(dist, "index.html"))) throw new Error(`${values.dist}/index.html is missing: run \`npm run build\` first (or pass --url)`);
    server = await serveStatic(dist);
    base = server.url;
  }
  const out = resolve(ROOT, values.out);
  mkdirSync(out, { recursive: true });
  const browser = await launchChromium();
  let problems = 0;
  try {
    for (const viewport of VIEWPORTS) {
      const context = await browser.newContext({ viewport, colorScheme: values.dark ? "dark" : "light", acceptDownloads: false });
      for (const path of sitePaths()) {
        const page = await context.newPage();
        const issues: string[] = [];
        page.on("console", (m) => { if (m.type() === "error") issues.push(`console: ${m.text()}`); });
        page.on("pageerror", (e) => issues.push(`error: ${e.message}`));
        page.on("request", (r) => { if (!isLocalUrl(r.url())) issues.push(`off-machine request: ${r.url()}`); });
        await page.goto(new URL(path, base).href, { waitUntil: "networkidle" });
        await settle(page);
        for (const p of await auditLayout(page)) issues.push(`layout: ${formatLayoutProblem(p)}`);
        const file = join(out, screenshotFile(path, viewport.width, values.dark));
        await page.screenshot({ path: file, fullPage: true });
        console.log(`${file}${issues.length ? `  (${issues.length} problem(s))` : ""}`);
        for (const issue of issues) console.log(`  ${issue}`);
        problems += issues.length;
        await page.close();
      }
      await context.close();
    }
  } finally {
    await browser.close();
    await server?.close();
  }
  if (problems > 0) process.exitCode = 1;
}

if (import.meta.url === `file://${process.argv[1]}`) {
  main().catch((error) => {
    console.error(`screenshots: ${(error as Error).message}`);
    process.exitCode = 1;
  });
}
