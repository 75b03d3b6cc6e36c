/**
 * Page-shaped reads for the site (docs/site-data.md): the summaries a page draws
 * before its first chart and the item lists it fetches only when opened. Each reads
 * one mart (pipelines/warehouse/models/) and only filters and orders.
 */
import type { Row, Warehouse } from "../warehouse/db.ts";

const ISO = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S+07:00')`;

/** The item search: every countable item with its agency, channel, date and the targets it counts toward (or why none). */
export async function itemSearchRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    SELECT i.item_key, i.title, i.url, i.agency_name, i.channel, i.channel_label, ${ISO("i.published_at")} AS published_at, i.year,
           t.counted, t.target_status, t.worst_status, t.uncounted_reason_label, i.archive_path, i.is_demo
    FROM mart_items i
    JOIN mart_item_targets t USING (item_key)
    ORDER BY i.published_at DESC NULLS LAST, i.item_key`);
}

/** Per item: does it count toward a target in force, and if not, why (mart_item_targets). */
export async function itemTargetRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT item_key, counted, target_status, uncounted_reason, uncounted_reason_label FROM mart_item_targets");
}

/** The Minh chứng page's filters and counts before its rows are opened (mart_evidence_summary). */
export async function evidenceSummaryRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT * FROM mart_evidence_summary WHERE year IS NOT NULL ORDER BY year, period, agency_name, targets");
}

/** The long form of the coverage rows' counted items (coverage_items): fetched when an item list is opened. */
export async function coverageItemRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT target_id, agency_id, period, item_key FROM coverage_items ORDER BY target_id, agency_id, period, item_key");
}

/** The Dữ liệu page's counts of its review lists (mart_review_summary). */
export async function reviewSummaryRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT * FROM mart_review_summary ORDER BY attributed, undated, confidence_pct");
}

/** The review lists themselves (mart_review_items), opened on demand. */
export async function reviewItemRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    SELECT item_key, article_id, title, url, source_name, channel, agency_id, agency_name, attribution, attribution_confidence, confidence_pct,
           ${ISO("published_at")} AS published_at, primary_area, archive_path, is_demo
    FROM mart_review_items ORDER BY published_at DESC NULLS FIRST, item_key`);
}


/** CCHC items credited to each agency as of their date (mart_items), for the agency picker and list headings. */
export async function agencyItemCountRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT agency_id, count(*) AS items FROM mart_items WHERE is_cchc AND agency_id IS NOT NULL GROUP BY agency_id ORDER BY agency_id");
}
