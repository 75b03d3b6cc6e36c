/**
 * The raw-page archive: every fetched article page kept gzip-compressed and
 * content-addressed by the sha256 of its bytes, under <dir>/<sha[0:2]>/<sha>.gz.
 * The index (URL, time, status, headers) is the warehouse table archive_pages.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, renameSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Warehouse } from "../warehouse/db.ts";

/** The archive next to a warehouse file: data/cchc.duckdb → data/archive. */
export function archiveDirFor(dbPath: string): string {
  return join(dbPath === ":memory:" ? "data" : dirname(dbPath), "archive");
}

export function sha256(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

export class ArchiveStore {
  constructor(readonly dir: string) {}

  pathOf(sha: string): string {
    return join(this.dir, sha.slice(0, 2), `${sha}.gz`);
  }

  /** Store the bytes (once: same bytes, same file); returns their sha256. Written atomically. */
  put(raw: Buffer): string {
    const sha = sha256(raw);
    const path = this.pathOf(sha);
    if (!existsSync(path)) {
      mkdirSync(dirname(path), { recursive: true });
      const tmp = `${path}.${process.pid}.tmp`;
      writeFileSync(tmp, gzipSync(raw, { level: 6 }));
      renameSync(tmp, path);
    }
    return sha;
  }

  get(sha: string): Buffer {
    const raw = gunzipSync(readFileSync(this.pathOf(sha)));
    if (sha256(raw) !== sha) throw new Error(`${this.pathOf(sha)}: content does not match its sha256`);
    return raw;
  }
}

export interface ArchiveEntry {
  sha256: string;
  url: string;
  source_id: string;
  run_id: string | null;
  kind: "article" | "listing";
  fetched_at: Date;
  status: number;
  content_type: string | null;
  charset: string;
  headers: Record<string, string>;
  bytes: number;
  item: unknown;
}

/** Record one archived fetch (call inside the batch's transaction). */
export async function indexArchived(w: Warehouse, e: ArchiveEntry): Promise<void> {
  await w.run(
    `INSERT INTO archive_pages (sha256, url, source_id, run_id, kind, fetched_at, status, content_type, charset, headers_json, bytes, item_json)
     VALUES ($sha, $url, $source, $run, $kind, $at::TIMESTAMPTZ, $status, $ctype, $charset, $headers, $bytes, $item)
     ON CONFLICT (url, sha256) DO UPDATE SET fetched_at = excluded.fetched_at, run_id = excluded.run_id, headers_json = excluded.headers_json`,
    {
      sha: e.sha256,
      url: e.url,
      source: e.source_id,
      run: e.run_id,
      kind: e.kind,
      at: e.fetched_at.toISOString(),
      status: e.status,
      ctype: e.content_type,
      charset: e.charset,
      headers: JSON.stringify(e.headers),
      bytes: e.bytes,
      item: e.item === null || e.item === undefined ? null : JSON.stringify(e.item),
    },
  );
}
