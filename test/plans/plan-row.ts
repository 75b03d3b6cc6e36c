/** One valid row of the plan template (fixture registry: ubnd-tinh issues, every department targeted), shared by the plan tests. */
import type { PlanTemplateRow } from "../../pipelines/plans/plan-file.ts";

export const PLAN_ROW: Partial<PlanTemplateRow> = {
  so_ke_hoach: "7/KH-TEST",
  ngay_ban_hanh: "10/02/2026",
  nam: "2026",
  co_quan_ban_hanh: "ubnd-tinh",
  ten_ke_hoach: "Kế hoạch tuyên truyền CCHC năm 2026",
  muc: "II.1",
  doi_tuong: "loại: so_ban_nganh",
  kenh: "mass_media",
  toi_thieu: "6",
  ky: "năm",
  mo_ta: "Ít nhất 06 tin, bài mỗi năm",
};
