/**
 * The analysts' workbench in Chromium against the real `cchc serve` on a DEMO
 * warehouse (one crawl + one build, shared with the other browser tests), plus kill -9 of the
 * server during a write. CCHC_TEST_WB_DB=<warehouse> and CCHC_TEST_WB_DIST=<built site>
 * reuse a crawled warehouse and its build (copied, never changed).
 */
import { cpSync, existsSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { Browser, Page } from "playwright-core";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { chromiumPath, isLocalUrl, launchChromium } from "../../pipelines/site/chromium.ts";
import { serveStatic } from "../../pipelines/site/static-server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { demoSite } from "../fixtures/demo-site.ts";
import { ApiClient, cchc, startServe, type ServeChild } from "../workbench/serve-child.ts";

const haveChromium = chromiumPath() !== null;
const dir = mkdtempSync(join(tmpdir(), "cchc-workbench-"));
const db = join(dir, "w.duckdb");
const dist = join(dir, "dist");
const ANALYST = { name: "phan-tich", password: "mật khẩu phân tích 1" };
const EDITOR = { name: "cb-tai-chinh", password: "mat-khau-co-quan-2" };
const OWN_AGENCY = "so-tai-chinh";
const OTHER_AGENCY = "so-tu-phap";

async function query(sql: string, params?: Record<string, string>) {
  const w = await Warehouse.open(db, { readOnly: true });
  try {
    return await w.all(sql, params);
  } finally {
    await w.close();
  }
}

const count = async (sql: string, params?: Record<string, string>) => Number((await query(sql, params))[0].n);

beforeAll(async () => {
  if (process.env.CCHC_TEST_WB_DB && process.env.CCHC_TEST_WB_DIST) {
    cpSync(process.env.CCHC_TEST_WB_DB, db);
    cpSync(process.env.CCHC_TEST_WB_DIST, dist, { recursive: true });
  } else {
    // The site test's way: `cchc build --db --out` from a crawl of the DEMO farm, once per test run
    // (test/fixtures/demo-site.ts); this file writes its own copy.
    await demoSite(dir);
  }
  cchc(["user", "add", ANALYST.name, "--role", "analyst", "--db", db], `${ANALYST.password}\n`);
  cchc(["user", "add", EDITOR.name, "--role", "agency_editor", "--agency", OWN_AGENCY, "--db", db], `${EDITOR.password}\n`);
}, 400_000);

afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe.skipIf(!haveChromium)("the workbench in Chromium", () => {
  let browser: Browser;
  let server: ServeChild;
  const errors: string[] = [];

  beforeAll(async () => {
    server = await startServe(["--db", db, "--out", dist, "--no-build"]);
    browser = await launchChromium();
  }, 60_000);

  afterAll(async () => {
    await browser?.close();
    await server?.stop();
  });

  async function open(path: string, base = server.url): Promise<Page> {
    const context = await browser.newContext({ viewport: { width: 1280, height: 900 } });
    const page = await context.newPage();
    page.on("request", (req) => { if (!isLocalUrl(req.url())) errors.push(`off machine: ${req.url()}`); });
    page.on("pageerror", (err) => errors.push(err.message));
    await page.goto(`${base}${path}`, { waitUntil: "networkidle" });
    await page.waitForSelector("#observablehq-main h1", { timeout: 20_000 });
    return page;
  }

  async function signIn(page: Page, who: { name: string; password: string }) {
    const form = page.locator("form.workbench-login");
    await form.getByLabel("Tên đăng nhập").fill(who.name);
    await form.getByLabel("Mật khẩu").fill(who.password);
    await Promise.all([page.waitForEvent("load"), form.getByRole("button", { name: "Đăng nhập" }).click()]);
    await page.waitForSelector("text=Đã đăng nhập", { timeout: 20_000 });
  }

  const creditedCount = async (page: Page) => {
    const heading = page.locator("h2", { hasText: "Tất cả tin, bài CCHC ghi nhận cho cơ quan" });
    await heading.waitFor({ timeout: 20_000 });
    return Number((await heading.innerText()).match(/\((\d[\d.]*)\)/)![1].replace(/\./g, ""));
  };

  it("a signed-out user sees no edit control (served), and the static build makes no API request at all", async () => {
    for (const path of ["/du-lieu", "/minh-chung", "/ke-hoach", "/co-quan"]) {
      const page = await open(path);
      await page.waitForSelector("form.workbench-login", { timeout: 20_000 });
      expect(await page.locator("form.workbench-form").count()).toBe(0);
      await page.context().close();
    }
    const stat = await serveStatic(dist);
    try {
      const page = await open("/du-lieu", stat.url);
      const api: string[] = [];
      page.on("request", (r) => { if (new URL(r.url()).pathname.startsWith("/api/")) api.push(r.url()); });
      await page.reload({ waitUntil: "networkidle" });
      await page.waitForTimeout(500);
      expect(await page.locator("form.workbench-login, form.workbench-form").count()).toBe(0);
      expect(api).toEqual([]);
      await page.context().close();
    } finally {
      await stat.close();
    }
  }, 120_000);

  it("an analyst signs in, credits an unattributed item to an agency and sees the agency's count change", async () => {
    const page = await open(`/co-quan?agency=${OWN_AGENCY}`);
    await signIn(page, ANALYST);
    const before = await creditedCount(page);

    await page.goto(`${server.url}/du-lieu`, { waitUntil: "networkidle" });
    const form = page.locator('form[aria-label="Rà soát tin, bài"]');
    await form.waitFor({ timeout: 20_000 });
    // An item of the queue the page offers that the warehouse holds as unattributed.
    const offered = await form.locator('select[name="article_id"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value));
    const unattributed = new Set((await query("SELECT article_id FROM report_items WHERE agency_id IS NULL AND is_cchc AND article_id IS NOT NULL")).map((r) => String(r.article_id)));
    const item = { article_id: offered.find((id) => unattributed.has(id))! };
    expect(item.article_id).toBeTruthy();
    await form.getByLabel("Tin, bài").selectOption(String(item.article_id));
    await form.getByLabel("Gán cho cơ quan").check();
    await form.locator('select[name="agency_id"]').selectOption(OWN_AGENCY);
    await form.getByLabel("Lý do (bắt buộc)").fill("Bài do Sở Tài chính cung cấp (kiểm tra trình duyệt)");
    await form.getByRole("button", { name: "Ghi" }).click();
    await expect.poll(() => form.locator(".workbench-ok, .workbench-error").count(), { timeout: 60_000 }).toBe(1);
    expect(await form.locator(".workbench-error").count()).toBe(0);
    // The page says the numbers are being rebuilt until they are.
    const banner = page.locator(".workbench-rebuild");
    await banner.waitFor({ timeout: 10_000 });
    await expect.poll(() => banner.getAttribute("data-state"), { timeout: 240_000, interval: 1000 }).toBe("done");

    await page.goto(`${server.url}/co-quan?agency=${OWN_AGENCY}`, { waitUntil: "networkidle" });
    expect(await creditedCount(page)).toBe(before + 1);
    expect(await count("SELECT count(*) AS n FROM audit_log WHERE action = 'review.credit' AND subject = $id", { id: String(item.article_id) })).toBe(1);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 300_000);

  it("an agency editor adds evidence for its own agency and is refused (403, nothing written) for another", async () => {
    const page = await open("/minh-chung");
    await signIn(page, EDITOR);
    const form = page.locator('form[aria-label="Nhập một minh chứng"]');
    await form.waitFor({ timeout: 20_000 });
    // Its own agency is the only one offered.
    expect(await form.locator('select[name="agency_id"] option').evaluateAll((os) => os.map((o) => (o as HTMLOptionElement).value))).toEqual([OWN_AGENCY]);
    const evidenceBefore = await count("SELECT count(*) AS n FROM evidence_items");
    await form.locator('select[name="channel"]').selectOption("zalo");
    await form.locator('input[name="date"]').fill("05/11/2025");
    await form.locator('input[name="title"]').fill("Nhóm Zalo cơ quan: hướng dẫn nộp hồ sơ trực tuyến");
    await form.locator('input[name="reference"]').fill("Ảnh chụp tin nhắn số 12");
    await form.getByRole("button", { name: "Ghi minh chứng" }).click();
    await expect.poll(() => form.locator(".workbench-ok, .workbench-error").count(), { timeout: 60_000 }).toBe(1);
    expect(await form.locator(".workbench-error").count()).toBe(0);
    expect(await count("SELECT count(*) AS n FROM evidence_items")).toBe(evidenceBefore + 1);

    // The same session asks for another agency's row: 403, nothing written, nothing audited.
    const auditBefore = await count("SELECT count(*) AS n FROM audit_log");
    const refused = await page.evaluate(async (other) => {
      const s = await (await fetch("/api/session")).json();
      const r = await fetch("/api/evidence", {
        method: "POST",
        headers: { "content-type": "application/json", "x-csrf-token": s.csrf_token },
        body: JSON.stringify({ agency_id: other, channel: "zalo", date: "06/11/2025", title: "Tin của cơ quan khác", reference: "số 1" }),
      });
      return { status: r.status, body: await r.json() };
    }, OTHER_AGENCY);
    expect(refused.status).toBe(403);
    expect(refused.body.error).toMatch(/cơ quan mình/);
    expect(await count("SELECT count(*) AS n FROM evidence_items")).toBe(evidenceBefore + 1);
    expect(await count("SELECT count(*) AS n FROM audit_log")).toBe(auditBefore);

    // A bad row shows the importer's located errors on the page.
    await form.locator('input[name="date"]').fill("31/02/2025");
    await form.getByRole("button", { name: "Ghi minh chứng" }).click();
    await form.locator(".workbench-error li").first().waitFor({ timeout: 30_000 });
    expect(await form.locator(".workbench-error li").allInnerTexts()).toEqual([expect.stringMatching(/^biểu mẫu \(cb-tai-chinh\): dòng 1, cột date: /)]);

    // The filled template uploaded from the page: a bad line is shown located, and nothing of the file is written.
    const upload = page.locator('form[aria-label="Tải lên tệp minh chứng"]');
    const csv = "agency_id,channel,date,title,url,reference\r\n" +
      `${OWN_AGENCY},facebook,04/11/2025,Bài trên trang Facebook,https://facebook.example.vn/stc/9,\r\n` +
      `${OWN_AGENCY},fax,04/11/2025,Kênh không có,,Công văn 3\r\n`;
    await upload.locator('input[type="file"]').setInputFiles({ name: "minh-chung-thang-11.csv", mimeType: "text/csv", buffer: Buffer.from(csv) });
    await upload.getByRole("button", { name: "Tải lên" }).click();
    await upload.locator(".workbench-error li").first().waitFor({ timeout: 30_000 });
    expect(await upload.locator(".workbench-error li").allInnerTexts()).toEqual([expect.stringMatching(/^minh-chung-thang-11\.csv: dòng 3, cột channel: /)]);
    expect(await count("SELECT count(*) AS n FROM evidence_items")).toBe(evidenceBefore + 1);
    await page.context().close();
  }, 180_000);

  it("a write without the CSRF token is refused and writes nothing", async () => {
    const api = new ApiClient(server.url);
    expect((await api.signIn(ANALYST.name, ANALYST.password)).status).toBe(200);
    const [item] = await query("SELECT article_id FROM report_items WHERE article_id IS NOT NULL ORDER BY article_id LIMIT 1");
    const before = await count("SELECT count(*) AS n FROM article_overrides");
    const r = await api.request("POST", "/api/review", { article_id: item.article_id, action: "exclude", reason: "thử" }, { csrf: false });
    expect(r.status).toBe(403);
    expect(String(r.data.error)).toMatch(/CSRF/);
    expect(await count("SELECT count(*) AS n FROM article_overrides")).toBe(before);
  });

  it("five wrong passwords slow the account down: the next attempt, even with the right password, waits", async () => {
    const api = new ApiClient(server.url);
    await api.request("GET", "/api/session");
    for (let i = 0; i < 5; i++) expect((await api.request("POST", "/api/login", { name: EDITOR.name, password: `sai ${i}` })).status).toBe(401);
    const r = await api.request("POST", "/api/login", { name: EDITOR.name, password: EDITOR.password });
    expect(r.status).toBe(429);
    expect(Number(r.headers.get("retry-after"))).toBeGreaterThanOrEqual(1);
    expect(String(r.data.error)).toMatch(/đợi \d+ giây/);
  });
});

describe("kill -9 of cchc serve during a write", () => {
  it("leaves the write fully done or not at all, and the audit log agrees", async () => {
    const state = async (articleId: string) => ({
      overrides: await count("SELECT count(*) AS n FROM article_overrides WHERE article_id = $id", { id: articleId }),
      audit: await count("SELECT count(*) AS n FROM audit_log WHERE subject = $id", { id: articleId }),
      credited: await count("SELECT count(*) AS n FROM article_attribution WHERE article_id = $id AND method = 'analyst'", { id: articleId }),
    });
    const [item] = await query(
      "SELECT article_id FROM report_items WHERE agency_id IS NULL AND is_cchc AND article_id IS NOT NULL ORDER BY article_id DESC LIMIT 1",
    );
    const id = String(item.article_id);
    const credit = { article_id: id, action: "credit", agency_id: OTHER_AGENCY, reason: "kiểm tra kill -9" };

    // 1. killed inside the transaction (after "write begun", before COMMIT): nothing of it stays.
    let server = await startServe(["--db", db, "--out", dist, "--no-build"]);
    let api = new ApiClient(server.url);
    expect((await api.signIn(ANALYST.name, ANALYST.password)).status).toBe(200);
    const pending = api.request("POST", "/api/review", credit).catch(() => null);
    await server.waitFor(/^write begun: review\.credit /);
    await server.kill9();
    await pending;
    expect(await state(id)).toEqual({ overrides: 0, audit: 0, credited: 0 });

    // 2. killed right after COMMIT: all of it stays, the audit entry too; the overrides file is repaired at the next start.
    server = await startServe(["--db", db, "--out", dist, "--no-build"]);
    api = new ApiClient(server.url);
    expect((await api.signIn(ANALYST.name, ANALYST.password)).status).toBe(200);
    const done = api.request("POST", "/api/review", credit).catch(() => null);
    await server.waitFor(/^write committed: review\.credit /);
    await server.kill9();
    await done;
    expect(await state(id)).toEqual({ overrides: 1, audit: 1, credited: 1 });
    server = await startServe(["--db", db, "--out", dist, "--no-build"]);
    await server.stop();
    const file = join(dir, "overrides.jsonl");
    expect(existsSync(file)).toBe(true);
    const mirrored = readFileSync(file, "utf-8").split("\n").filter(Boolean).map((l) => JSON.parse(l) as { article_id: string; action: string });
    expect(mirrored.filter((o) => o.article_id === id)).toEqual([expect.objectContaining({ article_id: id, action: "agency" })]);
  }, 120_000);
});
