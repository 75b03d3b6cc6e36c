-- marts: one row per countable item (report_items) with its agency as of its date,
-- the agency's current successors (resolved lineage), the agencies it is credited to,
-- calendar parts in Asia/Ho_Chi_Minh and Vietnamese labels. The site's items, the
-- agency page and the evidence export read it.
CREATE OR REPLACE VIEW mart_items AS
SELECT i.item_key, i.article_id, i.title, i.url, i.reference, i.source_id, i.source_name, i.channel,
       i.agency_id, ag.name AS agency_name,
       CASE WHEN len(ls.successor_ids) = 1 THEN ls.successor_ids[1] END AS successor_id,
       coalesce(ls.successor_names, CASE WHEN ls.reason = 'abolished' THEN 'Không có (đã giải thể)' END) AS successor_name,
       coalesce(cr.credited_ids, []::VARCHAR[]) AS credited_ids,
       -- the agencies an export "for agency X" may name this item under: as of its date, credited, or current successor
       list_distinct(list_concat([i.agency_id], coalesce(cr.credited_ids, []::VARCHAR[]), coalesce(ls.successor_ids, []::VARCHAR[]))) AS match_ids,
       i.attribution, i.attribution_confidence, i.published_at, i.published_text,
       year(i.published_at) AS year, quarter(i.published_at) AS quarter, month(i.published_at) AS month,
       CASE WHEN i.published_at IS NOT NULL THEN year(i.published_at)::VARCHAR || '-Q' || quarter(i.published_at)::VARCHAR END AS period,
       i.is_cchc, i.score, i.areas, i.primary_area, i.indices, i.cluster_id, i.overridden, i.is_demo,
       i.collected_at, i.copies, i.sessions, i.attendance, i.quantity, i.media_kind,
       vc.label AS channel_label, va.label AS area_label, vm.label AS media_kind_label, vt.label AS attribution_label,
       ac.archive_path  -- the archived copy ("bản lưu") under the built site, null when no page is stored (int_archived_copies)
FROM report_items i
LEFT JOIN agencies ag ON ag.agency_id = i.agency_id
LEFT JOIN int_agency_successors ls ON ls.agency_id = i.agency_id
LEFT JOIN (SELECT item_key, list(agency_id ORDER BY agency_id) AS credited_ids FROM int_item_credit GROUP BY item_key) cr ON cr.item_key = i.item_key
LEFT JOIN vocabulary vc ON vc.domain = 'channel' AND vc.code = i.channel
LEFT JOIN vocabulary va ON va.domain = 'reform_area' AND va.code = i.primary_area
LEFT JOIN vocabulary vm ON vm.domain = 'media_kind' AND vm.code = i.media_kind
LEFT JOIN vocabulary vt ON vt.domain = 'attribution' AND vt.code = i.attribution
LEFT JOIN int_archived_copies ac ON ac.url = i.url;
