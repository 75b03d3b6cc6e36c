/**
 * Builds the site from a fresh crawl of the DEMO farm and opens every page in
 * Debian's Chromium. Skipped (with the install command) when Chromium is
 * missing, except under CI=true where a missing browser is a failure.
 */
import { execFileSync } from "node:child_process";
import { existsSync, mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { CHROMIUM_INSTALL_HINT, chromiumPath, isLocalUrl, launchChromium } from "../../pipelines/site/chromium.ts";
import { serveStatic, type StaticServer } from "../../pipelines/site/static-server.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const haveChromium = chromiumPath() !== null;
if (!haveChromium) {
  if (process.env.CI === "true") throw new Error(`CI=true but Chromium is missing: install it with \`${CHROMIUM_INSTALL_HINT}\``);
  console.warn(`browser tests skipped: Chromium not found (install it with \`${CHROMIUM_INSTALL_HINT}\`)`);
}

describe.skipIf(!haveChromium)("built site in Chromium", () => {
  let browser: Browser;
  let server: StaticServer;

  beforeAll(async () => {
    const db = join(mkdtempSync(join(tmpdir(), "cchc-site-")), "w.duckdb");
    execFileSync(process.execPath, [join(ROOT, "bin/cchc.mjs"), "build", "--db", db], { cwd: ROOT, stdio: "pipe" });
    expect(existsSync(join(ROOT, "dist/index.html"))).toBe(true);
    server = await serveStatic(join(ROOT, "dist"));
    browser = await launchChromium();
  }, 300_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it("renders the overview chart with no runtime error and no request leaving 127.0.0.1", async () => {
    const page = await browser.newPage();
    const offMachine: string[] = [];
    const errors: string[] = [];
    page.on("request", (req) => {
      if (!isLocalUrl(req.url())) offMachine.push(req.url());
    });
    page.on("console", (msg) => {
      if (msg.type() === "error") errors.push(msg.text());
    });
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${server.url}/`, { waitUntil: "networkidle" });
    await page.waitForSelector("figure svg, svg[class*=plot]", { timeout: 20_000 });
    const text = await page.locator("main").innerText();
    expect(text).not.toContain("RuntimeError");
    expect(text).toContain("DEMO");
    expect(await page.locator("main svg").count()).toBeGreaterThan(0);
    expect(await page.locator("main table tbody tr").count()).toBeGreaterThan(0);
    expect(offMachine).toEqual([]);
    expect(errors).toEqual([]);
    await page.close();
  });
});
