import { execFileSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { appendArticles, createBenchTables } from "../../bench/lib/load.ts";
import { syntheticArticles, TAY_NINH_SHAPE } from "../../bench/lib/synthetic.ts";
import { atomicWriteFile } from "../../pipelines/export/atomic.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-failed-write-"));
const FETCHED = new Date("2026-01-01T00:00:00+07:00");

/** A tiny tmpfs to fill up; null where mounting is not allowed (not root, no tmpfs). */
function mountSmallDisk(path: string, size: string): boolean {
  mkdirSync(path, { recursive: true });
  try {
    execFileSync("mount", ["-t", "tmpfs", "-o", `size=${size}`, "tmpfs", path], { stdio: "ignore" });
    return true;
  } catch {
    return false;
  }
}
const mounted: string[] = [];
afterAll(() => {
  for (const m of mounted) execFileSync("umount", ["-l", m], { stdio: "ignore" });
  rmSync(dir, { recursive: true, force: true });
});
const fullDisk = join(dir, "full");
const canMount = process.platform === "linux" && mountSmallDisk(fullDisk, "6m") && mounted.push(fullDisk) > 0;

async function articleCount(db: string): Promise<number> {
  const w = await Warehouse.open(db, { readOnly: true });
  try {
    return Number((await w.one("SELECT count(*) AS n FROM articles"))!.n);
  } finally {
    await w.close();
  }
}

describe("a failed write leaves the previous state readable", () => {
  it("a batch that throws half-way is rolled back; the warehouse keeps the previous batch", async () => {
    const db = join(dir, "throw.duckdb");
    const w = await Warehouse.open(db);
    await createBenchTables(w);
    await w.transaction(() => appendArticles(w, syntheticArticles(TAY_NINH_SHAPE, 0, 500), FETCHED, "ok"));
    await expect(
      w.transaction(async () => {
        await appendArticles(w, syntheticArticles(TAY_NINH_SHAPE, 500, 500), FETCHED, "bad");
        throw new Error("simulated write failure");
      }),
    ).rejects.toThrow("simulated write failure");
    expect(Number((await w.one("SELECT count(*) AS n FROM articles"))!.n)).toBe(500);
    await w.close();
    expect(await articleCount(db)).toBe(500);
  });

  it("atomicWriteFile into a missing folder throws and writes nothing", () => {
    const target = join(dir, "no-such-folder", "bao-cao.csv");
    expect(() => atomicWriteFile(target, "x")).toThrow(/ENOENT/);
    expect(readdirSync(dir)).not.toContain("no-such-folder");
  });

  it.runIf(canMount)("a full disk: the export keeps its previous file and leaves no temporary", () => {
    const target = join(fullDisk, "bao-cao.csv");
    atomicWriteFile(target, "phiên bản cũ\r\n");
    // a killed export's temporary (pid 999999: no such process) is removed by the next export even when that one fails
    writeFileSync(join(fullDisk, ".bao-cao.csv.999999.0badc0de.tmp"), "torn");
    expect(() => atomicWriteFile(target, Buffer.alloc(8 * 1024 * 1024, 0x61))).toThrow(/không đủ dung lượng đĩa khi ghi .*bao-cao\.csv \(ENOSPC\)/);
    expect(readFileSync(target, "utf-8")).toBe("phiên bản cũ\r\n");
    expect(readdirSync(fullDisk)).toEqual(["bao-cao.csv"]);
    rmSync(target);
  });

  it.runIf(canMount)("a full disk: the warehouse refuses the load and reopens with the committed data", async () => {
    const db = join(fullDisk, "w.duckdb");
    const w = await Warehouse.open(db);
    await createBenchTables(w);
    await w.transaction(() => appendArticles(w, syntheticArticles(TAY_NINH_SHAPE, 0, 1_000), FETCHED, "ok"));
    await w.run("CHECKPOINT");
    // Keep appending until the disk is full; the failing batch must not half-land.
    let failure: Error | null = null;
    let committed = 1_000;
    for (let start = 1_000; start < 400_000 && !failure; start += 20_000) {
      try {
        await w.transaction(() => appendArticles(w, syntheticArticles({ ...TAY_NINH_SHAPE, bodyWords: 400 }, start, 20_000), FETCHED, "fill"));
        await w.run("CHECKPOINT");
        committed += 20_000;
      } catch (error) {
        failure = error as Error;
      }
    }
    expect(failure?.message).toMatch(/space|disk|write|ENOSPC|IO Error/i);
    try {
      await w.close();
    } catch {
      // closing a warehouse whose last write failed may itself report the failure
    }
    expect(await articleCount(db)).toBe(committed);
  });
});
