/**
 * Building the static site safely:
 *   - Framework writes into a temporary folder; the result replaces the target
 *     folder (default dist/) only when the build succeeded, so a failed build
 *     (a bad --db, a broken page) leaves the previous site whole;
 *   - with `isolated`, Framework runs on a private copy of src/ (its loader
 *     cache included), so tests and benchmarks never write the user's dist/,
 *     data/ or src/.observablehq/cache;
 *   - the built site carries `.cchc-site.json`: the identity of the warehouse
 *     it was built from (warehouse_identity, migration 060) and when its
 *     coverage was computed, which `cchc briefing` checks before printing.
 */
import { cpSync, existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, renameSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { withWarehouse } from "../warehouse/db.ts";
import { archiveDirFor } from "../archive/store.ts";
import type { CopiesResult } from "../archive/copies.ts";

const ROOT = resolve(dirname(fileURLToPath(import.meta.url)), "../..");

/**
 * The archived copies' writer (with the crawl's decoding and cheerio), loaded when a build or a
 * running site writes them: `cchc report` loads this module for refreshLiveSite, not that.
 */
const archiveCopies = () => import("../archive/copies.ts");
export const DEFAULT_SITE_DIR = join(ROOT, "dist");
export const SITE_STAMP = ".cchc-site.json";
/** npm bundles of isolated builds, kept between runs outside the project (never src/.observablehq). */
const NPM_BUNDLE_CACHE = join(tmpdir(), "cchc-monitor-npm-bundles");

export interface WarehouseStamp {
  warehouse_id: string | null;
  warehouse: string;
  coverage_computed_at: string | null;
}

/** Which warehouse this is, and when its coverage was last computed. Refuses a missing file. */
export async function warehouseStamp(db: string): Promise<WarehouseStamp> {
  return withWarehouse(
    db,
    async (w) => {
      const id = await w.one("SELECT warehouse_id FROM warehouse_identity LIMIT 1").catch(() => undefined);
      const at = await w
        .one("SELECT strftime(max(computed_at), '%Y-%m-%dT%H:%M:%S+07:00') AS at FROM coverage")
        .catch(() => undefined);
      return { warehouse_id: (id?.warehouse_id as string) ?? null, warehouse: resolve(db), coverage_computed_at: (at?.at as string) ?? null };
    },
    { readOnly: true },
  );
}

/** The stamp of a built site, or null when it has none. */
export function siteStamp(siteDir: string): WarehouseStamp | null {
  const file = join(siteDir, SITE_STAMP);
  if (!existsSync(file)) return null;
  try {
    return JSON.parse(readFileSync(file, "utf-8")) as WarehouseStamp;
  } catch {
    return null;
  }
}

/** Does the site in `siteDir` show this warehouse as it is now? */
export function siteShows(siteDir: string, stamp: WarehouseStamp): boolean {
  const built = siteStamp(siteDir);
  return (
    built !== null &&
    built.warehouse_id === stamp.warehouse_id &&
    built.coverage_computed_at === stamp.coverage_computed_at &&
    existsSync(join(siteDir, "ban-tin.html"))
  );
}

export type FrameworkRunner = (args: string[], env: Record<string, string>) => Promise<number>;

export interface BuildOptions {
  db: string;
  /** Where the site goes (default dist/); replaced only on success. */
  outDir?: string;
  /** Run Framework on a private copy of src/ (nothing written under src/). */
  isolated?: boolean;
  /**
   * A private copy of src/ kept between builds (a sibling of src/ named .cchc-build-*, made on the first
   * build): its loader cache is reused, so only the loaders named in `stale` run again (`cchc serve`).
   */
  persistentRoot?: string;
  /** With persistentRoot: data loader outputs to drop first (e.g. "items.arrow"); "all" drops every one. */
  stale?: string[] | "all";
  /** The stamp to write (default: the stamp of `db`), e.g. when `db` is a snapshot of the real warehouse. */
  stamp?: WarehouseStamp;
}

/**
 * Make (once) a private copy of src/ at `root` (a sibling of src/), without src/'s Framework cache but with
 * the npm bundles. Tests run `cchc start` on one (CCHC_SITE_ROOT), so src/.observablehq stays the user's.
 */
export function privateRoot(root: string): void {
  if (existsSync(join(root, "index.md"))) return;
  const cacheDir = join(ROOT, "src", ".observablehq");
  cpSync(join(ROOT, "src"), root, { recursive: true, filter: (p) => p !== cacheDir && !p.startsWith(`${cacheDir}/`) });
  // Reuse the npm bundles (the user's, read only, or an earlier isolated build's) so they are not bundled again.
  const npm = [join(cacheDir, "cache", "_npm"), NPM_BUNDLE_CACHE].find((d) => existsSync(d));
  if (npm) cpSync(npm, join(root, ".observablehq", "cache", "_npm"), { recursive: true });
}

/** Build the site from `db` into a temporary folder and swap it in when the build succeeded. */
export async function buildSite(
  run: FrameworkRunner,
  options: BuildOptions,
): Promise<{ outDir: string; stamp: WarehouseStamp; copies: CopiesResult }> {
  const outDir = resolve(options.outDir ?? DEFAULT_SITE_DIR);
  const stamp = options.stamp ?? (await warehouseStamp(options.db)); // refuses a missing warehouse before anything is written
  // The private root is a sibling of src/ (same depth, so the loaders' ../../pipelines imports resolve).
  const work = mkdtempSync(join(ROOT, ".cchc-build-"));
  const tmpOut = `${work}-out`;
  const env: Record<string, string> = { CCHC_DB: resolve(options.db), CCHC_SITE_OUTPUT: tmpOut };
  try {
    if (options.persistentRoot) {
      privateRoot(options.persistentRoot);
      const data = join(options.persistentRoot, ".observablehq", "cache", "data");
      if (options.stale === "all") rmSync(data, { recursive: true, force: true });
      else for (const name of options.stale ?? []) rmSync(join(data, name), { recursive: true, force: true });
      env.CCHC_SITE_ROOT = relative(ROOT, options.persistentRoot);
    } else if (options.isolated) {
      privateRoot(work);
      env.CCHC_SITE_ROOT = relative(ROOT, work);
    } else {
      clearLoaderCache();
    }
    const code = await run(["build"], env);
    if (code !== 0 || !existsSync(join(tmpOut, "index.html"))) throw new Error(`dựng trang thất bại (mã ${code}); ${outDir} được giữ nguyên`);
    // The archived copies ("bản lưu") of every link the site shows, from the raw archive next to the
    // real warehouse (stamp.warehouse: `db` may be a snapshot of it), at the paths the marts name.
    const { archivedCopyRows, writeArchivedCopies } = await archiveCopies();
    const copies = writeArchivedCopies(await archivedCopyRows(options.db), archiveDirFor(stamp.warehouse), tmpOut);
    writeFileSync(join(tmpOut, SITE_STAMP), JSON.stringify(stamp, null, 2));
    const built = join(work, ".observablehq", "cache", "_npm");
    if (options.isolated && !options.persistentRoot && existsSync(built)) {
      rmSync(NPM_BUNDLE_CACHE, { recursive: true, force: true });
      cpSync(built, NPM_BUNDLE_CACHE, { recursive: true });
    }
    swapIn(tmpOut, outDir);
    return { outDir, stamp, copies };
  } finally {
    rmSync(work, { recursive: true, force: true });
    rmSync(tmpOut, { recursive: true, force: true });
  }
}

/** Replace `target` by `fresh` (two renames; the old folder is removed after the new one is in place). */
function swapIn(fresh: string, target: string): void {
  mkdirSync(dirname(target), { recursive: true });
  const old = `${target}.old-${process.pid}`;
  if (existsSync(target)) renameSync(target, old);
  try {
    try {
      renameSync(fresh, target);
    } catch {
      cpSync(fresh, target, { recursive: true }); // another file system
    }
  } catch (error) {
    if (existsSync(old)) renameSync(old, target);
    throw error;
  }
  rmSync(old, { recursive: true, force: true });
}

/** Framework's source folder: src/, or CCHC_SITE_ROOT (relative to the project) as observablehq.config.ts reads it. */
function siteRoot(): string {
  return resolve(ROOT, process.env.CCHC_SITE_ROOT ?? "src");
}

/**
 * Framework caches loader output and reruns a loader only when its source
 * changes, not when the warehouse does: drop cached data (keep the npm bundles).
 */
export function clearLoaderCache(): void {
  const cache = join(siteRoot(), ".observablehq", "cache");
  if (!existsSync(cache)) return;
  for (const entry of readdirSync(cache)) {
    if (entry !== "_npm") rmSync(join(cache, entry), { recursive: true, force: true });
  }
}

/** Written by `cchc start` while its preview server runs: which warehouse the running site shows. */
const liveMarker = () => join(siteRoot(), ".observablehq", "cchc-live.json");

export function markLiveSite(db: string): () => void {
  const marker = liveMarker();
  mkdirSync(dirname(marker), { recursive: true });
  writeFileSync(marker, JSON.stringify({ warehouse: resolve(db), pid: process.pid }));
  return () => rmSync(marker, { force: true });
}

/** The archived copies `cchc start` serves under /ban-luu/ (pipelines/site/preview-front.ts): a folder holding `ban-luu/`. */
export function liveCopiesDir(): string {
  return join(siteRoot(), ".observablehq", "cchc-live-copies");
}

/**
 * Write the archived copies of `db` (int_archived_copies, as a build does) for `cchc start`:
 * into a fresh folder, then swapped in, so the running site never serves a half-written set.
 */
export async function writeLiveCopies(db: string): Promise<CopiesResult> {
  const dir = liveCopiesDir();
  const fresh = `${dir}.new-${process.pid}`;
  rmSync(fresh, { recursive: true, force: true });
  mkdirSync(fresh, { recursive: true });
  try {
    const { archivedCopyRows, writeArchivedCopies } = await archiveCopies();
    const copies = writeArchivedCopies(await archivedCopyRows(db), archiveDirFor(resolve(db)), fresh);
    swapIn(fresh, dir);
    return copies;
  } finally {
    rmSync(fresh, { recursive: true, force: true });
  }
}

/**
 * After a command changed the numbers of `db` (report, analyse, override): when a
 * running `cchc start` shows that warehouse, drop its cached loader output so the
 * next page load shows the new numbers, and write its archived copies anew (a crawl
 * and report add pages). Returns whether a running site was told.
 */
export async function refreshLiveSite(db: string): Promise<boolean> {
  const marker = liveMarker();
  if (!existsSync(marker)) return false;
  try {
    const live = JSON.parse(readFileSync(marker, "utf-8")) as { warehouse: string; pid: number };
    if (live.warehouse !== resolve(db)) return false;
    process.kill(live.pid, 0); // throws when that `cchc start` is gone (stopped with Ctrl+C, its marker left behind)
  } catch {
    return false;
  }
  clearLoaderCache();
  await writeLiveCopies(db);
  return true;
}
