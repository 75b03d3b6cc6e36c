/**
 * One Framework build at a time per checkout: builds share the loader cache
 * (src/.observablehq/cache), so `cchc build`, the briefing's rebuild and
 * `cchc serve`'s rebuilds queue on a lock file holding the builder's pid.
 * A lock whose process is dead (kill -9) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { setTimeout as sleep } from "node:timers/promises";
import { isProcessAlive } from "../os/process.ts";

function tryTake(path: string): boolean {
  try {
    const fd = openSync(path, "wx");
    writeSync(fd, JSON.stringify({ pid: process.pid, started_at: new Date().toISOString() }));
    closeSync(fd);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
  }
  let pid = 0;
  try {
    pid = Number(JSON.parse(readFileSync(path, "utf-8")).pid) || 0;
  } catch {
    // half-written: stale
  }
  if (pid && pid !== process.pid && isProcessAlive(pid)) return false;
  if (pid === process.pid) return false; // another build of this process: wait for it
  try {
    unlinkSync(path);
  } catch {
    // someone else removed it first
  }
  return false;
}

export async function withBuildLock<T>(path: string, fn: () => Promise<T>, timeoutMs = 15 * 60_000): Promise<T> {
  mkdirSync(dirname(path), { recursive: true });
  const deadline = Date.now() + timeoutMs;
  while (!tryTake(path)) {
    if (Date.now() > deadline) throw new Error(`another site build holds ${path} for more than ${Math.round(timeoutMs / 1000)} s`);
    await sleep(250);
  }
  try {
    return await fn();
  } finally {
    try {
      if (Number(JSON.parse(readFileSync(path, "utf-8")).pid) === process.pid) unlinkSync(path);
    } catch {
      // already gone
    }
  }
}
