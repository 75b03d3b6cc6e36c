/**
 * `--json` of the commands scripts read while they run, end to end through the real CLI: `cchc
 * crawl --json` prints one JSON document on stdout and JSON lines on stderr; `cchc schedule
 * --json` prints JSON lines only on stdout, even when a step writes to its own stdout (the
 * steps' output goes to stderr).
 */
import { spawn, spawnSync } from "node:child_process";
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const CLI = join(ROOT, "bin", "cchc.mjs");
const dir = mkdtempSync(join(tmpdir(), "cchc-json-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const lines = (text: string) => text.split("\n").filter((l) => l.trim() !== "");

describe("cchc crawl --json (DEMO farm, one source)", () => {
  it("prints one JSON document on stdout and one JSON event per stderr line", () => {
    const run = spawnSync(process.execPath, [CLI, "crawl", "--json", "--db", join(dir, "crawl.duckdb"), "--source", "demo-sotuphap"], { cwd: ROOT, encoding: "utf-8" });
    expect(run.status, run.stderr).toBe(0);
    const summary = JSON.parse(run.stdout) as { run_id: string; sources: Record<string, { status: string; new_articles: number }> };
    expect(Object.keys(summary.sources)).toEqual(["demo-sotuphap"]);
    expect(summary.sources["demo-sotuphap"].new_articles).toBeGreaterThan(0);
    const events = lines(run.stderr).map((l) => JSON.parse(l) as { type: string });
    expect(events.map((e) => e.type)).toContain("source_done");
  }, 120_000);
});

describe("cchc schedule --json", () => {
  it("prints only JSON lines on stdout while a step writes to its stdout, and stops on SIGTERM", async () => {
    // One source without a schedule of its own (so --default-cron applies: every second), on a
    // closed local port (the crawl fails at once, no network); the step `report --help` prints
    // its help on its stdout.
    const base = "http://127.0.0.1:9/";
    const source = { source_id: "demo-x", agency_id: null, channel: "own_portal", platform: "nukeviet", name: "x", base_url: base, start_urls: [`${base}vi/news/`], is_demo: true, delay_ms: 0, max_pages: 1 };
    const farm = join(dir, "farm.json");
    writeFileSync(farm, JSON.stringify({ demo: true, sources: [source] }));
    const args = ["schedule", "--json", "--farm", farm, "--db", join(dir, "schedule.duckdb"), "--default-cron", "* * * * * *", "--steps", "report --help"];
    const child = spawn(process.execPath, [CLI, ...args], {
      cwd: ROOT,
      stdio: ["ignore", "pipe", "pipe"],
    });
    let stdout = "";
    let stderr = "";
    child.stderr.on("data", (d: Buffer) => (stderr += d.toString()));
    const exited = new Promise<number | null>((resolve) => child.on("exit", (code) => resolve(code)));
    await new Promise<void>((resolve, reject) => {
      child.stdout.on("data", (d: Buffer) => {
        stdout += d.toString();
        if (stdout.includes('"type":"step_done"')) resolve();
      });
      child.on("exit", () => reject(new Error(`schedule exited early:\n${stdout}\n${stderr}`)));
    });
    child.kill("SIGTERM");
    expect(await exited).toBe(0);
    const events = lines(stdout).map((l) => JSON.parse(l) as { type: string; step?: string; code?: number });
    expect(events[0].type).toBe("scheduled");
    expect(events.find((e) => e.type === "step_done")).toMatchObject({ step: "report --help", code: 0 });
    // the step's help went to stderr
    expect(stderr).toContain("Cách dùng: cchc report");
  }, 120_000);
});
