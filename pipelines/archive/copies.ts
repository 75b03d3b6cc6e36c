/**
 * Writing the archived copies ("bản lưu") into a built site: one inert HTML
 * file per row of int_archived_copies (pipelines/warehouse/models/
 * intermediate_archived_copies.sql), at its `archive_path` under the site,
 * rendered from the raw archive by renderArchivedCopy. A row whose raw page is
 * missing from the archive folder is counted and named, never skipped silently.
 *
 * Rendering costs ≈6 ms of CPU per real page, so rendered copies are kept in a
 * cache folder next to the archive (`archive-copies/`, keyed by everything the
 * copy shows: format version, URL, page bytes, crawl time, DEMO flag, source) and
 * hard-linked into each new build (copied across file systems); the cache holds
 * exactly the copies of the last build (older entries are removed).
 */
import { createHash } from "node:crypto";
import { copyFileSync, existsSync, linkSync, mkdirSync, readdirSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { decodeBody } from "../crawl/fetcher.ts";
import { withWarehouse } from "../warehouse/db.ts";
import { ArchiveStore } from "./store.ts";
import { COPY_FORMAT_VERSION, renderArchivedCopy } from "./copy-html.ts";

export interface CopiesResult {
  written: number;
  bytes: number;
  /** Rows whose raw page is not in the archive folder (deleted, another machine): url and sha256. */
  missing: { url: string; sha256: string }[];
}

export interface CopyRow {
  url: string;
  sha256: string;
  fetched_at: Date;
  source_name: string | null;
  is_demo: boolean;
  charset: string;
  archive_path: string;
}

/** The copies the site ships (int_archived_copies), read from the warehouse. */
export async function archivedCopyRows(db: string): Promise<CopyRow[]> {
  return withWarehouse(
    db,
    async (w) => {
      const rows = await w.all(
        "SELECT url, sha256, fetched_at, source_name, is_demo, charset, archive_path FROM int_archived_copies ORDER BY archive_path",
      );
      return rows.map((r) => ({ ...r, fetched_at: new Date(r.fetched_at as string) }) as unknown as CopyRow);
    },
    { readOnly: true },
  );
}

/** The cache folder of rendered copies next to an archive folder: data/archive → data/archive-copies. */
export function copyCacheDirFor(archiveDir: string): string {
  return join(dirname(resolve(archiveDir)), "archive-copies");
}

function cacheKey(row: CopyRow): string {
  const inputs = [COPY_FORMAT_VERSION, row.url, row.sha256, row.fetched_at.toISOString(), row.is_demo, row.source_name ?? null];
  return createHash("sha256").update(JSON.stringify(inputs)).digest("hex");
}

function linkOrCopy(from: string, to: string): void {
  try {
    linkSync(from, to);
  } catch {
    copyFileSync(from, to);
  }
}

/** Remove cache entries (and stale temporaries) a build did not use. */
function pruneCache(cacheDir: string, used: Set<string>): void {
  if (!existsSync(cacheDir)) return;
  for (const shard of readdirSync(cacheDir)) {
    const dir = join(cacheDir, shard);
    if (!/^[0-9a-f]{2}$/.test(shard) || !statSync(dir).isDirectory()) continue;
    for (const name of readdirSync(dir)) if (!used.has(name)) rmSync(join(dir, name), { force: true });
  }
}

/** Render (or take from the cache) every copy of `rows` from the archive in `archiveDir` into `siteDir`. */
export function writeArchivedCopies(
  rows: CopyRow[],
  archiveDir: string,
  siteDir: string,
  cacheDir: string = copyCacheDirFor(archiveDir),
): CopiesResult & { rendered: number } {
  const store = new ArchiveStore(archiveDir);
  const root = resolve(siteDir);
  const result = { written: 0, bytes: 0, missing: [] as CopiesResult["missing"], rendered: 0 };
  const used = new Set<string>();
  for (const row of rows) {
    const target = resolve(root, row.archive_path);
    if (!target.startsWith(join(root, "ban-luu") + sep)) throw new Error(`archive_path outside the site: ${row.archive_path}`);
    if (!store.has(row.sha256)) {
      result.missing.push({ url: row.url, sha256: row.sha256 });
      continue;
    }
    const key = cacheKey(row);
    const cached = join(cacheDir, key.slice(0, 2), `${key}.html`);
    used.add(`${key}.html`);
    mkdirSync(dirname(target), { recursive: true });
    if (!existsSync(cached)) {
      const html = renderArchivedCopy(decodeBody(store.get(row.sha256), row.charset || "utf-8"), {
        url: row.url,
        fetched_at: row.fetched_at,
        is_demo: row.is_demo,
        source_name: row.source_name,
      });
      result.rendered++;
      try {
        mkdirSync(dirname(cached), { recursive: true });
        const tmp = `${cached}.${process.pid}.tmp`;
        writeFileSync(tmp, html);
        renameSync(tmp, cached);
      } catch {
        writeFileSync(target, html); // no cache (read-only or full data folder): the build still gets its copy
        result.written++;
        result.bytes += Buffer.byteLength(html);
        continue;
      }
    }
    try {
      linkOrCopy(cached, target);
    } catch {
      // the entry went away meanwhile (another build pruned it): render straight into the site
      writeFileSync(target, renderArchivedCopy(decodeBody(store.get(row.sha256), row.charset || "utf-8"), { ...row }));
      result.rendered++;
    }
    result.written++;
    result.bytes += statSync(target).size;
  }
  pruneCache(cacheDir, used);
  return result;
}
