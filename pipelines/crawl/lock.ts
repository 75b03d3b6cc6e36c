/**
 * One writer of crawl data per warehouse: a lock file `<db>.crawl.lock`
 * holding the pid of the process and what it does (a crawl, `reextract`, or a
 * site build, which holds it for its whole run so that no crawl changes the
 * warehouse under Framework's data loaders). Created atomically; a lock whose
 * process is dead (e.g. after `kill -9`) is taken over. Re-entrant within one
 * process (`cchc build` crawls, then builds, under one lock).
 */
import { crawlMessage } from "./messages.ts";
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { isProcessAlive } from "../os/process.ts";

export class CrawlLockedError extends Error {}

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.crawl.lock`;
}

export type LockHolder = "crawl" | "build";

/** Locks this process holds: path → how many times taken. */
const held = new Map<string, number>();

function reentrant(path: string): () => void {
  held.set(path, (held.get(path) ?? 0) + 1);
  let released = false;
  return () => {
    if (released) return;
    released = true;
    held.set(path, held.get(path)! - 1);
  };
}

/** Take the lock or throw CrawlLockedError naming the process that holds it. Returns the release function. */
export function acquireCrawlLock(dbPath: string, pid: number = process.pid, holding: LockHolder = "crawl"): () => void {
  const path = lockPathFor(dbPath);
  if (pid === process.pid && (held.get(path) ?? 0) > 0) return reentrant(path);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid, holder: holding, started_at: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      if (pid === process.pid) held.set(path, 1);
      return () => {
        if (released) return;
        released = true;
        if (pid === process.pid) held.set(path, (held.get(path) ?? 1) - 1);
        if ((held.get(path) ?? 0) > 0) return;
        try {
          if (JSON.parse(readFileSync(path, "utf-8")).pid === pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: { pid?: number; holder?: LockHolder; started_at?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, "utf-8"));
    } catch {
      // unreadable or half-written lock: treated as stale
    }
    if (holder.pid && holder.pid !== pid && isProcessAlive(holder.pid)) {
      const params = { db: dbPath, pid: holder.pid, since: holder.started_at ?? "?", lock: path };
      throw new CrawlLockedError(crawlMessage(holder.holder === "build" ? "crawl.locked_by_build" : "crawl.locked_by_crawl", params));
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // someone else removed it first; retry
    }
  }
  throw new CrawlLockedError(crawlMessage("crawl.lock_failed", { lock: path }));
}
