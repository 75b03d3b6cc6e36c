/**
 * Issue 17, on a site built from a fresh crawl of the DEMO farm (the farm runs inside
 * `cchc build` and is gone when it exits):
 *   - archived copies ("bản lưu"): every item with a stored page has one, served by the
 *     static server with the original host unreachable; inert (no script, no request);
 *     the evidence export names them (relative, or absolute with --site-url);
 *   - the per-agency scorecard page agrees with the coverage mart, and `cchc scorecard`
 *     writes an A4 PDF naming the agency, with Vietnamese errors for unknown agency/year;
 *   - the briefing page: official header, every agency behind, no hostile notable item.
 * Browser checks are skipped without Chromium (except under CI=true, see site.browser.test.ts).
 * CCHC_TEST_DIST + CCHC_TEST_DB test an existing build and its warehouse instead.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { tableFromIPC } from "apache-arrow";
import * as cheerio from "cheerio";
import ExcelJS from "exceljs";
import type { Browser } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { countPdfPages } from "../../pipelines/briefing/briefing.ts";
import { HOSTILE_TITLE } from "../../pipelines/farm/portals.ts";
import { agencyLabel } from "../../src/components/format.js";
import { coverageTableRows } from "../../pipelines/report/queries.ts";
import { chromiumPath, launchChromium } from "../../pipelines/site/chromium.ts";
import { serveStatic, type StaticServer } from "../../pipelines/site/static-server.ts";
import { type Row, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { demoSite, FIXTURE_ENV } from "../fixtures/demo-site.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "bin/cchc.mjs");
const haveChromium = chromiumPath() !== null;

/** The /Title of a PDF's Info dictionary (literal or hex string, PDFDocEncoding or UTF-16BE). */
function pdfTitle(pdf: Buffer): string | null {
  const text = pdf.toString("latin1");
  const m = /\/Title\s*(\((?:\\[\s\S]|[^\\)])*\)|<[0-9A-Fa-f\s]*>)/.exec(text);
  if (!m) return null;
  let bytes: Buffer;
  if (m[1]!.startsWith("<")) bytes = Buffer.from(m[1]!.slice(1, -1).replace(/\s/g, ""), "hex");
  else {
    const body = m[1]!.slice(1, -1).replace(/\\([0-7]{1,3}|[\s\S])/g, (_, e: string) =>
      /^[0-7]+$/.test(e) ? String.fromCharCode(parseInt(e, 8)) : ({ n: "\n", r: "\r", t: "\t", b: "\b", f: "\f" } as Record<string, string>)[e] ?? e,
    );
    bytes = Buffer.from(body, "latin1");
  }
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return bytes.subarray(2).swap16().toString("utf16le");
  return bytes.toString("latin1");
}


function cli(args: string[]) {
  return spawnSync(process.execPath, [CLI, ...args], { cwd: ROOT, encoding: "utf-8", env: { ...FIXTURE_ENV, CCHC_DEBUG: "" } });
}

describe("archived copies, scorecard and briefing on a built DEMO site", () => {
  let dist: string;
  let db: string;
  let server: StaticServer;
  let items: Row[];
  const read = <T>(fn: (w: Parameters<Parameters<typeof withWarehouse<T>>[1]>[0]) => Promise<T>) => withWarehouse(db, fn, { readOnly: true });

  beforeAll(async () => {
    if (process.env.CCHC_TEST_DIST && process.env.CCHC_TEST_DB) {
      dist = resolve(process.env.CCHC_TEST_DIST);
      db = resolve(process.env.CCHC_TEST_DB);
    } else {
      ({ db, dist } = await demoSite()); // `cchc build --db --out`, once per test run (this file's own copy)
    }
    server = await serveStatic(dist);
    const file = readdirSync(join(dist, "_file/data")).find((f) => /^items\.[0-9a-f]+\.arrow$/.test(f))!;
    items = tableFromIPC(readFileSync(join(dist, "_file/data", file))).toArray().map((r) => ({ ...r.toJSON() }));
  }, 400_000);

  afterAll(async () => {
    await server?.close();
  });

  it("ships a copy for every item with a stored page, and the copies open with the portal gone", { timeout: 60_000 }, async () => {
    const stored = await read((w) => w.all("SELECT DISTINCT url FROM archive_pages WHERE kind = 'article' AND status = 200"));
    const storedUrls = new Set(stored.map((r) => r.url));
    const withPage = items.filter((d) => storedUrls.has(d.url));
    expect(withPage.length).toBeGreaterThan(200);
    for (const d of withPage) {
      expect(d.archive_path, String(d.url)).toMatch(/^ban-luu\/[0-9a-f]{2}\/[0-9a-f]{40}\.html$/);
      expect(existsSync(join(dist, String(d.archive_path))), String(d.archive_path)).toBe(true);
    }
    // The farm stopped with the build: the live link is dead, the archived copy is not.
    const sample = withPage.find((d) => d.title === HOSTILE_TITLE) ?? withPage[0]!;
    await expect(fetch(String(sample.url), { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    for (const d of [sample, ...withPage.slice(0, 5)]) {
      const res = await fetch(`${server.url}/${d.archive_path}`);
      expect(res.status).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
      const html = await res.text();
      expect(html).toContain("Bản lưu");
      expect(html).toContain("(giờ Việt Nam)");
      expect(html).toContain(String(d.url).replace(/&/g, "&amp;"));
      expect(html).toContain("DEMO");
      expect(html).toContain("Content-Security-Policy");
      // Parsed as a browser would: no active element, no handler attribute (a hostile title stays text).
      const $ = cheerio.load(html);
      expect($("script, iframe, img, form, link, object, embed, base").length).toBe(0);
      const handlers = $("*").toArray().flatMap((el) => Object.keys((el as unknown as { attribs: Record<string, string> }).attribs).filter((a) => /^on/i.test(a)));
      expect(handlers).toEqual([]);
    }
  });

  it("names the copies in the evidence export: relative under the site, absolute with --site-url", async () => {
    const year = Number(items.find((d) => d.archive_path && d.year)!.year);
    const out = join(mkdtempSync(join(tmpdir(), "cchc-ev-")), "e.xlsx");
    const relative = cli(["export", "evidence", "--db", db, "--year", String(year), "--format", "csv-semicolon", "--out", `${out}.csv`]);
    expect(relative.status, relative.stderr).toBe(0);
    const [header, ...lines] = readFileSync(`${out}.csv`, "utf-8").slice(1).split("\r\n").filter(Boolean);
    const col = header!.split(";").indexOf("Bản lưu");
    expect(col).toBeGreaterThan(0);
    const paths = lines.map((l) => l.split(";")[col]).filter(Boolean);
    expect(paths.length).toBeGreaterThan(10);
    for (const p of paths) expect(existsSync(join(dist, p!)), p).toBe(true);

    const absolute = cli(["export", "evidence", "--db", db, "--year", String(year), "--format", "xlsx", "--out", out, "--site-url", "https://cchc.example.vn/giam-sat"]);
    expect(absolute.status, absolute.stderr).toBe(0);
    const book = new ExcelJS.Workbook();
    await book.xlsx.readFile(out);
    const sheet = book.worksheets[0]!;
    const xcol = (sheet.getRow(1).values as string[]).indexOf("Bản lưu");
    const cell = sheet.getRow(2).getCell(xcol);
    const link = (cell.value as { hyperlink?: string }).hyperlink;
    expect(link).toMatch(/^https:\/\/cchc\.example\.vn\/giam-sat\/ban-luu\/[0-9a-f]{2}\/[0-9a-f]{40}\.html$/);

    const bad = cli(["export", "evidence", "--db", db, "--year", String(year), "--out", `${out}.x`, "--site-url", "javascript:alert(1)"]);
    expect(bad.status).not.toBe(0);
    expect(bad.stderr).toContain("--site-url");
  }, 120_000); // three CLI runs

  describe.skipIf(!haveChromium)("in Chromium", () => {
    let browser: Browser;
    beforeAll(async () => {
      browser = await launchChromium();
    });
    afterAll(async () => {
      await browser?.close();
    });

    it("opens an archived copy from the agency page's 'bản lưu' link: banner, no script run, nothing requested", async () => {
      const context = await browser.newContext();
      const page = await context.newPage();
      const requests: string[] = [];
      const dialogs: string[] = [];
      context.on("request", (r) => requests.push(r.url()));
      context.on("dialog", (d) => { dialogs.push(d.message()); void d.dismiss(); });
      const hostile = items.find((d) => d.title === HOSTILE_TITLE && d.archive_path);
      expect(hostile).toBeDefined();
      await page.goto(`${server.url}/co-quan?agency=${encodeURIComponent(String(hostile!.agency_id))}`, { waitUntil: "networkidle" });
      // Cơ quan links to the agency's printable scorecard.
      expect(await page.locator(`a[href^="./the-diem?agency=${encodeURIComponent(String(hostile!.agency_id))}"]`).count()).toBe(1);
      // Item lists load when opened (issue 18): open the agency's list of every credited item.
      await page.locator("details.lazy-list summary", { hasText: "Xem danh sách" }).last().click();
      const link = page.locator("a.archive-link:visible").first();
      await link.waitFor({ timeout: 20_000 });
      requests.length = 0;
      const [copy] = await Promise.all([context.waitForEvent("page"), link.click()]);
      await copy.waitForLoadState("networkidle");
      const banner = await copy.locator(".cchc-archive-banner").innerText();
      expect(banner).toMatch(/Bản lưu/);
      expect(banner).toMatch(/thu thập lúc \d{2}:\d{2} ngày \d{2}\/\d{2}\/\d{4} \(giờ Việt Nam\)/);
      expect(banner).toContain("DEMO");
      expect(new URL(copy.url()).pathname).toMatch(/^\/ban-luu\//);
      // The hostile page itself: its payload is text, nothing runs, nothing loads.
      await copy.goto(`${server.url}/${hostile!.archive_path}`, { waitUntil: "networkidle" });
      expect(await copy.locator("h1").first().innerText()).toContain("=HYPERLINK(");
      expect(await copy.locator("script").count()).toBe(0);
      const origin = new URL(server.url).origin;
      expect(requests.filter((u) => !u.startsWith(origin) && !u.startsWith("data:"))).toEqual([]);
      expect(dialogs).toEqual([]);
      await context.close();
    }, 60_000);

    it("shows the agency scorecard as the coverage mart has it, and the briefing's header and full list", async () => {
      const card = (await read((w) => w.all("SELECT agency_id, agency_name, year, items_part FROM mart_agency_scorecard ORDER BY items_counted DESC, agency_id LIMIT 1")))[0]!;
      const parts = Number((await read((w) => w.all("SELECT mart_scorecard_items_parts() AS n")))[0]!.n);
      const rows = await read((w) => coverageTableRows(w, { year: Number(card.year), agencyId: String(card.agency_id) }));
      // The build ships every part of the items (and neither the archive nor a whole-items file).
      const partFile = /^(\d+)\.[0-9a-f]+\.arrow$/;
      expect(readdirSync(join(dist, "_file/data/scorecard-items")).map((f) => Number(partFile.exec(f)?.[1])).sort((a, b) => a - b)).toEqual([...Array(parts).keys()]);
      expect(readdirSync(join(dist, "_file/data")).filter((f) => f.startsWith("scorecard-items."))).toEqual([]);
      const context = await browser.newContext();
      const page = await context.newPage();
      const requested: string[] = [];
      page.on("request", (r) => requested.push(new URL(r.url()).pathname));
      await page.goto(`${server.url}/the-diem?agency=${card.agency_id}&year=${card.year}`, { waitUntil: "networkidle" });
      await page.waitForSelector(".scorecard-summary", { timeout: 20_000 });
      expect(await page.locator(".observablehq--error").count()).toBe(0);
      expect(await page.locator(".scorecard h1").innerText()).toContain(String(card.agency_name));
      const shown = await page.locator("table.scorecard-periods tbody tr").evaluateAll((trs) =>
        trs.map((tr) => [...tr.querySelectorAll("td")].map((td) => (td.textContent ?? "").trim())),
      );
      const expected = rows.map((r) => [r.period_label, String(r.actual), String(r.minimum), String(r.gap), String(r.status_label)]);
      expect(shown.map(([p, a, m, g, s]) => [p, a, m, g, s!.replace(/^\S+\s/, "")]).sort()).toEqual(expected.map((e) => e.map(String)).sort());
      // Every item behind a number is listed (the mart's count), each with its live link and archived copy.
      const counted = rows.reduce((n, r) => n + Number(r.items), 0);
      expect(await page.locator("table.scorecard-items tbody tr").count()).toBe(counted);
      expect(await page.locator("table.scorecard-items a.archive-link").count()).toBeGreaterThan(0);
      // Only the agency's part of the items was fetched (its card's items_part), none of the others.
      const fetchedParts = requested.filter((p) => p.startsWith("/_file/data/scorecard-items")).map((p) => p.slice("/_file/data/scorecard-items/".length));
      expect(fetchedParts.map((f) => Number(partFile.exec(f)?.[1]))).toEqual([Number(card.items_part)]);

      await page.goto(`${server.url}/the-diem?agency=khong-co&year=${card.year}`, { waitUntil: "networkidle" });
      await page.waitForSelector(".scorecard-error", { timeout: 20_000 });
      expect(await page.locator(".scorecard-error").innerText()).toContain("Không có cơ quan mã “khong-co”");

      await page.goto(`${server.url}/ban-tin?month=2024-08`, { waitUntil: "networkidle" });
      await page.waitForSelector(".briefing svg", { timeout: 20_000 });
      const text = await page.locator(".briefing").innerText();
      expect(text).toContain("SỞ NỘI VỤ");
      expect(text).toMatch(/Tây Ninh, ngày \d{2} tháng \d{2} năm \d{4}/);
      expect(text).toContain("Số tham chiếu: BT-CCHC-2024-08");
      expect(text).not.toMatch(/cơ quan khác/);
      expect(text).not.toContain("=HYPERLINK(");
      // Every agency behind in the quarter (counted from mart_coverage, not from the briefing mart), one line
      // each, under the name the site gives an agency everywhere (agencyLabel: "Sở Tư pháp", not the registry's
      // "Sở Tư pháp tỉnh Tây Ninh"); distinct agencies keep distinct names, so no line stands for two.
      const behind = await read((w) => w.all("SELECT DISTINCT agency_id, agency_name FROM mart_coverage WHERE period = '2024-Q3' AND behind"));
      expect(behind.length).toBeGreaterThan(10);
      const names = behind.map((r) => agencyLabel(String(r.agency_name)));
      expect(new Set(names).size).toBe(behind.length);
      expect(text).toContain(`Quý III/2024: chưa đạt, có nguy cơ (${behind.length} cơ quan)`);
      const lines = await page.locator(".briefing ol.behind-list > li").allInnerTexts();
      expect(lines.length).toBe(behind.length);
      for (const name of names) expect(lines.filter((l) => l.startsWith(`${name} — `)), name).toHaveLength(1);
      await context.close();
    }, 90_000);

    it("cchc scorecard writes an A4 PDF named for the agency; unknown agency or year: a Vietnamese error", async () => {
      const card = (await read((w) => w.all("SELECT agency_id, agency_name, year FROM mart_agency_scorecard ORDER BY items_counted DESC, agency_id LIMIT 1")))[0]!;
      const pdf = join(mkdtempSync(join(tmpdir(), "cchc-sc-")), "the-diem.pdf");
      const ok = cli(["scorecard", "--db", db, "--site", dist, "--agency", String(card.agency_id), "--year", String(card.year), "--pdf", pdf]);
      expect(ok.status, ok.stderr).toBe(0);
      expect(ok.stdout).toContain(String(card.agency_name));
      const bytes = readFileSync(pdf);
      expect(bytes.subarray(0, 5).toString("latin1")).toBe("%PDF-");
      expect(countPdfPages(bytes)).toBeGreaterThanOrEqual(1);
      expect(/\/MediaBox\s*\[\s*0 0 (59[45](\.\d+)?) (84[12](\.\d+)?)\s*\]/.test(bytes.toString("latin1"))).toBe(true); // A4 in points
      expect(pdfTitle(bytes)).toBe(`Thẻ điểm ${card.agency_name} năm ${card.year}`);

      const unknown = cli(["scorecard", "--db", db, "--site", dist, "--agency", "so-khong-co", "--year", String(card.year), "--pdf", `${pdf}.2`]);
      expect(unknown.status).not.toBe(0);
      expect(unknown.stderr).toContain("không có cơ quan mã “so-khong-co”");
      const noYear = cli(["scorecard", "--db", db, "--site", dist, "--agency", String(card.agency_id), "--year", "2001", "--pdf", `${pdf}.3`]);
      expect(noYear.status).not.toBe(0);
      expect(noYear.stderr).toContain("không có chỉ tiêu nào năm 2001");
      expect(noYear.stderr).toMatch(/các năm có thẻ điểm: \d{4}/);
      const badYear = cli(["scorecard", "--db", db, "--agency", String(card.agency_id), "--year", "năm ngoái", "--pdf", `${pdf}.4`]);
      expect(badYear.status).not.toBe(0);
      expect(badYear.stderr).toContain("không phải là năm");
      for (const f of [`${pdf}.2`, `${pdf}.3`, `${pdf}.4`]) expect(existsSync(f)).toBe(false);
    }, 120_000);
  });
});
