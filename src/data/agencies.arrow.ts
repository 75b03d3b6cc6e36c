// Agencies with their validity and 2025 lineage. See docs/site-data.md.
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse((w) =>
  w.all(`
    SELECT a.agency_id AS id, a.name,
           (SELECT min(alias) FROM agency_aliases x WHERE x.agency_id = a.agency_id AND x.alias_kind = 'short_name') AS short_name,
           a.kind, a.parent_id, strftime(a.valid_from, '%Y-%m-%d') AS valid_from, strftime(a.valid_to, '%Y-%m-%d') AS valid_to,
           (SELECT string_agg(l.to_id, ',' ORDER BY l.to_id) FROM agency_lineage l WHERE l.from_id = a.agency_id) AS successor_ids,
           (SELECT string_agg(
                     CASE l.relation WHEN 'merged_into' THEN 'Hợp nhất vào ' WHEN 'renamed_to' THEN 'Đổi tên thành '
                                     WHEN 'split_into' THEN 'Tách thành ' ELSE 'Chuyển một phần sang ' END
                     || t.name || ' từ ' || strftime(l.effective, '%d/%m/%Y'), '; ' ORDER BY t.name)
            FROM agency_lineage l JOIN agencies t ON t.agency_id = l.to_id WHERE l.from_id = a.agency_id) AS lineage_note,
           (SELECT string_agg(f.name || ' (đến ' || strftime(l.effective, '%d/%m/%Y') || ')', '; ' ORDER BY f.name)
            FROM agency_lineage l JOIN agencies f ON f.agency_id = l.from_id WHERE l.to_id = a.agency_id) AS predecessors_note
    FROM agencies a
    ORDER BY a.kind, a.name`),
);

writeArrow(rows, {
  id: "string",
  name: "string",
  short_name: "string",
  kind: "string",
  parent_id: "string",
  valid_from: "string",
  valid_to: "string",
  successor_ids: "string",
  lineage_note: "string",
  predecessors_note: "string",
});
