-- intermediate: the archived copies ("bản lưu") the site ships, one definition. For every
-- link the site or the evidence export shows (items that can count — report_items — and the
-- attribution review queue), the latest successful fetch of that URL in the raw archive
-- (archive_pages, files in pipelines/archive/). `archive_path` is the copy's path under the
-- built site: ban-luu/<id[0:2]>/<id>.html with id = sha256(url, newline, sha256 of the bytes)
-- — stable across builds, new when the page's bytes change. The build writes exactly these
-- files (pipelines/archive/copies.ts); marts and exports only carry the path.
CREATE OR REPLACE VIEW int_archived_copies AS
WITH shown AS (
  SELECT url FROM report_items WHERE url IS NOT NULL
  UNION
  SELECT url FROM attribution_review WHERE url IS NOT NULL
), latest AS (
  SELECT p.url, p.sha256, p.fetched_at, p.source_id, p.charset, p.bytes,
         row_number() OVER (PARTITION BY p.url ORDER BY p.fetched_at DESC, p.sha256) AS rn
  FROM archive_pages p
  JOIN shown s ON s.url = p.url
  WHERE p.kind = 'article' AND p.status BETWEEN 200 AND 299
)
SELECT l.url, l.sha256, l.fetched_at, l.source_id, src.name AS source_name, coalesce(src.is_demo, FALSE) AS is_demo,
       l.charset, l.bytes,
       'ban-luu/' || substr(sha256(l.url || chr(10) || l.sha256), 1, 2) || '/' || substr(sha256(l.url || chr(10) || l.sha256), 1, 40) || '.html' AS archive_path
FROM latest l
LEFT JOIN sources src ON src.source_id = l.source_id
WHERE l.rn = 1;
