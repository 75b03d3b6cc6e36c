/**
 * `npm run bench [-- --quick] [-- --only name,name]`: runs every benchmark of
 * bench/registry.ts, each in its own child process (so its peak memory is its
 * own and a crash cannot take the others down), prints one table of ratios
 * against the baselines measured in the same run, and writes
 * bench/results/latest.json.
 *
 * Internal: `bench/run.ts --child <name> [--quick]` runs one benchmark and
 * prints its result as JSON on the last line of stdout.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync } from "node:fs";
import { cpus, tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { atomicWriteFile } from "../pipelines/export/atomic.ts";
import { toVietnamIso } from "../pipelines/time/vietnam-time.ts";
import { peakRssMb, timed } from "./lib/measure.ts";
import { BENCHMARKS } from "./registry.ts";
import { machineInfo, renderTable } from "./lib/report.ts";
import type { BenchResult } from "./lib/types.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
export const RESULTS_FILE = join(HERE, "results", "latest.json");
const RESULT_PREFIX = "BENCH_RESULT ";

async function runChild(name: string, quick: boolean): Promise<BenchResult> {
  const bench = BENCHMARKS.find((b) => b.name === name);
  if (!bench) throw new Error(`unknown benchmark "${name}" (known: ${BENCHMARKS.map((b) => b.name).join(", ")})`);
  const tmpDir = mkdtempSync(join(tmpdir(), `cchc-bench-${name}-`));
  const base = { name, description: bench.description, figures: [], notes: [], sizes: {} };
  try {
    const { result: outcome, seconds } = await timed(() =>
      bench.run({ quick, tmpDir, log: (line) => process.stderr.write(`  [${name}] ${line}\n`) }),
    );
    if ("skipped" in outcome) return { ...base, status: "skipped", reason: outcome.skipped, seconds, peak_rss_mb: peakRssMb() };
    return { ...base, ...outcome, notes: outcome.notes ?? [], sizes: outcome.sizes ?? {}, status: "ok", seconds, peak_rss_mb: peakRssMb() };
  } finally {
    rmSync(tmpDir, { recursive: true, force: true });
  }
}

/** Run one benchmark in a child process; a crash becomes a "failed" result. */
function spawnBenchmark(name: string, description: string, quick: boolean): Promise<BenchResult> {
  return new Promise((resolve) => {
    const args = ["--import", "tsx", fileURLToPath(import.meta.url), "--child", name, ...(quick ? ["--quick"] : [])];
    const child = spawn(process.execPath, args, { stdio: ["ignore", "pipe", "inherit"] });
    let out = "";
    child.stdout.setEncoding("utf-8").on("data", (chunk: string) => (out += chunk));
    const started = Date.now();
    child.on("close", (code, signal) => {
      const line = out.split("\n").find((l) => l.startsWith(RESULT_PREFIX));
      if (line) return resolve(JSON.parse(line.slice(RESULT_PREFIX.length)) as BenchResult);
      resolve({
        name,
        description,
        status: "failed",
        reason: `child exited with ${signal ?? code}${out.trim() ? `: ${out.trim().split("\n").at(-1)}` : ""}`,
        seconds: (Date.now() - started) / 1000,
        peak_rss_mb: null,
        figures: [],
        notes: [],
        sizes: {},
      });
    });
  });
}

function parseArgs(argv: string[]) {
  const quick = argv.includes("--quick");
  const childAt = argv.indexOf("--child");
  const onlyAt = argv.indexOf("--only");
  const only = onlyAt >= 0 ? (argv[onlyAt + 1] ?? "").split(",").filter(Boolean) : null;
  return { quick, child: childAt >= 0 ? argv[childAt + 1] : null, only };
}

async function main(argv: string[]): Promise<void> {
  const args = parseArgs(argv);
  if (args.child) {
    try {
      const result = await runChild(args.child, args.quick);
      process.stdout.write(`${RESULT_PREFIX}${JSON.stringify(result)}\n`);
    } catch (error) {
      process.stdout.write(`${(error as Error).message}\n`);
      process.exitCode = 1;
    }
    return;
  }
  const selected = args.only ? BENCHMARKS.filter((b) => args.only!.includes(b.name)) : BENCHMARKS;
  if (args.only && selected.length !== args.only.length) {
    throw new Error(`--only: unknown benchmark in "${args.only.join(",")}" (known: ${BENCHMARKS.map((b) => b.name).join(", ")})`);
  }
  const started = new Date();
  const results: BenchResult[] = [];
  for (const bench of selected) {
    process.stderr.write(`▶ ${bench.name}${args.quick ? " (quick)" : ""}: ${bench.description}\n`);
    const result = await spawnBenchmark(bench.name, bench.description, args.quick);
    process.stderr.write(`  ${result.status} in ${result.seconds.toFixed(1)} s${result.reason ? ` — ${result.reason}` : ""}\n`);
    results.push(result);
  }
  const report = {
    date: toVietnamIso(started),
    mode: args.quick ? "quick" : "full",
    total_seconds: (Date.now() - started.getTime()) / 1000,
    machine: machineInfo(),
    results,
  };
  mkdirSync(dirname(RESULTS_FILE), { recursive: true });
  atomicWriteFile(RESULTS_FILE, `${JSON.stringify(report, null, 2)}\n`);
  process.stdout.write(renderTable(report));
  process.stdout.write(`\nwritten ${RESULTS_FILE} (${report.mode}, ${report.total_seconds.toFixed(0)} s, ${cpus().length} cores)\n`);
  if (results.some((r) => r.status === "failed")) process.exitCode = 1;
}

main(process.argv.slice(2)).catch((error) => {
  console.error(`bench: ${(error as Error).message}`);
  process.exitCode = 1;
});
