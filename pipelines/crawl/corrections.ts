/**
 * Corrections (issue 13). A portal that corrects a title or a date shows the new
 * text on its listing: when a walked listing shows a known article with another
 * title or date than the one stored, the article is fetched again and the new
 * text becomes a new version (warehouse/articles.ts). Articles that no walked
 * listing shows any more are rechecked too, a few per run (RECHECK_BUDGET
 * requests per source, least recently fetched first), so over runs every stored
 * article is read again.
 */
import { cleanText } from "../../data-loaders/common/html-text.ts";
import type { ListingItem } from "../../data-loaders/types.ts";
import { rowsBySource, type Warehouse } from "../warehouse/db.ts";

/** Article pages re-read per source and run by the periodic recheck (the CLI's default for --recheck-budget). */
export const RECHECK_BUDGET = 5;

export interface StoredFacts {
  title: string;
  published_at: Date | null;
}

export async function storedFacts(w: Warehouse, sourceIds: string[]): Promise<Map<string, Map<string, StoredFacts>>> {
  const bySource = await rowsBySource(w, sourceIds, (list) => `SELECT source_id, item_id, title, published_at FROM articles WHERE source_id IN ${list}`);
  return new Map(
    [...bySource].map(([id, rows]) => [
      id,
      new Map(rows.map((r) => [r.item_id as string, { title: r.title as string, published_at: r.published_at ? new Date(r.published_at as string) : null }])),
    ]),
  );
}

const fold = (t: string) => cleanText(t).normalize("NFC");
const VIETNAM_OFFSET_MS = 7 * 3_600_000;

/** How precisely a listing shows its date: to the minute, the hour (NukeViet feeds) or the day. */
function precisionMs(item: ListingItem): number {
  if (item.date_resolution?.startsWith("hour only")) return 3_600_000;
  return /\d{1,2}\s*[:h]\s*\d{2}/.test(item.published_text ?? "") ? 60_000 : 86_400_000;
}

/**
 * What a listing shows differently from the stored article: the title, or the date at
 * the precision the listing shows it. A shortened title ("…", "...") that the stored one
 * starts with is not a difference. Pure.
 */
export function listingDisagrees(stored: StoredFacts, item: ListingItem): { title?: [string, string]; date?: [string, string] } | null {
  const out: { title?: [string, string]; date?: [string, string] } = {};
  const listed = fold(item.title);
  const kept = fold(stored.title);
  const shortened = /(?:\.\.\.|…)$/.test(listed) && kept.startsWith(listed.replace(/(?:\.\.\.|…)$/, "").trim());
  if (listed && listed !== kept && !shortened) out.title = [stored.title, item.title];
  if (item.published_at && stored.published_at) {
    const step = precisionMs(item);
    const slot = (ms: number) => Math.floor((ms + VIETNAM_OFFSET_MS) / step);
    if (slot(Date.parse(item.published_at)) !== slot(stored.published_at.getTime())) out.date = [stored.published_at.toISOString(), item.published_at];
  }
  return out.title || out.date ? out : null;
}

/** The `budget` stored articles of a source fetched longest ago (before `before`: not by this run), not among `skip`. */
export async function recheckCandidates(
  w: Warehouse,
  sourceId: string,
  budget: number,
  skip: Set<string>,
  before: Date,
): Promise<ListingItem[]> {
  if (budget <= 0) return [];
  const rows = await w.all(
    `SELECT item_id, url, title, published_at, published_text, date_source, date_resolution FROM articles
     WHERE source_id = $source AND fetched_at < $before::TIMESTAMPTZ ORDER BY fetched_at ASC, item_id LIMIT $limit`,
    { source: sourceId, limit: budget + skip.size, before: before.toISOString() },
  );
  // the stored date comes along as the "listing entry": a page that needs context for its date
  // (a yearless date, or none at all) keeps the date it was stored with
  return rows
    .map(
      (r): ListingItem => ({
        item_id: r.item_id as string,
        url: r.url as string,
        title: r.title as string,
        published_at: (r.published_at as string | null) ?? null,
        published_text: (r.published_text as string | null) ?? null,
        date_source: (r.date_source as ListingItem["date_source"]) ?? null,
        date_resolution: (r.date_resolution as string | null) ?? null,
      }),
    )
    .filter((r) => !skip.has(r.item_id))
    .slice(0, budget);
}
