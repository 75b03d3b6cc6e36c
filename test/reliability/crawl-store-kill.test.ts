/**
 * kill -9 at random moments of `cchc crawl` (the crawler's store: articles, their versions, the
 * frontier, the run log), against the DEMO farm on 127.0.0.1. After every kill the warehouse opens
 * and every stored article is whole: its versions are exactly 1..version, the latest one holding the
 * article's own content, and it is an article an uninterrupted crawl stores with the same content.
 * A crawl after the last kill ends with exactly the articles of an uninterrupted crawl.
 * (Written against the store as it is; a batched store must keep the same guarantees.)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, cpSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { createInterface } from "node:readline";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { ArchiveStore, archiveDirFor } from "../../pipelines/archive/store.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const CLI = resolve(import.meta.dirname, "../../bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-kill-store-"));
const KILLS = 3;
/** A warehouse in its own folder, so that its raw archive (archive/ beside it) is its own. */
const dbIn = (name: string) => {
  mkdirSync(join(dir, name), { recursive: true });
  return join(dir, name, "w.duckdb");
};

/** Run `cchc crawl`; with `killAfter`, kill -9 it once it has reported that many stored articles. */
function crawl(db: string, farmFile: string, killAfter?: number): Promise<{ code: number | null; signal: string | null; stderr: string; seen: number }> {
  // --json: the crawl's events come as JSON lines on stderr (its summary on stdout).
  const child: ChildProcess = spawn(process.execPath, [CLI, "crawl", "--json", "--db", db, "--farm", farmFile], {
    stdio: ["ignore", "pipe", "pipe"],
    env: { ...process.env, FORCE_COLOR: "0", CCHC_REGISTRY_DIR: FIXTURE_REGISTRY },
  });
  let stderr = "";
  let seen = 0;
  child.stdout!.resume();
  createInterface({ input: child.stderr! }).on("line", (line) => {
    if (!line.startsWith("{")) return void (stderr += `${line}\n`);
    if (JSON.parse(line).type !== "article") return;
    seen++;
    if (seen === killAfter) child.kill("SIGKILL");
  });
  return new Promise((r) => child.on("exit", (code, signal) => r({ code, signal, stderr, seen })));
}

/** Stored articles (id → content hash), and every article whose versions are not exactly 1..version ending in its own content, or lost a superseded version's text. */
async function store(db: string): Promise<{ articles: Map<string, string>; torn: string[] }> {
  const w = await Warehouse.open(db);
  try {
    const articles = new Map((await w.all("SELECT article_id, content_hash FROM articles")).map((r) => [String(r.article_id), String(r.content_hash)]));
    const torn = await w.all(`
      SELECT a.article_id FROM articles a
      LEFT JOIN article_versions v USING (article_id)
      GROUP BY a.article_id, a.version, a.content_hash
      HAVING count(v.version) <> a.version OR min(v.version) <> 1 OR max(v.version) <> a.version
          OR count(DISTINCT v.version) <> a.version
          OR max(CASE WHEN v.version = a.version THEN v.content_hash END) IS DISTINCT FROM a.content_hash
          -- each text is stored once: only the current version's body is the article's (NULL in its row)
          OR count(*) FILTER (WHERE v.body_text IS NULL AND v.version <> a.version) > 0
      UNION ALL
      SELECT DISTINCT v.article_id FROM article_versions v ANTI JOIN articles a USING (article_id)`);
    // every archived page the index names is in the archive, whole (packs are written before their rows commit)
    const archive = new ArchiveStore(archiveDirFor(db));
    const unreadable: string[] = [];
    for (const r of await w.all("SELECT DISTINCT sha256 FROM archive_pages")) {
      try {
        archive.get(String(r.sha256));
      } catch (error) {
        unreadable.push(`${r.sha256}: ${(error as Error).message}`);
      }
    }
    return { articles, torn: [...torn.map((r) => String(r.article_id)), ...unreadable] };
  } finally {
    await w.close();
  }
}

let farm: Farm;
let farmFile = "";
beforeAll(async () => {
  farm = await startFarm({ only: ["sonoivu", "sotuphap"] });
  farmFile = join(dir, "farm.json");
  writeFileSync(farmFile, JSON.stringify({ demo: true, sources: demoSources(farm.portals, 0) }));
});
afterAll(async () => {
  await farm?.close();
  rmSync(dir, { recursive: true, force: true });
});

describe("kill -9 during the crawler's store", () => {
  it("leaves every stored article whole at any moment; the next crawl completes to the uninterrupted result", async () => {
    const clean = dbIn("clean");
    const full = await crawl(clean, farmFile);
    expect(full.code, full.stderr).toBe(0);
    const expected = (await store(clean)).articles;
    expect(expected.size).toBe(farm.portals.reduce((n, p) => n + p.site.articleCount, 0));
    // the check sees a torn article: one stored without its version row
    const broken = dbIn("broken");
    copyFileSync(clean, broken);
    cpSync(archiveDirFor(clean), archiveDirFor(broken), { recursive: true });
    const w = await Warehouse.open(broken);
    const victim = String((await w.one("SELECT article_id FROM articles ORDER BY article_id LIMIT 1"))!.article_id);
    await w.run("DELETE FROM article_versions WHERE article_id = $id", { id: victim });
    await w.close();
    expect((await store(broken)).torn).toEqual([victim]);

    const outcomes: string[] = [];
    for (let i = 0; i < KILLS; i++) {
      const db = dbIn(`killed-${i}`);
      // a random moment of the store: after 1 … all-but-one articles were reported stored
      const after = 1 + Math.floor(Math.random() * (expected.size - 1));
      const killed = await crawl(db, farmFile, after);
      expect(killed.signal, `the crawl ended before ${after} articles`).toBe("SIGKILL");
      const { articles, torn } = await store(db);
      outcomes.push(`after ${after} articles: ${articles.size}/${expected.size} stored`);
      expect(torn, `killed after ${after} articles: articles stored without their versions`).toEqual([]);
      for (const [id, hash] of articles) expect(expected.get(id), `killed after ${after} articles: ${id}`).toBe(hash);
      if (i === KILLS - 1) {
        const again = await crawl(db, farmFile);
        expect(again.code, again.stderr).toBe(0);
        const final = await store(db);
        expect(final.torn).toEqual([]);
        expect([...final.articles].sort()).toEqual([...expected].sort());
      }
    }
    console.log(`crawl store: ${outcomes.join("; ")}`);
  }, 400_000);
});
