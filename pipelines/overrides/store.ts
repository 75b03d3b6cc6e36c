/**
 * Where overrides live: the warehouse table article_overrides, mirrored in a
 * JSON-lines file (default: overrides.jsonl next to the warehouse) that the
 * site reads and that survives a rebuilt warehouse. `cchc override` imports the
 * file, records, then rewrites the file; analyse imports file entries the table
 * lacks before applying them.
 */
import { overrideMessage } from "./messages.ts";
import { existsSync, readFileSync } from "node:fs";
import { canonicalCode } from "../vocabulary/index.ts";
import { dirname, join } from "node:path";
import { atomicWriteFile } from "../export/atomic.ts";
import type { Warehouse } from "../warehouse/db.ts";
import type { Area } from "../classify/lexicon.ts";
import { parseOverride, type Override } from "./overrides.ts";

/** The overrides file that goes with a warehouse file. */
export function defaultOverridesFile(dbPath: string): string {
  return join(dirname(dbPath === ":memory:" ? "data/x" : dbPath), "overrides.jsonl");
}

async function insert(w: Warehouse, o: Override): Promise<void> {
  await w.run(
    `INSERT INTO article_overrides (override_id, article_id, action, areas, agency_id, by_name, made_at, why)
     VALUES ($id, $article, $action, $areas, $agency, $by, $at::TIMESTAMPTZ, $why)
     ON CONFLICT (override_id) DO NOTHING`,
    { id: o.override_id, article: o.article_id, action: o.action, areas: o.areas ? o.areas.join(",") : null, agency: o.agency_id, by: o.by, at: o.at, why: o.why },
  );
}

export async function loadOverrides(w: Warehouse): Promise<Override[]> {
  const rows = await w.all("SELECT * FROM article_overrides ORDER BY made_at, override_id");
  return rows.map((r) => ({
    override_id: r.override_id as string,
    article_id: r.article_id as string,
    action: r.action as Override["action"],
    areas: r.areas ? ((r.areas as string).split(",").map(canonicalCode) as Area[]) : null,
    agency_id: (r.agency_id as string | null) ?? null,
    by: r.by_name as string,
    at: r.made_at as string,
    why: r.why as string,
  }));
}

/** Read an overrides file (missing file = none); a bad line is an error naming file:line: field. */
export function readOverridesFile(path: string): Override[] {
  if (!existsSync(path)) return [];
  const out: Override[] = [];
  readFileSync(path, "utf-8")
    .split("\n")
    .forEach((raw, i) => {
      if (!raw.trim()) return;
      let value: unknown;
      try {
        value = JSON.parse(raw);
      } catch (error) {
        throw new Error(`${path}:${i + 1}: (dòng): ${overrideMessage("ovr.not_json", { detail: (error as Error).message })}`);
      }
      out.push(parseOverride(path, i + 1, value));
    });
  return out;
}

/** Write every override in the warehouse to the file (atomically), oldest first. */
export async function exportOverridesFile(w: Warehouse, path: string): Promise<number> {
  const list = await loadOverrides(w);
  atomicWriteFile(path, list.map((o) => JSON.stringify(o)).join("\n") + (list.length ? "\n" : ""));
  return list.length;
}

/** Add the file's overrides that the warehouse lacks; returns how many were added. */
export async function importOverridesFile(w: Warehouse, path: string): Promise<number> {
  const list = readOverridesFile(path);
  if (!list.length) return 0;
  const known = new Set((await w.all("SELECT override_id FROM article_overrides")).map((r) => r.override_id as string));
  const fresh = list.filter((o) => !known.has(o.override_id));
  await w.transaction(async () => {
    for (const o of fresh) await insert(w, o);
  });
  return fresh.length;
}

/** Record one override in the warehouse (the article must exist). Mirror with exportOverridesFile after. */
export async function recordOverride(w: Warehouse, o: Override): Promise<void> {
  const article = await w.one("SELECT article_id FROM articles WHERE article_id = $id", { id: o.article_id });
  if (!article) throw new Error(`--article: ${overrideMessage("ovr.article_unknown", { article: o.article_id, warehouse: w.path })}`);
  await insert(w, o);
}
