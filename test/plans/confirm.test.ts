import { readFileSync } from "node:fs";
import { join } from "node:path";
import { afterEach, describe, expect, it } from "vitest";
import { confirmKindMappings, MappingConfirmError } from "../../pipelines/plans/confirm.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { targetsInForce } from "../../pipelines/registry/provisional.ts";

import { fixtureRegistryCopy } from "../fixtures/registries.ts";

// A copy of the fixture registry (never the shipped one) with its frozen carry-forward file: the mapping unconfirmed.
const copies: (() => void)[] = [];
function copy(): string {
  const c = fixtureRegistryCopy({ carryForward: true });
  copies.push(c.remove);
  return c.dir;
}
afterEach(() => copies.splice(0).forEach((remove) => remove()));

describe("confirming a kind mapping (cchc plan confirm, the workbench's confirm)", () => {
  it("binds the left-out kind in the year's provisional targets, keeps the file's comments and records who and when", () => {
    const dir = copy();
    const before = targetsInForce(loadRegistry(dir), 2026).targets.filter((t) => t.provisional?.unmapped_kinds.includes("ubnd_huyen"));
    expect(before.length).toBeGreaterThan(0);
    const c = confirmKindMappings(["ubnd_huyen"], "Chuyên viên Sở Nội vụ", "2026-12-01", dir);
    expect(c.confirmed).toEqual(["ubnd_huyen"]);
    const text = readFileSync(join(dir, "carry-forward.yaml"), "utf-8");
    expect(text).toContain("# Carrying a plan's standing clauses");
    const registry = loadRegistry(dir);
    expect(registry.kind_mappings.find((m) => m.from === "ubnd_huyen")).toMatchObject({ confirmed: true, confirmed_by: "Chuyên viên Sở Nội vụ", confirmed_on: "2026-12-01" });
    const after = targetsInForce(registry, 2026).targets.find((t) => t.id === before[0].id)!;
    expect(after.provisional!.unmapped_kinds).not.toContain("ubnd_huyen");
    expect(after.provisional!.mapped_kinds).toContainEqual({ from: "ubnd_huyen", to: ["ubnd_xa_phuong"] });
  });

  it("refuses a kind with nothing to confirm, or no name, and writes nothing", () => {
    const dir = copy();
    const file = join(dir, "carry-forward.yaml");
    const before = readFileSync(file, "utf-8");
    expect(() => confirmKindMappings(["so_ban_nganh"], "A", "2026-12-01", dir)).toThrow(MappingConfirmError);
    expect(() => confirmKindMappings(["ubnd_huyen"], "  ", "2026-12-01", dir)).toThrow(/người xác nhận/);
    expect(() => confirmKindMappings(["ubnd_huyen"], "A", "01/12/2026", dir)).toThrow(/YYYY-MM-DD/);
    expect(readFileSync(file, "utf-8")).toBe(before);
    confirmKindMappings(["ubnd_huyen"], "A", "2026-12-01", dir);
    expect(() => confirmKindMappings(["ubnd_huyen"], "B", "2026-12-02", dir)).toThrow(MappingConfirmError);
  });
});
