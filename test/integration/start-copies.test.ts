/**
 * `cchc start` as the Quick start runs it (crawl of the DEMO farm, report, Framework's preview), on a
 * private copy of src/ (CCHC_SITE_ROOT) and the fixture registry: with the farm gone after the crawl,
 * the "bản lưu" links open from the preview's own address, with the static server's safety headers
 * (CSP default-src 'none' with sandbox, nosniff); pages, and the live-reload WebSocket, still come
 * from Framework through the front server (pipelines/site/preview-front.ts).
 */
import { type ChildProcess, spawn } from "node:child_process";
import { mkdtempSync, rmSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join, relative, resolve } from "node:path";
import * as cheerio from "cheerio";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { HOSTILE_TITLE } from "../../pipelines/farm/portals.ts";
import { privateRoot } from "../../pipelines/site/build.ts";
import { type Row, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const ROOT = resolve(import.meta.dirname, "../..");
const CLI = join(ROOT, "bin/cchc.mjs");

describe("cchc start serves the archived copies", () => {
  let child: ChildProcess;
  let out = "";
  let base: string;
  let copies: Row[];
  let siteRoot: string;
  const tmp = mkdtempSync(join(tmpdir(), "cchc-start-"));
  const db = join(tmp, "w.duckdb");

  beforeAll(async () => {
    siteRoot = mkdtempSync(join(ROOT, ".cchc-build-start-test-"));
    privateRoot(siteRoot);
    child = spawn(process.execPath, [CLI, "start", "--db", db, "--port", "0"], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
      detached: true, // its own process group: Framework's preview is stopped with it
      env: { ...process.env, FORCE_COLOR: "0", CCHC_REGISTRY_DIR: FIXTURE_REGISTRY, CCHC_SITE_ROOT: relative(ROOT, siteRoot) },
    });
    child.stdout!.on("data", (c) => (out += c));
    child.stderr!.on("data", (c) => (out += c));
    base = await new Promise<string>((done, fail) => {
      const timer = setInterval(() => {
        // The front's line, else Framework's own banner (a `cchc start` without the front).
        // eslint-disable-next-line no-control-regex
        const m = /(?:bảng điều khiển: |↳ )(http:\/\/127\.0\.0\.1:\d+)\//.exec(out.replace(/\x1b\[[0-9;]*m/g, ""));
        if (m) {
          clearInterval(timer);
          done(m[1]!);
        }
      }, 200);
      child.once("exit", (code) => {
        clearInterval(timer);
        fail(new Error(`cchc start exited (${code}):\n${out}`));
      });
    });
    copies = await withWarehouse(db, (w) => w.all("SELECT c.url, c.archive_path, a.title FROM int_archived_copies c LEFT JOIN articles a USING (url) ORDER BY c.archive_path"), { readOnly: true });
  }, 300_000);

  afterAll(() => {
    if (child?.pid && child.exitCode === null) process.kill(-child.pid, "SIGTERM");
    rmSync(siteRoot, { recursive: true, force: true });
    rmSync(tmp, { recursive: true, force: true });
  });

  it("sums up its report in Vietnamese, with vi-VN numbers (no English line)", async () => {
    const articles = await withWarehouse(db, (w) => w.one("SELECT count(*)::INTEGER AS n FROM articles"), { readOnly: true });
    const line = /báo cáo: ([\d.]+) bài, ([\d.]+) mục được tính, ([\d.]+) dòng độ phủ theo chỉ tiêu/.exec(out);
    expect(line, out).not.toBeNull();
    expect(Number(line![1]!.replace(/\./g, ""))).toBe(Number(articles!.n));
    expect(out).not.toMatch(/^report: /m);
  });

  it("says how many copies it wrote, and serves each with the safety headers while the farm is gone", async () => {
    const written = /bản lưu: ([\d.]+) trang/.exec(out);
    expect(written, out).not.toBeNull();
    expect(Number(written![1]!.replace(/\./g, ""))).toBe(copies.length);
    expect(copies.length).toBeGreaterThan(200);
    const hostile = copies.find((c) => c.title === HOSTILE_TITLE);
    expect(hostile).toBeDefined();
    // The farm stopped after the crawl: the live link is dead.
    await expect(fetch(String(hostile!.url), { signal: AbortSignal.timeout(3000) })).rejects.toThrow();
    for (const c of [hostile!, copies[0]!, copies[copies.length - 1]!]) {
      const res = await fetch(`${base}/${c.archive_path}`);
      expect(res.status, String(c.archive_path)).toBe(200);
      expect(res.headers.get("content-type")).toMatch(/^text\/html/);
      expect(res.headers.get("content-security-policy")).toMatch(/default-src 'none'.*sandbox/);
      expect(res.headers.get("x-content-type-options")).toBe("nosniff");
      const html = await res.text();
      expect(html).toContain("Bản lưu");
      expect(html).toContain(String(c.url).replace(/&/g, "&amp;"));
      expect(cheerio.load(html)("script").length).toBe(0);
    }
    // Only copies are served from ban-luu/; nothing else of the machine is.
    expect((await fetch(`${base}/ban-luu/00/${"0".repeat(40)}.html`)).status).toBe(404);
    expect((await fetch(`${base}/ban-luu/..%2f..%2fpackage.json`)).status).toBe(404);
  });

  it("serves the pages and the live-reload WebSocket from Framework's preview behind it", async () => {
    const page = await fetch(`${base}/`, { signal: AbortSignal.timeout(120_000) });
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toBeNull();
    expect(await page.text()).toContain("Giám sát tuyên truyền CCHC");
    // Framework's banner names the front's address, not its private port.
    // eslint-disable-next-line no-control-regex
    expect(/↳ (http:\/\/127\.0\.0\.1:\d+)\//.exec(out.replace(/\x1b\[[0-9;]*m/g, ""))?.[1], out).toBe(base);
    const status = await new Promise<number>((done, fail) => {
      const req = request(`${base}/_observablehq`, { headers: { Connection: "Upgrade", Upgrade: "websocket", "Sec-WebSocket-Version": "13", "Sec-WebSocket-Key": "dGhlIHNhbXBsZSBub25jZQ==" } });
      req.on("upgrade", (res, socket) => {
        socket.destroy();
        done(res.statusCode ?? 0);
      });
      req.on("response", (res) => done(res.statusCode ?? 0));
      req.on("error", fail);
      req.end();
    });
    expect(status).toBe(101);
  }, 150_000);
});
