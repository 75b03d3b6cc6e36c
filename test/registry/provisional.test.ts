/** Provisional targets: a plan's clauses carried into a year its issuer has no plan for (fixture registries). */
import { describe, expect, it } from "vitest";
import { targetWindowsOfYear } from "../../pipelines/coverage/targets.ts";
import { loadRegistry, loadRegistryDir, SHIPPED_REGISTRY_DIR } from "../../pipelines/registry/load.ts";
import { carryPlan, noTargetsReason, shiftYear, targetsInForce, withTargetsInForce } from "../../pipelines/registry/provisional.ts";
import { coverageRows } from "../../pipelines/report/coverage.ts";
import { registryWith } from "./helpers.ts";

const COMMUNE = `
  - id: ubnd-xa-moi
    name: Ủy ban nhân dân xã Mới
    kind: ubnd_xa_phuong
    parent: ubnd-tinh
    valid_from: 2025-07-01
`;
const withCommune = (extra: Record<string, string | ((t: string) => string)> = {}) => registryWith({ "agencies.yaml": (t) => t + COMMUNE, ...extra });
const MAPPING = (confirmed: boolean) => `kind_mappings:
  - from: ubnd_huyen
    to: [ubnd_xa_phuong]
    from_date: 2025-07-01
    confirmed: ${confirmed}
    confirmed_by: ${confirmed ? "Nguyễn Văn A" : ""}
    confirmed_on: ${confirmed ? "2026-01-05" : ""}
`;

describe("targetsInForce", () => {
  it("carries the latest plan of the issuer into a year without one, as rows of that year marked 'tạm tính theo'", () => {
    const r = loadRegistry(withCommune());
    const inForce = targetsInForce(r, 2026);
    expect(inForce.own_plans).toEqual([]);
    expect(inForce.carried_from).toEqual(["1/KH-TEST"]);
    expect(inForce.targets.map((t) => [t.id, t.year, t.provisional?.label])).toEqual([
      ["p2026-t-yearly", 2026, "tạm tính theo 1/KH-TEST I.1"],
      ["p2026-t-land", 2026, "tạm tính theo 1/KH-TEST I.2"],
    ]);
    expect(inForce.targets[0].min_count).toBe(4);
  });

  it("binds a named agency that ended to its successor through lineage (so-b → so-c)", () => {
    const t = targetsInForce(loadRegistry(withCommune()), 2026).targets.find((x) => x.clause === "I.2")!;
    expect(t.who).toEqual({ agencies: ["so-c"] });
    expect(t.provisional!.mapped_agencies).toEqual([{ from: "so-b", to: ["so-c"] }]);
  });

  it("binds a kind that no longer exists only through a confirmed mapping, and says which kinds it left out", () => {
    const unconfirmed = loadRegistry(withCommune({ "carry-forward.yaml": MAPPING(false) }));
    const a = targetsInForce(unconfirmed, 2026).targets.find((x) => x.clause === "I.1")!;
    expect(a.who).toEqual({ kinds: ["so_ban_nganh"], parent: null });
    expect(a.provisional!.unmapped_kinds).toEqual(["ubnd_huyen"]);
    const bound = (r: typeof unconfirmed) => targetWindowsOfYear(withTargetsInForce(r, 2026), 2026).filter((tw) => tw.target.clause === "I.1").map((tw) => tw.agency_id);
    expect(bound(unconfirmed)).toEqual(["so-c"]);

    const confirmed = loadRegistry(withCommune({ "carry-forward.yaml": MAPPING(true) }));
    const b = targetsInForce(confirmed, 2026).targets.find((x) => x.clause === "I.1")!;
    expect(b.provisional!.unmapped_kinds).toEqual([]);
    expect(b.provisional!.mapped_kinds).toEqual([{ from: "ubnd_huyen", to: ["ubnd_xa_phuong"] }]);
    expect(bound(confirmed).sort()).toEqual(["so-c", "ubnd-xa-moi"]);
  });

  it("rejects a mapping marked confirmed without who and when", () => {
    const dir = withCommune({ "carry-forward.yaml": MAPPING(false).replace("confirmed: false", "confirmed: true") });
    expect(loadRegistryDir(dir).issues.map((i) => i.message)).toContain("ánh xạ đã xác nhận cần confirmed_by và confirmed_on (ai xác nhận, ngày nào)");
  });

  it("keeps a year's entered plan and carries nothing for its issuer", () => {
    const r = loadRegistry(withCommune());
    expect(targetsInForce(r, 2024).targets.every((t) => !t.provisional)).toBe(true);
    expect(targetsInForce(r, 2024).targets).toHaveLength(2);
  });

  it("moves deadlines to the same day of the new year", () => {
    expect(shiftYear("2024-04-20", 2)).toBe("2026-04-20");
    expect(shiftYear("2024-02-29", 1)).toBe("2025-02-28");
    const r = loadRegistry(withCommune({ "targets.yaml": (t) => t.replace("    period: year\n    year: 2024", "    period: year\n    year: 2024\n    deadline: 2024-04-20") }));
    expect(carryPlan(r, "1/KH-TEST", 2026).targets[0].deadline).toBe("2026-04-20");
  });

  it("says why a year has no targets and what to do, when no plan can be carried", () => {
    const r = loadRegistry(registryWith({ "targets.yaml": (t) => t.replace("issuer: ubnd-tinh", "issuer: so-a") }));
    const none = targetsInForce(r, 2026);
    expect(none.targets).toEqual([]);
    expect(none.empty_reason).toMatch(/^Chưa có chỉ tiêu nào cho năm 2026: chưa nhập kế hoạch năm 2026/);
    expect(none.empty_reason).toContain("cchc plan draft --year 2026 --from");
    expect(noTargetsReason(r, 2026)).toBe(none.empty_reason);
  });

  it("gives coverage rows of provisional targets their label (the engine counts them like any target)", () => {
    const r = loadRegistry(withCommune());
    const items = [{ item_key: "k1", agency_id: "so-c", channel: "provincial_portal", published_at: "2026-05-02T09:00:00+07:00", areas: [], title: "Cải cách thủ tục đất đai", sessions: 1, attendance: null, quantity: null, media_kind: "text" }];
    const rows = coverageRows(withTargetsInForce(r, 2026), items, new Date("2026-11-15T00:00:00+07:00")).filter((x) => x.year === 2026);
    const q2 = rows.find((x) => x.target_id === "p2026-t-land" && x.period === "2026-Q2")!;
    expect(q2).toMatchObject({ actual: 1, status: "met", provisional: true, provisional_label: "tạm tính theo 1/KH-TEST I.2" });
    expect(rows.every((x) => x.provisional)).toBe(true);
  });
});

describe("the CLI and the site agree on the targets in force (shipped registry)", () => {
  it("cchc targets --year 2026 lists exactly the targets the report step evaluates for 2026, none of them 2023/2024 rows", async () => {
    const { targetRows } = await import("../../pipelines/cli/commands/registry.ts");
    const shipped = loadRegistry(SHIPPED_REGISTRY_DIR);
    const cli = targetRows(shipped, 2026).filter((r) => (r.agencies as number) > 0).map((r) => r.target_id).sort();
    const today = new Date("2026-12-01T09:00:00+07:00");
    const site = [...new Set(coverageRows(withTargetsInForce(shipped, 2026), [], today).filter((r) => r.year === 2026).map((r) => r.target_id))].sort();
    expect(cli.length).toBeGreaterThan(0);
    expect(site).toEqual(cli);
    expect(targetRows(shipped, 2026).every((r) => r.year === 2026)).toBe(true);
  });
});
