/** Timing and memory helpers for benchmarks (never used by tests). */
import { spawnSync } from "node:child_process";
import { statfsSync } from "node:fs";

/** Run `fn` and return its result with the elapsed wall time in seconds. */
export async function timed<T>(fn: () => Promise<T> | T): Promise<{ result: T; seconds: number }> {
  const start = process.hrtime.bigint();
  const result = await fn();
  return { result, seconds: Number(process.hrtime.bigint() - start) / 1e9 };
}

/** Peak resident set size of this process so far, in MB. */
export function peakRssMb(): number {
  return Math.round(process.resourceUsage().maxRSS / 1024);
}

/** Current resident set size in MB. */
export function rssMb(): number {
  return Math.round(process.memoryUsage.rss() / 1024 / 1024);
}

/** Free bytes on the file system holding `dir`. */
export function freeBytes(dir: string): number {
  const s = statfsSync(dir);
  return Number(s.bavail) * Number(s.bsize);
}

/** Throw a clear error unless `dir` has at least `bytes` free. */
export function requireFreeDisk(dir: string, bytes: number, what: string): void {
  const free = freeBytes(dir);
  if (free < bytes) {
    throw new Error(`${what} needs ${(bytes / 1e9).toFixed(1)} GB free in ${dir}, only ${(free / 1e9).toFixed(1)} GB available`);
  }
}

/** A DuckDB string literal, for the few places SQL cannot take a parameter (COPY … TO '<path>'). */
export function sqlLiteral(text: string): string {
  if (text.includes("\0")) throw new Error("NUL byte in SQL literal");
  return `'${text.replaceAll("'", "''")}'`;
}

/**
 * Run a product command (`node bin/cchc.mjs …`) as its own process and return
 * its wall time and peak RSS (GNU time's maximum resident set size).
 */
export function runProductCommand(root: string, args: string[]): { seconds: number; peakRssMb: number; stdout: string } {
  const started = process.hrtime.bigint();
  const r = spawnSync("/usr/bin/time", ["-f", "BENCH_MAXRSS_KB %M", process.execPath, "bin/cchc.mjs", ...args], { cwd: root, encoding: "utf-8", maxBuffer: 64 << 20 });
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  if (r.status !== 0) throw new Error(`cchc ${args.join(" ")} failed (exit ${r.status}): ${(r.stderr || r.stdout).trim().split("\n").slice(-3).join(" | ")}`);
  const kb = Number(/BENCH_MAXRSS_KB (\d+)/.exec(r.stderr)?.[1] ?? Number.NaN);
  return { seconds, peakRssMb: Math.round(kb / 1024), stdout: r.stdout };
}
