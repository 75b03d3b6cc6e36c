/**
 * The crawl. For each source: walk its listings (conditional GET on the first
 * page, stop at a page that brings nothing new, or — with `since` — at a page
 * older than the date), queue the new articles in the persisted frontier,
 * fetch them through the polite client, extract them with the source's
 * adapter, archive the raw page and upsert the article, in batches.
 * A killed crawl resumes from the frontier; statistics, errors and health are
 * written per run and source.
 */
import { crawlMessage, type LinkWhat } from "./messages.ts";
import { randomUUID } from "node:crypto";
import { Agent, type Dispatcher } from "undici";
import { adapterFor } from "../../data-loaders/index.ts";
import { isFeed } from "../../data-loaders/common/feed.ts";
import type { Adapter, ListingItem, ListingPage } from "../../data-loaders/types.ts";
import { type ArchiveEntry, ArchiveStore, indexArchived, prepareArchiveIndex } from "../archive/store.ts";
import { ArticleStore, type ArticleWrite, type UpsertOutcome, upsertSources } from "../warehouse/articles.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type ErrorKind, type GetOutcome, type HostPolicy, PoliteClient } from "./client.ts";
import { type BudgetPart, BudgetTracker, resolveBudget } from "./budgets.ts";
import { AddressGuard, sourceAddressPolicy } from "./address-guard.ts";
import { createDispatcher } from "./fetcher.ts";
import {
  BatchWriter,
  cachedValidators,
  cachedValidatorsOf,
  frontierItemIds,
  type FrontierRow,
  loadFrontier,
  localStep,
  markRow,
  pruneFrontier,
  queueRows,
  saveValidators,
} from "./frontier.ts";
import { updateSourceHealth } from "./health.ts";
import {
  type Alarm,
  feedOnlyAlarms,
  listingAlarms,
  type ListingObservation,
  previousPageItems,
  shareAlarms,
  sinceAlarms,
  prepareCompleteness,
  sinceOutcome,
  storeCompleteness,
  type SourceCompleteness,
} from "./completeness.ts";
import { listingDisagrees, recheckCandidates, type StoredFacts, storedFacts } from "./corrections.ts";
import { isSameSourceHost, sourceHostKeys } from "./hosts.ts";
import { linkProblem, sourceCanonical } from "./links.ts";
import { capTitle, MAX_TITLE_CHARS } from "../text/cap.ts";
import { type CrawlLimits, resolveLimits } from "./limits.ts";
import { isProcessAlive } from "../os/process.ts";
import { type Clock, realClock } from "./politeness.ts";
import type { CrawlSource } from "./types.ts";
import { isStorageFailure, StorageError } from "./failure-kinds.ts";
import { detectMediaKind } from "../../data-loaders/common/media-kind.ts";

export interface CrawlOptions {
  now?: () => Date;
  /** Called for each event (progress display or JSON lines). */
  onEvent?: (event: CrawlEvent) => void;
  /** Overrides of DEFAULT_LIMITS (limits.ts). */
  limits?: Partial<CrawlLimits>;
  /** Backfill: walk listings back to this date instead of stopping at the first page with nothing new. */
  since?: Date;
  /**
   * Re-fetch known articles first seen within this many days when they appear on a walked
   * listing page, so that an edited article becomes a new version (default 0: off). Turns off
   * the conditional GET of the first listing page.
   */
  recheckDays?: number;
  /**
   * Periodic recheck (corrections.ts): re-read this many stored articles per source and run,
   * least recently fetched first (default 0 here; the CLI's default is RECHECK_BUDGET).
   */
  recheckBudget?: number;
  /** Where raw article pages are archived; null: not archived. Default: no archive. */
  archiveDir?: string | null;
  /** Failures of an earlier run that could not be written (full disk): recorded before this run starts. */
  unrecorded?: { run_id: string; failures: UnrecordedFailure[] };
  /** Only for tests: a fake clock for delays and backoff. */
  clock?: Clock;
}

export type CrawlEvent =
  | { type: "source_start"; source_id: string; resumed: number }
  | { type: "listing"; source_id: string; url: string; items: number; fresh: number; not_modified: boolean }
  | { type: "page"; source_id: string; url: string; status: number; bytes: number }
  | { type: "article"; source_id: string; url: string; outcome: UpsertOutcome }
  | { type: "queued"; source_id: string; articles: number }
  | { type: "error"; source_id: string; url: string; kind: ErrorKind; message: string }
  | { type: "warning"; source_id: string; url: string; message: string }
  | { type: "host_paused"; source_id: string; host: string; reason: string }
  | { type: "retry"; url: string; attempt: number; wait_ms: number; reason: string }
  | { type: "source_done"; source_id: string; stats: SourceStats };

export interface SourceStats {
  status: "ok" | "partial" | "failed";
  pages: number;
  requests: number;
  listing_pages: number;
  listing_items: number;
  new_articles: number;
  changed_articles: number;
  unchanged_articles: number;
  extraction_failures: number;
  date_failures: number;
  errors: number;
  errors_by_kind: Partial<Record<ErrorKind, number>>;
  /** Failed attempts recovered by a retry. */
  retries: number;
  bytes: number;
  duration_ms: number;
  paused_hosts: Record<string, string>;
  /** The part of the per-run budget used up (budgets.ts), or null. */
  budget_exceeded: BudgetPart | null;
  /** Frontier rows left pending for the next run because the budget was used up. */
  deferred: number;
  /** Completeness alarms raised for the source in this run (completeness.ts). */
  alarms: number;
  alarm_list: Alarm[];
  /** Known articles fetched again because a listing showed another title or date. */
  corrections: number;
  /** Known articles re-read by the periodic recheck. */
  rechecked: number;
  /** With --since: whether the walk got back to the date (null without --since). */
  since_reached: boolean | null;
  oldest_listed_at: string | null;
}

export interface CrawlSummary {
  run_id: string;
  sources: Record<string, SourceStats>;
}

/** Runs left 'running' by a process that no longer exists become 'interrupted'. */
async function closeDeadRuns(w: Warehouse): Promise<void> {
  const rows = await w.all("SELECT run_id, pid FROM crawl_runs WHERE status = 'running'");
  for (const r of rows) {
    if (r.pid === null || r.pid === process.pid || !isProcessAlive(Number(r.pid))) {
      await w.run("UPDATE crawl_runs SET status = 'interrupted' WHERE run_id = $id", { id: r.run_id as string });
    }
  }
}

export async function crawl(w: Warehouse, sources: CrawlSource[], options: CrawlOptions = {}): Promise<CrawlSummary> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => {});
  const limits = resolveLimits(options.limits);
  const runId = randomUUID();
  await closeDeadRuns(w);
  await upsertSources(w, sources);
  if (options.unrecorded) await recordLeftFailures(w, options.unrecorded);
  await w.run("INSERT INTO crawl_runs (run_id, started_at, status, pid, options_json) VALUES ($id, now(), 'running', $pid, $opts)", {
    id: runId,
    pid: process.pid,
    opts: JSON.stringify({ since: options.since?.toISOString() ?? null, sources: sources.map((s) => s.source_id), limits: options.limits ?? {} }),
  });
  const dispatcher = createDispatcher(limits.connectTimeoutMs, Math.max(limits.hostConcurrency, ...sources.map((s) => s.concurrency ?? 1)));
  const writer = new BatchWriter(w, limits.batchSize, limits.batchMaxMs);
  // One store for the run: each source's stored items are read once, each write batch's articles stored in one call.
  const articles: ArticleQueue = { store: new ArticleStore(w), pending: [] };
  await articles.store.preload(sources.map((s) => s.source_id)); // what every source has stored, in one read
  const begun = await readSourceStarts(w, sources, limits, runId);
  const sourceEnds: SourceContext["sourceEnds"] = [];
  await articles.store.prepare();
  await writer.prepare();
  await prepareArchiveIndex(w);
  await prepareCompleteness(w);
  const sourceOfHost = new Map<string, string>();
  const client = new PoliteClient(
    limits,
    dispatcher,
    {
      onHostPaused: (host, reason) => emit({ type: "host_paused", source_id: sourceOfHost.get(host) ?? "", host, reason }),
      onRetry: (url, attempt, waitMs, reason) => emit({ type: "retry", url, attempt, wait_ms: waitMs, reason }),
    },
    options.clock ?? realClock,
  );
  const archive = options.archiveDir ? new ArchiveStore(options.archiveDir) : null;
  archive?.removeStaleTemps(); // every writer cleans its own temporaries on the next start
  // A failed write (full disk) stops the whole run: nothing more is fetched, the error is recorded where possible.
  const halt: Halt = { error: null };
  const unrecorded: UnrecordedFailure[] = [];
  const summary: CrawlSummary = { run_id: runId, sources: {} };
  const sourceDispatchers: Agent[] = [];
  // One batch index of archived pages for every source: one statement per write batch.
  const archived: ArchiveEntry[] = [];
  /** Sources whose last write is still to come: the last one's is written at once, the others' with the next batch. */
  const finishing = { left: sources.length };
  // The crawl's statements are small (a batch's rows): DuckDB's worker threads would cost more in
  // hand-overs than they save; the crawl's own concurrency is in fetching. Reset when it ends.
  await w.run("SET threads = 1");
  try {
    await Promise.all(
      sources.map(async (source) => {
        for (const u of [source.base_url, ...source.start_urls]) if (u) sourceOfHost.set(new URL(u).host, source.source_id);
        // every source connects through its own address guard (loopback for DEMO, the registry's allowance for an intranet)
        const addresses = sourceAddressPolicy(source);
        const sourceDispatcher = createDispatcher(limits.connectTimeoutMs, source.concurrency ?? limits.hostConcurrency, { addresses, insecureTls: !!source.insecure_tls });
        sourceDispatchers.push(sourceDispatcher);
        if (source.insecure_tls) {
          emit({ type: "warning", source_id: source.source_id, url: source.base_url, message: crawlMessage("crawl.warn_insecure_tls") });
        }
        if (addresses.allow.length) {
          emit({ type: "warning", source_id: source.source_id, url: source.base_url, message: crawlMessage("crawl.warn_private_addresses", { addresses: addresses.allow.join(", ") }) });
        }
        const guard = new AddressGuard(addresses);
        const ctx: SourceContext = { w, source, runId, begun, sourceEnds, articles, now, emit, limits, client, writer, archive, halt, unreachableArticles: 0, budget: new BudgetTracker(resolveBudget(source.budget)), budgetAlarm: () => {}, since: options.since ?? null, dispatcher: sourceDispatcher, guard, hostKeys: sourceHostKeys(source), refusedLinks: new Set<string>(), archived, finishing, finished: false, recheck: new Set<string>(), recheckDays: options.recheckDays ?? 0,
          recheckBudget: options.recheckBudget ?? 0, observations: [], stored: new Map(), discovered: new Map(), refetch: new Set<string>(), articleListings: new Set<string>(), unreadStarts: [] };
        try {
          summary.sources[source.source_id] = await crawlSource(ctx);
        } catch (caught) {
          // one broken source (unknown platform, adapter bug) must not stop the others; a failed write stops the run
          const storage = isStorageFailure(caught) || halt.error !== null;
          const error = storage ? asStorageError(halt.error ?? caught, options.archiveDir ?? "warehouse") : (caught as Error);
          if (storage) halt.error ??= error as StorageError;
          const kind: ErrorKind = storage ? (error as StorageError).kind : "parse";
          const stats = { ...emptyStats(), status: "failed" as const, errors: 1, errors_by_kind: { [kind]: 1 } };
          summary.sources[source.source_id] = stats;
          emit({ type: "error", source_id: source.source_id, url: source.base_url, kind, message: error.message });
          const record = async () => {
            await recordRunSources(w, runId, [{ sourceId: source.source_id, startedAt: now(), stats }]);
            await w.run(
              `INSERT INTO crawl_errors (run_id, source_id, url, kind, status, message, occurred_at, retried) VALUES ($run, $source, $url, $kind, NULL, $message, now(), FALSE)`,
              { run: runId, source: source.source_id, url: source.base_url, kind, message: error.message },
            );
          };
          if (!ctx.finished) ctx.finishing.left--;
          ctx.finished = true;
          if (storage) {
            // the batch writer has failed for good: try one small direct write (it may fail too on a full
            // disk; then the failure travels with the error and is recorded by the next run, see run.ts)
            await w.transaction(record).catch(() => unrecorded.push({ source_id: source.source_id, url: source.base_url, kind, message: error.message }));
          } else {
            await writer.now(record);
          }
          emit({ type: "source_done", source_id: source.source_id, stats });
        }
      }),
    );
    if (halt.error) throw halt.error;
    await writer.flush();
    await updateSourceHealth(w, sources, now());
    const status = Object.values(summary.sources).every((s) => s.status === "ok") ? "ok" : "partial";
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = $status WHERE run_id = $id", { id: runId, status });
  } catch (caught) {
    const error = halt.error ?? (isStorageFailure(caught) ? asStorageError(caught, "warehouse") : caught);
    if (error instanceof StorageError) {
      // sources that never got to run (the disk filled before them) failed too
      for (const source of sources) {
        if (!summary.sources[source.source_id]) unrecorded.push({ source_id: source.source_id, url: source.base_url, kind: error.kind, message: error.message });
      }
      if (unrecorded.length) error.unrecorded = { run_id: runId, failures: unrecorded };
    }
    await writer.flush().catch(() => {});
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = 'failed' WHERE run_id = $id", { id: runId }).catch((e) => {
      if (!isStorageFailure(e)) throw e;
    });
    throw error;
  } finally {
    try {
      await dispatcher.close();
      await Promise.all(sourceDispatchers.map((a) => a.close()));
    } finally {
      await w.run("RESET threads").catch(() => {}); // whatever closing the dispatchers did
    }
  }
  return summary;
}

/** Per-source failures a run could not write (a full disk), recorded by the next run. */
export interface UnrecordedFailure {
  source_id: string;
  url: string;
  kind: ErrorKind;
  message: string;
}

/** The failures of an earlier run that could not be written then: its run becomes failed, each source gets its row and error. */
async function recordLeftFailures(w: Warehouse, left: { run_id: string; failures: UnrecordedFailure[] }): Promise<void> {
  await w.transaction(async () => {
    await w.run(
      `INSERT INTO crawl_runs (run_id, started_at, finished_at, status, pid, options_json)
       SELECT $id, now(), now(), 'failed', NULL, '{}' WHERE NOT EXISTS (SELECT 1 FROM crawl_runs WHERE run_id = $id)`,
      { id: left.run_id },
    );
    await w.run("UPDATE crawl_runs SET status = 'failed', finished_at = coalesce(finished_at, now()) WHERE run_id = $id", { id: left.run_id });
    const started = await w.one("SELECT started_at FROM crawl_runs WHERE run_id = $id", { id: left.run_id });
    for (const f of left.failures) {
      const done = await w.one("SELECT 1 AS x FROM crawl_run_sources WHERE run_id = $run AND source_id = $source", { run: left.run_id, source: f.source_id });
      if (done || !(await w.one("SELECT 1 AS x FROM sources WHERE source_id = $source", { source: f.source_id }))) continue;
      const stats = { ...emptyStats(), status: "failed" as const, errors: 1, errors_by_kind: { [f.kind]: 1 } };
      await recordRunSources(w, left.run_id, [{ sourceId: f.source_id, startedAt: started ? new Date(started.started_at as string) : new Date(), stats }]);
      await w.run(
        `INSERT INTO crawl_errors (run_id, source_id, url, kind, status, message, occurred_at, retried) VALUES ($run, $source, $url, $kind, NULL, $message, now(), FALSE)`,
        { run: left.run_id, source: f.source_id, url: f.url, kind: f.kind, message: crawlMessage("crawl.recorded_next_run", { message: f.message }) },
      );
    }
  });
}

interface Halt {
  error: StorageError | null;
}

/** A raw write failure as a StorageError naming what was being written. */
function asStorageError(error: unknown, path: string): StorageError {
  return error instanceof StorageError ? error : new StorageError(/"([^"]+)"/.exec((error as Error).message ?? "")?.[1] ?? path, error);
}

/**
 * The articles of the write batch being built: stored with one `ArticleStore.store` call at the
 * batch's end, in the batch's transaction (with the frontier rows they mark done), so a crash
 * leaves every article of a batch stored with its frontier row done, or none of them.
 */
interface ArticleQueue {
  store: ArticleStore;
  pending: { write: ArticleWrite; stored: (outcome: UpsertOutcome) => void }[];
}

/**
 * What every source's crawl reads before it writes anything, one query each for all sources at the
 * run's start instead of one per source: each source's rows are written by that source alone, and
 * only after it has read them; the previous runs' listing pages are not written by this run.
 */
interface SourceStarts {
  /** Title and date of every stored article (corrections.ts). */
  stored: Map<string, Map<string, StoredFacts>>;
  /** Item ids the frontier holds. */
  frontierIds: Map<string, Set<string>>;
  /** Pending and retryable frontier rows. */
  frontier: Map<string, FrontierRow[]>;
  /** What each listing page read when last walked before this run (completeness.ts). */
  previous: Map<string, Map<string, number>>;
  /**
   * The stored conditional-GET validators of the listings a walk may start from (the start URLs and
   * the frontier's first pages), as read at the run's start; a URL leaves the map when this run
   * queues a write of its validators (it is then read again, as any URL not in the map).
   */
  validators: Map<string, Record<string, string>>;
}

async function readSourceStarts(w: Warehouse, sources: CrawlSource[], limits: CrawlLimits, runId: string): Promise<SourceStarts> {
  const ids = sources.map((s) => s.source_id);
  const frontier = await loadFrontier(w, ids, limits.maxAttempts);
  const firstPages = [...frontier.values()].flatMap((rows) => rows.filter((r) => r.kind === "listing" && r.depth === 0).map((r) => r.url));
  return {
    stored: await storedFacts(w, ids),
    frontierIds: await frontierItemIds(w, ids),
    frontier,
    previous: await previousPageItems(w, ids, runId),
    validators: await cachedValidatorsOf(w, [...sources.flatMap((s) => s.start_urls), ...firstPages]),
  };
}

interface SourceContext {
  /** The last writes of the sources that finish in the batch being written (see `finishWrite`). */
  sourceEnds: Array<{ run: RunSourceRow; completeness: SourceCompleteness }>;
  /** What the source's crawl reads first, read for all sources at once. */
  begun: SourceStarts;
  /** The run's article store and the current batch's articles. */
  articles: ArticleQueue;
  halt: Halt;
  /** Articles whose host could not be read (timeouts, network, 5xx, paused): all of them means the source failed. */
  unreachableArticles: number;
  budget: BudgetTracker;
  /** Raise the budget alarm (set by crawlSource). */
  budgetAlarm: (url: string, part: BudgetPart) => void;
  w: Warehouse;
  source: CrawlSource;
  runId: string;
  now: () => Date;
  emit: (e: CrawlEvent) => void;
  limits: CrawlLimits;
  client: PoliteClient;
  writer: BatchWriter;
  archive: ArchiveStore | null;
  since: Date | null;
  dispatcher: Dispatcher | undefined;
  guard: AddressGuard;
  /** Keys of the source's own hosts: the only ones ever requested. */
  hostKeys: Set<string>;
  /** Off-host / non-http(s) links already recorded this run. */
  refusedLinks: Set<string>;
  /** Archive index rows of the batch being written, of every source (one statement per batch). */
  archived: ArchiveEntry[];
  /** How many of the run's sources have their last write to come (see `finishWrite`). */
  finishing: { left: number };
  /** This source's last write is on its way (counted out of `finishing`). */
  finished: boolean;
  /** Known items to fetch again if a listing shows them (recheckDays). */
  recheck: Set<string>;
  recheckDays: number;
  recheckBudget: number;
  /** What each walked listing page showed (completeness.ts). */
  observations: ListingObservation[];
  /** Title and date of every stored article of the source (corrections.ts). */
  stored: Map<string, StoredFacts>;
  /** Listings found behind a feed start URL for a backfill, by feed URL. */
  discovered: Map<string, string[]>;
  /** Known items queued again in this run (a correction or a recheck), once each. */
  refetch: Set<string>;
  /** Listings the fetched articles link to (for a backfill through a feed). */
  articleListings: Set<string>;
  /** Chains whose first page could not be fetched or parsed. */
  unreadStarts: string[];
}

function emptyStats(): SourceStats {
  return {
    status: "ok",
    pages: 0,
    requests: 0,
    listing_pages: 0,
    listing_items: 0,
    new_articles: 0,
    changed_articles: 0,
    unchanged_articles: 0,
    extraction_failures: 0,
    date_failures: 0,
    errors: 0,
    errors_by_kind: {},
    retries: 0,
    bytes: 0,
    duration_ms: 0,
    paused_hosts: {},
    budget_exceeded: null,
    deferred: 0,
    alarms: 0,
    alarm_list: [],
    corrections: 0,
    rechecked: 0,
    since_reached: null,
    oldest_listed_at: null,
  };
}

async function crawlSource(ctx: SourceContext): Promise<SourceStats> {
  const { w, source, runId, emit, limits, writer } = ctx;
  const startedMs = Date.now();
  const startedAt = ctx.now();
  const stats = emptyStats();
  const adapter = adapterFor(source.platform);
  const policy: HostPolicy = {
    hostKeys: ctx.hostKeys,
    delayMs: source.delay_ms ?? limits.delayMs,
    concurrency: source.concurrency ?? limits.hostConcurrency,
    dispatcher: ctx.dispatcher,
    guard: ctx.guard,
  };
  // reads go through the writer, between its batches (one statement at a time on the connection)
  const known = await writer.read(() => ctx.articles.store.knownItemIds(source.source_id));
  if (ctx.recheckDays > 0) {
    const rows = await writer.read(() =>
      w.all("SELECT item_id FROM articles WHERE source_id = $source AND first_seen_at >= $from::TIMESTAMPTZ", {
        source: source.source_id,
        from: new Date(ctx.now().getTime() - ctx.recheckDays * 86_400_000).toISOString(),
      }),
    );
    for (const r of rows) ctx.recheck.add(r.item_id as string);
  }
  ctx.stored = ctx.begun.stored.get(source.source_id)!;
  for (const id of ctx.begun.frontierIds.get(source.source_id)!) known.add(id);
  const resumed = ctx.begun.frontier.get(source.source_id)!;
  emit({ type: "source_start", source_id: source.source_id, resumed: resumed.length });

  const insertError = (url: string, kind: ErrorKind, message: string, status: number | undefined, retried: boolean) =>
    writer.add(() =>
      w.run(
        `INSERT INTO crawl_errors (run_id, source_id, url, kind, status, message, occurred_at, retried)
         VALUES ($run, $source, $url, $kind, $status, $message, now(), $retried)`,
        { run: runId, source: source.source_id, url, kind, status: status ?? null, message, retried },
      ),
    );
  const recordError = (url: string, kind: ErrorKind, message: string, status?: number) => {
    stats.errors++;
    stats.errors_by_kind[kind] = (stats.errors_by_kind[kind] ?? 0) + 1;
    emit({ type: "error", source_id: source.source_id, url, kind, message });
    insertError(url, kind, message, status, false);
  };
  policy.onRetry = (url, kind, message, status) => {
    stats.retries++;
    insertError(url, kind, message, status, true);
  };
  const budget = ctx.budget;
  /** The budget's alarm: one error row per run, the rest of the frontier stays pending for the next run. */
  const alarmed = new Set<BudgetPart>();
  const budgetAlarm = (url: string, part: BudgetPart) => {
    if (alarmed.has(part)) return;
    alarmed.add(part);
    stats.budget_exceeded ??= part;
    recordError(url, "budget", crawlMessage("crawl.budget_queued", { amount: budget.describe(part) }));
  };
  ctx.budgetAlarm = budgetAlarm;
  const get = async (url: string, headers: Record<string, string> = {}): Promise<GetOutcome> => {
    if (ctx.halt.error) throw ctx.halt.error;
    const failedWrite = writer.failure();
    if (failedWrite) throw failedWrite;
    const part = budget.exceeded();
    if (part) {
      budgetAlarm(url, part);
      stats.deferred++;
      return { ok: false, kind: "budget", message: crawlMessage("crawl.budget_url", { url, amount: budget.describe(part) }), requests: 0, bytes: 0 };
    }
    budget.reserve();
    const out = await ctx.client.get(url, policy, headers);
    budget.charge(out.requests, out.bytes);
    stats.requests += out.requests;
    stats.bytes += out.bytes;
    if (out.ok) {
      stats.pages++;
      emit({ type: "page", source_id: source.source_id, url, status: out.res.status, bytes: out.res.bytes });
    } else {
      recordError(url, out.kind, out.message, out.status);
      if (out.pausedHost) stats.paused_hosts[out.pausedHost] = ctx.client.scheduler.pausedReason(out.pausedHost) ?? out.message;
    }
    return out;
  };

  // Listings: resumed chains first, then the start URLs (a start page whose items are all known ends at once).
  const listings = new Map<string, FrontierRow>();
  for (const row of resumed) if (row.kind === "listing") listings.set(row.url, row);
  const seeds = source.start_urls.filter((u) => !listings.has(u));
  if (seeds.length) writer.add(queueRows(seeds.map((url) => ({ source_id: source.source_id, url, kind: "listing" as const, depth: 0 })), runId));
  for (const url of seeds) listings.set(url, { source_id: source.source_id, url, kind: "listing", state: "pending", depth: 0, item: null, attempts: 0 });

  // Articles are fetched as soon as they are queued, while the listing walk goes on, by a bounded
  // pool of workers (memory does not grow with the number of links a listing shows).
  const failures: unknown[] = [];
  const pool = new FetchPool(Math.max(2, policy.concurrency * 2), (row) =>
    fetchArticle(ctx, adapter, row, stats, get, recordError).catch((error) => {
      // handled at once (never an unhandled rejection); the first one ends the source
      if (isStorageFailure(error)) ctx.halt.error ??= asStorageError(error, ctx.archive?.dir ?? "warehouse");
      failures.push(error);
    }),
  );
  let queuedCount = 0;
  const enqueue = (rows: FrontierRow[]) => {
    queuedCount += rows.length;
    if (rows.length) emit({ type: "queued", source_id: source.source_id, articles: queuedCount });
    for (const row of rows) pool.push(row);
  };
  // resumed articles not yet stored take new-article slots; those over the budget stay pending
  enqueue(resumed.filter((r) => r.kind === "article" && takeSlot(ctx, stats, r.url)));
  // Backfill through a feed: the listings behind it are walked as chains of their own.
  const discover = (feedUrl: string, urls: string[]) => {
    const fresh = urls.filter((u) => !listings.has(u));
    ctx.discovered.set(feedUrl, [...(ctx.discovered.get(feedUrl) ?? []), ...fresh]);
    for (const url of fresh) listings.set(url, { source_id: source.source_id, url, kind: "listing", state: "pending", depth: 0, item: null, attempts: 0 });
    if (fresh.length) writer.add(queueRows(fresh.map((url) => ({ source_id: source.source_id, url, kind: "listing" as const, depth: 0 })), runId));
  };
  let firstListingFailed = false;
  const chainsWalked = new Set<string>();
  const walkChains = async () => {
    for (const start of listings.values()) {
      if (chainsWalked.has(start.url)) continue;
      chainsWalked.add(start.url);
      let row: FrontierRow | null = start;
      const walked = new Set<string>();
      while (row) {
        const next: FrontierRow | null | undefined = await walkListing(ctx, adapter, row, known, walked, stats, get, recordError, enqueue, start.url, discover);
        if (row.depth === 0 && source.start_urls.includes(row.url) && next === undefined) firstListingFailed = true;
        if (row.depth === 0 && next === undefined) ctx.unreadStarts.push(row.url);
        row = next ?? null;
      }
    }
  };
  await walkChains();
  // A backfill through a feed also walks the listings the fetched articles link to (NukeViet: the
  // breadcrumb's categories and every category feed a page announces), as long as new ones turn up.
  for (let round = 0; round < 3 && ctx.since && ctx.discovered.size > 0; round++) {
    await pool.idle();
    const feedUrl = [...ctx.discovered.keys()][0]!;
    const extra = [...ctx.articleListings].filter((u) => !listings.has(u) && isSameSourceHost(new URL(u), ctx.hostKeys));
    if (extra.length === 0) break;
    discover(feedUrl, extra);
    await walkChains();
  }
  // Periodic recheck: a few stored articles per run, least recently fetched first, that this run did not read again.
  const recheckRows = await writer.read(() => recheckCandidates(w, source.source_id, ctx.recheckBudget, ctx.refetch, startedAt));
  stats.rechecked = recheckRows.length;
  for (const r of recheckRows) ctx.refetch.add(r.item_id);
  enqueue(
    recheckRows.map((item): FrontierRow => {
      const url = onSourceHost(item.url, source, ctx.hostKeys);
      return { source_id: source.source_id, url, kind: "article", state: "pending", depth: 0, item: { ...item, url }, attempts: 0 };
    }),
  );
  await pool.idle();
  if (failures.length) throw failures[0];
  // its counts (new, changed, unchanged) are known once its articles are committed: with other
  // sources still crawling, in the batch they fill (a commit per source cost ~8 statements each)
  await (ctx.finishing.left > 1 ? writer.whenCommitted() : writer.flush());

  stats.duration_ms = Date.now() - startedMs;
  const alarms = await completenessAlarms(ctx, stats);
  stats.alarm_list = alarms;
  stats.alarms = alarms.length;
  const paused = Object.keys(stats.paused_hosts).length > 0;
  const fetchedArticles = stats.new_articles + stats.changed_articles + stats.unchanged_articles;
  // failed: nothing could be read, or every article due failed (a host that stalls is not "ok")
  const nothingRead = (firstListingFailed && stats.pages === 0) || (queuedCount > 0 && fetchedArticles === 0 && ctx.unreachableArticles === queuedCount);
  // a run that read less than the portal showed is never "ok"
  stats.status = nothingRead ? "failed" : stats.errors > 0 || paused || stats.budget_exceeded || alarms.length > 0 ? "partial" : "ok";
  await finishWrite(ctx, async () => {
    // the sources finishing in one batch are written together, at the batch's end (each source's
    // rows are its own, and all its other writes were committed before)
    const ends = ctx.sourceEnds;
    ends.push({ run: { sourceId: source.source_id, startedAt, stats, since: ctx.since }, completeness: { sourceId: source.source_id, pages: ctx.observations, alarms, at: ctx.now() } });
    if (ends.length === 1) {
      writer.atBatchEnd(async () => {
        const list = ends.splice(0);
        await pruneFrontier(w, list.map((e) => e.run.sourceId));
        await recordRunSources(w, runId, list.map((e) => e.run));
        await storeCompleteness(w, runId, list.map((e) => e.completeness));
      });
    }
  });
  emit({ type: "source_done", source_id: source.source_id, stats });
  return stats;
}

/**
 * A source's last write: at once when it is the run's last source to finish, otherwise with the
 * next batch (at its size or time, or the last source's write), instead of a commit per source.
 */
function finishWrite(ctx: SourceContext, op: () => Promise<void>): Promise<void> {
  ctx.finished = true;
  return --ctx.finishing.left > 0 ? ctx.writer.later(op) : ctx.writer.now(op);
}

/** One source's run statistics, for `recordRunSources`. */
interface RunSourceRow {
  sourceId: string;
  startedAt: Date;
  stats: SourceStats;
  since?: Date | null;
}

/** crawl_run_sources rows, the statistics the health page reads: up to 200 sources a statement. */
async function recordRunSources(w: Warehouse, runId: string, rows: RunSourceRow[]): Promise<void> {
  for (let i = 0; i < rows.length; i += 200) {
    const part = rows.slice(i, i + 200);
    await w.run(
      `INSERT INTO crawl_run_sources (run_id, source_id, started_at, finished_at, status, pages, requests, listing_pages, listing_items,
         new_articles, changed_articles, unchanged_articles, extraction_failures, date_failures, errors, errors_by_kind, bytes, duration_ms, paused_hosts, retries,
         budget_exceeded, deferred, since_at, since_reached, oldest_listed_at, alarms, corrections, rechecked)
       VALUES ${part.map(() => "(?, ?, ?::TIMESTAMPTZ, now(), ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?, ?::TIMESTAMPTZ, ?, ?, ?)").join(", ")}`,
      part.flatMap(({ sourceId, startedAt, stats, since }) => [
        runId,
        sourceId,
        startedAt.toISOString(),
        stats.status,
        stats.pages,
        stats.requests,
        stats.listing_pages,
        stats.listing_items,
        stats.new_articles,
        stats.changed_articles,
        stats.unchanged_articles,
        stats.extraction_failures,
        stats.date_failures,
        stats.errors,
        JSON.stringify(stats.errors_by_kind),
        stats.bytes,
        stats.duration_ms,
        Object.keys(stats.paused_hosts).length > 0 ? JSON.stringify(stats.paused_hosts) : null,
        stats.retries,
        stats.budget_exceeded,
        stats.deferred,
        since?.toISOString() ?? null,
        stats.since_reached,
        stats.oldest_listed_at,
        stats.alarms,
        stats.corrections,
        stats.rechecked,
      ]),
    );
  }
}

type Get = (url: string, headers?: Record<string, string>) => ReturnType<PoliteClient["get"]>;
type RecordError = (url: string, kind: ErrorKind, message: string, status?: number) => void;

/**
 * One listing page: returns the next page to walk, null when the walk ends
 * normally, undefined when the page could not be fetched or parsed.
 */
async function walkListing(
  ctx: SourceContext,
  adapter: Adapter,
  row: FrontierRow,
  known: Set<string>,
  walked: Set<string>,
  stats: SourceStats,
  get: Get,
  recordError: RecordError,
  enqueue: (rows: FrontierRow[]) => void,
  chainStart: string = row.url,
  discover: (feedUrl: string, urls: string[]) => void = () => {},
): Promise<FrontierRow | null | undefined> {
  const { w, source, runId, writer, since } = ctx;
  const conditional = row.depth === 0 && !since && ctx.recheckDays === 0;
  const out = await get(row.url, conditional ? (ctx.begun.validators.get(row.url) ?? (await writer.read(() => cachedValidators(w, row.url)))) : {});
  if (!out.ok && out.kind === "budget") return null; // stays pending: the next run walks on from here
  if (!out.ok) {
    writer.add(markRow(source.source_id, row.url, "failed", out.message));
    return undefined;
  }
  if (out.notModified) {
    ctx.emit({ type: "listing", source_id: source.source_id, url: row.url, items: 0, fresh: 0, not_modified: true });
    writer.add(markRow(source.source_id, row.url, "done"));
    return null;
  }
  let page: ListingPage;
  try {
    page = adapter.parseListing(out.res.body, row.url, { now: ctx.now(), dateOrder: source.date_order });
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", crawlMessage("crawl.parse_failed", { detail: (error as Error).message }));
    writer.add(markRow(source.source_id, row.url, "failed", (error as Error).message));
    return undefined;
  }
  stats.listing_pages++;
  // the same article in two blocks of one page (NukeViet's block layouts) is one item
  const isFeedPage = isFeed(out.res.body);
  // what the adapter read, before off-host links are refused (those are errors of their own)
  ctx.observations.push(observe(row, chainStart, isFeedPage, page, uniqueItems(page.items)));
  page = keepOwnLinks(ctx, page, recordError);
  const items = uniqueItems(page.items);
  stats.listing_items += items.length;
  if (since && isFeedPage && row.depth === 0 && page.section_links?.length) {
    discover(row.url, page.section_links.filter((u) => isSameSourceHost(new URL(u), ctx.hostKeys)));
  }
  const sinceMs = since?.getTime() ?? null;
  const inRange = (i: ListingItem) => sinceMs === null || !i.published_at || Date.parse(i.published_at) >= sinceMs;
  const fresh = items.filter((i) => !known.has(i.item_id) && inRange(i));
  for (const item of fresh) known.add(item.item_id);
  // new articles over the run's budget are queued in the frontier (pending) but not fetched this run
  const due = fresh.filter((item) => takeSlot(ctx, stats, item.url));
  const maxPages = sinceMs !== null ? ctx.limits.sinceMaxPages : (source.max_pages ?? ctx.limits.maxPages);
  // A page that repeats items already seen in this walk (a CMS serving its last page for any page number) ends it.
  const repeats = items.length > 0 && items.every((i) => walked.has(i.item_id));
  for (const item of items) walked.add(item.item_id);
  // an oldest-first listing (NukeViet viewcat_*_old) has its new items on the last page: it is walked to its end
  const oldestFirst = page.order === "oldest_first";
  const goOn = !repeats && due.length === fresh.length && (oldestFirst || (sinceMs !== null ? items.some(inRange) : fresh.length > 0));
  const next: FrontierRow | null =
    goOn && page.next && row.depth + 1 < maxPages
      ? { source_id: source.source_id, url: page.next, kind: "listing", state: "pending", depth: row.depth + 1, item: null, attempts: 0 }
      : null;
  // known recent items are fetched again (once per run) to catch edits; they do not prolong the walk
  const rechecked = items.filter((i) => ctx.recheck.delete(i.item_id) && !ctx.refetch.has(i.item_id));
  for (const i of rechecked) ctx.refetch.add(i.item_id);
  // corrections: a known article the listing shows with another title or date is fetched again
  const corrected = items.filter((i) => {
    const stored = ctx.stored.get(i.item_id);
    if (!stored || ctx.refetch.has(i.item_id) || fresh.includes(i) || !listingDisagrees(stored, i)) return false;
    ctx.refetch.add(i.item_id);
    return true;
  });
  stats.corrections += corrected.length;
  const toRow = (item: ListingItem): FrontierRow => ({ source_id: source.source_id, url: item.url, kind: "article", state: "pending", depth: row.depth, item, attempts: 0 });
  const queued = [...fresh, ...rechecked, ...corrected].map(toRow);
  const fetchNow = [...due, ...rechecked, ...corrected].map(toRow);
  // Batched, not awaited: the walk goes on while the page's results wait for their transaction.
  // Crash-safe because the page is marked done in the same transaction that queues what it found.
  writer.add(
    queueRows(next ? [...queued, next] : queued, runId),
    markRow(source.source_id, row.url, "done"),
    ...(row.depth === 0 ? [() => saveValidators(w, row.url, out.res.headers)] : []),
  );
  if (row.depth === 0) ctx.begun.validators.delete(row.url); // read again if walked again
  ctx.emit({ type: "listing", source_id: source.source_id, url: row.url, items: items.length, fresh: fresh.length, not_modified: false });
  enqueue(fetchNow);
  return next;
}

/** Failures that mean the host could not be read (as opposed to a missing page or a parse error). */
const UNREACHABLE = new Set<ErrorKind>(["timeout", "network", "5xx", "paused", "robots_unreachable", "address_refused"]);

/** Take a new-article slot of the source's budget; over budget, the alarm is raised once and the row stays pending. */
function takeSlot(ctx: SourceContext, stats: SourceStats, url: string): boolean {
  if (ctx.budget.takeNewArticle()) return true;
  ctx.budgetAlarm(url, "new_articles");
  stats.deferred++;
  return false;
}

/** Runs `work` for pushed rows with at most `size` at once; `idle()` resolves when all are done. */
class FetchPool {
  private readonly queue: FrontierRow[] = [];
  private active = 0;
  private waiters: Array<() => void> = [];
  constructor(
    private readonly size: number,
    private readonly work: (row: FrontierRow) => Promise<void>,
  ) {}

  push(row: FrontierRow): void {
    this.queue.push(row);
    this.pump();
  }

  private pump(): void {
    while (this.active < this.size && this.queue.length) {
      const row = this.queue.shift()!;
      this.active++;
      void this.work(row).finally(() => {
        this.active--;
        this.pump();
        if (this.active === 0 && this.queue.length === 0) for (const w of this.waiters.splice(0)) w();
      });
    }
  }

  idle(): Promise<void> {
    if (this.active === 0 && this.queue.length === 0) return Promise.resolve();
    return new Promise((r) => this.waiters.push(r));
  }
}

/**
 * A listing page's items and next page, less the links the source may not follow
 * (other hosts, non-http(s)): each recorded once per run, none requested.
 */
function keepOwnLinks(ctx: SourceContext, page: ListingPage, recordError: RecordError): ListingPage {
  const refuse = (url: string, what: LinkWhat): boolean => {
    const problem = linkProblem(url, ctx.hostKeys, what);
    if (!problem) return false;
    if (!ctx.refusedLinks.has(url)) {
      ctx.refusedLinks.add(url);
      recordError(url, problem.kind, problem.message);
    }
    return true;
  };
  const items = page.items.filter((i) => !refuse(i.url, "article"));
  const next = page.next && refuse(page.next, "next_page") ? null : page.next;
  return { ...page, items, next };
}

async function fetchArticle(ctx: SourceContext, adapter: Adapter, row: FrontierRow, stats: SourceStats, get: Get, recordError: RecordError): Promise<void> {
  // The page is fetched, read and handed to its batch by a function of its own, so that the
  // wait for the disk below holds none of it: a suspended async function keeps its locals (here
  // the response, its decoded body and raw bytes) for as long as the batch takes to be written.
  if (await readArticle(ctx, adapter, row, stats, get, recordError)) await ctx.writer.settle(); // back-pressure: fetched pages wait for the disk instead of piling up in memory
}

/** Fetch and read one article page and queue what its batch stores; false when only a frontier mark (or nothing) was queued. */
async function readArticle(ctx: SourceContext, adapter: Adapter, row: FrontierRow, stats: SourceStats, get: Get, recordError: RecordError): Promise<boolean> {
  const { w, source, runId, writer, archived } = ctx;
  // a row queued by an older version (or a hand-edited frontier) is checked again
  const refused = linkProblem(row.url, ctx.hostKeys, "article");
  if (refused) {
    recordError(row.url, refused.kind, refused.message);
    writer.add(markRow(source.source_id, row.url, "failed", refused.message));
    return false;
  }
  const out = await get(row.url);
  if (!out.ok && out.kind === "budget") return false; // stays pending for the next run
  if (!out.ok && UNREACHABLE.has(out.kind)) ctx.unreachableArticles++;
  if (!out.ok || out.notModified) {
    writer.add(markRow(source.source_id, row.url, "failed", out.ok ? "304 without validators" : out.message));
    return false;
  }
  const fetchedAt = ctx.now();
  // after a redirect (NukeViet: a cross-listed article's link → its canonical URL) the page's own URL is what links show
  const pageUrl = out.res.url || row.url;
  let article;
  try {
    article = adapter.parseArticle(out.res.body, pageUrl, { now: fetchedAt, dateOrder: source.date_order, listingItem: row.item ?? undefined });
    article.media_kind ??= detectMediaKind(out.res.body, pageUrl);
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", crawlMessage("crawl.parse_failed", { detail: (error as Error).message }));
    writer.add(markRow(source.source_id, row.url, "failed", (error as Error).message));
    return false;
  }
  const capped = capTitle(article);
  if (capped.cut) recordError(row.url, "truncated", crawlMessage("crawl.title_cut", { length: article.title.length, max: MAX_TITLE_CHARS, cut: capped.cut }));
  article = capped.article;
  const canonical = sourceCanonical(article.canonical_url, pageUrl, ctx.hostKeys);
  if (canonical.problem) recordError(row.url, canonical.problem.kind, canonical.problem.message);
  article = { ...article, canonical_url: canonical.url };
  if (!article.published_at) stats.date_failures++;
  if (ctx.since) for (const u of article.listing_links ?? []) ctx.articleListings.add(u);
  const res = out.res;
  const sha = ctx.archive?.put(res.raw) ?? null;
  // what the archive index keeps of the response, read now: the step below waits for its batch
  // (up to a second), and holding the whole response (body text and raw bytes) that long would
  // carry every page into the old generation of the heap
  const page = { status: res.status, content_type: res.headers["content-type"] ?? null, charset: res.charset, headers: res.headers, bytes: res.raw.length };
  // no statement of its own (the batch's end stores its articles and archive rows): a local step
  writer.add(localStep(() => {
    const queue = ctx.articles;
    queue.pending.push({
      write: { sourceId: source.source_id, url: pageUrl, article, fetchedAt, runId },
      stored: (outcome) => {
        if (outcome === "new") stats.new_articles++;
        else if (outcome === "changed") stats.changed_articles++;
        else stats.unchanged_articles++;
        writer.afterCommit(() => ctx.emit({ type: "article", source_id: source.source_id, url: row.url, outcome }));
      },
    });
    if (queue.pending.length === 1) {
      writer.atBatchEnd(async () => {
        const batch = queue.pending.splice(0);
        const outcomes = await queue.store.store(batch.map((p) => p.write));
        batch.forEach((p, i) => p.stored(outcomes[i]));
      });
    }
    if (sha) {
      archived.push({
        sha256: sha,
        url: row.url,
        source_id: source.source_id,
        run_id: runId,
        kind: "article",
        fetched_at: fetchedAt,
        ...page,
        item: row.item,
      });
      if (archived.length === 1) {
        writer.atBatchEnd(async () => {
          // the batch's pages are in a pack on disk before their index rows commit
          ctx.archive!.flush();
          await indexArchived(w, archived.splice(0));
        });
      }
    }
    writer.done(source.source_id, row.url);
  }));
  return true;
}

/** Items of a page with each article once (its first appearance). */
function uniqueItems(items: ListingItem[]): ListingItem[] {
  const seen = new Set<string>();
  return items.filter((i) => !seen.has(i.item_id) && (seen.add(i.item_id), true));
}

function observe(row: FrontierRow, chainStart: string, isFeedPage: boolean, page: ListingPage, items: ListingItem[]): ListingObservation {
  const dates = items.map((i) => (i.published_at ? Date.parse(i.published_at) : NaN)).filter(Number.isFinite);
  return {
    url: row.url,
    start_url: chainStart,
    depth: row.depth,
    is_feed: isFeedPage,
    layout: page.layout ?? null,
    items: items.length,
    main_items: items.filter((i) => i.role !== "other").length,
    article_links: page.article_links ?? null,
    next_url: page.next,
    oldest_at: dates.length ? new Date(Math.min(...dates)) : null,
  };
}

/** The run's completeness alarms for one source (completeness.ts), and the --since outcome into `stats`. */
async function completenessAlarms(ctx: SourceContext, stats: SourceStats): Promise<Alarm[]> {
  const { w, source, runId, since } = ctx;
  const pages = ctx.observations;
  const alarms = listingAlarms(pages, ctx.begun.previous.get(source.source_id)!);
  const oldest = pages.reduce<Date | null>((o, p) => (p.oldest_at && (!o || p.oldest_at < o) ? p.oldest_at : o), null);
  stats.oldest_listed_at = oldest?.toISOString() ?? null;
  if (since) {
    const outcome = sinceOutcome(pages, since, ctx.unreadStarts);
    stats.since_reached = outcome.reached;
    alarms.push(...sinceAlarms(outcome, since, source.base_url));
    alarms.push(...feedOnlyAlarms(pages, source.start_urls, ctx.discovered));
  }
  const stored = stats.new_articles + stats.changed_articles + stats.unchanged_articles;
  alarms.push(...shareAlarms({ stored, undated: stats.date_failures, failed: stats.extraction_failures }, source.base_url));
  return alarms;
}

/** A stored URL on a host the source no longer has (a DEMO farm restarted on other ports) is read on the source's base URL. */
function onSourceHost(url: string, source: CrawlSource, hostKeys: Set<string>): string {
  const u = new URL(url);
  if (isSameSourceHost(u, hostKeys)) return url;
  const base = new URL(source.base_url);
  return new URL(`${u.pathname}${u.search}`, base.origin).href;
}
