/**
 * The raw-page archive: every fetched article page kept gzip-compressed and
 * content-addressed by the sha256 of its bytes, under <dir>/<sha[0:2]>/<sha>.gz.
 * The index (URL, time, status, headers) is the warehouse table archive_pages.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Warehouse } from "../warehouse/db.ts";
import { StorageError } from "../crawl/failure-kinds.ts";
import { isProcessAlive } from "../os/process.ts";

const TEMP_NAME = /^[0-9a-f]{64}\.gz\.(\d+)\.tmp$/;

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

  /**
   * Store the bytes (once: same bytes, same file); returns their sha256. Written
   * atomically; a failed write (full disk) removes its temporary and throws a
   * StorageError naming the file.
   */
  put(raw: Buffer): string {
    const sha = sha256(raw);
    const path = this.pathOf(sha);
    if (!existsSync(path)) {
      const tmp = `${path}.${process.pid}.tmp`;
      try {
        mkdirSync(dirname(path), { recursive: true });
        writeFileSync(tmp, gzipSync(raw, { level: 6 }));
        renameSync(tmp, path);
      } catch (error) {
        rmSync(tmp, { force: true });
        throw new StorageError(path, error);
      }
    }
    return sha;
  }

  /** Remove temporaries (`<sha>.gz.<pid>.tmp`) left by writers that died (kill -9, full disk); returns their names. */
  removeStaleTemps(): string[] {
    const removed: string[] = [];
    let shards: string[];
    try {
      shards = readdirSync(this.dir);
    } catch {
      return removed;
    }
    for (const shard of shards) {
      if (!/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of readdirSync(join(this.dir, shard))) {
        const m = TEMP_NAME.exec(name);
        const pid = Number(m?.[1]);
        if (!m || pid === process.pid || isProcessAlive(pid)) continue;
        rmSync(join(this.dir, shard, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
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

/** Record archived fetches in one statement (call inside the batch's transaction). */
export async function indexArchived(w: Warehouse, entries: ArchiveEntry | ArchiveEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  const params: (string | number | null)[] = [];
  const values = list.map((e) => {
    params.push(
      e.sha256,
      e.url,
      e.source_id,
      e.run_id,
      e.kind,
      e.fetched_at.toISOString(),
      e.status,
      e.content_type,
      e.charset,
      JSON.stringify(e.headers),
      e.bytes,
      e.item === null || e.item === undefined ? null : JSON.stringify(e.item),
    );
    return "(?, ?, ?, ?, ?, ?::TIMESTAMPTZ, ?, ?, ?, ?, ?, ?)";
  });
  // one row per (url, sha256): the same bytes fetched again only move the time forward
  const seen = new Map<string, number>();
  list.forEach((e, i) => seen.set(`${e.url}\n${e.sha256}`, i));
  const keep = [...seen.values()].sort((a, b) => a - b);
  const rows = keep.map((i) => values[i]!);
  const kept = keep.flatMap((i) => params.slice(i * 12, i * 12 + 12));
  await w.run(
    `INSERT INTO archive_pages (sha256, url, source_id, run_id, kind, fetched_at, status, content_type, charset, headers_json, bytes, item_json)
     VALUES ${rows.join(", ")}
     ON CONFLICT (url, sha256) DO UPDATE SET fetched_at = excluded.fetched_at, run_id = excluded.run_id, headers_json = excluded.headers_json`,
    kept,
  );
}
