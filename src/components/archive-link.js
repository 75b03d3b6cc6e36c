// Where an archived copy ("bản lưu") opens. Plain JavaScript shared by the site and the
// CLI's evidence export (pipelines/export/evidence.ts). `archive_path` (marts, e.g.
// "ban-luu/ab/ab12….html") is relative to the built site's root; with the site's published
// base URL (`cchc export evidence --site-url`, or the page's own address on the site) it
// becomes an absolute link. Anything but a ban-luu/ path is refused (no other target).

const COPY_PATH = /^ban-luu\/[0-9a-f]{2}\/[0-9a-f]{40}\.html$/;

/** The link of a copy: relative path, or absolute under `base` (http(s), a trailing "/" added); null when there is none. */
export function archiveUrl(path, base = null) {
  if (!path || !COPY_PATH.test(path)) return null;
  if (!base) return path;
  const root = String(base).endsWith("/") ? String(base) : `${base}/`;
  const url = new URL(path, root);
  if (url.protocol !== "http:" && url.protocol !== "https:") throw new Error(`--site-url: "${base}" is not an http(s) address`);
  return url.href;
}
