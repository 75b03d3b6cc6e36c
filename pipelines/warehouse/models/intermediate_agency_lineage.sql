-- intermediate: the resolved lineage, one row per agency, read from the tables the
-- report step materialises with the registry's own rule (mapAgency, docs/registry.md):
-- int_agency_current (what each agency corresponds to today) and int_item_credit
-- (whom each dated item is credited to on its own day). No lineage rule is written in SQL.
CREATE OR REPLACE VIEW int_agency_successors AS
SELECT a.agency_id,
       -- the agencies it corresponds to today other than itself (empty while it still exists)
       list(c.current_id ORDER BY c.current_id) FILTER (WHERE c.reason = 'successor') AS successor_ids,
       string_agg(s.name, '; ' ORDER BY s.name) FILTER (WHERE c.reason = 'successor') AS successor_names,
       CASE WHEN bool_or(c.reason = 'current') THEN 'current'
            WHEN bool_or(c.reason = 'successor') THEN 'successor'
            WHEN bool_or(c.reason = 'abolished') THEN 'abolished' END AS reason
FROM agencies a
LEFT JOIN int_agency_current c ON c.agency_id = a.agency_id
LEFT JOIN agencies s ON s.agency_id = c.current_id
GROUP BY a.agency_id;
