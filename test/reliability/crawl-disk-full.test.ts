/**
 * A full disk during a crawl (a real small tmpfs; Linux as root, skipped with
 * the reason elsewhere): the crawl ends with one clear message naming the path,
 * no stack trace; no temporary stays behind once the next crawl starts; the
 * data from before is intact and the next crawl completes with no duplicate.
 */
import { type ChildProcess, execFileSync, spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, statfsSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const CLI = resolve(__dirname, "../../bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-disk-full-"));
const mounts: string[] = [];

function mountSmallDisk(path: string, size: string): string | null {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", path], { stdio: "pipe" });
    mounts.push(path);
    return null;
  } catch (error) {
    return `cannot mount a small tmpfs here (${(error as Error).message.split("\n")[0]}); run as root on Linux`;
  }
}
const probe = process.platform !== "linux" ? "not Linux" : mountSmallDisk(join(dir, "probe"), "1m");
if (probe) console.warn(`SKIPPED full-disk crawl tests: ${probe}`);

afterAll(() => {
  for (const m of mounts) execFileSync("umount", ["-l", m], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
});

function run(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string }> {
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "pipe", "pipe"], env: { ...process.env, FORCE_COLOR: "0", CCHC_REGISTRY_DIR: FIXTURE_REGISTRY } });
  let stdout = "";
  let stderr = "";
  child.stdout!.on("data", (d) => (stdout += d));
  child.stderr!.on("data", (d) => (stderr += d));
  return new Promise((r) => child.on("exit", (code) => r({ code, stdout, stderr })));
}

/** Every temporary under `root` (archive `.gz.<pid>.tmp`, export `.<name>.<pid>.<rand>.tmp`). */
function temporaries(root: string): string[] {
  return (readdirSync(root, { recursive: true }) as string[]).filter((n) => n.endsWith(".tmp"));
}

function fillLeaving(mount: string, freeBytes: number): string {
  const s = statfsSync(mount);
  const free = s.bavail * s.bsize;
  const filler = join(mount, "filler.bin");
  writeFileSync(filler, Buffer.alloc(Math.max(0, free - freeBytes)));
  return filler;
}

describe.skipIf(probe !== null)("a full disk during a crawl", () => {
  let farm: Farm;
  let farmFile = "";
  let expected = 0;
  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu", "sotuphap"] });
    expected = farm.portals.reduce((n, p) => n + p.site.articleCount, 0);
    farmFile = join(dir, "farm.json");
    writeFileSync(farmFile, JSON.stringify({ demo: true, sources: demoSources(farm.portals, 0) }));
  });
  afterAll(() => farm.close());

  for (const kib of [200, 800]) {
    it(`at ${kib} KiB free: a clear message with the path, no stack trace, no temporary left; the next crawl completes`, async () => {
      const mount = join(dir, `disk-${kib}`);
      expect(mountSmallDisk(mount, "24m")).toBeNull();
      const db = join(mount, "w.duckdb");
      const filler = fillLeaving(mount, kib * 1024);
      const full = await run(["crawl", "--farm", farmFile, "--db", db]);
      expect(full.code, full.stderr).toBe(1);
      expect(full.stderr).toMatch(new RegExp(`cchc: không đủ dung lượng đĩa khi ghi ${mount.replace(/[.*+?^${}()|[\]\\]/g, "\\$&")}/\\S+`));
      expect(full.stderr).not.toMatch(/^\s+at /m);
      expect(full.stderr).not.toMatch(/no space left on device, (open|write)/); // not a raw Node error
      expect(temporaries(mount)).toEqual([]);

      rmSync(filler);
      const again = await run(["crawl", "--farm", farmFile, "--db", db]);
      expect(again.code, again.stderr).toBe(0);
      expect(temporaries(mount)).toEqual([]);
      const w = await Warehouse.open(db, { readOnly: true });
      const counts = await w.one("SELECT count(*) AS n, count(DISTINCT url) AS urls FROM articles");
      expect(counts).toEqual({ n: expected, urls: expected });
      // the failed run's failure is on record as disk_full (written then, or by the next run when not even that fitted)
      const recorded = await w.one("SELECT count(*) AS n FROM crawl_errors e JOIN crawl_runs r USING (run_id) WHERE e.kind = 'disk_full' AND r.status = 'failed'");
      expect(Number(recorded!.n)).toBeGreaterThan(0);
      await w.close();
    }, 120_000);
  }

  it("a dead writer's archive temporary is removed when the next crawl starts", async () => {
    const mount = join(dir, "disk-temp");
    expect(mountSmallDisk(mount, "24m")).toBeNull();
    const db = join(mount, "w.duckdb");
    const shard = join(mount, "archive", "ab");
    mkdirSync(shard, { recursive: true });
    const stale = `${"ab".padEnd(64, "0")}.gz.999999.tmp`; // pid 999999: no such process
    writeFileSync(join(shard, stale), "torn");
    const result = await run(["crawl", "--farm", farmFile, "--db", db]);
    expect(result.code, result.stderr).toBe(0);
    expect(temporaries(mount)).toEqual([]);
  }, 120_000);
});
