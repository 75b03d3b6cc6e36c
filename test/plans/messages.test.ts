/**
 * Every plan code (pipelines/plans/messages.ts) is produced by a real bad plan file run through
 * `importPlanFile` (or a bad draft / confirmation through `draftPlan` / `confirmKindMappings`):
 * the problem names the file (sheet), row, column and field, and its message is Vietnamese
 * (checked independently). A drift guard keeps catalogue and source in step.
 */
import { writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { confirmKindMappings } from "../../pipelines/plans/confirm.ts";
import { draftPlan, importPlanFile } from "../../pipelines/plans/import.ts";
import { PLAN_MESSAGES } from "../../pipelines/plans/messages.ts";
import { PlanFileError, planCsv, type PlanProblem, type PlanTemplateRow } from "../../pipelines/plans/plan-file.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { expectNoDrift, expectVietnamese } from "../fixtures/vietnamese-messages.ts";
import { registryWith } from "../registry/helpers.ts";
import { PLAN_ROW } from "./plan-row.ts";


interface Case {
  code: string;
  /** The file's content (rows of the CSV template, or raw text / bytes) and its name. */
  file: { rows: Partial<PlanTemplateRow>[] } | { name: string; data: string | Buffer | (() => Promise<Buffer>) };
  row: number;
  column: string | null;
  field: string | null;
  sheet?: string;
}

const bad = (code: string, change: Partial<PlanTemplateRow>, column: string, field: keyof PlanTemplateRow): Case => ({ code, file: { rows: [{ ...PLAN_ROW, ...change }] }, row: 2, column, field });

const guideOnly = async () => {
  const wb = new ExcelJS.Workbook();
  wb.addWorksheet("Hướng dẫn");
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const CASES: Case[] = [
  bad("plan.required", { ten_ke_hoach: "" }, "E", "ten_ke_hoach"),
  bad("plan.placeholder", { so_ke_hoach: "<số kế hoạch>" }, "A", "so_ke_hoach"),
  bad("plan.already_in_registry", { so_ke_hoach: "1/KH-TEST" }, "A", "so_ke_hoach"),
  bad("plan.not_year", { nam: "năm nay" }, "C", "nam"),
  bad("plan.bad_date", { ngay_ban_hanh: "31/02/2026" }, "B", "ngay_ban_hanh"),
  bad("plan.unknown_agency", { co_quan_ban_hanh: "ubnd-khac" }, "D", "co_quan_ban_hanh"),
  { code: "plan.differs_in_plan", file: { rows: [PLAN_ROW, { ...PLAN_ROW, muc: "II.2", ten_ke_hoach: "Tên khác" }] }, row: 3, column: "E", field: "ten_ke_hoach" },
  bad("plan.unknown_kind", { doi_tuong: "loại: so_khac" }, "G", "doi_tuong"),
  bad("plan.kinds_missing", { doi_tuong: "loại:" }, "G", "doi_tuong"),
  bad("plan.parent_without_kinds", { doi_tuong: "so-c", truc_thuoc: "ubnd-tinh" }, "H", "truc_thuoc"),
  bad("plan.unknown_channel", { kenh: "zalo_oa" }, "I", "kenh"),
  bad("plan.not_positive", { toi_thieu: "sáu" }, "J", "toi_thieu"),
  bad("plan.unknown_measure", { don_vi: "cái" }, "K", "don_vi"),
  bad("plan.unknown_period", { ky: "tuần" }, "L", "ky"),
  bad("plan.unknown_area", { linh_vuc: "dat_dai" }, "N", "linh_vuc"),
  bad("plan.bad_deadline", { han: "sớm nhất có thể" }, "O", "han"),
  bad("plan.deadline_before_year", { han: "01/01/2025" }, "O", "han"),
  bad("plan.target_needs_measure", { toi_thieu: "" }, "J", "toi_thieu"),
  bad("plan.agency_not_in_year", { doi_tuong: "so-a" }, "G", "doi_tuong"),
  bad("plan.bad_target_id", { ma_chi_tieu: "T_1" }, "Q", "ma_chi_tieu"),
  bad("plan.target_id_used", { ma_chi_tieu: "t-yearly" }, "Q", "ma_chi_tieu"),
  { code: "plan.no_rows", file: { rows: [] }, row: 2, column: null, field: null },
  { code: "plan.empty_file", file: { name: "p.csv", data: "" }, row: 1, column: null, field: null },
  { code: "plan.unknown_column", file: { name: "p.csv", data: planCsv([PLAN_ROW]).replace("Ghi chú", "Ghi chú,Cột lạ") }, row: 1, column: "S", field: null },
  { code: "plan.missing_column", file: { name: "p.csv", data: planCsv([]).replace(",Kỳ,", ",,") }, row: 1, column: null, field: "ky" },
  { code: "plan.bad_extension", file: { name: "p.pdf", data: "%PDF" }, row: 1, column: null, field: null },
  { code: "plan.unreadable_xlsx", file: { name: "p.xlsx", data: "không phải xlsx" }, row: 1, column: null, field: null },
  { code: "plan.no_sheet", file: { name: "p.xlsx", data: guideOnly }, row: 1, column: null, field: null },
];

async function problemsOf(dir: string, c: Case): Promise<{ file: string; problems: PlanProblem[] }> {
  const name = "rows" in c.file ? "p.csv" : c.file.name;
  const path = join(dir, name);
  const data = "rows" in c.file ? planCsv(c.file.rows) : typeof c.file.data === "function" ? await c.file.data() : c.file.data;
  writeFileSync(path, data);
  try {
    await importPlanFile(path, dir);
  } catch (error) {
    if (error instanceof PlanFileError) return { file: path, problems: error.problems };
    throw error;
  }
  throw new Error(`${c.code}: the file was imported`);
}

/** The message of an Error thrown by `run`. */
function thrown(run: () => unknown): string {
  try {
    run();
  } catch (error) {
    return (error as Error).message;
  }
  throw new Error("nothing thrown");
}

describe("plan messages: every code from a real bad plan file", () => {
  for (const c of CASES) {
    it(`${c.code}: row ${c.row}, column ${c.column ?? "—"} (${c.field ?? "—"})`, async () => {
      const dir = registryWith();
      const { file, problems } = await problemsOf(dir, c);
      const p = problems.find((x) => x.code === c.code);
      expect(p, JSON.stringify(problems, null, 2)).toBeDefined();
      expect(p!.sheet).toBe(c.sheet ?? file);
      expect([p!.row, p!.column, p!.field]).toEqual([c.row, c.column, c.field]);
      expectVietnamese(p!.message, p!.params, `${c.code}: ${p!.message}`);
    });
  }

  it("plan.no_targets_list: a targets.yaml without a targets: list", async () => {
    const dir = registryWith({ "targets.yaml": (t) => t.slice(0, t.indexOf("targets:")) });
    writeFileSync(join(dir, "p.csv"), planCsv([PLAN_ROW]));
    const message = await importPlanFile(join(dir, "p.csv"), dir).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message).toMatch(/^targets\.yaml: /);
    expectVietnamese(message, { file: "targets.yaml" });
  });

  it("plan.unknown_from_plan, plan.from_not_earlier: a draft from a plan that is not there or not earlier", () => {
    const registry = loadRegistry(registryWith());
    const unknown = thrown(() => draftPlan(registry, 2026, "9/KH-KHAC"));
    expect(unknown).toMatch(/^--from: .*"9\/KH-KHAC"/);
    expectVietnamese(unknown, { plan: "9/KH-KHAC", plans: "1/KH-TEST" });
    const later = thrown(() => draftPlan(registry, 2024, "1/KH-TEST"));
    expect(later).toMatch(/^--from: 1\/KH-TEST .*2024/);
    expectVietnamese(later, { plan: "1/KH-TEST" });
  });

  it("plan.confirm_*: a confirmation without who, with a bad day, without a list, or with nothing to confirm", () => {
    const carry = "kind_mappings:\n  - from: ubnd_huyen\n    to: [ubnd_xa_phuong]\n    from_date: 2025-07-01\n";
    const dir = registryWith({ "carry-forward.yaml": carry });
    const cases: Array<[() => unknown, Record<string, unknown>]> = [
      [() => confirmKindMappings(["ubnd_huyen"], " ", "2026-12-01", dir), {}],
      [() => confirmKindMappings(["ubnd_huyen"], "Chuyên viên", "01/12/2026", dir), { value: "01/12/2026" }],
      [() => confirmKindMappings(["so_ban_nganh"], "Chuyên viên", "2026-12-01", dir), { kinds: "so_ban_nganh", file: join(dir, "carry-forward.yaml") }],
      [() => confirmKindMappings(["ubnd_huyen"], "Chuyên viên", "2026-12-01", registryWith({ "carry-forward.yaml": "ghi_chu: trống\n" })), { file: "carry-forward.yaml" }],
    ];
    for (const [run, params] of cases) {
      const message = thrown(run).replace(/\/tmp\/\S+/g, "");
      expectVietnamese(message, params);
    }
  });

  it("every code of the catalogue has a fixture above", () => {
    const extra = ["plan.no_targets_list", "plan.unknown_from_plan", "plan.from_not_earlier", "plan.confirm_no_who", "plan.confirm_bad_date", "plan.confirm_no_list", "plan.confirm_none"];
    expect([...new Set([...CASES.map((c) => c.code), ...extra])].sort()).toEqual(Object.keys(PLAN_MESSAGES).sort());
  });

  it("drift guard: the catalogue's codes are exactly the codes used in pipelines/", () => {
    expectNoDrift(PLAN_MESSAGES, "plan.", "pipelines/plans/messages.ts", ["pipelines/plans"]);
  });
});
