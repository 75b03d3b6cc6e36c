/**
 * A crawl as a command runs it: under the warehouse's crawl lock, with raw
 * article pages archived next to the warehouse.
 */
import { closeSync, existsSync, openSync, readFileSync, rmSync, writeFileSync, writeSync } from "node:fs";
import { archiveDirFor } from "../archive/store.ts";
import { withWarehouse } from "../warehouse/db.ts";
import { crawl, type CrawlOptions, type CrawlSummary } from "./crawl.ts";
import { randomUUID } from "node:crypto";
import { isStorageFailure, StorageError } from "./failure-kinds.ts";
import { acquireCrawlLock } from "./lock.ts";
import type { CrawlSource } from "./types.ts";

/** Space reserved for the note at the start of a crawl (JSON padded with spaces). */
const NOTE_BYTES = 64 * 1024;

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
    // reserve the note's space while there is some: on a full disk it is overwritten in place
    try {
      writeFileSync(note, " ".repeat(NOTE_BYTES));
    } catch {
      rmSync(note, { force: true });
    }
    const summary = await withWarehouse(db, (w) => crawl(w, sources, { archiveDir: archiveDirFor(db), ...options, ...(unrecorded ? { unrecorded } : {}) }), { create: true });
    rmSync(note, { force: true });
    return summary;
  } catch (caught) {
    // a full disk before the crawl could start (migrations, the run's first row) is a clear message too
    const error =
      caught instanceof StorageError || !isStorageFailure(caught) ? caught : new StorageError(/"([^"]+)"/.exec((caught as Error).message ?? "")?.[1] ?? db, caught);
    if (error instanceof StorageError && !error.unrecorded) {
      error.unrecorded = { run_id: randomUUID(), failures: sources.map((s) => ({ source_id: s.source_id, url: s.base_url, kind: error.kind, message: error.message })) };
    }
    // a few hundred bytes may still fit where DuckDB's write did not
    if (error instanceof StorageError && error.unrecorded) {
      try {
        const text = Buffer.from(JSON.stringify(error.unrecorded));
        if (text.length > NOTE_BYTES || !existsSync(note)) throw new Error("no reserved note");
        const fd = openSync(note, "r+"); // the reserved blocks: no new space needed
        try {
          writeSync(fd, text, 0, text.length, 0);
        } finally {
          closeSync(fd);
        }
      } catch {
        // the message on the terminal is then the only record
      }
    }
    throw error;
  } finally {
    release();
  }
}
