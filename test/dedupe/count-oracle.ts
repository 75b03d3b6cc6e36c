/**
 * An independent oracle of the counting rule, for tests only (the product's
 * one definition is the countable_items model,
 * pipelines/warehouse/models/intermediate_countable_items.sql).
 * The rule: one item per agency per channel per cluster. When the same
 * article appears several times for one agency on one channel (a re-post, a
 * "save file" copy, a syndicated copy credited to the same agency), the earliest
 * published one counts (undated after dated; ties by article id). The same
 * cluster counts again for another agency or another channel. Unattributed
 * items (agency null) form their own visible bucket.
 */

export interface CountableInput {
  article_id: string;
  cluster_id: string;
  agency_id: string | null;
  channel: string;
  /** ISO 8601 instant, or null when undated. */
  published_at: string | null;
}

/** Ordering for "which copy counts": earliest instant first, undated last, then article id. */
export function countOrder(a: CountableInput, b: CountableInput): number {
  const ta = a.published_at ? Date.parse(a.published_at) : Number.POSITIVE_INFINITY;
  const tb = b.published_at ? Date.parse(b.published_at) : Number.POSITIVE_INFINITY;
  if (ta !== tb) return ta < tb ? -1 : 1;
  return a.article_id < b.article_id ? -1 : a.article_id > b.article_id ? 1 : 0;
}

/** The items that count: one per (cluster, agency, channel). */
export function countableItems<T extends CountableInput>(items: T[]): T[] {
  const chosen = new Map<string, T>();
  for (const item of items) {
    const key = JSON.stringify([item.cluster_id, item.agency_id, item.channel]);
    const cur = chosen.get(key);
    if (!cur || countOrder(item, cur) < 0) chosen.set(key, item);
  }
  return [...chosen.values()].sort(countOrder);
}
