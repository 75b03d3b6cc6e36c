/**
 * The lexicon validator's messages (classify/lexicon.yaml): each problem has a
 * stable code (`lex.*`) and its Vietnamese sentence is written once, here.
 * YAML syntax errors and "not a mapping" use the registry's codes (the same reader).
 */
import { type Params, s, SHARED_MESSAGES as SHARED, viNumber } from "../vocabulary/messages.ts";

export const LEXICON_MESSAGES = {
  "lex.root_not_mapping": () => "cần một bảng khóa: giá trị gồm scoring, areas, indices, tthc_fields, context",
  "lex.unknown_section": () => "mục không có trong mẫu (gõ nhầm tên?)",
  "lex.not_mapping": () => "cần một bảng khóa: giá trị",
  "lex.unknown_setting": () => "thiết lập không có trong mẫu (gõ nhầm tên?)",
  "lex.unknown_general_area": (p: Params) => `phải là một trong: ${s(p, "allowed")}`,
  "lex.negative_setting": () => "phải là một số không âm",
  "lex.term_not_text": () => "thuật ngữ phải là một đoạn chữ",
  "lex.term_empty": (p: Params) => `thuật ngữ "${s(p, "term")}" không có chữ cái hay chữ số nào`,
  "lex.term_duplicate": (p: Params) => `thuật ngữ "${s(p, "term")}" trùng với "${s(p, "other")}" trong ${s(p, "owner")} (so sánh không phân biệt hoa thường và dấu)`,
  "lex.weight_not_number": () => "trọng số phải là một số",
  "lex.weight_not_positive": () => "trọng số phải dương (ngữ cảnh trừ điểm ghi ở mục context:)",
  "lex.context_not_negative": () => "trọng số ngữ cảnh phải âm",
  "lex.areas_not_mapping": () => "cần một bảng các lĩnh vực",
  "lex.unknown_area": SHARED.unknown_area,
  "lex.area_not_mapping": () => "cần label và terms",
  "lex.label_missing": () => "thiếu nhãn (label)",
  "lex.terms_not_mapping": () => "cần một bảng thuật ngữ: trọng số",
  "lex.area_missing": (p: Params) => `thiếu lĩnh vực "${s(p, "area")}"`,
  "lex.indices_not_mapping": () => "cần một bảng các chỉ số",
  "lex.index_shape": () => "cần weight và terms: [ … ]",
  "lex.fields_not_mapping": () => "cần một bảng lĩnh vực TTHC: [thuật ngữ]",
  "lex.field_not_list": () => "cần một danh sách thuật ngữ",
  "lex.context_not_mapping": () => "cần một bảng thuật ngữ: trọng số âm",
  "lex.not_alone_not_list": () => "cần một danh sách thuật ngữ của các lĩnh vực",
  "lex.not_alone_unknown": (p: Params) => `"${s(p, "term")}" không phải thuật ngữ của lĩnh vực nào`,
} satisfies Record<string, (p: Params) => string>;

export type LexiconCode = keyof typeof LEXICON_MESSAGES;

export const lexiconMessage = (code: LexiconCode, params: Params = {}): string => LEXICON_MESSAGES[code](params);

/** The frame around a lexicon's problems. */
export const lexiconInvalidSummary = (file: string, count: number): string => `bộ từ khóa ${file} có ${viNumber(count)} lỗi`;
