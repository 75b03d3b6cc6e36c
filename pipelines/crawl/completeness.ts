/**
 * "No silent loss": completeness alarms per source and run (issue 13). Pure
 * functions decide from what the listing walk observed; `storeCompleteness`
 * writes the observations and the alarms (tables crawl_listing_pages and
 * crawl_alarms, migration 110; kinds and labels: vocabulary domain `crawl_alarm`). Health (health.ts) is never "ok" while the
 * source's last run has an alarm, and `cchc crawl-health` and the Dữ liệu page
 * show every alarm with its URL and numbers.
 *
 * An alarm is raised when:
 *  - links_unread: a listing page links more articles (by the platform's article URL
 *    pattern, counted in the page's content region) than the items the adapter read;
 *  - page_emptied: a page read no item where the previous run read some;
 *  - since_not_reached: `--since` was asked and the walk did not get back to the date;
 *  - short_page: a page of a listing holds fewer items than the listing's page size but
 *    is not its last page;
 *  - feed_only_backfill: a backfill was asked and a start URL is only a feed (a feed holds
 *    only the newest items: NukeViet's 30);
 *  - undated_share / bodyless_share: the share of the run's articles without a date, or
 *    without a readable body, is above SHARE_THRESHOLD (with at least SHARE_MIN_SAMPLE articles).
 */
import { toVietnamIso } from "../time/vietnam-time.ts";
import { type CrawlAlarm, label } from "../vocabulary/index.ts";
import { rowsBySource, type Warehouse } from "../warehouse/db.ts";
import { StagingTable } from "../warehouse/staging.ts";

/** The alarm kinds and their Vietnamese labels live in the vocabulary (domain `crawl_alarm`). */
export type AlarmKind = CrawlAlarm;

/** Above this share of a run's articles without a date (or a body), the run raises an alarm. */
export const SHARE_THRESHOLD = 0.2;
export const SHARE_MIN_SAMPLE = 5;

/** Layouts whose single page is an index of blocks, not a history: its end says nothing about older items. */
const INDEX_LAYOUTS = new Set(["viewcat_main_left", "viewcat_main_right", "viewcat_main_bottom", "viewcat_two_column"]);

export interface ListingObservation {
  url: string;
  /** The first page of this page's chain (a start URL or a discovered listing). */
  start_url: string;
  depth: number;
  is_feed: boolean;
  layout: string | null;
  /** Distinct items read. */
  items: number;
  /** Distinct items of the page's own list (role "main"). */
  main_items: number;
  article_links: number | null;
  next_url: string | null;
  oldest_at: Date | null;
}

export interface Alarm {
  kind: AlarmKind;
  url: string;
  message: string;
  details: Record<string, number | string | boolean | null | string[]>;
}

const n = (x: number) => x.toLocaleString("vi-VN");
const day = (d: Date) => toVietnamIso(d).slice(0, 10).split("-").reverse().join("/");
const alarm = (kind: AlarmKind, url: string, text: string, details: Alarm["details"]): Alarm => ({
  kind,
  url,
  message: `${label("crawl_alarm", kind)}: ${text}`,
  details,
});

/** The pages of each chain, in walk order. */
function chains(pages: ListingObservation[]): Map<string, ListingObservation[]> {
  const out = new Map<string, ListingObservation[]>();
  for (const p of pages) out.set(p.start_url, [...(out.get(p.start_url) ?? []), p]);
  for (const list of out.values()) list.sort((a, b) => a.depth - b.depth);
  return out;
}

/** Alarms from the listing pages of one run; `previous` maps a page URL to the items its last earlier reading found. */
export function listingAlarms(pages: ListingObservation[], previous: Map<string, number>): Alarm[] {
  const alarms: Alarm[] = [];
  for (const p of pages) {
    if (p.article_links !== null && p.article_links > p.items) {
      alarms.push(
        alarm("links_unread", p.url, `${p.url} có ${n(p.article_links)} liên kết bài viết nhưng chỉ đọc được ${n(p.items)} mục`, {
          article_links: p.article_links,
          items: p.items,
          layout: p.layout,
        }),
      );
    }
    const before = previous.get(p.url) ?? 0;
    if (p.items === 0 && before > 0) {
      alarms.push(alarm("page_emptied", p.url, `${p.url} không đọc được mục nào, lần trước đọc được ${n(before)} mục`, { items: 0, previous_items: before }));
    }
  }
  for (const list of chains(pages).values()) {
    if (list[0]!.is_feed) continue;
    const pageSize = Math.max(...list.map((p) => p.main_items));
    for (const p of list) {
      if (p.next_url && p.main_items < pageSize) {
        alarms.push(
          alarm("short_page", p.url, `${p.url} có ${n(p.main_items)} mục, ít hơn cỡ trang ${n(pageSize)}, nhưng còn trang sau ${p.next_url}`, {
            items: p.main_items,
            page_size: pageSize,
            next_url: p.next_url,
          }),
        );
      }
    }
  }
  return alarms;
}

export interface SinceOutcome {
  reached: boolean;
  /** Oldest listing date seen over all chains. */
  oldest_at: Date | null;
  /** Chains that count as histories and did not get back to the date. */
  short_chains: Array<{ url: string; oldest_at: Date | null; pages: number; ended: "feed" | "pages_left" | "index_page" | "unread" }>;
}

/**
 * Did a `--since` walk reach the date? A chain reached it when it listed an item older than
 * the date, or walked a paginated listing to its last page. A feed never reaches it on its own
 * (it holds only the newest items), nor does an index page of blocks. The source reached it when
 * it has at least one history chain and every history chain reached it (feeds and index pages
 * are not histories when listings were walked).
 */
export function sinceOutcome(pages: ListingObservation[], since: Date, unread: string[] = []): SinceOutcome {
  let oldest: Date | null = null;
  for (const p of pages) if (p.oldest_at && (!oldest || p.oldest_at < oldest)) oldest = p.oldest_at;
  const verdicts = [...chains(pages).entries()].map(([url, list]) => {
    const last = list.at(-1)!;
    const chainOldest = list.reduce<Date | null>((o, p) => (p.oldest_at && (!o || p.oldest_at < o) ? p.oldest_at : o), null);
    const older = chainOldest !== null && chainOldest.getTime() < since.getTime();
    const indexOnly = list.length === 1 && !last.next_url && INDEX_LAYOUTS.has(last.layout ?? "");
    const history = !list[0]!.is_feed && !indexOnly;
    const reached = older || (history && !last.next_url);
    const ended: "feed" | "pages_left" | "index_page" = list[0]!.is_feed ? "feed" : indexOnly ? "index_page" : "pages_left";
    return { url, history, reached, info: { url, oldest_at: chainOldest, pages: list.length, ended } };
  });
  const histories = verdicts.filter((v) => v.history);
  const counted = histories.length ? histories : verdicts;
  // a chain whose first page could not be read reached nothing
  const failed = unread.map((url) => ({ url, oldest_at: null, pages: 0, ended: "unread" as const }));
  const reached = counted.length > 0 && counted.every((v) => v.reached) && failed.length === 0;
  return { reached, oldest_at: oldest, short_chains: [...counted.filter((v) => !v.reached).map((v) => v.info), ...failed] };
}

export function sinceAlarms(outcome: SinceOutcome, since: Date, sourceUrl: string): Alarm[] {
  if (outcome.reached) return [];
  const chainsText = outcome.short_chains
    .map((c) => c.ended === "unread"
        ? `${c.url} (không đọc được trang đầu)`
        : `${c.url} (${c.ended === "feed" ? "nguồn tin RSS" : c.ended === "index_page" ? "trang chỉ mục" : `dừng sau ${n(c.pages)} trang`}, mục cũ nhất ${c.oldest_at ? day(c.oldest_at) : "không rõ ngày"})`)
    .join("; ");
  return [
    alarm("since_not_reached", outcome.short_chains[0]?.url ?? sourceUrl, `yêu cầu lùi tới ${day(since)}, mục cũ nhất đọc được ${outcome.oldest_at ? day(outcome.oldest_at) : "không rõ ngày"}${chainsText ? ` — ${chainsText}` : ""}`, {
      since: toVietnamIso(since),
      oldest_at: outcome.oldest_at ? toVietnamIso(outcome.oldest_at) : null,
      chains: outcome.short_chains.map((c) => c.url),
    }),
  ];
}

/** A backfill over a start URL that is only a feed; `discovered` are the listings found behind it and walked. */
export function feedOnlyAlarms(pages: ListingObservation[], startUrls: string[], discovered: Map<string, string[]>): Alarm[] {
  return pages
    .filter((p) => p.depth === 0 && p.is_feed && startUrls.includes(p.url))
    .map((p) => {
      const found = discovered.get(p.url) ?? [];
      return alarm(
        "feed_only_backfill",
        p.url,
        found.length
          ? `${p.url} chỉ có ${n(p.items)} mục mới nhất; đã tìm ra và đọc ${n(found.length)} trang danh sách phía sau (${found.join(", ")}) — nên khai báo các trang này trong start_urls`
          : `${p.url} chỉ có ${n(p.items)} mục mới nhất và không tìm ra trang danh sách nào phía sau; các bài cũ hơn không đọc được`,
        { items: p.items, discovered: found },
      );
    });
}

/** Shares of the run's articles without a date, and of article pages without a readable body. */
export function shareAlarms(
  counts: { stored: number; undated: number; failed: number },
  sourceUrl: string,
  threshold = SHARE_THRESHOLD,
  minSample = SHARE_MIN_SAMPLE,
): Alarm[] {
  const out: Alarm[] = [];
  const pct = (x: number) => `${Math.round(x * 100)} %`;
  if (counts.stored >= minSample && counts.undated / counts.stored > threshold) {
    out.push(
      alarm("undated_share", sourceUrl, `${n(counts.undated)}/${n(counts.stored)} bài (${pct(counts.undated / counts.stored)}) không có ngày đăng, ngưỡng ${pct(threshold)}`, {
        undated: counts.undated,
        articles: counts.stored,
        threshold,
      }),
    );
  }
  const attempted = counts.stored + counts.failed;
  if (attempted >= minSample && counts.failed / attempted > threshold) {
    out.push(
      alarm("bodyless_share", sourceUrl, `${n(counts.failed)}/${n(attempted)} trang bài viết (${pct(counts.failed / attempted)}) không đọc được nội dung, ngưỡng ${pct(threshold)}`, {
        failed: counts.failed,
        articles: attempted,
        threshold,
      }),
    );
  }
  return out;
}

/** Per source: the items each page URL read the last time it was walked before `runId` (one query for them all). */
export async function previousPageItems(w: Warehouse, sourceIds: string[], runId: string): Promise<Map<string, Map<string, number>>> {
  const bySource = await rowsBySource(
    w,
    sourceIds,
    (list) => `SELECT source_id, url, items FROM crawl_listing_pages WHERE source_id IN ${list} AND run_id <> ?
     QUALIFY row_number() OVER (PARTITION BY source_id, url ORDER BY fetched_at DESC) = 1`,
    [runId],
  );
  return new Map([...bySource].map(([id, rows]) => [id, new Map(rows.map((r) => [r.url as string, Number(r.items)]))]));
}

/** The staging table of listing observations (see staging.ts). */
const LISTING_STAGE = new StagingTable(
  "crawl_listing_pages_stage",
  "crawl_listing_pages",
  ["run_id", "source_id", "url", "start_url", "depth", "is_feed", "layout", "items", "main_items", "article_links", "next_url", "oldest_at", "fetched_at"],
);

/** Create the listing observations' staging table outside any transaction (the crawl calls it at its start). */
export function prepareCompleteness(w: Warehouse): Promise<void> {
  return LISTING_STAGE.prepare(w);
}

/** What one source's run observed, for `storeCompleteness`. */
export interface SourceCompleteness {
  sourceId: string;
  pages: ListingObservation[];
  alarms: Alarm[];
  at: Date;
}

/** The listing observations and alarms of sources' runs: the observations of them all in one staged statement. */
export async function storeCompleteness(w: Warehouse, runId: string, sources: SourceCompleteness[]): Promise<void> {
  // a page walked twice in a run is stored as first walked
  const first = new Map<string, { p: ListingObservation; sourceId: string; at: Date }>();
  for (const { sourceId, pages, at } of sources) {
    for (const p of pages) {
      const key = `${sourceId}\n${p.url}`;
      if (!first.has(key)) first.set(key, { p, sourceId, at });
    }
  }
  await LISTING_STAGE.write(
    w,
    [...first.values()].map(({ p, sourceId, at }) => ({
      run_id: runId,
      source_id: sourceId,
      url: p.url,
      start_url: p.start_url,
      depth: p.depth,
      is_feed: p.is_feed,
      layout: p.layout,
      items: p.items,
      main_items: p.main_items,
      article_links: p.article_links,
      next_url: p.next_url,
      oldest_at: p.oldest_at,
      fetched_at: at,
    })),
    `INSERT INTO crawl_listing_pages (run_id, source_id, url, start_url, depth, is_feed, layout, items, main_items, article_links, next_url, oldest_at, fetched_at)
     SELECT run_id, source_id, url, start_url, depth, is_feed, layout, items, main_items, article_links, next_url, oldest_at, fetched_at
     FROM temp.${LISTING_STAGE.name}
     ON CONFLICT (run_id, source_id, url) DO NOTHING`,
  );
  for (const { sourceId, alarms, at } of sources) {
    for (const a of alarms) {
      await w.run(
        `INSERT INTO crawl_alarms (run_id, source_id, kind, url, message, details_json, raised_at)
         VALUES ($run, $source, $kind, $url, $message, $details, $at::TIMESTAMPTZ)`,
        { run: runId, source: sourceId, kind: a.kind, url: a.url, message: a.message, details: JSON.stringify(a.details), at: at.toISOString() },
      );
    }
  }
}

/** The alarms of a run for a source, oldest first. */
export async function runAlarms(w: Warehouse, runId: string, sourceId: string): Promise<Alarm[]> {
  const rows = await w.all("SELECT kind, url, message, details_json FROM crawl_alarms WHERE run_id = $run AND source_id = $source ORDER BY raised_at, kind, url", {
    run: runId,
    source: sourceId,
  });
  return rows.map((r) => ({ kind: r.kind as AlarmKind, url: r.url as string, message: r.message as string, details: JSON.parse(r.details_json as string) }));
}
