/**
 * The evidence import's validation messages (pipelines/evidence): every problem
 * has a stable code (`ev.*`) and its Vietnamese sentence is written once, here.
 * Column keys and allowed values stay as the template writes them.
 */
import { type Params, s, SHARED_MESSAGES as SHARED, viNumber } from "../vocabulary/messages.ts";

export const EVIDENCE_MESSAGES = {
  "ev.file_missing": () => "không có tệp này (kiểm tra đường dẫn)",
  "ev.empty_file": () => "tệp rỗng (không có dòng tiêu đề)",
  "ev.unreadable_xlsx": SHARED.unreadable_xlsx,
  "ev.no_sheet": () => "tệp XLSX không có trang tính nào",
  "ev.bad_extension": SHARED.bad_extension,
  "ev.unknown_column": (p: Params) => `dòng tiêu đề có cột "${s(p, "column")}" (cột thứ ${s(p, "position")}) không thuộc biểu mẫu`,
  "ev.missing_column": (p: Params) => `dòng tiêu đề thiếu cột "${s(p, "key")}" (${s(p, "label")})`,
  "ev.missing_link_column": () => 'dòng tiêu đề thiếu cột "url" hoặc "reference"',
  "ev.agency_required": () => "bắt buộc (mã cơ quan trong danh mục, ví dụ so-tai-chinh)",
  "ev.unknown_agency": (p: Params) => `không có cơ quan "${s(p, "id")}" trong danh mục (registry/agencies.yaml)`,
  "ev.required": () => "bắt buộc",
  "ev.unknown_channel": (p: Params) => `không có kênh "${s(p, "channel")}" (một trong: ${s(p, "allowed")})`,
  "ev.future_date": (p: Params) => `"${s(p, "value")}" là ngày trong tương lai`,
  "ev.bad_date": (p: Params) => `"${s(p, "value")}" không phải ngày hợp lệ (dd/mm/yyyy, có thể kèm giờ hh:mm, hoặc yyyy-mm-dd)`,
  "ev.agency_not_on_day": (p: Params) => `cơ quan "${s(p, "id")}" không còn (hoặc chưa có) vào ngày ${s(p, "date")}; xem cơ quan kế thừa trong danh mục`,
  "ev.bad_url": (p: Params) => `"${s(p, "value")}" không phải đường dẫn http(s)`,
  "ev.link_or_reference": () => "cần đường dẫn (cột url) hoặc tài liệu minh chứng (cột reference)",
  "ev.not_integer": (p: Params) => `"${s(p, "value")}" không phải số nguyên`,
  "ev.too_small": (p: Params) => `${s(p, "value")} nhỏ hơn ${s(p, "min")}`,
  "ev.attendance_not_allowed": (p: Params) => `${s(p, "channel")} không ghi số người tham dự`,
  "ev.required_for_channel": (p: Params) => `bắt buộc với ${s(p, "channel")}`,
  "ev.unknown_media_kind": (p: Params) => `không có dạng "${s(p, "value")}" (một trong: ${s(p, "allowed")})`,
  "ev.notes_required": (p: Params) => `${s(p, "channel")} cần mô tả hoạt động (hình thức gì) ở cột notes`,
  "ev.unknown_area": SHARED.unknown_area,
  "ev.unknown_target": (p: Params) => `không có chỉ tiêu "${s(p, "id")}" (registry/targets.yaml)`,
  "ev.duplicate": (p: Params) => `trùng với minh chứng ở dòng ${s(p, "line")} (cùng cơ quan, kênh, ngày, tiêu đề và đường dẫn/tài liệu)`,
} satisfies Record<string, (p: Params) => string>;

export type EvidenceCode = keyof typeof EVIDENCE_MESSAGES;

export const evidenceMessage = (code: EvidenceCode, params: Params = {}): string => EVIDENCE_MESSAGES[code](params);

/** The frame around an evidence file's problems. */
export const evidenceInvalidSummary = (count: number): string => `tệp minh chứng có ${viNumber(count)} lỗi; chưa nhập dòng nào`;
