-- staging: analyst-entered evidence rows as imported (migration 040, quantity and media kind from 060).
CREATE OR REPLACE VIEW stg_evidence AS
SELECT e.evidence_id, e.agency_id, e.channel, e.published_at, e.published_text, e.title, e.url, e.reference,
       e.sessions, e.attendance, e.quantity, coalesce(e.media_kind, 'text') AS media_kind, e.reform_area, e.target_id,
       e.notes, e.source_file, e.source_line, e.imported_at
FROM evidence_items e;
