-- Attribution keeps its candidates and a review reason (issue 12): every agency
-- named in an acting role with its score and roles (JSON), and why an analyst
-- should look at the item (unattributed with candidates, a tie, low confidence).
ALTER TABLE article_attribution ADD COLUMN candidates_json VARCHAR DEFAULT '[]';
ALTER TABLE article_attribution ADD COLUMN review_reason VARCHAR;
ALTER TABLE article_attribution ADD COLUMN review_kind VARCHAR;   -- tie | unattributed | low_confidence

-- The review queue: items whose credit an analyst should confirm, CCHC items first,
-- then by confidence (lowest first). Overridden items are out of the queue (an analyst decided).
CREATE VIEW attribution_review AS
SELECT t.article_id, a.title, a.url, a.source_id, a.published_at, t.agency_id, t.method, t.confidence, t.evidence,
       t.candidates_json, t.review_reason, t.review_kind, l.is_cchc
FROM article_attribution t
JOIN articles a USING (article_id)
JOIN article_labels l USING (article_id)
WHERE t.review_reason IS NOT NULL AND t.method <> 'analyst'
ORDER BY l.is_cchc DESC, t.confidence ASC, t.article_id;
