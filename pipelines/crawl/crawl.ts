/**
 * The crawl. For each source: walk its listings (conditional GET on the first
 * page, stop at a page that brings nothing new, or — with `since` — at a page
 * older than the date), queue the new articles in the persisted frontier,
 * fetch them through the polite client, extract them with the source's
 * adapter, archive the raw page and upsert the article, in batches.
 * A killed crawl resumes from the frontier; statistics, errors and health are
 * written per run and source.
 */
import { randomUUID } from "node:crypto";
import { Agent, type Dispatcher } from "undici";
import { adapterFor } from "../../data-loaders/index.ts";
import type { Adapter, ListingItem } from "../../data-loaders/types.ts";
import { type ArchiveEntry, ArchiveStore, indexArchived } from "../archive/store.ts";
import { knownItemIds, type UpsertOutcome, upsertArticle, upsertSources } from "../warehouse/articles.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type ErrorKind, type HostPolicy, PoliteClient } from "./client.ts";
import { createDispatcher } from "./fetcher.ts";
import {
  addToFrontier,
  BatchWriter,
  cachedValidators,
  frontierItemIds,
  type FrontierRow,
  loadFrontier,
  markFrontier,
  pruneFrontier,
  saveValidators,
} from "./frontier.ts";
import { updateSourceHealth } from "./health.ts";
import { sourceHostKeys } from "./hosts.ts";
import { type CrawlLimits, resolveLimits } from "./limits.ts";
import { isProcessAlive } from "../os/process.ts";
import { type Clock, realClock } from "./politeness.ts";
import type { CrawlSource } from "./types.ts";
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
  /** Where raw article pages are archived; null: not archived. Default: no archive. */
  archiveDir?: string | null;
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
  await w.run("INSERT INTO crawl_runs (run_id, started_at, status, pid, options_json) VALUES ($id, now(), 'running', $pid, $opts)", {
    id: runId,
    pid: process.pid,
    opts: JSON.stringify({ since: options.since?.toISOString() ?? null, sources: sources.map((s) => s.source_id), limits: options.limits ?? {} }),
  });
  const dispatcher = createDispatcher(limits.connectTimeoutMs, Math.max(limits.hostConcurrency, ...sources.map((s) => s.concurrency ?? 1)));
  const writer = new BatchWriter(w, limits.batchSize, limits.batchMaxMs);
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
  const summary: CrawlSummary = { run_id: runId, sources: {} };
  const insecure: Agent[] = [];
  try {
    await Promise.all(
      sources.map(async (source) => {
        for (const u of [source.base_url, ...source.start_urls]) if (u) sourceOfHost.set(new URL(u).host, source.source_id);
        let sourceDispatcher: Dispatcher | undefined;
        if (source.insecure_tls) {
          const agent = new Agent({ connect: { timeout: limits.connectTimeoutMs, rejectUnauthorized: false } });
          insecure.push(agent);
          sourceDispatcher = agent;
          emit({ type: "error", source_id: source.source_id, url: source.base_url, kind: "network", message: "warning: TLS certificate checks are off for this source (insecure_tls)" });
        }
        const ctx: SourceContext = { w, source, runId, now, emit, limits, client, writer, archive, since: options.since ?? null, dispatcher: sourceDispatcher, archived: [], recheck: new Set<string>(), recheckDays: options.recheckDays ?? 0 };
        try {
          summary.sources[source.source_id] = await crawlSource(ctx);
        } catch (error) {
          // one broken source (unknown platform, adapter bug) must not stop the others
          const stats = { ...emptyStats(), status: "failed" as const, errors: 1, errors_by_kind: { parse: 1 } };
          summary.sources[source.source_id] = stats;
          emit({ type: "error", source_id: source.source_id, url: source.base_url, kind: "parse", message: (error as Error).message });
          await writer.now(async () => {
            await recordRunSource(w, runId, source.source_id, now(), stats);
            await w.run(
              `INSERT INTO crawl_errors (run_id, source_id, url, kind, status, message, occurred_at, retried) VALUES ($run, $source, $url, 'parse', NULL, $message, now(), FALSE)`,
              { run: runId, source: source.source_id, url: source.base_url, message: (error as Error).message },
            );
          });
          emit({ type: "source_done", source_id: source.source_id, stats });
        }
      }),
    );
    await writer.flush();
    await updateSourceHealth(w, sources, now());
    const status = Object.values(summary.sources).every((s) => s.status === "ok") ? "ok" : "partial";
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = $status WHERE run_id = $id", { id: runId, status });
  } catch (error) {
    await writer.flush().catch(() => {});
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = 'failed' WHERE run_id = $id", { id: runId });
    throw error;
  } finally {
    await dispatcher.close();
    await Promise.all(insecure.map((a) => a.close()));
  }
  return summary;
}

interface SourceContext {
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
  /** Archive index rows of the batch being written (one statement per batch). */
  archived: ArchiveEntry[];
  /** Known items to fetch again if a listing shows them (recheckDays). */
  recheck: Set<string>;
  recheckDays: number;
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
  };
}

async function crawlSource(ctx: SourceContext): Promise<SourceStats> {
  const { w, source, runId, emit, limits, writer } = ctx;
  const startedMs = Date.now();
  const startedAt = ctx.now();
  const stats = emptyStats();
  const adapter = adapterFor(source.platform);
  const policy: HostPolicy = {
    hostKeys: sourceHostKeys(source),
    delayMs: source.delay_ms ?? limits.delayMs,
    concurrency: source.concurrency ?? limits.hostConcurrency,
    dispatcher: ctx.dispatcher,
  };
  const known = await knownItemIds(w, source.source_id);
  if (ctx.recheckDays > 0) {
    const rows = await w.all(
      "SELECT item_id FROM articles WHERE source_id = $source AND first_seen_at >= $from::TIMESTAMPTZ",
      { source: source.source_id, from: new Date(ctx.now().getTime() - ctx.recheckDays * 86_400_000).toISOString() },
    );
    for (const r of rows) ctx.recheck.add(r.item_id as string);
  }
  for (const id of await frontierItemIds(w, source.source_id)) known.add(id);
  const resumed = await loadFrontier(w, source.source_id, limits.maxAttempts);
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
  const get = async (url: string, headers: Record<string, string> = {}) => {
    const out = await ctx.client.get(url, policy, headers);
    stats.requests += out.requests;
    stats.bytes += out.bytes;
    if (out.ok) {
      stats.pages++;
      emit({ type: "page", source_id: source.source_id, url, status: out.res.status, bytes: out.res.bytes });
    } else {
      recordError(url, out.kind, out.message, out.status);
      if (out.pausedHost) stats.paused_hosts[out.pausedHost] = ctx.client.scheduler.pausedReason(out.pausedHost) ?? "paused";
    }
    return out;
  };

  // Listings: resumed chains first, then the start URLs (a start page whose items are all known ends at once).
  const listings = new Map<string, FrontierRow>();
  for (const row of resumed) if (row.kind === "listing") listings.set(row.url, row);
  const seeds = source.start_urls.filter((u) => !listings.has(u));
  await writer.now(() => addToFrontier(w, seeds.map((url) => ({ source_id: source.source_id, url, kind: "listing" as const, depth: 0 })), runId));
  for (const url of seeds) listings.set(url, { source_id: source.source_id, url, kind: "listing", state: "pending", depth: 0, item: null, attempts: 0 });

  // Articles are fetched as soon as they are queued, while the listing walk goes on.
  const fetches: Promise<void>[] = [];
  let queuedCount = 0;
  const enqueue = (rows: FrontierRow[]) => {
    queuedCount += rows.length;
    if (rows.length) emit({ type: "queued", source_id: source.source_id, articles: queuedCount });
    for (const row of rows) fetches.push(fetchArticle(ctx, adapter, row, stats, get, recordError));
  };
  enqueue(resumed.filter((r) => r.kind === "article"));
  let firstListingFailed = false;
  for (const start of listings.values()) {
    let row: FrontierRow | null = start;
    const walked = new Set<string>();
    while (row) {
      const next: FrontierRow | null | undefined = await walkListing(ctx, adapter, row, known, walked, stats, get, recordError, enqueue);
      if (row.depth === 0 && source.start_urls.includes(row.url) && next === undefined) firstListingFailed = true;
      row = next ?? null;
    }
  }
  await Promise.all(fetches);
  await writer.flush();

  stats.duration_ms = Date.now() - startedMs;
  const paused = Object.keys(stats.paused_hosts).length > 0;
  stats.status = firstListingFailed && stats.pages === 0 ? "failed" : stats.errors > 0 || paused ? "partial" : "ok";
  await writer.now(async () => {
    await pruneFrontier(w, source.source_id);
    await recordRunSource(w, runId, source.source_id, startedAt, stats);
  });
  emit({ type: "source_done", source_id: source.source_id, stats });
  return stats;
}

/** One crawl_run_sources row: the statistics the health page reads. */
async function recordRunSource(w: Warehouse, runId: string, sourceId: string, startedAt: Date, stats: SourceStats): Promise<void> {
  const paused = Object.keys(stats.paused_hosts).length > 0;
  await w.run(
    `INSERT INTO crawl_run_sources (run_id, source_id, started_at, finished_at, status, pages, requests, listing_pages, listing_items,
       new_articles, changed_articles, unchanged_articles, extraction_failures, date_failures, errors, errors_by_kind, bytes, duration_ms, paused_hosts, retries)
     VALUES ($run, $source, $started::TIMESTAMPTZ, now(), $status, $pages, $requests, $lpages, $litems, $new, $changed, $unchanged,
       $xfail, $dfail, $errors, $kinds, $bytes, $duration, $paused, $retries)`,
    {
      run: runId,
      source: sourceId,
      started: startedAt.toISOString(),
      status: stats.status,
      pages: stats.pages,
      requests: stats.requests,
      lpages: stats.listing_pages,
      litems: stats.listing_items,
      new: stats.new_articles,
      changed: stats.changed_articles,
      unchanged: stats.unchanged_articles,
      xfail: stats.extraction_failures,
      dfail: stats.date_failures,
      errors: stats.errors,
      kinds: JSON.stringify(stats.errors_by_kind),
      bytes: stats.bytes,
      duration: stats.duration_ms,
      paused: paused ? JSON.stringify(stats.paused_hosts) : null,
      retries: stats.retries,
    },
  );
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
): Promise<FrontierRow | null | undefined> {
  const { w, source, runId, writer, since } = ctx;
  const conditional = row.depth === 0 && !since && ctx.recheckDays === 0;
  const out = await get(row.url, conditional ? await cachedValidators(w, row.url) : {});
  if (!out.ok) {
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", out.message));
    return undefined;
  }
  if (out.notModified) {
    ctx.emit({ type: "listing", source_id: source.source_id, url: row.url, items: 0, fresh: 0, not_modified: true });
    writer.add(() => markFrontier(w, source.source_id, row.url, "done"));
    return null;
  }
  let page: { items: ListingItem[]; next: string | null };
  try {
    page = adapter.parseListing(out.res.body, row.url, { now: ctx.now(), dateOrder: source.date_order });
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", (error as Error).message);
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", (error as Error).message));
    return undefined;
  }
  stats.listing_pages++;
  stats.listing_items += page.items.length;
  const sinceMs = since?.getTime() ?? null;
  const inRange = (i: ListingItem) => sinceMs === null || !i.published_at || Date.parse(i.published_at) >= sinceMs;
  const fresh = page.items.filter((i) => !known.has(i.item_id) && inRange(i));
  for (const item of fresh) known.add(item.item_id);
  const maxPages = sinceMs !== null ? ctx.limits.sinceMaxPages : (source.max_pages ?? ctx.limits.maxPages);
  // A page that repeats items already seen in this walk (a CMS serving its last page for any page number) ends it.
  const repeats = page.items.length > 0 && page.items.every((i) => walked.has(i.item_id));
  for (const item of page.items) walked.add(item.item_id);
  const goOn = !repeats && (sinceMs !== null ? page.items.some(inRange) : fresh.length > 0);
  const next: FrontierRow | null =
    goOn && page.next && row.depth + 1 < maxPages
      ? { source_id: source.source_id, url: page.next, kind: "listing", state: "pending", depth: row.depth + 1, item: null, attempts: 0 }
      : null;
  // known recent items are fetched again (once per run) to catch edits; they do not prolong the walk
  const rechecked = page.items.filter((i) => ctx.recheck.delete(i.item_id));
  const queued = [...fresh, ...rechecked].map(
    (item): FrontierRow => ({ source_id: source.source_id, url: item.url, kind: "article", state: "pending", depth: row.depth, item, attempts: 0 }),
  );
  // Batched, not awaited: the walk goes on while the page's results wait for their transaction.
  // Crash-safe because the page is marked done in the same transaction that queues what it found.
  writer.add(async () => {
    await addToFrontier(w, next ? [...queued, next] : queued, runId);
    await markFrontier(w, source.source_id, row.url, "done");
    if (row.depth === 0) await saveValidators(w, row.url, out.res.headers);
  });
  ctx.emit({ type: "listing", source_id: source.source_id, url: row.url, items: page.items.length, fresh: fresh.length, not_modified: false });
  enqueue(queued);
  return next;
}

async function fetchArticle(ctx: SourceContext, adapter: Adapter, row: FrontierRow, stats: SourceStats, get: Get, recordError: RecordError): Promise<void> {
  const { w, source, runId, writer, archived } = ctx;
  const out = await get(row.url);
  if (!out.ok || out.notModified) {
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", out.ok ? "304 without validators" : out.message));
    return;
  }
  const fetchedAt = ctx.now();
  let article;
  try {
    article = adapter.parseArticle(out.res.body, row.url, { now: fetchedAt, dateOrder: source.date_order, listingItem: row.item ?? undefined });
    article.media_kind ??= detectMediaKind(out.res.body, row.url);
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", (error as Error).message);
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", (error as Error).message));
    return;
  }
  if (!article.published_at) stats.date_failures++;
  const res = out.res;
  const sha = ctx.archive?.put(res.raw) ?? null;
  writer.add(async () => {
    const outcome = await upsertArticle(w, source.source_id, row.url, article, fetchedAt, runId);
    if (sha) {
      archived.push({
        sha256: sha,
        url: row.url,
        source_id: source.source_id,
        run_id: runId,
        kind: "article",
        fetched_at: fetchedAt,
        status: res.status,
        content_type: res.headers["content-type"] ?? null,
        charset: res.charset,
        headers: res.headers,
        bytes: res.raw.length,
        item: row.item,
      });
      if (archived.length === 1) writer.atBatchEnd(() => indexArchived(w, archived.splice(0)));
    }
    writer.done(source.source_id, row.url);
    if (outcome === "new") stats.new_articles++;
    else if (outcome === "changed") stats.changed_articles++;
    else stats.unchanged_articles++;
    writer.afterCommit(() => ctx.emit({ type: "article", source_id: source.source_id, url: row.url, outcome }));
  });
}
