/**
 * `cchc reextract`: re-run article extraction offline from the raw-page
 * archive (the newest archived copy of every article URL), with the current
 * adapters, and upsert the results (a changed extraction makes a new version).
 */
import { adapterFor } from "../../data-loaders/index.ts";
import type { ListingItem } from "../../data-loaders/types.ts";
import { decodeBody, detectCharset } from "../crawl/fetcher.ts";
import { ArticleStore, type ArticleWrite } from "../warehouse/articles.ts";
import { DEFAULT_LIMITS } from "../crawl/limits.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { ArchiveStore } from "./store.ts";
import { capTitle } from "../text/cap.ts";
import { sourceHostKeys } from "../crawl/hosts.ts";
import { sourceCanonical } from "../crawl/links.ts";
import { detectMediaKind } from "../../data-loaders/common/media-kind.ts";

export interface ReextractSummary {
  pages: number;
  new: number;
  changed: number;
  unchanged: number;
  /** Titles cut at MAX_TITLE_CHARS (pipelines/text/cap.ts). */
  truncated: number;
  failures: Array<{ url: string; message: string }>;
}

export async function reextract(w: Warehouse, archiveDir: string, options: { sourceId?: string } = {}): Promise<ReextractSummary> {
  const store = new ArchiveStore(archiveDir);
  const rows = await w.all(
    `SELECT a.sha256, a.url, a.source_id, a.fetched_at, a.content_type, a.item_json, s.platform, s.base_url
     FROM (SELECT *, row_number() OVER (PARTITION BY url ORDER BY fetched_at DESC) AS rn FROM archive_pages WHERE kind = 'article') a
     JOIN sources s USING (source_id)
     WHERE a.rn = 1 AND ($source::VARCHAR IS NULL OR a.source_id = $source)
     ORDER BY a.source_id, a.url`,
    { source: options.sourceId ?? null },
  );
  const summary: ReextractSummary = { pages: 0, new: 0, changed: 0, unchanged: 0, truncated: 0, failures: [] };
  // Stored in batches through the crawl's store (one Appender write per batch), in one transaction as before.
  const articles = new ArticleStore(w);
  await articles.preload([...new Set(rows.map((r) => r.source_id as string))]);
  await articles.prepare();
  const batch: ArticleWrite[] = [];
  const flush = async () => {
    for (const outcome of await articles.store(batch.splice(0))) summary[outcome]++;
  };
  await w.transaction(async () => {
    for (const r of rows) {
      summary.pages++;
      const url = r.url as string;
      try {
        const raw = store.get(r.sha256 as string);
        const body = decodeBody(raw, detectCharset((r.content_type as string) ?? undefined, raw));
        const fetchedAt = new Date(r.fetched_at as string);
        const listingItem = r.item_json ? (JSON.parse(r.item_json as string) as ListingItem) : undefined;
        const capped = capTitle(adapterFor(r.platform as string).parseArticle(body, url, { now: fetchedAt, listingItem }));
        if (capped.cut) summary.truncated++;
        // the same canonical rule as the crawl: http(s) on the source's hosts (its base URL and the page's own host), else the page URL
        const hostKeys = sourceHostKeys({ base_url: (r.base_url as string) ?? url, start_urls: [url] });
        const article = { ...capped.article, canonical_url: sourceCanonical(capped.article.canonical_url, url, hostKeys).url };
        article.media_kind ??= detectMediaKind(body, url);
        batch.push({ sourceId: r.source_id as string, url, article, fetchedAt, runId: null });
      } catch (error) {
        summary.failures.push({ url, message: (error as Error).message });
      }
      if (batch.length >= DEFAULT_LIMITS.batchSize) await flush();
    }
    if (batch.length) await flush();
  });
  return summary;
}
