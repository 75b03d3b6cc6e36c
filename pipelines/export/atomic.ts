/**
 * Atomic file replacement: the data goes to a temporary file beside the target,
 * is flushed to disk, then renamed over the target. A reader (or a crash at any
 * point, even kill -9) sees either the old file or the new one, never a torn one.
 */
import { closeSync, fsyncSync, openSync, readdirSync, renameSync, rmSync, writeSync } from "node:fs";
import { basename, dirname, join } from "node:path";
import { randomBytes } from "node:crypto";
import { isProcessAlive } from "../os/process.ts";
import { isDiskFull, StorageError } from "../crawl/failure-kinds.ts";

/** The temporary name used while writing `path` (same folder, so rename is atomic). */
export function tempPathFor(path: string): string {
  return join(dirname(path), `.${basename(path)}.${process.pid}.${randomBytes(4).toString("hex")}.tmp`);
}

/** Remove temporaries of `path` left by writers that died (kill -9, power loss); live writers' are kept. */
export function removeStaleTemps(path: string): string[] {
  const prefix = `.${basename(path)}.`;
  const removed: string[] = [];
  let names: string[];
  try {
    names = readdirSync(dirname(path));
  } catch {
    return removed;
  }
  for (const name of names) {
    if (!name.startsWith(prefix)) continue;
    const m = /^\.(\d+)\.[0-9a-f]{8}\.tmp$/.exec(name.slice(prefix.length - 1));
    if (!m || isProcessAlive(Number(m[1]))) continue;
    rmSync(join(dirname(path), name), { force: true });
    removed.push(name);
  }
  return removed;
}

/**
 * Write `data` to `path` atomically. On any error the previous file is untouched
 * and the temporary removed; a full disk is a StorageError naming the file.
 * Temporaries of writers that died are removed before writing and after.
 */
export function atomicWriteFile(path: string, data: string | Uint8Array): void {
  removeStaleTemps(path);
  const temp = tempPathFor(path);
  const bytes = typeof data === "string" ? Buffer.from(data, "utf-8") : data;
  let fd: number | null = null;
  try {
    fd = openSync(temp, "wx", 0o644);
    let offset = 0;
    while (offset < bytes.length) offset += writeSync(fd, bytes, offset, bytes.length - offset);
    fsyncSync(fd);
    closeSync(fd);
    fd = null;
    renameSync(temp, path);
  } catch (error) {
    if (fd !== null) closeSync(fd);
    rmSync(temp, { force: true });
    throw isDiskFull(error) ? new StorageError(path, error) : error;
  }
  syncDirectory(dirname(path));
  removeStaleTemps(path);
}

/** Persist a rename: fsync the folder (a no-op where the platform does not allow it). */
function syncDirectory(dir: string): void {
  let fd: number | null = null;
  try {
    fd = openSync(dir, "r");
    fsyncSync(fd);
  } catch {
    // Windows and some file systems cannot fsync a directory; the rename is still atomic.
  } finally {
    if (fd !== null) closeSync(fd);
  }
}
