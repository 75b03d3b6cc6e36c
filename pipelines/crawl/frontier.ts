/**
 * The persisted frontier (table crawl_frontier) and the batched writer. All
 * warehouse writes of a crawl go through one `BatchWriter`, so transactions on
 * the single DuckDB connection never interleave, and results reach the disk in
 * batches: a crash loses at most the unwritten batch, whose frontier rows are
 * still pending and are fetched again by the next run.
 */
import type { ListingItem } from "../../data-loaders/types.ts";
import type { Warehouse } from "../warehouse/db.ts";

export interface FrontierRow {
  source_id: string;
  url: string;
  kind: "listing" | "article";
  state: "pending" | "done" | "failed";
  depth: number;
  item: ListingItem | null;
  attempts: number;
}

export async function loadFrontier(w: Warehouse, sourceId: string, maxAttempts: number): Promise<FrontierRow[]> {
  const rows = await w.all(
    `SELECT source_id, url, kind, state, depth, item_json, attempts FROM crawl_frontier
     WHERE source_id = $source AND (state = 'pending' OR (state = 'failed' AND attempts < $max))
     ORDER BY kind DESC, depth, url`,
    { source: sourceId, max: maxAttempts },
  );
  return rows.map((r) => ({
    source_id: r.source_id as string,
    url: r.url as string,
    kind: r.kind as FrontierRow["kind"],
    state: r.state as FrontierRow["state"],
    depth: Number(r.depth),
    item: r.item_json ? (JSON.parse(r.item_json as string) as ListingItem) : null,
    attempts: Number(r.attempts),
  }));
}

/** Item ids the frontier already holds for a source (queued by an earlier, unfinished run). */
export async function frontierItemIds(w: Warehouse, sourceId: string): Promise<Set<string>> {
  const rows = await w.all("SELECT item_id FROM crawl_frontier WHERE source_id = $source AND item_id IS NOT NULL", { source: sourceId });
  return new Set(rows.map((r) => r.item_id as string));
}

export interface NewFrontierRow {
  source_id: string;
  url: string;
  kind: "listing" | "article";
  depth: number;
  item?: ListingItem | null;
}

/** Queue rows (one statement for the lot); a row already there becomes pending again. */
export async function addToFrontier(w: Warehouse, rows: NewFrontierRow | NewFrontierRow[], runId: string): Promise<void> {
  const list = Array.isArray(rows) ? rows : [rows];
  if (list.length === 0) return;
  const params: (string | number | null)[] = [];
  const values = list.map((row) => {
    params.push(row.source_id, row.url, row.kind, row.depth, row.item?.item_id ?? null, row.item ? JSON.stringify(row.item) : null, runId);
    return "(?, ?, ?, 'pending', ?, ?, ?, 0, ?, now())";
  });
  await w.run(
    `INSERT INTO crawl_frontier (source_id, url, kind, state, depth, item_id, item_json, attempts, run_id, updated_at)
     VALUES ${values.join(", ")}
     ON CONFLICT (source_id, url) DO UPDATE SET state = 'pending', depth = excluded.depth, run_id = excluded.run_id, updated_at = now()`,
    params,
  );
}

/** Mark many rows of one source done in one statement. */
export async function markFrontierDone(w: Warehouse, sourceId: string, urls: string[]): Promise<void> {
  if (urls.length === 0) return;
  await w.run(
    `UPDATE crawl_frontier SET state = 'done', last_error = NULL, updated_at = now() WHERE source_id = ? AND url IN (${urls.map(() => "?").join(", ")})`,
    [sourceId, ...urls],
  );
}

export async function markFrontier(w: Warehouse, sourceId: string, url: string, state: "done" | "failed", error: string | null = null): Promise<void> {
  await w.run(
    `UPDATE crawl_frontier SET state = $state, attempts = attempts + CASE WHEN $state = 'failed' THEN 1 ELSE 0 END,
       last_error = $error, updated_at = now() WHERE source_id = $source AND url = $url`,
    { state, error, source: sourceId, url },
  );
}

/** A finished source keeps only its failed rows (retried by later runs). */
export async function pruneFrontier(w: Warehouse, sourceId: string): Promise<void> {
  await w.run("DELETE FROM crawl_frontier WHERE source_id = $source AND state = 'done'", { source: sourceId });
}

export async function cachedValidators(w: Warehouse, url: string): Promise<Record<string, string>> {
  const row = await w.one("SELECT etag, last_modified FROM crawl_http_cache WHERE url = $url", { url });
  const headers: Record<string, string> = {};
  if (row?.etag) headers["if-none-match"] = row.etag as string;
  if (row?.last_modified) headers["if-modified-since"] = row.last_modified as string;
  return headers;
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

/**
 * Serialises every write of a crawl. `add` queues an operation for the next
 * batch (flushed at `batchSize` operations or after `maxWaitMs`); `now` writes
 * the pending batch plus the given operation in one transaction right away.
 */
export class BatchWriter {
  private pending: Op[] = [];
  private chain: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | null = null;
  private failed: unknown = null;

  constructor(
    private readonly w: Warehouse,
    private readonly batchSize: number,
    private readonly maxWaitMs: number,
  ) {}

  private doneUrls = new Map<string, string[]>();

  /** Mark a frontier row done within the current batch (written in one statement per source). */
  done(sourceId: string, url: string): void {
    const list = this.doneUrls.get(sourceId) ?? [];
    list.push(url);
    this.doneUrls.set(sourceId, list);
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

  add(op: Op): void {
    this.pending.push(op);
    if (this.pending.length >= this.batchSize) void this.flush().catch(() => {});
    else if (!this.timer) this.timer = setTimeout(() => void this.flush().catch(() => {}), this.maxWaitMs);
  }

  now(op: Op): Promise<void> {
    this.pending.push(op);
    return this.flush();
  }

  flush(): Promise<void> {
    if (this.timer) {
      clearTimeout(this.timer);
      this.timer = null;
    }
    const ops = this.pending;
    this.pending = [];
    if (ops.length) this.queued++;
    this.chain = this.chain.then(async () => {
      if (ops.length) this.queued--;
      if (this.failed) throw this.failed;
      if (ops.length === 0) return;
      try {
        await this.w.transaction(async () => {
          for (const op of ops) await op();
          const done = this.doneUrls;
          this.doneUrls = new Map();
          for (const [sourceId, urls] of done) await markFrontierDone(this.w, sourceId, urls);
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
    return this.chain;
  }
}
