/**
 * The raw-page archive: every fetched article page kept gzip-compressed and
 * content-addressed by the sha256 of its bytes. A crawl writes the pages of
 * each write batch as one pack file, <dir>/packs/<name>.pack (one file per
 * batch instead of one per page: the file system calls, not the compression,
 * were the archive's cost); older archives hold loose files
 * <dir>/<sha[0:2]>/<sha>.gz, read as before. The index (URL, time, status,
 * headers) is the warehouse table archive_pages.
 *
 * A pack (format 1) is self-describing and verifiable without the warehouse:
 *
 *   "CCHC-PACK 1\n"
 *   the pages, one gzip member each, back to back
 *   one JSON line: {"entries": [[sha256, offset, length], …]}   (offset from the file's start)
 *   "CCHC-PACK-INDEX <offset of the JSON line, 16 digits>\n"   (fixed length: the file's last 33 bytes)
 *
 * Every page read is checked against its sha256. A pack is written to a
 * temporary (`<name>.pack.<pid>.tmp`) and renamed when whole, before the
 * batch's index rows are committed, so a committed row always finds its page.
 */
import { createHash } from "node:crypto";
import { closeSync, existsSync, mkdirSync, openSync, readdirSync, readFileSync, readSync, renameSync, rmSync, statSync, writeFileSync } from "node:fs";
import { dirname, join } from "node:path";
import { gunzipSync, gzipSync } from "node:zlib";
import type { Warehouse } from "../warehouse/db.ts";
import { StagingTable } from "../warehouse/staging.ts";
import { StorageError } from "../crawl/failure-kinds.ts";
import { isProcessAlive } from "../os/process.ts";

const TEMP_NAME = /^[0-9a-f]{64}\.gz\.(\d+)\.tmp$/;
const PACK_TEMP_NAME = /^[\w-]+\.pack\.(\d+)\.tmp$/;
const PACK_MAGIC = "CCHC-PACK 1\n";
const TRAILER_PREFIX = "CCHC-PACK-INDEX ";
const TRAILER_BYTES = TRAILER_PREFIX.length + 16 + 1;

/** The archive next to a warehouse file: data/cchc.duckdb → data/archive. */
export function archiveDirFor(dbPath: string): string {
  return join(dbPath === ":memory:" ? "data" : dirname(dbPath), "archive");
}

export function sha256(raw: Buffer): string {
  return createHash("sha256").update(raw).digest("hex");
}

/** Where a page is in a pack. */
interface PackEntry {
  pack: string;
  offset: number;
  length: number;
}

/** Read a pack's index (its trailer and JSON line); throws when the file is not a whole pack. */
export function readPackIndex(path: string): Array<[sha: string, offset: number, length: number]> {
  const fd = openSync(path, "r");
  try {
    const size = statSync(path).size;
    const head = Buffer.alloc(PACK_MAGIC.length);
    readSync(fd, head, 0, head.length, 0);
    const tail = Buffer.alloc(TRAILER_BYTES);
    if (size < PACK_MAGIC.length + TRAILER_BYTES || readSync(fd, tail, 0, TRAILER_BYTES, size - TRAILER_BYTES) !== TRAILER_BYTES) throw new Error(`${path}: not a whole pack`);
    const trailer = tail.toString("latin1");
    if (head.toString("latin1") !== PACK_MAGIC || !trailer.startsWith(TRAILER_PREFIX) || !trailer.endsWith("\n")) throw new Error(`${path}: not a whole pack`);
    const at = Number(trailer.slice(TRAILER_PREFIX.length, -1));
    const json = Buffer.alloc(size - TRAILER_BYTES - at);
    readSync(fd, json, 0, json.length, at);
    const entries = (JSON.parse(json.toString("utf-8")) as { entries: Array<[string, number, number]> }).entries;
    if (entries.some(([, offset, length]) => offset < PACK_MAGIC.length || offset + length > at)) throw new Error(`${path}: index points outside the pack`);
    return entries;
  } finally {
    closeSync(fd);
  }
}

export class ArchiveStore {
  /** Pages put since the last flush: sha → gzip bytes (one pack at the next flush). */
  private pending = new Map<string, Buffer>();
  /** Every page in this archive's packs (read on first need). */
  private packed: Map<string, PackEntry> | null = null;
  private packSeq = 0;

  constructor(readonly dir: string) {}

  /** The loose file of a page (archives written before packs). */
  pathOf(sha: string): string {
    return join(this.dir, sha.slice(0, 2), `${sha}.gz`);
  }

  private packs(): Map<string, PackEntry> {
    if (this.packed) return this.packed;
    const packed = new Map<string, PackEntry>();
    const dir = join(this.dir, "packs");
    let names: string[] = [];
    try {
      names = readdirSync(dir).filter((n) => n.endsWith(".pack")).sort();
    } catch {
      // no packs yet
    }
    for (const name of names) {
      for (const [sha, offset, length] of readPackIndex(join(dir, name))) if (!packed.has(sha)) packed.set(sha, { pack: name, offset, length });
    }
    return (this.packed = packed);
  }

  /** Whether the archive holds loose files (an archive written before packs; read once: nothing writes them now). */
  private loose: boolean | null = null;

  private hasLoose(): boolean {
    if (this.loose === null) {
      try {
        this.loose = readdirSync(this.dir).some((name) => /^[0-9a-f]{2}$/.test(name));
      } catch {
        this.loose = false; // no archive yet
      }
    }
    return this.loose;
  }

  /** Whether the archive holds these bytes (in a pack, a loose file, or put and not yet flushed). */
  has(sha: string): boolean {
    return this.pending.has(sha) || this.packs().has(sha) || (this.hasLoose() && existsSync(this.pathOf(sha)));
  }

  /**
   * Keep the bytes (once: the same bytes are stored once); returns their sha256. They are
   * written at the next `flush` (the crawl flushes each write batch before committing its index).
   */
  put(raw: Buffer): string {
    const sha = sha256(raw);
    if (!this.has(sha)) this.pending.set(sha, gzipSync(raw, { level: 6 }));
    return sha;
  }

  /**
   * Write the pages put since the last flush as one pack, atomically (temporary, then rename).
   * A failed write (full disk) removes its temporary, keeps nothing of the batch and throws a
   * StorageError naming the file. Returns the pack's name, or null when there was nothing to write.
   */
  flush(): string | null {
    if (this.pending.size === 0) return null;
    const batch = this.pending;
    this.pending = new Map();
    const name = `${new Date().toISOString().replace(/[-:.]/g, "").slice(0, 15)}-${process.pid}-${++this.packSeq}.pack`;
    const path = join(this.dir, "packs", name);
    const parts: Buffer[] = [Buffer.from(PACK_MAGIC, "latin1")];
    const entries: Array<[string, number, number]> = [];
    let offset = PACK_MAGIC.length;
    for (const [sha, gz] of batch) {
      entries.push([sha, offset, gz.length]);
      parts.push(gz);
      offset += gz.length;
    }
    parts.push(Buffer.from(`${JSON.stringify({ entries })}\n`, "utf-8"));
    parts.push(Buffer.from(`${TRAILER_PREFIX}${String(offset).padStart(16, "0")}\n`, "latin1"));
    const tmp = `${path}.${process.pid}.tmp`;
    try {
      mkdirSync(dirname(path), { recursive: true });
      writeFileSync(tmp, Buffer.concat(parts));
      renameSync(tmp, path);
    } catch (error) {
      rmSync(tmp, { force: true });
      throw new StorageError(path, error);
    }
    const packed = this.packs();
    for (const [sha, off, length] of entries) if (!packed.has(sha)) packed.set(sha, { pack: name, offset: off, length });
    return name;
  }

  /** Forget the pages put since the last flush (their batch was not stored). */
  discard(): void {
    this.pending.clear();
  }

  /** Remove temporaries (`<sha>.gz.<pid>.tmp`, `<name>.pack.<pid>.tmp`) left by writers that died (kill -9, full disk); returns their names. */
  removeStaleTemps(): string[] {
    const removed: string[] = [];
    let shards: string[];
    try {
      shards = readdirSync(this.dir);
    } catch {
      return removed;
    }
    for (const shard of shards) {
      const isPacks = shard === "packs";
      if (!isPacks && !/^[0-9a-f]{2}$/.test(shard)) continue;
      for (const name of readdirSync(join(this.dir, shard))) {
        const m = (isPacks ? PACK_TEMP_NAME : TEMP_NAME).exec(name);
        const pid = Number(m?.[1]);
        if (!m || pid === process.pid || isProcessAlive(pid)) continue;
        rmSync(join(this.dir, shard, name), { force: true });
        removed.push(name);
      }
    }
    return removed;
  }

  /** The page's bytes, checked against their sha256; throws when the archive does not hold them. */
  get(sha: string): Buffer {
    const pending = this.pending.get(sha);
    let where: string;
    let gz: Buffer;
    let entry = pending ? undefined : this.packs().get(sha);
    if (!pending && !entry && !existsSync(this.pathOf(sha))) {
      this.packed = null; // a pack written since this store read the index (another process's crawl)
      entry = this.packs().get(sha);
    }
    if (pending) {
      where = "pending";
      gz = pending;
    } else if (entry) {
      where = join(this.dir, "packs", entry.pack);
      gz = Buffer.alloc(entry.length);
      const fd = openSync(where, "r");
      try {
        readSync(fd, gz, 0, entry.length, entry.offset);
      } finally {
        closeSync(fd);
      }
    } else {
      where = this.pathOf(sha);
      gz = readFileSync(where);
    }
    const raw = gunzipSync(gz);
    if (sha256(raw) !== sha) throw new Error(`${where}: content does not match its sha256 ${sha}`);
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

/** The staging table of archive index rows (see staging.ts), with the columns of archive_pages. */
const ARCHIVE_STAGE = new StagingTable(
  "archive_pages_stage",
  "archive_pages",
  ["sha256", "url", "source_id", "run_id", "kind", "fetched_at", "status", "content_type", "charset", "headers_json", "bytes", "item_json"],
);

/** Create the archive index's staging table outside any transaction (the crawl calls it at its start). */
export function prepareArchiveIndex(w: Warehouse): Promise<void> {
  return ARCHIVE_STAGE.prepare(w);
}

/** Record archived fetches in one staged statement (call inside the batch's transaction). */
export async function indexArchived(w: Warehouse, entries: ArchiveEntry | ArchiveEntry[]): Promise<void> {
  const list = Array.isArray(entries) ? entries : [entries];
  if (list.length === 0) return;
  // one row per (url, sha256): the same bytes fetched again only move the time forward (the last fetch of the batch)
  const seen = new Map<string, number>();
  list.forEach((e, i) => seen.set(`${e.url}\n${e.sha256}`, i));
  const keep = [...seen.values()].sort((a, b) => a - b);
  await ARCHIVE_STAGE.write(
    w,
    keep.map((i) => {
      const e = list[i]!;
      return {
        sha256: e.sha256,
        url: e.url,
        source_id: e.source_id,
        run_id: e.run_id,
        kind: e.kind,
        fetched_at: e.fetched_at,
        status: e.status,
        content_type: e.content_type,
        charset: e.charset,
        headers_json: JSON.stringify(e.headers),
        bytes: e.bytes,
        item_json: e.item === null || e.item === undefined ? null : JSON.stringify(e.item),
      };
    }),
    `INSERT INTO archive_pages (sha256, url, source_id, run_id, kind, fetched_at, status, content_type, charset, headers_json, bytes, item_json)
     SELECT sha256, url, source_id, run_id, kind, fetched_at, status, content_type, charset, headers_json, bytes, item_json FROM temp.${ARCHIVE_STAGE.name}
     ON CONFLICT (url, sha256) DO UPDATE SET fetched_at = excluded.fetched_at, run_id = excluded.run_id, headers_json = excluded.headers_json`,
  );
}
