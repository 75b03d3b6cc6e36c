/**
 * Writing the archived copies ("bản lưu") into a built site: one inert HTML
 * file per row of int_archived_copies (pipelines/warehouse/models/
 * intermediate_archived_copies.sql), at its `archive_path` under the site,
 * rendered from the raw archive by renderArchivedCopy. A row whose raw page is
 * missing from the archive folder is counted and named, never skipped silently.
 */
import { existsSync, mkdirSync, writeFileSync } from "node:fs";
import { dirname, join, resolve, sep } from "node:path";
import { decodeBody } from "../crawl/fetcher.ts";
import { withWarehouse } from "../warehouse/db.ts";
import { ArchiveStore } from "./store.ts";
import { renderArchivedCopy } from "./copy-html.ts";

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

/** Render every copy of `rows` from the archive in `archiveDir` into `siteDir`. */
export function writeArchivedCopies(rows: CopyRow[], archiveDir: string, siteDir: string): CopiesResult {
  const store = new ArchiveStore(archiveDir);
  const root = resolve(siteDir);
  const result: CopiesResult = { written: 0, bytes: 0, missing: [] };
  for (const row of rows) {
    const target = resolve(root, row.archive_path);
    if (!target.startsWith(join(root, "ban-luu") + sep)) throw new Error(`archive_path outside the site: ${row.archive_path}`);
    if (!existsSync(store.pathOf(row.sha256))) {
      result.missing.push({ url: row.url, sha256: row.sha256 });
      continue;
    }
    const html = renderArchivedCopy(decodeBody(store.get(row.sha256), row.charset || "utf-8"), {
      url: row.url,
      fetched_at: row.fetched_at,
      is_demo: row.is_demo,
      source_name: row.source_name,
    });
    mkdirSync(dirname(target), { recursive: true });
    writeFileSync(target, html);
    result.written++;
    result.bytes += Buffer.byteLength(html);
  }
  return result;
}
