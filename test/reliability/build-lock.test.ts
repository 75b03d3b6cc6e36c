/**
 * A site build and a crawl never break each other: `cchc build --no-crawl`
 * holds the warehouse's crawl lock for its whole run (report and Framework's
 * data loaders), so a crawl started meanwhile is refused with a clear message,
 * and a build started during a crawl is refused too.
 */
import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { acquireCrawlLock, lockPathFor } from "../../pipelines/crawl/lock.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const CLI = resolve(__dirname, "../../bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-build-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

function start(args: string[]): { child: ChildProcess; done: Promise<{ code: number | null; stderr: string }> } {
  // own process group: the build's Framework child is stopped with it
  const child = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], detached: true, env: { ...process.env, FORCE_COLOR: "0", CCHC_REGISTRY_DIR: FIXTURE_REGISTRY } });
  let stderr = "";
  child.stdout!.resume();
  child.stderr!.on("data", (d) => (stderr += d));
  return { child, done: new Promise((r) => child.on("exit", (code) => r({ code, stderr }))) };
}

async function until(check: () => boolean, ms = 60_000): Promise<void> {
  const end = Date.now() + ms;
  while (!check()) {
    if (Date.now() > end) throw new Error("timed out");
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a crawl during `cchc build --no-crawl`", () => {
  let farm: Farm;
  let farmFile = "";
  const db = join(dir, "w.duckdb");
  beforeAll(async () => {
    farm = await startFarm({ only: ["sotuphap"] });
    farmFile = join(dir, "farm.json");
    writeFileSync(farmFile, JSON.stringify({ demo: true, sources: demoSources(farm.portals, 0) }));
    const first = start(["crawl", "--farm", farmFile, "--db", db]);
    expect((await first.done).code).toBe(0);
  }, 120_000);
  afterAll(() => farm.close());

  it("is refused while the build runs, with a message naming the build; accepted once the build is gone", async () => {
    const build = start(["build", "--no-crawl", "--db", db, "--out", join(dir, "site")]);
    const lock = lockPathFor(db);
    await until(() => existsSync(lock) && /"holder":"build"/.test(readFileSync(lock, "utf-8")));
    const crawl = await start(["crawl", "--farm", farmFile, "--db", db]).done;
    expect(crawl.code).toBe(1);
    expect(crawl.stderr).toMatch(/cchc: một lần dựng trang \(cchc build\) đang đọc .*w\.duckdb \(pid \d+/);
    process.kill(-build.child.pid!, "SIGKILL"); // the build and its Framework child
    await build.done;
    const after = await start(["crawl", "--farm", farmFile, "--db", db]).done;
    expect(after.code, after.stderr).toBe(0);
  }, 120_000);

  it("a build is refused while a crawl holds the warehouse", async () => {
    const release = acquireCrawlLock(db, process.pid, "crawl");
    try {
      const build = await start(["build", "--no-crawl", "--db", db, "--out", join(dir, "site")]).done;
      expect(build.code).toBe(1);
      expect(build.stderr).toMatch(/cchc: một lần thu thập khác đang chạy trên .*w\.duckdb/);
    } finally {
      release();
    }
  }, 60_000);
});
