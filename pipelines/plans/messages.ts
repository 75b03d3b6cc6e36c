/**
 * The plan template reader's messages (pipelines/plans): every problem has a
 * stable code (`plan.*`) and its Vietnamese sentence is written once, here.
 * Column keys (doi_tuong, kenh, …) and allowed values stay as the template
 * writes them. docs/registry.md lists the codes.
 */
import { labels } from "../vocabulary/index.ts";
import { type Params, s, SHARED_MESSAGES as SHARED, viNumber } from "../vocabulary/messages.ts";

export const PLAN_MESSAGES = {
  "plan.empty_file": () => "tệp rỗng",
  "plan.unreadable_xlsx": SHARED.unreadable_xlsx,
  "plan.no_sheet": (p: Params) => `tệp XLSX không có trang tính "${s(p, "sheet")}"`,
  "plan.bad_extension": SHARED.bad_extension,
  "plan.unknown_column": (p: Params) => `cột "${s(p, "column")}" không thuộc mẫu kế hoạch`,
  "plan.missing_column": (p: Params) => `thiếu cột "${s(p, "label")}"`,
  "plan.no_rows": () => "tệp không có dòng kế hoạch nào",
  "plan.required": SHARED.required,
  "plan.placeholder": (p: Params) => `"${s(p, "value")}" là chỗ để điền: hãy ghi số kế hoạch`,
  "plan.already_in_registry": (p: Params) => `kế hoạch "${s(p, "plan")}" đã có trong sổ đăng ký (registry/targets.yaml); muốn thay thì xóa ở đó trước`,
  "plan.not_year": (p: Params) => `"${s(p, "value")}" không phải một năm`,
  "plan.bad_date": (p: Params) => `"${s(p, "value")}" không phải ngày có thật (dd/mm/yyyy)`,
  "plan.unknown_agency": (p: Params) => `không có cơ quan mã "${s(p, "id")}" trong danh mục (registry/agencies.yaml)`,
  "plan.differs_in_plan": (p: Params) => `khác với dòng ${s(p, "row")} của cùng kế hoạch ("${s(p, "value")}")`,
  "plan.unknown_kind": SHARED.unknown_kind,
  "plan.kinds_missing": () => 'hãy ghi các loại cơ quan sau "loại:"',
  "plan.parent_without_kinds": () => 'chỉ ghi khi cột Đối tượng dùng "loại:"',
  "plan.unknown_channel": SHARED.unknown_channel,
  "plan.not_positive": (p: Params) => `"${s(p, "value")}" không phải số nguyên từ 1 trở lên`,
  "plan.unknown_measure": (p: Params) => `không có đơn vị tính "${s(p, "value")}" (chỉ nhận: ${s(p, "allowed")})`,
  "plan.unknown_period": (p: Params) => `không có kỳ "${s(p, "value")}" (chỉ nhận: tháng, quý, 6 tháng, 9 tháng, năm)`,
  "plan.unknown_area": SHARED.unknown_area,
  "plan.bad_deadline": (p: Params) => `"${s(p, "value")}" không phải ngày (dd/mm/yyyy) cũng không phải cách ghi hạn xác định được ngày ("trước ngày 20/4/2026")`,
  "plan.deadline_before_year": SHARED.deadline_before_year,
  "plan.target_needs_measure": SHARED.target_needs_measure,
  "plan.agency_not_in_year": SHARED.agency_not_in_year,
  "plan.bad_target_id": SHARED.id_format,
  "plan.target_id_used": (p: Params) => `mã chỉ tiêu "${s(p, "id")}" đã được dùng`,
  "plan.unknown_from_plan": (p: Params) => `--from: không có kế hoạch "${s(p, "plan")}" (các kế hoạch: ${s(p, "plans")})`,
  "plan.from_not_earlier": (p: Params) => `--from: ${s(p, "plan")} là kế hoạch năm ${s(p, "from_year")}; bản nháp năm ${s(p, "year")} phải lập từ kế hoạch năm trước`,
  "plan.no_targets_list": (p: Params) => `${s(p, "file")}: không có danh sách "targets:" để thêm vào`,
  "plan.confirm_no_who": () => "cần ghi người xác nhận",
  "plan.confirm_bad_date": (p: Params) => `ngày xác nhận "${s(p, "value")}" không đúng dạng YYYY-MM-DD`,
  "plan.confirm_no_list": (p: Params) => `${s(p, "file")}: không có danh sách kind_mappings`,
  "plan.confirm_none": (p: Params) => `không có ánh xạ chưa xác nhận nào cho loại cơ quan ${labels("agency_kind", s(p, "kinds"))} trong ${s(p, "file")}`,
} satisfies Record<string, (p: Params) => string>;

export type PlanCode = keyof typeof PLAN_MESSAGES;

export const planMessage = (code: PlanCode, params: Params = {}): string => PLAN_MESSAGES[code](params);

/** The frame around a plan file's problems. */
export const planInvalidSummary = (count: number): string => `tệp kế hoạch có ${viNumber(count)} lỗi; chưa nhập gì`;

/** The frame around the registry problems an import would cause. */
export const planMakesRegistryInvalid = (): string => "kế hoạch nhập vào sẽ làm sổ đăng ký không hợp lệ; chưa ghi gì";

/** The frame around the registry problems a confirmation would cause. */
export const confirmMakesRegistryInvalid = (): string => "xác nhận này làm sổ đăng ký không hợp lệ, chưa ghi gì";
