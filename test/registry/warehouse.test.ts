import { afterEach, beforeEach, describe, expect, it } from "vitest";
import { loadRegistry, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";
import { loadRegistryIntoWarehouse } from "../../pipelines/registry/warehouse.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { MINIMAL } from "./helpers.ts";

const count = async (w: Warehouse, table: string) => (await w.one(`SELECT count(*) AS n FROM ${table}`))!.n;

describe("loadRegistryIntoWarehouse", () => {
  let w: Warehouse;
  beforeEach(async () => {
    w = await Warehouse.open(":memory:");
  });
  afterEach(() => w.close());

  it("writes every registry table, and loading again replaces rather than adds", async () => {
    const registry = loadRegistry(MINIMAL);
    const first = await loadRegistryIntoWarehouse(w, registry);
    expect(first).toEqual({ agencies: 5, aliases: 8, lineage: 2, sources: 4, plans: 1, targets: 2, plan_tasks: 1 });
    await loadRegistryIntoWarehouse(w, registry);
    expect(await count(w, "agencies")).toBe(5);
    expect(await count(w, "registry_sources")).toBe(4);
    const target = await w.one("SELECT clause, min_count, channels, channels_expanded, who_kinds, who_agencies, period FROM targets WHERE target_id = 't-yearly'");
    expect(target).toMatchObject({ clause: "I.1", min_count: 4, channels: ["mass_media"], who_kinds: ["so_ban_nganh", "ubnd_huyen"], who_agencies: null, period: "year" });
    expect(target!.channels_expanded).toContain("newspaper");
    const source = await w.one("SELECT start_urls, delay_ms, concurrency, date_order FROM registry_sources WHERE source_id = 'so-a-site'");
    expect(source).toEqual({ start_urls: ["https://a.example.org/"], delay_ms: 1000, concurrency: 2, date_order: "mdy" });
    expect(await w.one("SELECT to_id, effective FROM agency_lineage WHERE from_id = 'so-a'")).toEqual({ to_id: "so-c", effective: "2025-03-01" });
    expect(await w.all("SELECT folded FROM agency_aliases WHERE agency_id = 'so-a' ORDER BY folded")).toEqual([{ folded: "sa" }, { folded: "so alpha" }, { folded: "so alpha tinh thu" }]);
  });

  it("leaves the previous registry intact when a load fails half-way", async () => {
    const registry = loadRegistry(MINIMAL);
    await loadRegistryIntoWarehouse(w, registry);
    const broken = { ...registry, targets: [...registry.targets, registry.targets[0]] }; // duplicate primary key
    await expect(loadRegistryIntoWarehouse(w, broken)).rejects.toThrow();
    expect(await count(w, "targets")).toBe(2);
    expect(await count(w, "agencies")).toBe(5);
  });

  it("loads the shipped registry", async () => {
    const summary = await loadRegistryIntoWarehouse(w, loadRegistry(SHIPPED_REGISTRY_DIR));
    expect(summary.targets).toBeGreaterThanOrEqual(20);
    const v1b = await w.one("SELECT min_count, period FROM targets WHERE plan_id = '1007/KH-UBND' AND clause = 'V.1.b' AND measure = 'items'");
    expect(v1b).toEqual({ min_count: 12, period: "year" });
  });
});
