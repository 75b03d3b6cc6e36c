/**
 * What every validation catalogue (registry, plans, overrides, evidence, crawl,
 * lexicon: each area's messages.ts) shares: the parameter type, the dates and
 * numbers in vi-VN (the site's formatters, src/components/format.js) and the
 * sentences of rules that several areas check. An area keeps its own codes
 * (reg.unknown_kind, plan.unknown_kind, …) and renders them with the one
 * sentence written here, so a rule has one wording wherever it is checked.
 */
import { formatDate, formatNumber } from "../../src/components/format.js";

/** The parameters of a message (code → params → sentence). */
export type Params = Record<string, string | number | null | undefined>;

/** A parameter as text ("" when absent). */
export const s = (p: Params, k: string): string => String(p[k] ?? "");

/** "2026-04-19" → "19/04/2026" (vi-VN, the site's formatDate); null/"" → "…" (an open end of a period); what is not a date stays as written. */
export const viDate = (iso: string | null | undefined): string => {
  if (!iso) return "…";
  const shown: string = formatDate(iso);
  return shown === "—" ? iso : shown;
};

/** A number in vi-VN ("1.000"), the site's formatNumber. */
export const viNumber = (n: number): string => formatNumber(n) as string;

/** A number parameter in vi-VN (absent → 0); a value that is not a number is shown as written. */
export const n = (p: Params, k: string): string => {
  const v = p[k] ?? 0;
  const x = typeof v === "number" ? v : Number(v);
  return v !== "" && Number.isFinite(x) ? viNumber(x) : s(p, k);
};

/** A validity period "dd/mm/yyyy – dd/mm/yyyy" ("…" for an open end). */
export const viPeriod = (from: string | null | undefined, to: string | null | undefined): string => `${viDate(from)} – ${viDate(to)}`;

/** Sentences of rules checked in more than one area (each area's code renders one of these). */
export const SHARED_MESSAGES = {
  required: () => "bắt buộc, chưa có giá trị",
  unknown_kind: (p: Params) => `không có loại cơ quan "${s(p, "kind")}" (chỉ nhận: ${s(p, "allowed")})`,
  unknown_channel: (p: Params) => `không có kênh "${s(p, "channel")}" (kênh: ${s(p, "channels")}; nhóm kênh: ${s(p, "groups")})`,
  unknown_area: (p: Params) => `không có lĩnh vực CCHC "${s(p, "area")}" (chỉ nhận: ${s(p, "allowed")})`,
  agency_not_in_year: (p: Params) => `${s(p, "id")} không tồn tại trong năm ${s(p, "year")} (hiệu lực ${viPeriod(s(p, "from"), s(p, "to"))})`,
  id_format: (p: Params) => `mã "${s(p, "id")}" chỉ được gồm chữ thường không dấu, chữ số và dấu gạch nối (a-z, 0-9, '-')`,
  deadline_before_year: (p: Params) => `hạn ${viDate(s(p, "deadline"))} sớm hơn năm ${s(p, "year")} của chỉ tiêu`,
  target_needs_measure: () => "chỉ tiêu cần số tối thiểu, hạn, hoặc cả hai",
  bad_extension: () => "cần tệp .csv hoặc .xlsx",
  unreadable_xlsx: (p: Params) => `không đọc được tệp XLSX (${s(p, "detail")})`,
} satisfies Record<string, (p: Params) => string>;
