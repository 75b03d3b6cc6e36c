/**
 * A crawl as a command runs it: under the warehouse's crawl lock, with raw
 * article pages archived next to the warehouse.
 */
import { existsSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { archiveDirFor } from "../archive/store.ts";
import { withWarehouse } from "../warehouse/db.ts";
import { crawl, type CrawlOptions, type CrawlSummary } from "./crawl.ts";
import { StorageError } from "./failure-kinds.ts";
import { acquireCrawlLock } from "./lock.ts";
import type { CrawlSource } from "./types.ts";

/** Where a crawl that could not write its per-source failures (full disk) leaves them for the next run. */
export function failureNotePath(db: string): string {
  return `${db}.crawl-failures.json`;
}

/** Crawl `sources` into the warehouse file `db`; refuses with a clear message while another crawl runs. */
export async function crawlInto(db: string, sources: CrawlSource[], options: CrawlOptions = {}): Promise<CrawlSummary> {
  const release = acquireCrawlLock(db);
  const note = failureNotePath(db);
  try {
    let unrecorded: CrawlOptions["unrecorded"];
    try {
      if (existsSync(note)) unrecorded = JSON.parse(readFileSync(note, "utf-8"));
    } catch {
      // a torn note (the disk was full): nothing to add
    }
    const summary = await withWarehouse(db, (w) => crawl(w, sources, { archiveDir: archiveDirFor(db), ...options, ...(unrecorded ? { unrecorded } : {}) }), { create: true });
    rmSync(note, { force: true });
    return summary;
  } catch (error) {
    // a few hundred bytes may still fit where DuckDB's write did not
    if (error instanceof StorageError && error.unrecorded) {
      try {
        writeFileSync(note, JSON.stringify(error.unrecorded));
      } catch {
        // the message on the terminal is then the only record
      }
    }
    throw error;
  } finally {
    release();
  }
}
