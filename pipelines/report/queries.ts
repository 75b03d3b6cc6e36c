/**
 * The reporting queries the site's loaders, the CLI and the evidence export
 * share. Each reads one mart (pipelines/warehouse/models/marts_*.sql) and only
 * filters and orders: counts, statuses, lineage and labels are in the marts.
 * See docs/site-data.md for the columns.
 */
import type { Row, Warehouse } from "../warehouse/db.ts";

const ISO = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S+07:00')`;

/** One row per countable item (mart_items: CCHC, one per cluster × agency × channel, analyst evidence included). */
export async function itemRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    SELECT i.item_key, i.article_id, i.title, i.url, i.source_id, i.source_name, i.channel, i.channel_label,
           i.agency_id, i.agency_name, i.successor_id, i.successor_name,
           i.attribution, i.attribution_label, i.attribution_confidence,
           ${ISO("i.published_at")} AS published_at, i.published_text, i.year, i.quarter, i.month,
           i.is_cchc, i.score, i.areas, i.primary_area, i.area_label, i.indices, i.cluster_id, i.overridden, i.is_demo,
           ${ISO("i.collected_at")} AS fetched_at, i.copies, i.media_kind, i.media_kind_label, i.quantity,
           array_to_string(i.credited_ids, ',') AS credited_ids, i.archive_path
    FROM mart_items i
    ORDER BY i.published_at DESC NULLS LAST, i.item_key`);
}

export interface CoverageFilter {
  year?: number | null;
  agencyId?: string | null;
  targetId?: string | null;
}

/** Coverage rows (mart_coverage), optionally for one year, agency or target. */
export async function coverageTableRows(w: Warehouse, filter: CoverageFilter = {}): Promise<Row[]> {
  return w.all(
    `
    SELECT c.target_id, c.plan, c.clause, c.target_label, c.agency_id, c.agency_name, c.agency_kind, c.agency_kind_label,
           c.channels, c.topic, c.measure, c.measure_label, c.measure_unit, c.period_kind, c.period, c.period_label,
           strftime(c.period_start, '%Y-%m-%d') AS period_start, strftime(c.period_end, '%Y-%m-%d') AS period_end,
           c.year, c.minimum, c.has_minimum, c.actual, c.gap, c.elapsed_share, c.status, c.status_label, c.behind, c.provisional, c.provisional_label,
           array_to_string(c.item_keys, ',') AS item_keys, c.items, c.is_demo
    FROM mart_coverage c
    WHERE ($year::INTEGER IS NULL OR c.year = $year) AND ($agency::VARCHAR IS NULL OR c.agency_id = $agency)
      AND ($target::VARCHAR IS NULL OR c.target_id = $target)
    ORDER BY c.year, c.plan, c.clause, c.agency_name, c.period_start`,
    { year: filter.year ?? null, agency: filter.agencyId ?? null, target: filter.targetId ?? null },
  );
}

export interface EvidenceFilter {
  year: number;
  agencyId?: string | null;
  targetId?: string | null;
}

/**
 * Evidence rows for assessors (domain README §5): one row per countable item of
 * the year, with the targets it counts toward. An agency filter matches the
 * agency as of the item's date, an agency the item is credited to (lineage on
 * its date), or the agency's current successor — each by the registry's rule,
 * and never twice.
 */
export async function evidenceRows(w: Warehouse, filter: EvidenceFilter): Promise<Row[]> {
  return w.all(
    `
    SELECT e.agency_id, e.agency_name, e.successor_id, e.successor_name, e.period, e.period_label,
           e.channel, e.channel_label, ${ISO("e.published_at")} AS published_at, e.published_text, e.title, e.url,
           e.reform_area, e.reform_area_label, e.media_kind, e.media_kind_label, e.quantity,
           e.targets, e.target_ids, e.target_periods, ${ISO("e.collected_at")} AS collected_at, e.source_id, e.source_name, e.is_demo,
           e.archive_path, e.item_key
    FROM mart_evidence_rows e
    WHERE e.year = $year
      AND ($agency::VARCHAR IS NULL OR list_contains(e.match_ids, $agency))
      AND ($target::VARCHAR IS NULL OR list_contains(e.target_list, $target))
    ORDER BY e.agency_name NULLS LAST, e.published_at, e.title, e.item_key`,
    { year: filter.year, agency: filter.agencyId ?? null, target: filter.targetId ?? null },
  );
}

/**
 * Column order, Vietnamese headers and sheet layout of the evidence export (CSV, XLSX, site).
 * Codes appear only as their labels. `kind` and `width` (characters) drive the XLSX sheet
 * (src/components/sheet-layout.js): "date" → an Excel date cell in Asia/Ho_Chi_Minh wall
 * time shown dd/mm/yyyy hh:mm, "link" → a hyperlink, "wrap" → wrapped text, "number" → a number.
 */
export const EVIDENCE_COLUMNS = [
  { key: "agency_name", header: "Cơ quan (tại ngày đăng)", kind: "wrap", width: 32 },
  { key: "agency_id", header: "Mã cơ quan", kind: "text", width: 16 },
  { key: "successor_name", header: "Cơ quan kế thừa hiện nay", kind: "wrap", width: 28 },
  { key: "period_label", header: "Kỳ (quý)", kind: "text", width: 12 },
  { key: "channel_label", header: "Kênh", kind: "wrap", width: 22 },
  { key: "published_at", header: "Ngày đăng", kind: "date", width: 17 },
  { key: "published_text", header: "Ngày đăng (như trên trang)", kind: "text", width: 22 },
  { key: "title", header: "Tiêu đề", kind: "wrap", width: 60 },
  { key: "url", header: "Liên kết / số hiệu", kind: "link", width: 40 },
  // the archived copy: a path under the built site (ban-luu/…/….html), or an absolute URL with a published base (docs/dashboard.md)
  { key: "archive_url", header: "Bản lưu", kind: "link", width: 40 },
  { key: "reform_area_label", header: "Lĩnh vực CCHC", kind: "wrap", width: 26 },
  { key: "media_kind_label", header: "Dạng", kind: "text", width: 14 },
  { key: "quantity", header: "Số lượng", kind: "number", width: 10 },
  { key: "targets", header: "Chỉ tiêu (kế hoạch, điều khoản)", kind: "wrap", width: 34 },
  { key: "target_periods", header: "Kỳ chỉ tiêu", kind: "wrap", width: 16 },
  { key: "collected_at", header: "Thời điểm thu thập", kind: "date", width: 17 },
  { key: "source_name", header: "Nguồn", kind: "wrap", width: 26 },
  { key: "is_demo", header: "DEMO", kind: "text", width: 8 },
] as const;

/** The overview page's marts: the figures per (year, period choice) and the per-target status counts. */
export async function overviewRows(w: Warehouse): Promise<{ figures: Row[]; targets: Row[]; months: Row[] }> {
  return {
    figures: await w.all("SELECT * FROM mart_overview ORDER BY year, quarter"),
    targets: await w.all("SELECT * FROM mart_overview_targets ORDER BY year, quarter, plan, clause, target_id"),
    months: await w.all("SELECT * FROM mart_month_channel ORDER BY year, month, channel"),
  };
}

/** The monthly briefing's marts: one row per month with items; per quarter, the agencies met / behind. */
export async function briefingRows(w: Warehouse): Promise<{ months: Row[]; quarters: Row[]; channels: Row[]; behind: Row[]; notable: Row[] }> {
  return {
    months: await w.all("SELECT * FROM mart_briefing_month ORDER BY year, month"),
    channels: await w.all("SELECT * FROM mart_month_channel ORDER BY year, month, cchc_items DESC, channel"),
    quarters: await w.all("SELECT * FROM mart_briefing_quarter ORDER BY quarter_key"),
    behind: await w.all("SELECT * FROM mart_briefing_behind ORDER BY quarter_key, agency_name, agency_id"),
    notable: await w.all(`SELECT month_key, rank, item_key, title, url, archive_path, agency_id, agency_name, channel, channel_label,
                                 ${ISO("published_at")} AS published_at, is_demo
                          FROM mart_briefing_notable ORDER BY month_key, rank`),
  };
}

/** The agency scorecard mart: per agency and year, coverage rows by status, the items counted and the part of scorecard-items.zip with them. */
export async function scorecardRows(w: Warehouse): Promise<Row[]> {
  return w.all("SELECT * FROM mart_agency_scorecard ORDER BY year, agency_name");
}

/** The printable scorecard's items (mart_scorecard_items): per agency, year, target and period, the items behind the number (and the part of scorecard-items.zip holding them). */
export async function scorecardItemRows(w: Warehouse, filter: { agencyId?: string | null; year?: number | null } = {}): Promise<Row[]> {
  return w.all(
    `SELECT agency_id, year, items_part, target_id, period, item_key, amount, title, url, archive_path, ${ISO("published_at")} AS published_at,
            channel, channel_label, source_name, is_demo
     FROM mart_scorecard_items
     WHERE ($agency::VARCHAR IS NULL OR agency_id = $agency) AND ($year::INTEGER IS NULL OR year = $year)
     ORDER BY agency_id, year, target_id, period, published_at, item_key`,
    { agency: filter.agencyId ?? null, year: filter.year ?? null },
  );
}

/** The channel page's marts: items and shares per channel for each year/agency choice, and per quarter. */
export async function channelMixRows(w: Warehouse): Promise<{ mix: Row[]; quarters: Row[] }> {
  return {
    mix: await w.all("SELECT * FROM mart_channel_mix ORDER BY year, agency_key, channel"),
    quarters: await w.all("SELECT * FROM mart_channel_quarters ORDER BY year, quarter, agency_key, channel"),
  };
}

/** The area page's marts: items per reform area (every area of an item) and per governance index. */
export async function areaMixRows(w: Warehouse): Promise<{ areas: Row[]; agencies: Row[]; indices: Row[] }> {
  return {
    // The page's shape (mart_area_quarters, mart_area_agencies): sums, not the per-agency quarter rows of mart_area_mix.
    areas: await w.all("SELECT * FROM mart_area_quarters ORDER BY year, quarter, area"),
    agencies: await w.all("SELECT * FROM mart_area_agencies ORDER BY year, agency_key, area"),
    indices: await w.all("SELECT * FROM mart_index_mix ORDER BY year, quarter, index_name"),
  };
}

/** The attribution review queue (view attribution_review, migration 100): tied, unattributed-with-candidates and low-confidence items. */
export async function attributionReviewRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    SELECT r.article_id, r.title, r.url, r.source_id, ${ISO("r.published_at")} AS published_at, r.agency_id, ag.name AS agency_name,
           r.method, r.confidence, r.review_kind, r.candidates_json, r.is_cchc, ac.archive_path
    FROM attribution_review r
    LEFT JOIN agencies ag ON ag.agency_id = r.agency_id
    LEFT JOIN int_archived_copies ac ON ac.url = r.url
    ORDER BY r.is_cchc DESC, r.confidence, r.article_id`);
}
