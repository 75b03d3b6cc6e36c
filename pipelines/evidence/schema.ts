/**
 * Analyst-entered evidence for channels no crawler can read (Zalo, Facebook,
 * TV / radio, meetings, trainings, eGov, posters …): the template's columns and
 * the strict, pure validation of its rows. Every problem is located, in Vietnamese, as
 * `file: dòng N, cột FIELD: message` (evidenceProblem); a file with any problem imports nothing.
 */
import { evidenceInvalidSummary, evidenceMessage, type EvidenceCode } from "./messages.ts";
import { createHash } from "node:crypto";
import { parseVietnameseDate } from "../../data-loaders/common/vi-dates.ts";
import { CHANNELS, type Channel, DESCRIBED_CHANNELS, REFORM_AREAS, type ReformArea } from "../registry/types.ts";
import { CHANNEL_MEDIA_KIND, label, MEDIA_KINDS, type MediaKind } from "../vocabulary/index.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";

export interface EvidenceColumn {
  key: keyof EvidenceInput;
  /** Vietnamese label shown in the template's guide. */
  label: string;
  required: "yes" | "no" | "conditional";
  help: string;
}

/** The template's columns, in order. The header row holds the keys. */
export const EVIDENCE_COLUMNS: EvidenceColumn[] = [
  { key: "agency_id", label: "Mã cơ quan", required: "yes", help: "Mã cơ quan trong danh mục (registry/agencies.yaml), ví dụ so-tai-chinh." },
  { key: "channel", label: "Kênh", required: "yes", help: `Một trong: ${CHANNELS.join(", ")}.` },
  { key: "date", label: "Ngày", required: "yes", help: "Ngày đăng / ngày tổ chức: dd/mm/yyyy (có thể kèm giờ hh:mm) hoặc yyyy-mm-dd. Không nhận ngày trong tương lai." },
  { key: "title", label: "Tiêu đề / nội dung", required: "yes", help: "Tiêu đề tin, bài, chương trình hoặc tên hội nghị, lớp tập huấn." },
  { key: "url", label: "Đường dẫn", required: "conditional", help: "Địa chỉ liên kết (http/https). Bắt buộc nếu không có số hiệu văn bản / tài liệu minh chứng." },
  { key: "reference", label: "Tài liệu minh chứng", required: "conditional", help: "Số hiệu văn bản, biên bản, tên tệp minh chứng. Bắt buộc nếu không có đường dẫn." },
  { key: "sessions", label: "Số buổi / lượt", required: "no", help: "Số nguyên từ 1; để trống là 1." },
  { key: "quantity", label: "Số lượng", required: "conditional", help: "Số nguyên từ 0: số lượt truy cập, số người, số bản… mà chỉ tiêu cộng dồn (ví dụ 10.000 lượt truy cập). Bắt buộc với site_visits." },
  { key: "attendance", label: "Số người tham dự", required: "conditional", help: "Số nguyên từ 0. Bắt buộc với meeting, training; chỉ dùng cho meeting, training, egov, public_service_centre, contest, dialogue, emulation, other." },
  { key: "media_kind", label: "Dạng", required: "no", help: `Một trong: ${MEDIA_KINDS.join(", ")}. Để trống: theo kênh (youtube, broadcaster là video; official_document là document; poster là image; còn lại text).` },
  { key: "reform_area", label: "Lĩnh vực CCHC", required: "no", help: `Một trong: ${REFORM_AREAS.join(", ")}.` },
  { key: "target_id", label: "Chỉ tiêu", required: "no", help: "Mã chỉ tiêu trong registry/targets.yaml mà mục này được tính vào." },
  { key: "notes", label: "Ghi chú", required: "conditional", help: "Bắt buộc với kênh other (hình thức khác): mô tả hoạt động; các kênh khác tùy ý." },
];

export const EVIDENCE_KEYS = EVIDENCE_COLUMNS.map((c) => c.key);

/** Channels whose evidence must give a quantity (the number a target adds up). */
export const QUANTITY_REQUIRED: readonly Channel[] = ["site_visits"];

/** Channels whose evidence counts people: attendance is required for the first, allowed for all. */
export const ATTENDANCE_REQUIRED: readonly Channel[] = ["meeting", "training"];
export const ATTENDANCE_ALLOWED: readonly Channel[] = ["meeting", "training", "egov", "public_service_centre", "contest", "dialogue", "emulation", "other"];

/** One row as read from a file: text cells (or dates / numbers from XLSX), with its line number. */
export interface RawEvidenceRow {
  line: number;
  cells: Partial<Record<keyof EvidenceInput, string | number | Date | null>>;
}

export interface EvidenceInput {
  agency_id: string;
  channel: string;
  date: string;
  title: string;
  url: string;
  reference: string;
  sessions: string;
  quantity: string;
  attendance: string;
  media_kind: string;
  reform_area: string;
  target_id: string;
  notes: string;
}

export interface EvidenceRow {
  /** Stable key: the same evidence imported again updates, never duplicates. */
  evidence_id: string;
  agency_id: string;
  channel: Channel;
  published_at: string;
  /** The date as written in the file. */
  published_text: string;
  title: string;
  url: string | null;
  reference: string | null;
  sessions: number;
  /** What a quantity measure adds (e.g. visits), or null. */
  quantity: number | null;
  attendance: number | null;
  media_kind: MediaKind;
  reform_area: ReformArea | null;
  target_id: string | null;
  notes: string | null;
  line: number;
}

export interface EvidenceLookups {
  /** Agency ids that exist (injected, or from the registry). */
  knownAgencyIds?: Set<string>;
  /** Whether an agency existed on a day (YYYY-MM-DD); from the registry's validity periods. */
  agencyValidOn?: (id: string, day: string) => boolean;
  knownTargetIds?: Set<string>;
}

/** A located problem of an evidence file, with its stable code and Vietnamese sentence. */
export interface EvidenceIssue {
  file: string;
  line: number | null;
  field: string | null;
  code: EvidenceCode;
  params?: Record<string, string | number>;
  message: string;
}

export const evidenceIssue = (file: string, line: number | null, field: string | null, code: EvidenceCode, params?: Record<string, string | number>): EvidenceIssue => ({
  file,
  line,
  field,
  code,
  ...(params ? { params } : {}),
  message: evidenceMessage(code, params),
});

export class EvidenceValidationError extends Error {
  /** Every problem as "file: dòng N, cột FIELD: sentence". */
  readonly problems: string[];
  constructor(readonly issues: EvidenceIssue[]) {
    const problems = issues.map((i) => evidenceProblem(i.file, i.line, i.field, i.message));
    super(`${evidenceInvalidSummary(problems.length)}:\n${problems.join("\n")}`);
    this.problems = problems;
  }
}

/** A located problem of an evidence file: "minh-chung.csv: dòng 3, cột date: …" (line / field left out when the problem has none). */
export function evidenceProblem(file: string, line: number | null, field: string | null, message: string): string {
  const where = [line === null ? null : `dòng ${line}`, field ? `cột ${field}` : null].filter(Boolean).join(", ");
  return `${file}${where ? `: ${where}` : ""}: ${message}`;
}

/** `kênh "training" (Lớp tập huấn, bồi dưỡng)`: a code as written, with its Vietnamese label. */
const channelNamed = (code: string) => `kênh "${code}" (${label("channel", code)})`;

const fold = (text: string) => text.normalize("NFC").toLowerCase().replace(/\s+/g, " ").trim();

/** The stable key of a row: agency, channel, day, folded title, link or reference. */
export function evidenceKey(r: Pick<EvidenceRow, "agency_id" | "channel" | "published_at" | "title" | "url" | "reference">): string {
  const day = r.published_at.slice(0, 10);
  const parts = [r.agency_id, r.channel, day, fold(r.title), r.url ?? fold(r.reference ?? "")];
  return createHash("sha256").update(parts.join("\u001f")).digest("hex").slice(0, 24);
}

function cellText(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    // exceljs gives a date cell as UTC midnight of the day typed: keep the wall-clock day and time.
    const p = { y: value.getUTCFullYear(), m: value.getUTCMonth() + 1, d: value.getUTCDate(), H: value.getUTCHours(), M: value.getUTCMinutes() };
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${pad(p.d)}/${pad(p.m)}/${p.y}${p.H || p.M ? ` ${pad(p.H)}:${pad(p.M)}` : ""}`;
  }
  return String(value).normalize("NFC").replace(/\s+/g, " ").trim();
}

/** A "now" no date can be after: a date the parser refuses only for `now` is in the future. */
const END_OF_TIME = new Date(8.64e15);

function integer(text: string, min: number): number | { code: EvidenceCode; params: Record<string, string | number> } {
  if (!/^\d+$/.test(text)) return { code: "ev.not_integer", params: { value: text } };
  const n = Number(text);
  return n < min ? { code: "ev.too_small", params: { value: n, min } } : n;
}

/**
 * Validate every row of a file; rows are returned only when the whole file is
 * clean. `now` rejects future dates; `file` names the file in messages.
 */
export function validateEvidence(file: string, rows: RawEvidenceRow[], now: Date, lookups: EvidenceLookups = {}): EvidenceRow[] {
  const problems: EvidenceIssue[] = [];
  const out: EvidenceRow[] = [];
  const seen = new Map<string, number>();
  for (const raw of rows) {
    const c = Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, cellText(raw.cells[k])])) as unknown as EvidenceInput;
    if (EVIDENCE_KEYS.every((k) => c[k] === "")) continue; // blank line
    const bad = (field: string, code: EvidenceCode, params?: Record<string, string | number>) => problems.push(evidenceIssue(file, raw.line, field, code, params));
    const before = problems.length;

    if (!c.agency_id) bad("agency_id", "ev.agency_required");
    else if (lookups.knownAgencyIds && !lookups.knownAgencyIds.has(c.agency_id)) bad("agency_id", "ev.unknown_agency", { id: c.agency_id });

    if (!c.channel) bad("channel", "ev.required");
    else if (!(CHANNELS as readonly string[]).includes(c.channel)) bad("channel", "ev.unknown_channel", { channel: c.channel, allowed: CHANNELS.join(", ") });
    const channel = c.channel as Channel;

    let publishedAt: string | null = null;
    if (!c.date) bad("date", "ev.required");
    else {
      const parsed = parseVietnameseDate(c.date, { now, order: "dmy" });
      if (parsed.ok) publishedAt = parsed.value.iso;
      else if (parseVietnameseDate(c.date, { now: END_OF_TIME, order: "dmy" }).ok) bad("date", "ev.future_date", { value: c.date });
      else bad("date", "ev.bad_date", { value: c.date });
    }
    if (publishedAt && c.agency_id && lookups.agencyValidOn) {
      const day = toVietnamIso(new Date(publishedAt)).slice(0, 10);
      if (lookups.knownAgencyIds?.has(c.agency_id) !== false && !lookups.agencyValidOn(c.agency_id, day)) {
        bad("agency_id", "ev.agency_not_on_day", { id: c.agency_id, date: c.date });
      }
    }

    if (!c.title) bad("title", "ev.required");

    if (c.url && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(c.url)) bad("url", "ev.bad_url", { value: c.url });
    if (!c.url && !c.reference) bad("url", "ev.link_or_reference");

    let sessions = 1;
    if (c.sessions) {
      const n = integer(c.sessions, 1);
      if (typeof n === "object") bad("sessions", n.code, n.params);
      else sessions = n;
    }
    let attendance: number | null = null;
    if (c.attendance) {
      const n = integer(c.attendance, 0);
      if (typeof n === "object") bad("attendance", n.code, n.params);
      else if (c.channel && !ATTENDANCE_ALLOWED.includes(channel)) bad("attendance", "ev.attendance_not_allowed", { channel: channelNamed(c.channel) });
      else attendance = n;
    } else if (ATTENDANCE_REQUIRED.includes(channel)) bad("attendance", "ev.required_for_channel", { channel: channelNamed(c.channel) });
    let quantity: number | null = null;
    if (c.quantity) {
      const n = integer(c.quantity.replace(/[.\s](?=\d{3}\b)/g, ""), 0);
      if (typeof n === "object") bad("quantity", n.code, n.params);
      else quantity = n;
    } else if (QUANTITY_REQUIRED.includes(channel)) bad("quantity", "ev.required_for_channel", { channel: channelNamed(c.channel) });
    if (c.media_kind && !(MEDIA_KINDS as readonly string[]).includes(c.media_kind)) {
      bad("media_kind", "ev.unknown_media_kind", { value: c.media_kind, allowed: MEDIA_KINDS.join(", ") });
    }
    const mediaKind = (c.media_kind || CHANNEL_MEDIA_KIND[channel] || "text") as MediaKind;

    if (DESCRIBED_CHANNELS.includes(channel) && !c.notes) bad("notes", "ev.notes_required", { channel: channelNamed(c.channel) });

    if (c.reform_area && !(REFORM_AREAS as readonly string[]).includes(c.reform_area)) {
      bad("reform_area", "ev.unknown_area", { area: c.reform_area, allowed: REFORM_AREAS.join(", ") });
    }
    if (c.target_id && lookups.knownTargetIds && !lookups.knownTargetIds.has(c.target_id)) bad("target_id", "ev.unknown_target", { id: c.target_id });

    if (problems.length > before) continue;
    const row: EvidenceRow = {
      evidence_id: "",
      agency_id: c.agency_id,
      channel,
      published_at: publishedAt!,
      published_text: c.date,
      title: c.title,
      url: c.url || null,
      reference: c.reference || null,
      sessions,
      quantity,
      attendance,
      media_kind: mediaKind,
      reform_area: (c.reform_area || null) as ReformArea | null,
      target_id: c.target_id || null,
      notes: c.notes || null,
      line: raw.line,
    };
    row.evidence_id = evidenceKey(row);
    const first = seen.get(row.evidence_id);
    if (first !== undefined) {
      bad("title", "ev.duplicate", { line: first });
      continue;
    }
    seen.set(row.evidence_id, raw.line);
    out.push(row);
  }
  if (problems.length) throw new EvidenceValidationError(problems);
  return out;
}

/** An evidence row back as template cells (for exports and round trips). */
export function toTemplateCells(r: EvidenceRow): EvidenceInput {
  return {
    agency_id: r.agency_id,
    channel: r.channel,
    date: r.published_text,
    title: r.title,
    url: r.url ?? "",
    reference: r.reference ?? "",
    sessions: String(r.sessions),
    quantity: r.quantity === null ? "" : String(r.quantity),
    attendance: r.attendance === null ? "" : String(r.attendance),
    media_kind: r.media_kind,
    reform_area: r.reform_area ?? "",
    target_id: r.target_id ?? "",
    notes: r.notes ?? "",
  };
}

