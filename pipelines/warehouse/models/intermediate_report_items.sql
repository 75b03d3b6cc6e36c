-- intermediate: everything that can count toward a target, in one definition: the
-- countable articles and the analyst-entered evidence rows. The coverage engine,
-- the site's items and the evidence export all read this view. `quantity` is what
-- a `visits` measure adds (evidence only), `media_kind` what a `video` measure checks.
CREATE OR REPLACE VIEW report_items AS
SELECT 'article:' || c.article_id AS item_key, c.article_id, c.title, c.url, NULL::VARCHAR AS reference,
       c.source_id, a.source_name, c.channel, c.agency_id,
       coalesce(c.attribution_method, 'unattributed') AS attribution, c.attribution_confidence,
       c.published_at, c.published_text, l.is_cchc, l.score, l.areas, c.primary_area, l.indices,
       c.cluster_id, l.override_ids IS NOT NULL AS overridden, c.is_demo, a.fetched_at AS collected_at, c.copies,
       a.body_text AS text, 1 AS sessions, NULL::INTEGER AS attendance, NULL::BIGINT AS quantity, c.media_kind
FROM countable_items c
JOIN stg_articles a USING (article_id)
JOIN article_labels l USING (article_id)
UNION ALL
SELECT 'evidence:' || e.evidence_id, NULL, e.title, e.url, e.reference,
       'analyst', 'Minh chứng nhập tay (' || e.source_file || ')', e.channel, e.agency_id,
       'analyst', 1.0,
       e.published_at, e.published_text, TRUE, 1.0, coalesce(e.reform_area, ''), e.reform_area, '',
       'evidence:' || e.evidence_id, FALSE, FALSE, e.imported_at, 1,
       coalesce(e.notes, ''), e.sessions, e.attendance, e.quantity, e.media_kind
FROM stg_evidence e;
