/**
 * The monthly briefing as a one-page A4 PDF: the built site's /ban-tin page
 * (src/ban-tin.md), opened in Chromium with print media and printed scaled
 * to fit one page. Pure helpers (month parsing, staleness, page counting)
 * are separate from the browser work.
 */
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";
import { launchChromium, isLocalUrl } from "../site/chromium.ts";
import { serveStatic } from "../site/static-server.ts";
import { atomicWriteFile } from "../export/atomic.ts";
import { usage } from "../cli/messages.ts";

/** A4 printable area at 96 CSS px per inch with the 12 mm margins of src/style.css @page. */
const MM = 96 / 25.4;
export const A4_CONTENT_WIDTH_PX = Math.floor((210 - 24) * MM);
export const A4_CONTENT_HEIGHT_PX = Math.floor((297 - 24) * MM);

/** "YYYY-MM" (01–12) or an error naming the flag. */
export function parseMonth(text: string): string {
  const m = /^(\d{4})-(\d{2})$/.exec(text.trim());
  if (!m || Number(m[2]) < 1 || Number(m[2]) > 12) throw new Error(usage.notMonth("--month", text));
  return `${m[1]}-${m[2]}`;
}

/** The month before the one containing `now`, in Asia/Ho_Chi_Minh: the default briefing month. */
export function lastFullMonth(now: Date): string {
  const wall = new Date(now.getTime() + 7 * 3_600_000);
  const y = wall.getUTCFullYear();
  const m = wall.getUTCMonth() + 1;
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** Pages in a PDF: `/Type /Page` objects (not `/Type /Pages`). */
export function countPdfPages(pdf: Uint8Array): number {
  const text = Buffer.from(pdf).toString("latin1");
  return (text.match(/\/Type\s*\/Page(?![a-zA-Z])/g) ?? []).length;
}

/** Newest modification time (ms) of the files under `dir`, skipping dot-folders (Framework's cache). */
export function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name.startsWith(".")) continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * dist/ needs a rebuild when the briefing page is missing, or older than the
 * site sources or the warehouse it is built from.
 */
export function isSiteStale(distDir: string, inputs: { srcDir: string; warehouse: string }): boolean {
  const page = join(distDir, "ban-tin.html");
  if (!existsSync(page)) return true;
  const built = statSync(page).mtimeMs;
  if (newestMtime(inputs.srcDir) > built) return true;
  return existsSync(inputs.warehouse) && statSync(inputs.warehouse).mtimeMs > built;
}

export interface BriefingResult {
  file: string;
  pages: number;
  bytes: number;
  scale: number;
}

export interface PrintOptions {
  /** Selectors that must be on the page before printing. */
  waitFor: string[];
  /** Scale down to fit one page; when that needs less than this scale, print on several pages at it. */
  minScale: number;
  /** Refuse to write a PDF of more than one page. */
  onePage: boolean;
}

/**
 * Serve `distDir`, open `path` in Chromium with print media and write an A4 PDF to `file` (atomically):
 * scaled to fit one page, down to `minScale`. Fails when a cell shows an error or a request leaves the machine.
 */
export async function printSitePage(distDir: string, path: string, file: string, options: PrintOptions): Promise<BriefingResult> {
  const server = await serveStatic(distDir);
  const browser = await launchChromium();
  try {
    const page = await browser.newPage({ viewport: { width: A4_CONTENT_WIDTH_PX, height: A4_CONTENT_HEIGHT_PX } });
    const problems: string[] = [];
    page.on("pageerror", (e) => problems.push(e.message));
    page.on("request", (r) => { if (!isLocalUrl(r.url())) problems.push(`request outside 127.0.0.1: ${r.url()}`); });
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    for (const selector of options.waitFor) await page.waitForSelector(selector, { timeout: 30_000 });
    const runtimeError = await page.locator(".observablehq--error").count();
    if (problems.length > 0 || runtimeError > 0) {
      throw new Error(`the page ${path} failed to render: ${problems.join("; ") || "a cell shows an error"}`);
    }
    await page.emulateMedia({ media: "print" });
    const height = await page.evaluate(() => document.documentElement.scrollHeight);
    const scale = Math.max(options.minScale, Math.min(1, (A4_CONTENT_HEIGHT_PX - 8) / height));
    const pdf = await page.pdf({ format: "A4", printBackground: true, preferCSSPageSize: true, scale });
    const pages = countPdfPages(pdf);
    if (options.onePage && pages !== 1) throw new Error(`the page ${path} printed on ${pages} pages, not one`);
    atomicWriteFile(file, pdf);
    return { file, pages, bytes: pdf.length, scale };
  } finally {
    await browser.close();
    await server.close();
  }
}

/** Serve `distDir`, open the briefing for `month` in Chromium and write a one-page A4 PDF to `file`. */
export async function printBriefing(distDir: string, month: string, file: string): Promise<BriefingResult> {
  return printSitePage(distDir, `/ban-tin?month=${encodeURIComponent(month)}`, file, {
    waitFor: [".briefing h1", ".briefing svg"],
    minScale: 0.1,
    onePage: true,
  });
}
