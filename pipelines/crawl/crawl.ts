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
import { isFeed } from "../../data-loaders/common/feed.ts";
import type { Adapter, ListingItem, ListingPage } from "../../data-loaders/types.ts";
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
import {
  type Alarm,
  feedOnlyAlarms,
  listingAlarms,
  type ListingObservation,
  previousPageItems,
  shareAlarms,
  sinceAlarms,
  sinceOutcome,
  storeCompleteness,
} from "./completeness.ts";
import { listingDisagrees, recheckCandidates, type StoredFacts, storedFacts } from "./corrections.ts";
import { isSameSourceHost, sourceHostKeys } from "./hosts.ts";
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
  /**
   * Periodic recheck (corrections.ts): re-read this many stored articles per source and run,
   * least recently fetched first (default 0 here; the CLI's default is RECHECK_BUDGET).
   */
  recheckBudget?: number;
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
        const ctx: SourceContext = {
          w, source, runId, now, emit, limits, client, writer, archive, since: options.since ?? null, dispatcher: sourceDispatcher, archived: [],
          recheck: new Set<string>(), recheckDays: options.recheckDays ?? 0, recheckBudget: options.recheckBudget ?? 0,
          observations: [], stored: new Map(), discovered: new Map(), refetch: new Set<string>(), articleListings: new Set<string>(), unreadStarts: [],
        };
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
  ctx.stored = await storedFacts(w, source.source_id);
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
  // Backfill through a feed: the listings behind it are walked as chains of their own (Map iteration visits them).
  const discover = (feedUrl: string, urls: string[]) => {
    const fresh = urls.filter((u) => !listings.has(u));
    ctx.discovered.set(feedUrl, [...(ctx.discovered.get(feedUrl) ?? []), ...fresh]);
    for (const url of fresh) listings.set(url, { source_id: source.source_id, url, kind: "listing", state: "pending", depth: 0, item: null, attempts: 0 });
    if (fresh.length) writer.add(() => addToFrontier(w, fresh.map((url) => ({ source_id: source.source_id, url, kind: "listing" as const, depth: 0 })), runId));
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
    await Promise.all(fetches);
    const feedUrl = [...ctx.discovered.keys()][0]!;
    const extra = [...ctx.articleListings].filter((u) => !listings.has(u) && isSameSourceHost(new URL(u), policy.hostKeys));
    if (extra.length === 0) break;
    discover(feedUrl, extra);
    await walkChains();
  }
  // Periodic recheck: a few stored articles per run, least recently fetched first, that this run did not read again.
  const recheckRows = await recheckCandidates(w, source.source_id, ctx.recheckBudget, ctx.refetch, startedAt);
  stats.rechecked = recheckRows.length;
  for (const r of recheckRows) ctx.refetch.add(r.item_id);
  enqueue(
    recheckRows.map((item): FrontierRow => {
      const url = onSourceHost(item.url, source, policy.hostKeys);
      return { source_id: source.source_id, url, kind: "article", state: "pending", depth: 0, item: { ...item, url }, attempts: 0 };
    }),
  );
  await Promise.all(fetches);
  await writer.flush();

  stats.duration_ms = Date.now() - startedMs;
  const alarms = await completenessAlarms(ctx, stats);
  stats.alarm_list = alarms;
  stats.alarms = alarms.length;
  const paused = Object.keys(stats.paused_hosts).length > 0;
  // a run that read less than the portal showed is never "ok"
  stats.status = firstListingFailed && stats.pages === 0 ? "failed" : stats.errors > 0 || paused || alarms.length > 0 ? "partial" : "ok";
  await writer.now(async () => {
    await pruneFrontier(w, source.source_id);
    await recordRunSource(w, runId, source.source_id, startedAt, stats, ctx.since);
    await storeCompleteness(w, runId, source.source_id, ctx.observations, alarms, ctx.now());
  });
  emit({ type: "source_done", source_id: source.source_id, stats });
  return stats;
}

/** One crawl_run_sources row: the statistics the health page reads. */
async function recordRunSource(w: Warehouse, runId: string, sourceId: string, startedAt: Date, stats: SourceStats, since: Date | null = null): Promise<void> {
  const paused = Object.keys(stats.paused_hosts).length > 0;
  await w.run(
    `INSERT INTO crawl_run_sources (run_id, source_id, started_at, finished_at, status, pages, requests, listing_pages, listing_items,
       new_articles, changed_articles, unchanged_articles, extraction_failures, date_failures, errors, errors_by_kind, bytes, duration_ms, paused_hosts, retries,
       since_at, since_reached, oldest_listed_at, alarms, corrections, rechecked)
     VALUES ($run, $source, $started::TIMESTAMPTZ, now(), $status, $pages, $requests, $lpages, $litems, $new, $changed, $unchanged,
       $xfail, $dfail, $errors, $kinds, $bytes, $duration, $paused, $retries,
       $since::TIMESTAMPTZ, $reached, $oldest::TIMESTAMPTZ, $alarms, $corrections, $rechecked)`,
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
      since: since?.toISOString() ?? null,
      reached: stats.since_reached,
      oldest: stats.oldest_listed_at,
      alarms: stats.alarms,
      corrections: stats.corrections,
      rechecked: stats.rechecked,
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
  chainStart: string = row.url,
  discover: (feedUrl: string, urls: string[]) => void = () => {},
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
  let page: ListingPage;
  try {
    page = adapter.parseListing(out.res.body, row.url, { now: ctx.now(), dateOrder: source.date_order });
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", (error as Error).message);
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", (error as Error).message));
    return undefined;
  }
  stats.listing_pages++;
  // the same article in two blocks of one page (NukeViet's block layouts) is one item
  const items = uniqueItems(page.items);
  stats.listing_items += items.length;
  const isFeedPage = isFeed(out.res.body);
  ctx.observations.push(observe(row, chainStart, isFeedPage, page, items));
  if (since && isFeedPage && row.depth === 0 && page.section_links?.length) discover(row.url, page.section_links);
  const sinceMs = since?.getTime() ?? null;
  const inRange = (i: ListingItem) => sinceMs === null || !i.published_at || Date.parse(i.published_at) >= sinceMs;
  const fresh = items.filter((i) => !known.has(i.item_id) && inRange(i));
  for (const item of fresh) known.add(item.item_id);
  const maxPages = sinceMs !== null ? ctx.limits.sinceMaxPages : (source.max_pages ?? ctx.limits.maxPages);
  // A page that repeats items already seen in this walk (a CMS serving its last page for any page number) ends it.
  const repeats = items.length > 0 && items.every((i) => walked.has(i.item_id));
  for (const item of items) walked.add(item.item_id);
  // an oldest-first listing (NukeViet viewcat_*_old) has its new items on the last page: it is walked to its end
  const oldestFirst = page.order === "oldest_first";
  const goOn = !repeats && (oldestFirst || (sinceMs !== null ? items.some(inRange) : fresh.length > 0));
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
  const queued = [...fresh, ...rechecked, ...corrected].map(
    (item): FrontierRow => ({ source_id: source.source_id, url: item.url, kind: "article", state: "pending", depth: row.depth, item, attempts: 0 }),
  );
  // Batched, not awaited: the walk goes on while the page's results wait for their transaction.
  // Crash-safe because the page is marked done in the same transaction that queues what it found.
  writer.add(async () => {
    await addToFrontier(w, next ? [...queued, next] : queued, runId);
    await markFrontier(w, source.source_id, row.url, "done");
    if (row.depth === 0) await saveValidators(w, row.url, out.res.headers);
  });
  ctx.emit({ type: "listing", source_id: source.source_id, url: row.url, items: items.length, fresh: fresh.length, not_modified: false });
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
  // after a redirect (NukeViet: a cross-listed article's link → its canonical URL) the page's own URL is what links show
  const pageUrl = out.res.url || row.url;
  let article;
  try {
    article = adapter.parseArticle(out.res.body, pageUrl, { now: fetchedAt, dateOrder: source.date_order, listingItem: row.item ?? undefined });
    article.media_kind ??= detectMediaKind(out.res.body, pageUrl);
  } catch (error) {
    stats.extraction_failures++;
    recordError(row.url, "parse", (error as Error).message);
    writer.add(() => markFrontier(w, source.source_id, row.url, "failed", (error as Error).message));
    return;
  }
  if (!article.published_at) stats.date_failures++;
  if (ctx.since) for (const u of article.listing_links ?? []) ctx.articleListings.add(u);
  const res = out.res;
  const sha = ctx.archive?.put(res.raw) ?? null;
  writer.add(async () => {
    const outcome = await upsertArticle(w, source.source_id, pageUrl, article, fetchedAt, runId);
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
  const alarms = listingAlarms(pages, await previousPageItems(w, source.source_id, runId));
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
