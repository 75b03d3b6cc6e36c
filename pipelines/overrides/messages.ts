/**
 * The analyst overrides' validation messages (pipelines/overrides): every
 * problem has a stable code (`ovr.*`) and its Vietnamese sentence is written
 * once, here. Field names stay as the overrides file writes them.
 */
import { type Params, s, SHARED_MESSAGES as SHARED } from "../vocabulary/messages.ts";

export const OVERRIDE_MESSAGES = {
  "ovr.article_missing": () => "thiếu mã tin, bài",
  "ovr.unknown_action": (p: Params) => `phải là một trong: ${s(p, "allowed")}`,
  "ovr.by_missing": () => "cần ghi người thực hiện thay đổi",
  "ovr.why_missing": () => "cần ghi lý do",
  "ovr.areas_missing": () => "cần ít nhất một lĩnh vực",
  "ovr.unknown_area": SHARED.unknown_area,
  "ovr.agency_missing": () => "thiếu mã cơ quan (ghi null nếu không ghi nhận cho cơ quan nào)",
  "ovr.not_object": () => "cần một đối tượng JSON",
  "ovr.not_json": (p: Params) => `không phải JSON (${s(p, "detail")})`,
  "ovr.empty_string": () => "cần một chuỗi không rỗng",
  "ovr.bad_time": (p: Params) => `"${s(p, "value")}" không phải thời điểm hợp lệ`,
  "ovr.article_unknown": (p: Params) => `không có tin, bài "${s(p, "article")}" trong kho dữ liệu ${s(p, "warehouse")}`,
} satisfies Record<string, (p: Params) => string>;

export type OverrideCode = keyof typeof OVERRIDE_MESSAGES;

export const overrideMessage = (code: OverrideCode, params: Params = {}): string => OVERRIDE_MESSAGES[code](params);
