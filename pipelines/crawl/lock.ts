/**
 * One crawl per warehouse: a lock file `<db>.crawl.lock` holding the pid of
 * the crawling process. Created atomically; a lock whose process is dead
 * (e.g. after `kill -9`) is taken over.
 */
import { closeSync, mkdirSync, openSync, readFileSync, unlinkSync, writeSync } from "node:fs";
import { dirname } from "node:path";
import { isProcessAlive } from "../os/process.ts";

export class CrawlLockedError extends Error {}

export function lockPathFor(dbPath: string): string {
  return `${dbPath}.crawl.lock`;
}

/** Take the lock or throw CrawlLockedError naming the running crawl. Returns the release function. */
export function acquireCrawlLock(dbPath: string, pid: number = process.pid): () => void {
  const path = lockPathFor(dbPath);
  mkdirSync(dirname(path), { recursive: true });
  for (let attempt = 0; attempt < 3; attempt++) {
    try {
      const fd = openSync(path, "wx");
      writeSync(fd, JSON.stringify({ pid, started_at: new Date().toISOString() }));
      closeSync(fd);
      let released = false;
      return () => {
        if (released) return;
        released = true;
        try {
          if (JSON.parse(readFileSync(path, "utf-8")).pid === pid) unlinkSync(path);
        } catch {
          // already gone
        }
      };
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== "EEXIST") throw error;
    }
    let holder: { pid?: number; started_at?: string } = {};
    try {
      holder = JSON.parse(readFileSync(path, "utf-8"));
    } catch {
      // unreadable or half-written lock: treated as stale
    }
    if (holder.pid && holder.pid !== pid && isProcessAlive(holder.pid)) {
      throw new CrawlLockedError(
        `another crawl is already running against ${dbPath} (pid ${holder.pid}, since ${holder.started_at ?? "?"}); wait for it to finish or stop it (lock file ${path})`,
      );
    }
    try {
      unlinkSync(path); // stale: its process is gone
    } catch {
      // someone else removed it first; retry
    }
  }
  throw new CrawlLockedError(`could not take the crawl lock ${path}`);
}
