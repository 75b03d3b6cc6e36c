/** The shipped registry's merged province (NQ 1682/NQ-UBTVQH15): units, lineage, old province still listed. */
import { describe, expect, it } from "vitest";
import { agenciesAt, mapAgency } from "../../pipelines/registry/agencies.ts";
import { loadRegistry, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";

const registry = loadRegistry(SHIPPED_REGISTRY_DIR);
const TODAY = "2026-12-01";

describe("shipped registry: the merged Tây Ninh province", () => {
  it("has the 96 commune-level units (82 xã, 14 phường) valid on 2026-12-01, each citing its clause", () => {
    const units = agenciesAt(registry, TODAY, ["ubnd_xa_phuong"]);
    expect(units).toHaveLength(96);
    expect(units.filter((a) => a.name.startsWith("Ủy ban nhân dân xã ")).length).toBe(82);
    expect(units.filter((a) => a.name.startsWith("Ủy ban nhân dân phường ")).length).toBe(14);
    const clauses = units.map((a) => Number(/khoản (\d+)$/.exec(a.source ?? "")?.[1]));
    expect(new Set(clauses)).toEqual(new Set(Array.from({ length: 96 }, (_, i) => i + 1)));
    expect(units.every((a) => a.valid_from === "2025-07-01")).toBe(true);
  });

  it("lists the 15 provincial bodies and the merged press body today, and no district", () => {
    expect(agenciesAt(registry, TODAY, ["so_ban_nganh"])).toHaveLength(15);
    expect(agenciesAt(registry, TODAY, ["ubnd_huyen"])).toHaveLength(0);
    const press = agenciesAt(registry, TODAY, ["press", "broadcaster", "press_broadcaster"]);
    expect(press.map((a) => a.id)).toEqual(["bao-va-ptth-tay-ninh"]);
    expect(press[0]).toMatchObject({ valid_from: "2025-06-20", parent: "tinh-uy-tay-ninh" });
  });

  it("still lists the old province on 2024-06-01: Tây Ninh's 9 district-level units, Báo Tây Ninh, the city's wards", () => {
    const day = "2024-06-01";
    const tn = agenciesAt(registry, day, ["ubnd_huyen"]).filter((a) => a.parent === "ubnd-tinh-tay-ninh");
    expect(tn).toHaveLength(9);
    expect(agenciesAt(registry, day).map((a) => a.id)).toEqual(expect.arrayContaining(["bao-tay-ninh", "dai-ptth-tay-ninh", "ubnd-p3-tay-ninh", "so-ke-hoach-dau-tu"]));
    // 94 former communes of Tây Ninh and 186 of Long An (the counts the two provinces' plans give)
    expect(agenciesAt(registry, day, ["ubnd_xa_phuong"])).toHaveLength(94 + 186);
  });

  it("maps every abolished body to a body valid today, or says why it does not", () => {
    const unexplained = registry.agencies
      .filter((a) => a.valid_to && a.valid_to < TODAY)
      .filter((a) => mapAgency(registry, a.id, TODAY).length === 0 && !a.end_note)
      .map((a) => a.id);
    expect(unexplained).toEqual([]);
  });

  it("sends a former ward's items to its successor: Phường 3 (TP Tây Ninh) → phường Tân Ninh; Chà Là split", () => {
    expect(mapAgency(registry, "ubnd-p3-tay-ninh", TODAY)).toEqual(["ubnd-phuong-tan-ninh"]);
    expect(mapAgency(registry, "ubnd-x-cha-la-duong-minh-chau", TODAY).sort()).toEqual(["ubnd-phuong-ninh-thanh", "ubnd-xa-cau-khoi"]);
    expect(mapAgency(registry, "bao-long-an", TODAY)).toEqual(["bao-va-ptth-tay-ninh"]);
    expect(mapAgency(registry, "so-ke-hoach-dau-tu-long-an", TODAY)).toEqual(["so-tai-chinh"]);
  });
});
