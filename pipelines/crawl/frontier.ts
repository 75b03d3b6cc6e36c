/**
 * The persisted frontier (table crawl_frontier) and the batched writer. All
 * warehouse writes of a crawl go through one `BatchWriter`, so transactions on
 * the single DuckDB connection never interleave, and results reach the disk in
 * batches: a crash loses at most the unwritten batch, whose frontier rows are
 * still pending and are fetched again by the next run.
 */
import type { ListingItem } from "../../data-loaders/types.ts";
import { inParts, placeholders, type Row, rowsBySource, type Warehouse } from "../warehouse/db.ts";
import { StagingTable } from "../warehouse/staging.ts";

export interface FrontierRow {
  source_id: string;
  url: string;
  kind: "listing" | "article";
  state: "pending" | "done" | "failed";
  depth: number;
  item: ListingItem | null;
  attempts: number;
}

/** Each source's pending and retryable frontier rows (listings first, by depth and URL), in one query for them all. */
export async function loadFrontier(w: Warehouse, sourceIds: string[], maxAttempts: number): Promise<Map<string, FrontierRow[]>> {
  const bySource = await rowsBySource(
    w,
    sourceIds,
    (list) => `SELECT source_id, url, kind, state, depth, item_json, attempts FROM crawl_frontier
     WHERE source_id IN ${list} AND (state = 'pending' OR (state = 'failed' AND attempts < ?))
     ORDER BY kind DESC, depth, url`,
    [maxAttempts],
  );
  return new Map(
    [...bySource].map(([id, rows]) => [
      id,
      rows.map((r) => ({
        source_id: r.source_id as string,
        url: r.url as string,
        kind: r.kind as FrontierRow["kind"],
        state: r.state as FrontierRow["state"],
        depth: Number(r.depth),
        item: r.item_json ? (JSON.parse(r.item_json as string) as ListingItem) : null,
        attempts: Number(r.attempts),
      })),
    ]),
  );
}

/** Item ids the frontier already holds for each source (queued by an earlier, unfinished run), in one query. */
export async function frontierItemIds(w: Warehouse, sourceIds: string[]): Promise<Map<string, Set<string>>> {
  const bySource = await rowsBySource(w, sourceIds, (list) => `SELECT source_id, item_id FROM crawl_frontier WHERE source_id IN ${list} AND item_id IS NOT NULL`);
  return new Map([...bySource].map(([id, rows]) => [id, new Set(rows.map((r) => r.item_id as string))]));
}

export interface NewFrontierRow {
  source_id: string;
  url: string;
  kind: "listing" | "article";
  depth: number;
  item?: ListingItem | null;
}

/** The staging table of frontier rows (see staging.ts). */
const FRONTIER_STAGE = new StagingTable("crawl_frontier_stage", "crawl_frontier", ["source_id", "url", "kind", "depth", "item_id", "item_json", "run_id"]);

/**
 * Queue rows (one staged statement for the lot); a row already there becomes pending again.
 * The rows' keys (source, URL) must be distinct.
 */
export async function addToFrontier(w: Warehouse, rows: NewFrontierRow | NewFrontierRow[], runId: string): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  await FRONTIER_STAGE.write(
    w,
    list.map((row) => ({
      source_id: row.source_id,
      url: row.url,
      kind: row.kind,
      depth: row.depth,
      item_id: row.item?.item_id ?? null,
      item_json: row.item ? JSON.stringify(row.item) : null,
      run_id: runId,
    })),
    `INSERT INTO crawl_frontier (source_id, url, kind, state, depth, item_id, item_json, attempts, run_id, updated_at)
     SELECT source_id, url, kind, 'pending', depth, item_id, item_json, 0, run_id, now() FROM temp.${FRONTIER_STAGE.name}
     ON CONFLICT (source_id, url) DO UPDATE SET state = 'pending', depth = excluded.depth, run_id = excluded.run_id, updated_at = now()`,
  );
}

/** A frontier row's end for this run: done, or failed with its error (one more attempt used). */
export interface FrontierMark {
  source_id: string;
  url: string;
  state: "done" | "failed";
  error: string | null;
}

/**
 * Mark rows (of any sources; each key once): the rows marked done without an error in one
 * `markFrontierDone` statement (the same writes; its key list costs about half a `VALUES` join), the
 * others in one statement.
 */
export async function markFrontierRows(w: Warehouse, marks: FrontierMark[]): Promise<void> {
  await markFrontierDone(w, marks.filter((m) => m.state === "done" && m.error === null));
  await markEach(w, marks.filter((m) => m.state !== "done" || m.error !== null));
}

/** Mark rows (of any sources; each key once), each with its state and error, in one statement. */
async function markEach(w: Warehouse, marks: FrontierMark[]): Promise<void> {
  if (marks.length === 0) return;
  await w.run(
    `UPDATE crawl_frontier SET state = m.state, attempts = attempts + CASE WHEN m.state = 'failed' THEN 1 ELSE 0 END,
       last_error = m.error, updated_at = now()
     FROM (VALUES ${marks.map(() => "(?, ?, ?, ?)").join(", ")}) m(source_id, url, state, error)
     WHERE crawl_frontier.source_id = m.source_id AND crawl_frontier.url = m.url`,
    marks.flatMap((m) => [m.source_id, m.url, m.state, m.error]),
  );
}

/** Mark many rows done (of any sources) in one statement. */
export async function markFrontierDone(w: Warehouse, rows: Array<{ source_id: string; url: string }>): Promise<void> {
  if (rows.length === 0) return;
  // source ids and URLs hold no line feed (a URL's is percent-encoded)
  await w.run(
    `UPDATE crawl_frontier SET state = 'done', last_error = NULL, updated_at = now() WHERE source_id || chr(10) || url IN ${placeholders(rows.length)}`,
    rows.map((r) => `${r.source_id}\n${r.url}`),
  );
}

/** A finished source keeps only its failed rows (retried by later runs). */
export async function pruneFrontier(w: Warehouse, sourceIds: string[]): Promise<void> {
  await inParts([...new Set(sourceIds)], (part) => w.run(`DELETE FROM crawl_frontier WHERE source_id IN ${placeholders(part.length)} AND state = 'done'`, part));
}

/** The conditional-GET headers of a stored validators row (none without a row). */
function validatorHeaders(row: Row | null | undefined): Record<string, string> {
  const headers: Record<string, string> = {};
  if (row?.etag) headers["if-none-match"] = row.etag as string;
  if (row?.last_modified) headers["if-modified-since"] = row.last_modified as string;
  return headers;
}

export async function cachedValidators(w: Warehouse, url: string): Promise<Record<string, string>> {
  return validatorHeaders(await w.one("SELECT etag, last_modified FROM crawl_http_cache WHERE url = $url", { url }));
}

/**
 * The conditional-GET headers of many URLs (each as `cachedValidators` gives it), in one query per
 * `ITEMS_PER_STATEMENT` URLs: the crawl reads its sources' first listings' validators at its start.
 */
export async function cachedValidatorsOf(w: Warehouse, urls: string[]): Promise<Map<string, Record<string, string>>> {
  const unique = [...new Set(urls)];
  const rows = new Map<string, Row>();
  await inParts(unique, async (part) => {
    for (const row of await w.all(`SELECT url, etag, last_modified FROM crawl_http_cache WHERE url IN ${placeholders(part.length)}`, part)) rows.set(row.url as string, row);
  });
  return new Map(unique.map((url) => [url, validatorHeaders(rows.get(url))]));
}

export async function saveValidators(w: Warehouse, url: string, headers: Record<string, string>): Promise<void> {
  const etag = headers.etag ?? null;
  const lastModified = headers["last-modified"] ?? null;
  if (!etag && !lastModified) return;
  await w.run(
    `INSERT INTO crawl_http_cache (url, etag, last_modified, updated_at) VALUES ($url, $etag, $lm, now())
     ON CONFLICT (url) DO UPDATE SET etag = excluded.etag, last_modified = excluded.last_modified, updated_at = now()`,
    { url, etag, lm: lastModified },
  );
}

type Op = () => Promise<void>;
/** A frontier write held as data (`queueRows`, `markRow`), so that a batch's writes take a few statements. */
export type FrontierWrite = { rows: NewFrontierRow[]; runId: string } | { mark: FrontierMark };

/**
 * A step of a batch that runs no statement (it only hands rows to the batch's end, `atBatchEnd` /
 * `done`): it runs in its place in the batch without applying the held frontier writes first, so
 * the frontier writes around it still take one statement (an article's step between two listings'
 * writes split them in two).
 */
export type LocalStep = { local: () => void };

/** A batch step that runs no statement (see `LocalStep`). */
export function localStep(fn: () => void): LocalStep {
  return { local: fn };
}

/** Queue frontier rows (as `addToFrontier`), as a write of a batch (BatchWriter.add). */
export function queueRows(rows: NewFrontierRow[], runId: string): FrontierWrite {
  return { rows, runId };
}

/** Mark a frontier row done or failed, as a write of a batch (BatchWriter.add). */
export function markRow(sourceId: string, url: string, state: "done" | "failed", error: string | null = null): FrontierWrite {
  return { mark: { source_id: sourceId, url, state, error } };
}

const frontierKey = (sourceId: string, url: string) => `${sourceId}\n${url}`;

/**
 * The frontier writes of a batch, applied as if one after the other, in a few statements: the
 * rows queued since the last application in one, then the rows marked in one. A write that must
 * come after a held one on the same row (a mark then a queue, a second mark or queue), and any
 * other operation of the batch, applies the held writes first.
 */
class FrontierSegment {
  private rows: Array<{ row: NewFrontierRow; runId: string }> = [];
  private marks: FrontierMark[] = [];
  private queuedKeys = new Set<string>();
  private markedKeys = new Set<string>();

  constructor(private readonly w: Warehouse) {}

  async add(write: FrontierWrite): Promise<void> {
    if ("mark" in write) {
      const key = frontierKey(write.mark.source_id, write.mark.url);
      if (this.markedKeys.has(key)) await this.apply();
      this.markedKeys.add(key);
      this.marks.push(write.mark);
      return;
    }
    for (const row of write.rows) {
      const key = frontierKey(row.source_id, row.url);
      if (this.markedKeys.has(key) || this.queuedKeys.has(key)) await this.apply();
      this.queuedKeys.add(key);
      this.rows.push({ row, runId: write.runId });
    }
  }

  async apply(): Promise<void> {
    const rows = this.rows;
    const marks = this.marks;
    this.rows = [];
    this.marks = [];
    this.queuedKeys.clear();
    this.markedKeys.clear();
    // one run per crawl: rows of several runs (never within one crawl) take one statement each
    for (const runId of new Set(rows.map((r) => r.runId))) {
      await addToFrontier(this.w, rows.filter((r) => r.runId === runId).map((r) => r.row), runId);
    }
    await markFrontierRows(this.w, marks);
  }
}

/**
 * Serialises every warehouse statement of a crawl (one DuckDB connection runs one statement at a
 * time: a read started while a batch is being written would break it). `add` queues an operation
 * for the next batch (flushed at `batchSize` operations or after `maxWaitMs`), and so do frontier
 * writes held as data (`queueRows`, `markRow`), so that a batch's frontier writes take a few statements; `now`
 * writes the pending batch plus the given operation in one transaction right away, `later` in the
 * next batch; `read` runs a read between two batches.
 */
export class BatchWriter {
  private pending: Array<Op | FrontierWrite | LocalStep> = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failed: unknown = null;

  constructor(
    private readonly w: Warehouse,
    private readonly batchSize: number,
    private readonly maxWaitMs: number,
  ) {}

  private doneRows: Array<{ source_id: string; url: string }> = [];

  /** Mark a frontier row done within the current batch (all of a batch's in one statement, after its other writes). */
  done(sourceId: string, url: string): void {
    this.doneRows.push({ source_id: sourceId, url });
  }

  private committed: Array<() => void> = [];
  private bulk: Array<() => Promise<void>> = [];

  /** Run `fn` at the end of the current batch's transaction (for one multi-row statement per batch). */
  atBatchEnd(fn: () => Promise<void>): void {
    this.bulk.push(fn);
  }

  /** Run `fn` once the current batch is committed (progress events reflect what is on disk). */
  afterCommit(fn: () => void): void {
    this.committed.push(fn);
  }

  private queued = 0;

  /** Back-pressure: wait while `maxQueued` batches or more are waiting for the disk. */
  async settle(maxQueued = 2): Promise<void> {
    while (this.queued >= maxQueued && !this.failed) await this.chain.catch(() => {});
  }

  /** The error that stopped the writer (a failed commit, e.g. a full disk), if any. */
  failure(): unknown {
    return this.failed;
  }

  /** Create the staging tables now, outside any transaction (the crawl calls it at its start). */
  async prepare(): Promise<void> {
    await this.read(() => FRONTIER_STAGE.prepare(this.w));
  }

  /** Queue writes (operations, `queueRows`, `markRow`, `localStep`) for the next batch, all in the same one, in order. */
  add(...ops: Array<Op | FrontierWrite | LocalStep>): void {
    this.pending.push(...ops);
    if (this.pending.length >= this.batchSize) void this.flush().catch(() => {});
    else if (!this.timer) this.timer = setTimeout(() => void this.flush().catch(() => {}), this.maxWaitMs);
  }

  now(op: Op): Promise<void> {
    this.pending.push(op);
    return this.flush();
  }

  /** Resolves (or rejects) once the pending batch is committed (or failed); see `later`. */
  private pendingBatch: { promise: Promise<void>; resolve: () => void; reject: (error: unknown) => void } | null = null;

  /** The promise of the pending batch's commit (made before an op is added to it, see `later`). */
  private nextBatch(): Promise<void> {
    if (!this.pendingBatch) {
      let resolve!: () => void;
      let reject!: (error: unknown) => void;
      const promise = new Promise<void>((res, rej) => ((resolve = res), (reject = rej)));
      this.pendingBatch = { promise, resolve, reject };
    }
    return this.pendingBatch.promise;
  }

  /** Write `op` with the next batch (at its size or time, or the next `flush`); resolves once it is committed. */
  later(op: Op): Promise<void> {
    // The promise exists before the op is added: an `add` that fills the batch flushes at once, and
    // that flush must be the one that settles it (a promise made after it would never settle).
    const promise = this.nextBatch();
    this.add(op);
    return promise;
  }

  /**
   * Resolves once everything added so far is committed (rejects when its batch fails), as `flush`
   * does, but without writing the pending batch before its size or time: a source that has finished
   * fetching waits for the batch the other sources fill instead of committing one of its own.
   */
  whenCommitted(): Promise<void> {
    return this.pending.length === 0 ? this.flush() : this.nextBatch();
  }

  /**
   * Run `fn` (reads) on the warehouse between two batches, never while one is being written.
   * It sees what is committed; the pending operations stay pending.
   */
  read<T>(fn: () => Promise<T>): Promise<T> {
    const result = this.chain.catch(() => undefined).then(fn);
    this.chain = result.then(
      () => this.rethrow(),
      () => this.rethrow(),
    );
    return result;
  }

  /** Keep the chain failed once a batch failed. */
  private rethrow(): void {
    if (this.failed) throw this.failed;
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const ops = this.pending;
    this.pending = [];
    const batch = this.pendingBatch;
    this.pendingBatch = null;
    if (ops.length) this.queued++;
    const written = this.chain.then(async () => {
      if (ops.length) this.queued--;
      if (this.failed) throw this.failed;
      if (ops.length === 0) return;
      try {
        await this.w.transaction(async () => {
          const frontier = new FrontierSegment(this.w);
          for (const op of ops) {
            if (typeof op !== "function") {
              if ("local" in op) op.local();
              else await frontier.add(op);
              continue;
            }
            await frontier.apply();
            await op();
          }
          await frontier.apply();
          const done = this.doneRows;
          this.doneRows = [];
          await markFrontierDone(this.w, done);
          const bulk = this.bulk;
          this.bulk = [];
          for (const fn of bulk) await fn();
        });
        const callbacks = this.committed;
        this.committed = [];
        for (const fn of callbacks) fn();
      } catch (error) {
        this.failed = error;
        throw error;
      }
    });
    if (batch) written.then(batch.resolve, batch.reject);
    this.chain = written;
    return written;
  }
}
