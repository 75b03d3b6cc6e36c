/**
 * kill -9 at random moments during the product's own writers, driven through
 * the `cchc` command: `analyse`, `evidence import`, and `export evidence` (CSV
 * and XLSX). (`cchc report` has its own: report-kill.test.ts.) After every kill the warehouse opens and holds exactly the state from
 * before or exactly the state of a complete run (per-table row counts), the
 * export file is byte for byte the old or the new one, and running the command
 * again completes. (The crawl store's: crawl-store-kill.test.ts and test/crawl/resume.test.ts.)
 */
import { type ChildProcess, spawn } from "node:child_process";
import { copyFileSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawlInto } from "../../pipelines/crawl/run.ts";
import { EVIDENCE_KEYS } from "../../pipelines/evidence/schema.ts";
import { evidenceCsv } from "../../pipelines/evidence/files.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { startFarm } from "../../pipelines/farm/server.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const CLI = resolve(__dirname, "../../bin/cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-kill-writers-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const KILLS = 3;

function run(args: string[], killAfterMs?: number): Promise<{ code: number | null; signal: string | null; stderr: string; ms: number }> {
  const started = Date.now();
  const child: ChildProcess = spawn(process.execPath, [CLI, ...args], { stdio: ["ignore", "ignore", "pipe"], env: { ...process.env, FORCE_COLOR: "0" } });
  let stderr = "";
  child.stderr!.on("data", (d) => (stderr += d));
  const timer = killAfterMs === undefined ? null : setTimeout(() => child.kill("SIGKILL"), killAfterMs);
  return new Promise((r) =>
    child.on("exit", (code, signal) => {
      if (timer) clearTimeout(timer);
      r({ code, signal, stderr, ms: Date.now() - started });
    }),
  );
}

/** A random moment within a run that took `ms` (after start-up, before the end). */
const randomMoment = (ms: number) => Math.round(ms * (0.25 + Math.random() * 0.7));

/** The content of an export: CSV bytes; XLSX sheet values (the workbook's own timestamps differ per run). */
async function content(path: string, format: "csv" | "xlsx"): Promise<string> {
  const bytes = readFileSync(path);
  if (format === "csv") return bytes.toString("utf-8");
  const wb = new ExcelJS.Workbook();
  try {
    await wb.xlsx.load(bytes as never);
  } catch (error) {
    return `unreadable: ${(error as Error).message}`;
  }
  const rows: unknown[] = [];
  wb.worksheets[0]!.eachRow((row) => rows.push(row.values));
  return JSON.stringify(rows);
}

/** Row counts of every table: the state a writer leaves. */
async function signature(db: string): Promise<string> {
  const w = await Warehouse.open(db, { readOnly: true });
  try {
    const tables = (await w.all("SELECT table_name FROM duckdb_tables() WHERE schema_name = 'main' ORDER BY table_name")).map((r) => r.table_name as string);
    const counts: Record<string, number> = {};
    for (const t of tables) counts[t] = Number((await w.one(`SELECT count(*) AS n FROM "${t}"`))!.n);
    return JSON.stringify(counts);
  } finally {
    await w.close();
  }
}

let crawled = "";
let reported = "";
beforeAll(async () => {
  const farm = await startFarm({ only: ["sonoivu", "sotuphap"] });
  crawled = join(dir, "crawled.duckdb");
  await crawlInto(crawled, demoSources(farm.portals, 0), { archiveDir: null });
  await farm.close();
  reported = join(dir, "reported.duckdb");
  copyFileSync(crawled, reported);
  await refreshAfterCrawl(reported, { registryDir: FIXTURE_REGISTRY });
}, 180_000);

/**
 * Kill `args` (run on a fresh copy of `from`) at random moments up to its full
 * duration; every time the state must be the old or the new one.
 */
async function killRepeatedly(name: string, from: string, args: (db: string) => string[]): Promise<void> {
  const reference = join(dir, `${name}-reference.duckdb`);
  copyFileSync(from, reference);
  const old = await signature(reference);
  const full = await run(args(reference));
  expect(full.code, full.stderr).toBe(0);
  const fresh = await signature(reference);
  expect(fresh).not.toBe(old);
  const outcomes: string[] = [];
  let interrupted: string | null = null;
  for (let i = 0; i < KILLS; i++) {
    const db = join(dir, `${name}-${i}.duckdb`);
    copyFileSync(from, db);
    const at = randomMoment(full.ms);
    const killed = await run(args(db), at);
    const now = await signature(db);
    outcomes.push(`${at} ms: ${killed.signal ?? `exit ${killed.code}`}, ${now === old ? "old" : now === fresh ? "new" : "TORN"}`);
    expect([old, fresh], `${name} killed after ${at} ms left a state that is neither old nor new`).toContain(now);
    if (now === old) interrupted = db;
  }
  console.log(`${name}: ${outcomes.join("; ")}`);
  // A run the kill interrupted, run again, ends in the new state. (Only an interrupted one: a run
  // that finished before its kill already holds the new state, and a command that is not idempotent,
  // such as an evidence import, which records each import, would rightly add to it.)
  if (interrupted) {
    const again = await run(args(interrupted));
    expect(again.code, again.stderr).toBe(0);
    expect(await signature(interrupted)).toBe(fresh);
  }
}

describe("kill -9 during the product's writers", () => {
  it("cchc analyse: all-old or all-new", () => killRepeatedly("analyse", crawled, (db) => ["analyse", "--db", db, "--registry", FIXTURE_REGISTRY]), 300_000);

  it("cchc evidence import: all-old or all-new", async () => {
    const file = join(dir, "minh-chung.csv");
    const row = (cells: Record<string, string>) => ({ ...Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])), ...cells });
    writeFileSync(
      file,
      evidenceCsv([
        row({ agency_id: "so-noi-vu", channel: "zalo", date: "12/03/2025", title: "Nhắn tin Zalo hướng dẫn thủ tục cấp phép trực tuyến", url: "https://zalo.me/thu-nghiem/1" }),
        row({ agency_id: "so-tu-phap", channel: "meeting", date: "2025-04-08 14:00", title: "Hội nghị phổ biến kế hoạch cải cách hành chính", reference: "Biên bản 07/BB-STP", attendance: "60", sessions: "1" }),
        row({ agency_id: "so-noi-vu", channel: "training", date: "21/05/2025", title: "Lớp bồi dưỡng kỹ năng số cho công chức", reference: "Công văn 33/SNV", attendance: "45" }),
      ] as never),
    );
    await killRepeatedly("evidence", reported, (db) => ["evidence", "import", file, "--db", db, "--registry", FIXTURE_REGISTRY]);
  }, 300_000);

  for (const format of ["csv", "xlsx"] as const) {
    it(`cchc export evidence (${format}): the file is the old or the new one, byte for byte; the next export leaves no temporary`, async () => {
      const out = join(dir, `export.${format}`);
      const subset = await run(["export", "evidence", "--year", "2025", "--agency", "so-noi-vu", "--format", format, "--out", out, "--db", reported]);
      expect(subset.code, subset.stderr).toBe(0);
      const oldBytes = readFileSync(out);
      const old = await content(out, format);
      const reference = join(dir, `reference.${format}`);
      const full = await run(["export", "evidence", "--year", "2025", "--format", format, "--out", reference, "--db", reported]);
      expect(full.code, full.stderr).toBe(0);
      const fresh = await content(reference, format);
      expect(fresh).not.toBe(old);
      const outcomes: string[] = [];
      for (let i = 0; i < KILLS; i++) {
        const at = randomMoment(full.ms);
        const killed = await run(["export", "evidence", "--year", "2025", "--format", format, "--out", out, "--db", reported], at);
        const now = await content(out, format);
        outcomes.push(`${at} ms: ${killed.signal ?? `exit ${killed.code}`}, ${now === old ? "old" : now === fresh ? "new" : "TORN"}`);
        expect([old, fresh], `export killed after ${at} ms is torn`).toContain(now);
        if (now === fresh) writeFileSync(out, oldBytes); // keep testing against the old version
      }
      console.log(`export ${format}: ${outcomes.join("; ")}`);
      const again = await run(["export", "evidence", "--year", "2025", "--format", format, "--out", out, "--db", reported]);
      expect(again.code, again.stderr).toBe(0);
      expect(await content(out, format)).toBe(fresh);
      expect(readdirSync(dir).filter((n) => n.endsWith(".tmp"))).toEqual([]);
      expect(existsSync(out)).toBe(true);
    }, 300_000);
  }
});
