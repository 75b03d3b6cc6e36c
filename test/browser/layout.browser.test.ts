/**
 * Readability of every page of the built DEMO site at a desktop (1400 px) and a phone (390 px)
 * width, in Debian's Chromium: the page body never scrolls sideways, no table cell cuts its text,
 * every chart has a title, its unit and a legend, tick labels never overlap (pipelines/site/layout-audit.ts);
 * on the phone the target table shows every column; stacked bars keep the legend's order;
 * the 12-month axes name the year; the tables' sort buttons work from the keyboard; Ma trận's long
 * target names read in full beside the select, chosen from the keyboard and kept in the URL.
 * Builds the site once per test run, shared with the other browser tests (or tests CCHC_TEST_DIST=<dir>),
 * and reuses one browser.
 */
import { resolve } from "node:path";
import type { Browser, BrowserContext, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import config from "../../observablehq.config.ts";
import { CHROMIUM_INSTALL_HINT, chromiumPath, launchChromium } from "../../pipelines/site/chromium.ts";
import { auditLayout, formatLayoutProblem, settle, VIEWPORTS } from "../../pipelines/site/layout-audit.ts";
import { serveStatic, type StaticServer } from "../../pipelines/site/static-server.ts";
import { vocabularyRows } from "../../pipelines/vocabulary/index.ts";
import { demoSite } from "../fixtures/demo-site.ts";

const PREBUILT = process.env.CCHC_TEST_DIST ? resolve(process.env.CCHC_TEST_DIST) : null;
const haveChromium = chromiumPath() !== null;
if (!haveChromium && process.env.CI === "true") throw new Error(`CI=true but Chromium is missing: install it with \`${CHROMIUM_INSTALL_HINT}\``);

const PATHS: string[] = config.pages.map((p: { path: string }) => p.path);
const CASES = VIEWPORTS.flatMap((viewport) => PATHS.map((path) => ({ width: viewport.width, path })));
const statusLabel = (code: string) => vocabularyRows().find((t) => t.domain === "coverage_status" && t.code === code)!.label;

describe.skipIf(!haveChromium)("readable at 1400 px and 390 px", () => {
  let browser: Browser;
  let server: StaticServer;
  const contexts = new Map<number, BrowserContext>();

  async function open(path: string, width: number): Promise<Page> {
    const page = await contexts.get(width)!.newPage();
    await page.goto(`${server.url}${path}`, { waitUntil: "networkidle" });
    await settle(page);
    return page;
  }

  async function problems(page: Page): Promise<string[]> {
    return (await auditLayout(page)).map(formatLayoutProblem);
  }

  beforeAll(async () => {
    // `cchc build --db --out` on the fixture registry, once per test run (test/fixtures/demo-site.ts)
    const dist = PREBUILT ?? (await demoSite()).dist;
    server = await serveStatic(dist);
    browser = await launchChromium();
    for (const viewport of VIEWPORTS) contexts.set(viewport.width, await browser.newContext({ viewport }));
  }, 400_000);

  afterAll(async () => {
    await browser?.close();
    await server?.close();
  });

  it.each(CASES)("$path at $width px: no sideways scroll, no cut cell, every chart titled with unit and legend", async ({ path, width }) => {
    const page = await open(path, width);
    expect(await problems(page)).toEqual([]);
    const text = await page.locator("#observablehq-main").innerText();
    expect(text, "percentages are written 44%, not 44 %").not.toMatch(/\d %/);
    await page.close();
  }, 60_000);

  it.each(VIEWPORTS.flatMap((v) => ["/kenh", "/linh-vuc"].map((path) => ({ width: v.width, path }))))(
    "$path at $width px over all years (the most quarters): labels never overlap",
    async ({ path, width }) => {
      const page = await open(path, width);
      await page.getByLabel("Năm").selectOption({ label: "Tất cả các năm" });
      await page.waitForTimeout(500);
      expect(await problems(page)).toEqual([]);
      await page.close();
    },
    60_000,
  );

  it("on a phone the overview's target table shows every column, status counts included, within the screen", async () => {
    const page = await open("/", 390);
    const table = page.locator(".data-table").first();
    const card = table.locator("tbody tr").first();
    await card.waitFor();
    const labels = await card.locator("td").evaluateAll((tds) => tds.map((td) => (td as HTMLElement).dataset.label));
    for (const code of ["met", "on_track", "at_risk", "missed"]) expect(labels.some((l) => l?.endsWith(statusLabel(code)))).toBe(true);
    const outside = await card.locator("td").evaluateAll((tds) => tds.filter((td) => { const r = td.getBoundingClientRect(); return r.width === 0 || r.left < 0 || r.right > window.innerWidth; }).length);
    expect(outside).toBe(0);
    await page.close();
  }, 60_000);

  it("status labels come from the vocabulary on every page that names them (“Đúng tiến độ”, never “Tiến độ” alone)", async () => {
    const page = await open("/", 1400);
    const headers = await page.locator(".data-table th").allInnerTexts();
    expect(headers.map((h) => h.trim())).toEqual(expect.arrayContaining([`✓ ${statusLabel("met")}`, `→ ${statusLabel("on_track")}`, `! ${statusLabel("at_risk")}`, `✗ ${statusLabel("missed")}`]));
    expect(headers).not.toContain("→ Tiến độ");
    await page.close();
  }, 60_000);

  it("stacked bars keep the legend's order on every bar (Kênh, per agency)", async () => {
    const page = await open("/kenh", 1400);
    await page.getByLabel("Năm").selectOption({ label: "Tất cả các năm" });
    await page.waitForTimeout(500);
    const figure = page.locator("figure", { hasText: "theo cơ quan và kênh" });
    const { legend, bars } = await figure.evaluate((fig) => {
      const swatches = [...fig.querySelectorAll("[class$='-swatch'] svg rect, [class$='-swatch'] svg")]
        .map((el) => el.getAttribute("fill"))
        .filter(Boolean) as string[];
      const rects = [...fig.querySelectorAll("g[aria-label='bar'] rect")].map((r) => ({ y: r.getAttribute("y"), x: Number(r.getAttribute("x")), fill: r.getAttribute("fill") ?? "" }));
      return { legend: [...new Set(swatches)], bars: rects };
    });
    expect(legend.length).toBeGreaterThan(1);
    const rows = new Map<string, { x: number; fill: string }[]>();
    for (const r of bars) rows.set(r.y ?? "", [...(rows.get(r.y ?? "") ?? []), r]);
    for (const segments of rows.values()) {
      const fills = segments.sort((a, b) => a.x - b.x).map((s) => legend.indexOf(s.fill));
      expect(fills.every((f) => f >= 0)).toBe(true);
      expect(fills).toEqual([...fills].sort((a, b) => a - b));
    }
    await page.close();
  }, 60_000);

  it("the 12-month axes name the year (overview and briefing)", async () => {
    for (const path of ["/", "/ban-tin"]) {
      const page = await open(path, 1400);
      // A tick of two lines is a <text> of two <tspan>s: "T1" over "2026".
      const ticks = await page.locator("#observablehq-main svg g[aria-label='x-axis tick label'] text").evaluateAll((texts) =>
        texts.map((t) => (t.querySelectorAll("tspan").length ? [...t.querySelectorAll("tspan")].map((s) => s.textContent ?? "") : [t.textContent ?? ""])),
      );
      const months = ticks.filter((lines) => /^T\d{1,2}$/.test(lines[0]));
      expect(months.length, path).toBeGreaterThanOrEqual(12);
      expect(months.some((lines) => /^\d{4}$/.test(lines[1] ?? "")), path).toBe(true);
      await page.close();
    }
  }, 60_000);

  it.each(VIEWPORTS)("Ma trận at $width px: the chosen target reads in full beside its select, from the keyboard and from the URL", async ({ width }) => {
    const page = await open("/ma-tran", width);
    const select = page.locator("form.with-chosen-text select");
    const shown = page.locator("form.with-chosen-text .chosen-text");
    const chosen = () => select.evaluate((s: HTMLSelectElement) => s.selectedOptions[0]?.textContent ?? "");
    // Fully readable: the chosen option's whole text, wrapped inside the screen, nothing cut.
    const readable = async () => {
      const text = await chosen();
      expect(text.length).toBeGreaterThan(0);
      expect((await shown.innerText()).trim()).toBe(text.trim());
      const box = await shown.evaluate((el) => { const r = el.getBoundingClientRect(); return { left: r.left, right: r.right, cut: el.scrollWidth > el.clientWidth + 1 }; });
      expect(box.left).toBeGreaterThanOrEqual(0);
      expect(box.right).toBeLessThanOrEqual(width);
      expect(box.cut).toBe(false);
      return text;
    };
    const first = await readable();
    // The closed select alone cannot show it (so the text beside it is what makes it readable).
    expect(await select.evaluate((s: HTMLSelectElement) => { const c = document.createElement("canvas").getContext("2d")!; c.font = getComputedStyle(s).font; return c.measureText(s.selectedOptions[0]!.textContent!).width > s.clientWidth; })).toBe(true);
    // Keyboard: Tab reaches the select (focus visible), an arrow key chooses the next target.
    let focused = false;
    for (let i = 0; i < 40 && !focused; ++i) {
      await page.keyboard.press("Tab");
      focused = await select.evaluate((s) => s === document.activeElement);
    }
    expect(focused).toBe(true);
    expect(await select.evaluate((s) => getComputedStyle(s).outlineStyle)).not.toBe("none");
    const before = new URL(page.url()).searchParams.get("target");
    await page.keyboard.press("ArrowDown");
    await page.waitForFunction((b) => new URL(location.href).searchParams.get("target") !== b, before);
    const second = await readable();
    expect(second).not.toBe(first);
    expect(await problems(page)).toEqual([]);
    // The URL keeps the view: opened again, the same target is chosen and shown.
    const again = await contexts.get(width)!.newPage();
    await again.goto(page.url(), { waitUntil: "networkidle" });
    await settle(again);
    expect((await again.locator("form.with-chosen-text .chosen-text").innerText()).trim()).toBe(second.trim());
    await again.close();
    await page.close();
  }, 60_000);

  it("a table sorts from the keyboard: Tab reaches a column button, Enter sorts, the focus is visible", async () => {
    const page = await open("/du-lieu", 1400);
    let focused = "";
    for (let i = 0; i < 60 && !focused.includes("data-table-sort"); ++i) {
      await page.keyboard.press("Tab");
      focused = await page.evaluate(() => document.activeElement?.className ?? "");
    }
    expect(focused).toContain("data-table-sort");
    const outline = await page.evaluate(() => getComputedStyle(document.activeElement!).outlineStyle);
    expect(outline).not.toBe("none");
    const th = page.locator("th:has(.data-table-sort:focus)");
    const before = await th.getAttribute("aria-sort");
    await page.keyboard.press("Enter");
    expect(await th.getAttribute("aria-sort")).not.toBe(before);
    expect(await th.getAttribute("aria-sort")).toMatch(/^(ascending|descending)$/);
    await page.close();
  }, 60_000);
});
