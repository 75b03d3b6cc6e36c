/**
 * The warehouse's models (pipelines/warehouse/models/<layer>_<name>.sql) are the one definition of
 * every view they create: no migration defines one too, a fresh and an upgraded warehouse both end
 * with the model's view, and docs/site-data.md describes exactly the models as built.
 */
import { mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { modelFiles, withWarehouse } from "../../pipelines/warehouse/db.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const MODELS = join(ROOT, "pipelines/warehouse/models");
const MIGRATIONS = join(ROOT, "pipelines/warehouse/migrations");
const DOC = readFileSync(join(ROOT, "docs/site-data.md"), "utf-8");

/** Names a SQL text creates (views, macros, tables), comments left out. */
function created(sql: string, kinds = "VIEW|MACRO|TABLE"): string[] {
  const text = sql.replace(/--[^\n]*/g, "");
  return [...text.matchAll(new RegExp(`CREATE\\s+(?:OR\\s+REPLACE\\s+)?(?:${kinds})\\s+(?:IF\\s+NOT\\s+EXISTS\\s+)?(\\w+)`, "gi"))].map((m) => m[1].toLowerCase());
}
const modelObjects = Object.fromEntries(modelFiles(MODELS).map((f) => [f, created(readFileSync(join(MODELS, f), "utf-8"))]));
const migrationText = readdirSync(MIGRATIONS).filter((f) => f.endsWith(".sql")).map((f) => [f, readFileSync(join(MIGRATIONS, f), "utf-8")] as const);

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));
const tmpDb = () => {
  const d = mkdtempSync(join(tmpdir(), "cchc-models-"));
  dirs.push(d);
  return join(d, "w.duckdb");
};
const viewSql = (db: string) =>
  withWarehouse(db, async (w) => Object.fromEntries((await w.all("SELECT view_name, sql FROM duckdb_views() WHERE NOT internal")).map((r) => [r.view_name, r.sql])), { readOnly: true });

describe("warehouse models", () => {
  it("no migration defines a view or macro that a model defines", () => {
    const byModels = new Set(Object.values(modelObjects).flat());
    const twins = migrationText.flatMap(([f, sql]) => created(sql, "VIEW|MACRO").filter((n) => byModels.has(n)).map((n) => `${f}: ${n}`));
    expect(twins).toEqual([]);
  });

  it("a fresh warehouse and an upgraded one (holding an older version of the views) both end with the models' views", async () => {
    const fresh = tmpDb();
    await withWarehouse(fresh, async () => undefined, { create: true });
    const upgraded = tmpDb();
    await withWarehouse(upgraded, async (w) => {
      // what a warehouse made by the old migrations 020/051 holds: their own versions of the views
      await w.run("CREATE OR REPLACE VIEW countable_items AS SELECT article_id, 'old' AS stale FROM articles");
      await w.run("CREATE OR REPLACE VIEW report_items AS SELECT 'old' AS stale");
    }, { create: true });
    await withWarehouse(upgraded, async () => undefined); // the next writable open (any command that writes)
    const [a, b] = [await viewSql(fresh), await viewSql(upgraded)];
    for (const name of ["countable_items", "report_items"]) {
      expect(a[name], name).toBeDefined();
      expect(b[name], name).toBe(a[name]);
      expect(String(b[name])).not.toContain("stale");
    }
    expect(String(a.report_items)).toContain("media_kind"); // the model's columns, not 051's
    expect(Object.keys(a).sort()).toEqual(Object.keys(b).sort());
  });

  it("docs/site-data.md names every model file and what it creates, and names no model that does not exist", () => {
    const missing = Object.entries(modelObjects).flatMap(([file, names]) => [file, ...names].filter((n) => !DOC.includes(`\`${n}\``) && !DOC.includes(`\`${n}(`)).map((n) => `${file}: ${n}`));
    expect(missing, "add these to the layers table of docs/site-data.md").toEqual([]);
    const tables = new Set(migrationText.flatMap(([, sql]) => created(sql)));
    const known = new Set([...Object.keys(modelObjects), ...Object.values(modelObjects).flat(), ...tables]);
    const named = [...DOC.matchAll(/`((?:staging|intermediate|marts)_\w+\.sql|(?:stg|int|mart)_\w+)(?:\([^)]*\))?`/g)].map((m) => m[1]);
    expect(named.length).toBeGreaterThan(10);
    expect([...new Set(named.filter((n) => !known.has(n)))], "docs/site-data.md names models that do not exist").toEqual([]);
  });
});
