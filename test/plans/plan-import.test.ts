/** cchc plan template / import / draft: located errors, all or nothing, YAML stays the stored form (fixture registry). */
import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { describe, expect, it } from "vitest";
import { draftPlan, importPlanFile } from "../../pipelines/plans/import.ts";
import { PlanFileError, planCsv, planXlsx, type PlanTemplateRow } from "../../pipelines/plans/plan-file.ts";
import { targetsInForce } from "../../pipelines/registry/provisional.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { registryWith } from "../registry/helpers.ts";
import { PLAN_ROW } from "./plan-row.ts";


async function errorsOf(p: Promise<unknown>): Promise<string[]> {
  try {
    await p;
  } catch (e) {
    if (e instanceof PlanFileError) return e.problems.map((x) => `${x.sheet}|${x.row}|${x.column}|${x.field}|${x.message}`);
    throw e;
  }
  return [];
}

describe("cchc plan import", () => {
  it("adds an XLSX plan to registry/targets.yaml; its targets are in force for the year", async () => {
    const dir = registryWith();
    const file = join(dir, "plan.xlsx");
    writeFileSync(file, await planXlsx([PLAN_ROW, { ...PLAN_ROW, muc: "II.2", doi_tuong: "so-c", kenh: "provincial_portal", toi_thieu: "1", ky: "quý", chu_de: "đất đai", han: "trước ngày 1/12/2026" }]));
    const s = await importPlanFile(file, dir);
    expect(s).toMatchObject({ plans: ["7/KH-TEST"], targets: 2 });
    const r = loadRegistry(dir);
    expect(r.plans.find((p) => p.id === "7/KH-TEST")).toMatchObject({ issuer: "ubnd-tinh", issued: "2026-02-10", year: 2026 });
    const inForce = targetsInForce(r, 2026);
    expect(inForce.own_plans).toEqual(["7/KH-TEST"]);
    expect(inForce.targets.every((t) => !t.provisional)).toBe(true);
    expect(inForce.targets.find((t) => t.clause === "II.2")).toMatchObject({ who: { agencies: ["so-c"] }, period: "quarter", deadline: "2026-11-30", topic: { keywords: ["đất đai"] } });
  });

  it("rejects a bad row with its sheet, row and column, and writes nothing", async () => {
    const dir = registryWith();
    const before = readFileSync(join(dir, "targets.yaml"), "utf-8");
    const file = join(dir, "bad.xlsx");
    writeFileSync(file, await planXlsx([PLAN_ROW, { ...PLAN_ROW, muc: "II.3", doi_tuong: "so-khong-co", ky: "tuần" }]));
    expect(await errorsOf(importPlanFile(file, dir))).toEqual([
      'Chỉ tiêu|3|G|doi_tuong|không có cơ quan mã "so-khong-co" trong danh mục (registry/agencies.yaml)',
      'Chỉ tiêu|3|L|ky|không có kỳ "tuần" (chỉ nhận: tháng, quý, 6 tháng, 9 tháng, năm)',
    ]);
    expect(readFileSync(join(dir, "targets.yaml"), "utf-8")).toBe(before);
  });

  it("locates problems in a CSV saved by Excel with ';' and in a sheet whose columns were moved", async () => {
    const dir = registryWith();
    const csv = planCsv([{ ...PLAN_ROW, toi_thieu: "sáu" }]).replace(/,/g, ";");
    writeFileSync(join(dir, "p.csv"), csv);
    expect(await errorsOf(importPlanFile(join(dir, "p.csv"), dir))).toEqual([`${join(dir, "p.csv")}|2|J|toi_thieu|"sáu" không phải số nguyên từ 1 trở lên`]);

    const wb = new ExcelJS.Workbook();
    const sheet = wb.addWorksheet("Chỉ tiêu");
    sheet.addRow(["Kênh", "Số kế hoạch", "Năm", "Cơ quan ban hành", "Tên kế hoạch", "Mục", "Đối tượng", "Kỳ", "Tối thiểu"]);
    sheet.addRow(["zalo_oa", "8/KH-TEST", "2026", "ubnd-tinh", "KH", "I", "so-c", "năm", "2"]);
    writeFileSync(join(dir, "moved.xlsx"), Buffer.from(await wb.xlsx.writeBuffer()));
    expect(await errorsOf(importPlanFile(join(dir, "moved.xlsx"), dir))).toEqual([expect.stringMatching(/^Chỉ tiêu\|2\|A\|kenh\|không có kênh "zalo_oa"/)]);
  });

  it("refuses a plan number already in the registry", async () => {
    const dir = registryWith();
    writeFileSync(join(dir, "dup.csv"), planCsv([{ ...PLAN_ROW, so_ke_hoach: "1/KH-TEST" }]));
    expect((await errorsOf(importPlanFile(join(dir, "dup.csv"), dir)))[0]).toContain('kế hoạch "1/KH-TEST" đã có trong sổ đăng ký');
  });
});

describe("cchc plan draft", () => {
  it("drafts a year's rows from an earlier plan, which import refuses until the plan number is filled in", async () => {
    const dir = registryWith();
    const draft = draftPlan(loadRegistry(dir), 2026, "1/KH-TEST");
    expect(draft.rows.map((r) => [r.muc, r.doi_tuong, r.nam])).toEqual([
      ["I.1", "loại: so_ban_nganh", "2026"],
      ["I.2", "so-c", "2026"],
    ]);
    expect(draft.rows[0].ghi_chu).toContain("ubnd_huyen không còn trong năm 2026");
    expect(draft.rows[1].ghi_chu).toContain("so-b đã sắp xếp: thay bằng so-c");
    writeFileSync(join(dir, "draft.csv"), planCsv(draft.rows));
    expect((await errorsOf(importPlanFile(join(dir, "draft.csv"), dir)))[0]).toContain("là chỗ để điền: hãy ghi số kế hoạch");
    writeFileSync(join(dir, "draft.csv"), planCsv(draft.rows.map((r) => ({ ...r, so_ke_hoach: "9/KH-TEST" }))));
    expect((await importPlanFile(join(dir, "draft.csv"), dir)).targets).toBe(2);
    expect(targetsInForce(loadRegistry(dir), 2026).carried_from).toEqual([]);
  });
});
