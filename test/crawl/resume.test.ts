import { type ChildProcess, spawn } from "node:child_process";
import { existsSync, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { acquireCrawlLock, lockPathFor } from "../../pipelines/crawl/lock.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const CLI = resolve(__dirname, "../../bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-resume-"));

function cli(args: string[]): ChildProcess {
  return spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0", CCHC_REGISTRY_DIR: FIXTURE_REGISTRY } });
}

function exited(child: ChildProcess): Promise<{ code: number | null; signal: NodeJS.Signals | null; stdout: string; stderr: string }> {
  let stdout = "", stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((r) => child.on("exit", (code, signal) => r({ code, signal, stdout, stderr })));
}

async function snapshot(db: string) {
  const w = await Warehouse.open(db);
  try {
    return {
      articles: await w.all("SELECT article_id, content_hash, version FROM articles ORDER BY article_id"),
      versions: (await w.one("SELECT count(*) AS n FROM article_versions"))!.n,
      runs: await w.all("SELECT status FROM crawl_runs ORDER BY started_at"),
      frontier: (await w.one("SELECT count(*) AS n FROM crawl_frontier"))!.n,
      /** Stored articles whose frontier row is still pending (the store and the frontier commit together: none). */
      storedButPending: (await w.one(
        `SELECT count(*) AS n FROM crawl_frontier f JOIN articles a ON a.source_id = f.source_id AND a.item_id = f.item_id
         WHERE f.kind = 'article' AND f.state = 'pending'`,
      ))!.n,
      /** Stored articles without their version row, or versions without their article. */
      halfWritten: (await w.one(
        `SELECT count(*) AS n FROM articles a FULL JOIN article_versions v ON v.article_id = a.article_id AND v.version = a.version
         WHERE a.article_id IS NULL OR v.article_id IS NULL`,
      ))!.n,
    };
  } finally {
    await w.close();
  }
}

describe("kill -9 in the middle of a crawl, then crawl again", () => {
  let farm: Farm;
  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu", "sotuphap"] });
  });
  afterAll(() => farm.close());

  it("ends with exactly the articles of an uninterrupted crawl, none twice; a crawl while another holds the lock is refused", async () => {
    // slow enough (a delay per host) that the crawl is still running when it is killed
    const sources = demoSources(farm.portals, 100);
    const farmFile = join(dir, "farm.json");
    writeFileSync(farmFile, JSON.stringify({ demo: true, sources }));

    const cleanDb = join(dir, "clean.duckdb");
    const w = await Warehouse.open(cleanDb);
    await crawl(w, sources, { limits: { delayMs: 0 } });
    await w.close();
    const expected = await snapshot(cleanDb);
    expect(expected.articles.length).toBe(farm.portals.reduce((n, p) => n + p.site.articleCount, 0));

    const db = join(dir, "killed.duckdb");
    const first = cli(["crawl", "--json", "--db", db, "--farm", farmFile]); // its events: JSON lines on stderr
    const firstExit = exited(first);
    let articles = 0;
    await new Promise<void>((resolvePromise, reject) => {
      first.stdout!.resume();
      const lines = createInterface({ input: first.stderr! });
      lines.on("line", (line) => {
        if (line.startsWith("{") && JSON.parse(line).type === "article") articles++;
        if (articles === 30) resolvePromise();
      });
      first.on("exit", () => reject(new Error(`the crawl ended before it could be killed (${articles} articles)`)));
    });

    first.kill("SIGKILL");
    expect((await firstExit).signal).toBe("SIGKILL");
    expect(existsSync(lockPathFor(db))).toBe(true); // left behind by the dead process

    const midway = await snapshot(db);
    // every article announced was committed (events follow the commit): nothing stored is lost
    expect(midway.articles.length).toBeGreaterThanOrEqual(30);
    expect(midway.articles.length).toBeLessThan(expected.articles.length);
    // nothing half-written: each stored article has its version, its frontier row is done
    expect(midway.versions).toBe(midway.articles.length);
    expect(midway.halfWritten).toBe(0);
    expect(midway.storedButPending).toBe(0);

    const third = await exited(cli(["crawl", "--db", db, "--farm", farmFile]));
    expect(third.stderr).toBe("");
    expect(third.code).toBe(0);
    // Off a terminal, without --json: one Vietnamese line per source (DEMO marked), then the run's line (and its completeness lines); no JSON.
    const printed = third.stdout.trim().split("\n");
    expect(printed.filter((l) => l.startsWith("{"))).toEqual([]);
    expect(printed.filter((l) => / thành công, [\d.]+ tin, bài mới, [\d.]+ trang$/.test(l)).map((l) => l.split(":")[0]).sort()).toEqual(sources.map((x) => `DEMO ${x.source_id}`).sort());
    expect(printed.filter((l) => /^lần thu thập \S+: [\d.]+ tin, bài mới vào /.test(l))).toHaveLength(1);

    const after = await snapshot(db);
    expect(after.articles).toEqual(expected.articles);
    expect(after.versions).toBe(expected.articles.length);
    expect(after.runs).toEqual([{ status: "interrupted" }, { status: "ok" }]);
    expect(after.frontier).toBe(0);
    expect(existsSync(lockPathFor(db))).toBe(false);

    // while a crawl holds the warehouse (here: this process), another one is refused with a clear message
    const release = acquireCrawlLock(db);
    try {
      const refused = await exited(cli(["crawl", "--db", db, "--farm", farmFile]));
      expect(refused.code).toBe(1);
      expect(refused.stderr).toMatch(new RegExp(`một lần thu thập khác đang chạy trên .*killed\\.duckdb \\(pid ${process.pid}`));
    } finally {
      release();
    }
    expect((await snapshot(db)).runs.length).toBe(2);
  }, 180_000);
});
