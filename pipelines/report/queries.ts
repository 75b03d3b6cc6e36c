/**
 * The reporting queries the site's loaders and the evidence export share
 * (one definition each; see docs/site-data.md for the columns).
 */
import type { Row, Warehouse } from "../warehouse/db.ts";

const ISO = (col: string) => `strftime(${col}, '%Y-%m-%dT%H:%M:%S+07:00')`;

/** Each agency's current successor (following lineage up to 3 hops), or itself. */
const CURRENT_SUCCESSOR = `
  successor AS (
    SELECT a.agency_id,
           coalesce(l3.to_id, l2.to_id, l1.to_id) AS successor_id
    FROM agencies a
    LEFT JOIN agency_lineage l1 ON l1.from_id = a.agency_id AND l1.effective <= current_date
    LEFT JOIN agency_lineage l2 ON l2.from_id = l1.to_id AND l2.effective <= current_date
    LEFT JOIN agency_lineage l3 ON l3.from_id = l2.to_id AND l3.effective <= current_date
  )`;

/** One row per countable item (report_items: CCHC, one per cluster × agency × channel, analyst evidence included). */
export async function itemRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    WITH ${CURRENT_SUCCESSOR}
    SELECT i.item_key, i.article_id, i.title, i.url, i.source_id, i.source_name, i.channel,
           i.agency_id, ag.name AS agency_name, su.successor_id, sa.name AS successor_name,
           i.attribution, i.attribution_confidence,
           ${ISO("i.published_at")} AS published_at, i.published_text,
           year(i.published_at) AS year, quarter(i.published_at) AS quarter, month(i.published_at) AS month,
           i.is_cchc, i.score, i.areas, i.primary_area, i.indices, i.cluster_id, i.overridden, i.is_demo,
           ${ISO("i.collected_at")} AS fetched_at, i.copies
    FROM report_items i
    LEFT JOIN agencies ag ON ag.agency_id = i.agency_id
    LEFT JOIN successor su ON su.agency_id = i.agency_id
    LEFT JOIN agencies sa ON sa.agency_id = su.successor_id
    ORDER BY i.published_at DESC NULLS LAST, i.item_key`);
}

export async function coverageTableRows(w: Warehouse): Promise<Row[]> {
  return w.all(`
    SELECT c.target_id, c.plan, c.clause, c.target_label, c.agency_id, a.name AS agency_name, a.kind AS agency_kind,
           c.channels, c.topic, c.measure, c.period_kind, c.period, c.period_label,
           strftime(c.period_start, '%Y-%m-%d') AS period_start, strftime(c.period_end, '%Y-%m-%d') AS period_end,
           c.year, c.minimum, c.has_minimum, c.actual, c.gap, c.elapsed_share, c.status,
           array_to_string(c.item_keys, ',') AS item_keys, c.provisional, c.provisional_label,
           EXISTS (SELECT 1 FROM sources s WHERE s.is_demo) AS is_demo
    FROM coverage c LEFT JOIN agencies a USING (agency_id)
    ORDER BY c.year, c.plan, c.clause, a.name, c.period_start`);
}

export interface EvidenceFilter {
  year: number;
  agencyId?: string | null;
  targetId?: string | null;
}

/**
 * Evidence rows for assessors (domain README §5): one row per countable item of
 * the year, with the targets it counts toward. An agency filter matches the
 * agency as of the item's date or its current successor.
 */
export async function evidenceRows(w: Warehouse, filter: EvidenceFilter): Promise<Row[]> {
  return w.all(
    `
    WITH ${CURRENT_SUCCESSOR},
    counted AS (
      SELECT unnest(c.item_keys) AS item_key, c.target_id, coalesce(c.provisional_label, c.plan || ' ' || c.clause) AS citation, c.period_label
      FROM coverage c
    ),
    per_item AS (
      SELECT item_key, string_agg(DISTINCT citation, '; ' ORDER BY citation) AS targets,
             string_agg(DISTINCT target_id, ',' ORDER BY target_id) AS target_ids,
             string_agg(DISTINCT period_label, '; ' ORDER BY period_label) AS periods
      FROM counted GROUP BY item_key
    )
    SELECT i.agency_id, ag.name AS agency_name, su.successor_id, sa.name AS successor_name,
           year(i.published_at)::VARCHAR || '-Q' || quarter(i.published_at)::VARCHAR AS period,
           i.channel, ${ISO("i.published_at")} AS published_at, i.published_text, i.title, coalesce(i.url, i.reference) AS url,
           i.primary_area AS reform_area, p.targets, p.target_ids, p.periods AS target_periods,
           ${ISO("i.collected_at")} AS collected_at, i.source_id, i.is_demo
    FROM report_items i
    LEFT JOIN per_item p USING (item_key)
    LEFT JOIN agencies ag ON ag.agency_id = i.agency_id
    LEFT JOIN successor su ON su.agency_id = i.agency_id
    LEFT JOIN agencies sa ON sa.agency_id = su.successor_id
    WHERE year(i.published_at) = $year
      AND ($agency IS NULL OR i.agency_id = $agency OR su.successor_id = $agency)
      AND ($target IS NULL OR list_contains(string_split(coalesce(p.target_ids, ''), ','), $target))
    ORDER BY ag.name NULLS LAST, i.published_at, i.title, i.item_key`,
    { year: filter.year, agency: filter.agencyId ?? null, target: filter.targetId ?? null },
  );
}

/** Column order and Vietnamese headers of the evidence export (CSV, XLSX, site). */
export const EVIDENCE_COLUMNS = [
  { key: "agency_name", header: "Cơ quan (tại ngày đăng)" },
  { key: "agency_id", header: "Mã cơ quan" },
  { key: "successor_name", header: "Cơ quan kế thừa hiện nay" },
  { key: "period", header: "Kỳ (quý)" },
  { key: "channel", header: "Kênh" },
  { key: "published_at", header: "Ngày đăng (ISO)" },
  { key: "published_text", header: "Ngày đăng (như trên trang)" },
  { key: "title", header: "Tiêu đề" },
  { key: "url", header: "Liên kết / số hiệu" },
  { key: "reform_area", header: "Lĩnh vực CCHC" },
  { key: "targets", header: "Chỉ tiêu (kế hoạch, điều khoản)" },
  { key: "target_periods", header: "Kỳ chỉ tiêu" },
  { key: "collected_at", header: "Thời điểm thu thập" },
  { key: "source_id", header: "Nguồn" },
  { key: "is_demo", header: "DEMO" },
] as const;
