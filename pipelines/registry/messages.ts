/**
 * The registry validator's messages: every problem has a stable code (`reg.*`),
 * and its Vietnamese sentence is written once, here (code → params → sentence).
 * Field names stay as the user wrote them (YAML keys) and allowed values are the
 * codes the file accepts; everything else is Vietnamese. docs/registry.md lists
 * the codes.
 */
import { labels } from "../vocabulary/index.ts";
import { n, type Params, s, SHARED_MESSAGES as SHARED, viDate, viNumber, viPeriod as period } from "../vocabulary/messages.ts";

/** The kinds of things that have ids in the registry, as a user says them. */
const THING: Record<string, string> = { agency: "cơ quan", source: "nguồn", target: "chỉ tiêu", task: "nhiệm vụ", plan: "kế hoạch" };

export const REGISTRY_MESSAGES = {
  "reg.file_missing": () => "thiếu tệp này",
  "reg.yaml_syntax": (p: Params) => `lỗi cú pháp YAML (${s(p, "detail")})`,
  "reg.yaml_value": (p: Params) => `không dựng được giá trị YAML: bí danh (alias) chưa định nghĩa hoặc lồng quá nhiều (${s(p, "detail")})`,
  "reg.not_mapping": () => "cần một bảng khóa: giá trị (các dòng dạng khóa: giá trị)",
  "reg.root_not_mapping": (p: Params) => `cần một bảng khóa: giá trị có danh sách "${s(p, "key")}:"`,
  "reg.not_list": () => "cần một danh sách (các dòng bắt đầu bằng '- ')",
  "reg.required": SHARED.required,
  "reg.required_list": () => "bắt buộc (một danh sách), chưa có giá trị",
  "reg.not_text": () => "cần một đoạn chữ",
  "reg.not_integer": (p: Params) => `cần một số nguyên, nhưng ghi ${s(p, "value")}`,
  "reg.too_small": (p: Params) => `phải từ ${n(p, "min")} trở lên, nhưng ghi ${n(p, "value")}`,
  "reg.not_boolean": (p: Params) => `cần true (có) hoặc false (không), nhưng ghi ${s(p, "value")}`,
  "reg.unknown_value": (p: Params) => `giá trị "${s(p, "value")}" không hợp lệ (chỉ nhận: ${s(p, "allowed")})`,
  "reg.bad_date": (p: Params) => `"${s(p, "value")}" không phải ngày có thật (ghi YYYY-MM-DD hoặc DD/MM/YYYY)`,
  "reg.not_url": (p: Params) => `"${s(p, "value")}" không phải địa chỉ URL`,
  "reg.url_scheme": (p: Params) => `"${s(p, "value")}": chỉ nhận địa chỉ http và https, không nhận ${s(p, "protocol")}`,
  "reg.unknown_field": () => "trường không có trong mẫu (gõ nhầm tên?)",
  "reg.id_format": SHARED.id_format,
  "reg.id_duplicate": (p: Params) => `mã ${THING[s(p, "what")] ?? s(p, "what")} "${s(p, "id")}" bị trùng (đã có ở ${s(p, "first")})`,
  "reg.period_reversed": (p: Params) => `ngày kết thúc (${viDate(s(p, "to"))}) trước ngày bắt đầu (${viDate(s(p, "from"))})`,
  "reg.unknown_agency": (p: Params) => `không có cơ quan mã "${s(p, "id")}" trong danh mục (agencies.yaml)`,
  "reg.parent_outlived": (p: Params) =>
    `${s(p, "id")} (hiệu lực ${period(s(p, "from"), s(p, "to"))}) tồn tại lâu hơn cơ quan cấp trên ${s(p, "parent")} (hiệu lực ${period(s(p, "parent_from"), s(p, "parent_to"))})`,
  "reg.successor_self": () => "một cơ quan không thể kế thừa chính nó",
  "reg.successor_overlap": (p: Params) =>
    `hiệu lực chồng lấn: ${s(p, "id")} còn hiệu lực đến ${viDate(s(p, "valid_to"))} nhưng ${s(p, "successor")} tiếp nhận từ ${viDate(s(p, "date"))}`,
  "reg.successor_not_valid": (p: Params) => `${s(p, "successor")} không có hiệu lực vào ngày ${viDate(s(p, "date"))} (hiệu lực ${period(s(p, "from"), s(p, "to"))})`,
  "reg.successors_need_valid_to": () =>
    "cơ quan có cơ quan kế thừa phải có valid_to (chỉ liên kết part_to mới được đi từ một cơ quan vẫn tiếp tục hoạt động)",
  "reg.name_overlap": (p: Params) => `hiệu lực chồng lấn: tên "${s(p, "name")}" cũng là tên của ${s(p, "other")} (dòng ${s(p, "line")}) trong thời gian cả hai cùng hiệu lực`,
  "reg.comma_split": (p: Params) =>
    `"${s(p, "a")}" và "${s(p, "b")}" có vẻ là một tên bị dấu phẩy tách đôi ("${s(p, "joined")}" là một phần tên cơ quan): hãy đặt trong ngoặc kép, "${s(p, "joined")}"`,
  "reg.bad_cron": (p: Params) => `biểu thức lịch cron "${s(p, "expression")}" không hợp lệ (${s(p, "detail")})`,
  "reg.source_never_valid": (p: Params) => `nguồn không có hiệu lực vào lúc nào cơ quan ${s(p, "agency")} còn tồn tại`,
  "reg.fixed_needs_agency": () => "attribution fixed cần agency_id (hoặc ghi attribution: byline)",
  "reg.byline_with_agency": () => "attribution byline nghĩa là cơ quan được xác định từ nội dung bài: để trống agency_id",
  "reg.crawlable_needs_platform": () => "nguồn thu thập được (crawlable) cần khai báo nền tảng (platform)",
  "reg.crawlable_needs_base_url": () => "nguồn thu thập được (crawlable) cần base_url",
  "reg.crawlable_needs_start_urls": () => "nguồn thu thập được (crawlable) cần ít nhất một địa chỉ bắt đầu (trang danh sách hoặc nguồn tin RSS)",
  "reg.relative_without_base": (p: Params) => `"${s(p, "url")}" là địa chỉ tương đối nhưng nguồn không có base_url`,
  "reg.base_url_overlap": (p: Params) =>
    `hiệu lực chồng lấn: ${s(p, "origin")} cũng được thu thập trong nguồn ${s(p, "other")} (dòng ${s(p, "line")}) cùng thời gian; hãy ghi valid_from / valid_to cho hai nguồn`,
  "reg.path_not_absolute": (p: Params) => `"${s(p, "path")}" phải là đường dẫn bắt đầu bằng /`,
  "reg.loopback_url": (p: Params) => `"${s(p, "url")}": ${s(p, "host")} là chính máy này (loopback); chỉ cụm cổng DEMO mới được thu thập ở đó`,
  "reg.address_refused": (p: Params) =>
    `"${s(p, "url")}": địa chỉ ${s(p, "host")} bị chặn (${s(p, "reason")}); hệ thống thật sự thu thập mạng nội bộ phải ghi mạng đó trong politeness.allow_addresses`,
  "reg.allowance_not_ip": (p: Params) => `"${s(p, "entry")}" không phải địa chỉ IP hay dải mạng (ghi dạng 10.20.0.0/16 hoặc fd12::/64)`,
  "reg.allowance_prefix": (p: Params) => `"${s(p, "entry")}": độ dài tiền tố phải từ 0 đến ${s(p, "max")}`,
  "reg.allowance_too_wide": (p: Params) => `"${s(p, "entry")}" là dải cho phép quá rộng (rộng nhất là /${s(p, "min")})`,
  "reg.unknown_kind": SHARED.unknown_kind,
  "reg.unknown_channel": SHARED.unknown_channel,
  "reg.unknown_area": SHARED.unknown_area,
  "reg.unknown_plan": (p: Params) => `không có kế hoạch "${s(p, "plan")}" (thêm kế hoạch vào mục plans: ${p.where ? `trong ${s(p, "where")}` : "của tệp này"})`,
  "reg.agency_not_in_year": SHARED.agency_not_in_year,
  "reg.who_selects_none": (p: Params) => `không chọn được cơ quan nào trong năm ${s(p, "year")}`,
  "reg.topic_empty": () => "chủ đề (topic) cần lĩnh vực (areas) hoặc từ khóa (keywords)",
  "reg.target_needs_measure": SHARED.target_needs_measure,
  "reg.deadline_before_year": SHARED.deadline_before_year,
  "reg.bad_evidence": (p: Params) =>
    `"${s(p, "value")}" không phải đường dẫn (http/https) cũng không phải số văn bản như "125/BC-STC" hoặc "125/BC-STC ngày 15/6/2024"`,
  "reg.deadline_mismatch": (p: Params) =>
    `hạn ${viDate(s(p, "deadline"))} không khớp với cách ghi "${s(p, "text")}", tức là ${viDate(s(p, "meant"))}${p.before_day ? ' ("trước ngày D" là ngày liền trước ngày D)' : ""}`,
  "reg.deadlines_not_list": () => "cần một danh sách { period, deadline, … }, mỗi kỳ báo cáo một mục",
  "reg.deadline_with_deadlines": () => "nhiệm vụ có deadlines: (mỗi kỳ báo cáo một hạn) thì không ghi một hạn chung",
  "reg.evidence_with_deadlines": () => "nhiệm vụ có deadlines: ghi minh chứng (evidence) theo từng hạn",
  "reg.confirmed_needs_who": () => "ánh xạ đã xác nhận cần confirmed_by và confirmed_on (ai xác nhận, ngày nào)",
  "reg.carry_agencies_gone": (p: Params) => `không cơ quan nào trong ${s(p, "agencies")} còn tồn tại trong năm ${s(p, "year")} và lịch sử sắp xếp không nêu cơ quan kế thừa`,
  "reg.carry_kinds_gone": (p: Params) => `không còn cơ quan loại ${labels("agency_kind", s(p, "kinds"))} trong năm ${s(p, "year")} và chưa có ánh xạ đã xác nhận thay thế`,
} satisfies Record<string, (p: Params) => string>;

export type RegistryCode = keyof typeof REGISTRY_MESSAGES;
export type RegistryParams = Params;

/** A problem without its place: what the checks return before it is located. */
export interface RegistryProblem {
  code: RegistryCode;
  params?: RegistryParams;
}

export const registryMessage = (code: RegistryCode, params: RegistryParams = {}): string => REGISTRY_MESSAGES[code](params);

/** The frame around a list of registry problems (the CLI and the thrown error). */
export const registryInvalidSummary = (where: string | null, count: number): string =>
  `${where ? `sổ đăng ký ở ${where}` : "sổ đăng ký"} có ${viNumber(count)} lỗi; chưa ghi gì`;
