/**
 * The crawl: for each source, walk its listings until a page brings nothing
 * new, fetch the new articles, extract them with the source's adapter and
 * upsert them. Requests to one host are spaced by the source's delay.
 */
import { randomUUID } from "node:crypto";
import { adapterFor } from "../../data-loaders/index.ts";
import type { ListingItem } from "../../data-loaders/types.ts";
import { knownItemIds, type UpsertOutcome, upsertArticle, upsertSources } from "../warehouse/articles.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { fetchPage, type FetchResult } from "./fetcher.ts";
import type { CrawlSource } from "./types.ts";

export interface CrawlOptions {
  now?: () => Date;
  /** Called for each event (progress display or JSON lines). */
  onEvent?: (event: CrawlEvent) => void;
}

export type CrawlEvent =
  | { type: "page"; source_id: string; url: string; status: number; bytes: number }
  | { type: "article"; source_id: string; url: string; outcome: UpsertOutcome }
  | { type: "error"; source_id: string; url: string; kind: string; message: string }
  | { type: "source_done"; source_id: string; stats: SourceStats };

export interface SourceStats {
  pages: number;
  new_articles: number;
  changed_articles: number;
  errors: number;
  bytes: number;
}

export interface CrawlSummary {
  run_id: string;
  sources: Record<string, SourceStats>;
}

class HostGate {
  private readonly next = new Map<string, Promise<void>>();
  /** Resolve when a request to `host` may start, `delayMs` after the previous one. */
  wait(host: string, delayMs: number): Promise<void> {
    const previous = this.next.get(host) ?? Promise.resolve();
    const turn = previous.then(() => new Promise<void>((r) => setTimeout(r, delayMs)));
    this.next.set(host, turn);
    return previous;
  }
}

export async function crawl(w: Warehouse, sources: CrawlSource[], options: CrawlOptions = {}): Promise<CrawlSummary> {
  const now = options.now ?? (() => new Date());
  const emit = options.onEvent ?? (() => {});
  const runId = randomUUID();
  await upsertSources(w, sources);
  await w.run("INSERT INTO crawl_runs (run_id, started_at, status, pid) VALUES ($id, now(), 'running', $pid)", {
    id: runId,
    pid: process.pid,
  });
  const gate = new HostGate();
  const summary: CrawlSummary = { run_id: runId, sources: {} };
  try {
    await Promise.all(
      sources.map(async (source) => {
        summary.sources[source.source_id] = await crawlSource(w, source, gate, runId, now, emit);
      }),
    );
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = 'ok' WHERE run_id = $id", { id: runId });
  } catch (error) {
    await w.run("UPDATE crawl_runs SET finished_at = now(), status = 'failed' WHERE run_id = $id", { id: runId });
    throw error;
  }
  return summary;
}

async function crawlSource(
  w: Warehouse,
  source: CrawlSource,
  gate: HostGate,
  runId: string,
  now: () => Date,
  emit: (e: CrawlEvent) => void,
): Promise<SourceStats> {
  const adapter = adapterFor(source.platform);
  const stats: SourceStats = { pages: 0, new_articles: 0, changed_articles: 0, errors: 0, bytes: 0 };
  const known = await knownItemIds(w, source.source_id);
  const get = async (url: string): Promise<FetchResult | null> => {
    await gate.wait(new URL(url).host, source.delay_ms);
    try {
      const res = await fetchPage(url);
      stats.pages++;
      stats.bytes += res.bytes;
      emit({ type: "page", source_id: source.source_id, url, status: res.status, bytes: res.bytes });
      if (res.status !== 200) {
        stats.errors++;
        emit({ type: "error", source_id: source.source_id, url, kind: res.status >= 500 ? "5xx" : "4xx", message: `HTTP ${res.status}` });
        return null;
      }
      return res;
    } catch (error) {
      stats.errors++;
      emit({ type: "error", source_id: source.source_id, url, kind: (error as { kind?: string }).kind ?? "network", message: (error as Error).message });
      return null;
    }
  };

  const queue: ListingItem[] = [];
  const queued = new Set<string>();
  for (const start of source.start_urls) {
    let url: string | null = start;
    for (let depth = 0; url && depth < source.max_pages; depth++) {
      const res = await get(url);
      if (!res) break;
      const page = adapter.parseListing(res.body, url, { now: now(), dateOrder: source.date_order });
      const fresh = page.items.filter((i) => !known.has(i.item_id) && !queued.has(i.item_id));
      for (const item of fresh) {
        queued.add(item.item_id);
        queue.push(item);
      }
      if (fresh.length === 0) break; // a page that brings nothing new ends the walk
      url = page.next;
    }
  }

  for (const item of queue) {
    const res = await get(item.url);
    if (!res) continue;
    try {
      const article = adapter.parseArticle(res.body, item.url, { now: now(), dateOrder: source.date_order, listingItem: item });
      const outcome = await w.transaction(() => upsertArticle(w, source.source_id, item.url, article, now(), runId));
      if (outcome === "new") stats.new_articles++;
      if (outcome === "changed") stats.changed_articles++;
      known.add(article.item_id);
      emit({ type: "article", source_id: source.source_id, url: item.url, outcome });
    } catch (error) {
      stats.errors++;
      emit({ type: "error", source_id: source.source_id, url: item.url, kind: "parse", message: (error as Error).message });
    }
  }
  emit({ type: "source_done", source_id: source.source_id, stats });
  return stats;
}
