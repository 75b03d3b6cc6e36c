/**
 * A crawl as a command runs it: under the warehouse's crawl lock, with raw
 * article pages archived next to the warehouse.
 */
import { archiveDirFor } from "../archive/store.ts";
import { withWarehouse } from "../warehouse/db.ts";
import { crawl, type CrawlOptions, type CrawlSummary } from "./crawl.ts";
import { acquireCrawlLock } from "./lock.ts";
import type { CrawlSource } from "./types.ts";

/** Crawl `sources` into the warehouse file `db`; refuses with a clear message while another crawl runs. */
export async function crawlInto(db: string, sources: CrawlSource[], options: CrawlOptions = {}): Promise<CrawlSummary> {
  const release = acquireCrawlLock(db);
  try {
    return await withWarehouse(db, (w) => crawl(w, sources, { archiveDir: archiveDirFor(db), ...options }), { create: true });
  } finally {
    release();
  }
}
