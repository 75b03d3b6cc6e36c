/**
 * The plan template (XLSX / CSV) and its reader: an analyst enters a new plan
 * as one row per target (plan number and date, clause, who, channel, minimum,
 * period, topic, deadline) instead of editing YAML. Reading is strict and pure:
 * every problem is located as sheet, row and column, and a file with any
 * problem yields nothing. registry/targets.yaml stays the stored form
 * (pipelines/plans/import.ts writes it).
 */
import ExcelJS from "exceljs";
import { toCsv } from "../export/csv.ts";
import { parseCsvRecords, xlsxCell } from "../evidence/files.ts";
import { deadlineFromText } from "../registry/tasks.ts";
import {
  AGENCY_KINDS,
  CHANNEL_GROUPS,
  CHANNELS,
  MEASURES,
  PERIODS,
  REFORM_AREAS,
  type AgencyKind,
  type Measure,
  type Period,
  type Plan,
  type Registry,
  type ReformArea,
  type Target,
  type Who,
} from "../registry/types.ts";
import { parseRegistryDate } from "../registry/yaml-source.ts";
import { planInvalidSummary, planMessage, type PlanCode } from "./messages.ts";

export const PLAN_SHEET = "Chỉ tiêu";
export const PLAN_GUIDE_SHEET = "Hướng dẫn";

export interface PlanColumn {
  key: keyof PlanTemplateRow;
  label: string;
  required: boolean;
  help: string;
}

/** One row of the template as text cells. */
export interface PlanTemplateRow {
  so_ke_hoach: string;
  ngay_ban_hanh: string;
  nam: string;
  co_quan_ban_hanh: string;
  ten_ke_hoach: string;
  muc: string;
  doi_tuong: string;
  truc_thuoc: string;
  kenh: string;
  toi_thieu: string;
  don_vi: string;
  ky: string;
  chu_de: string;
  linh_vuc: string;
  han: string;
  mo_ta: string;
  ma_chi_tieu: string;
  ghi_chu: string;
}

const PERIOD_WORDS: Record<string, Period> = { tháng: "month", quý: "quarter", "6 tháng": "half", "9 tháng": "nine_months", năm: "year" };

export const PLAN_COLUMNS: PlanColumn[] = [
  { key: "so_ke_hoach", label: "Số kế hoạch", required: true, help: "Số, ký hiệu của kế hoạch, ví dụ 125/KH-UBND. Mọi dòng của một kế hoạch ghi cùng một số." },
  { key: "ngay_ban_hanh", label: "Ngày ban hành", required: false, help: "dd/mm/yyyy hoặc yyyy-mm-dd." },
  { key: "nam", label: "Năm", required: true, help: "Năm của kế hoạch, ví dụ 2026." },
  { key: "co_quan_ban_hanh", label: "Cơ quan ban hành", required: true, help: "Mã cơ quan ban hành trong danh mục (registry/agencies.yaml), ví dụ ubnd-tinh-tay-ninh." },
  { key: "ten_ke_hoach", label: "Tên kế hoạch", required: true, help: "Trích yếu của kế hoạch." },
  { key: "muc", label: "Mục", required: true, help: "Mục, điểm của kế hoạch nêu chỉ tiêu, ví dụ V.1.b." },
  { key: "doi_tuong", label: "Đối tượng", required: true, help: `Mã một hoặc nhiều cơ quan, cách nhau bởi dấu phẩy; hoặc "loại:" và các loại cơ quan (${AGENCY_KINDS.join(", ")}), ví dụ "loại: so_ban_nganh, ubnd_xa_phuong".` },
  { key: "truc_thuoc", label: "Trực thuộc", required: false, help: 'Chỉ với "loại:": mã cơ quan cấp trên, ví dụ ubnd-tinh-tay-ninh.' },
  { key: "kenh", label: "Kênh", required: true, help: `Một hoặc nhiều kênh, cách nhau bởi dấu phẩy: ${CHANNELS.join(", ")}; hoặc nhóm ${Object.keys(CHANNEL_GROUPS).join(", ")}.` },
  { key: "toi_thieu", label: "Tối thiểu", required: false, help: "Số tối thiểu mỗi kỳ (số nguyên từ 1). Để trống khi kế hoạch chỉ nêu kênh và thời hạn." },
  { key: "don_vi", label: "Đơn vị tính", required: false, help: `Một trong: ${MEASURES.join(", ")}; để trống là items (tin, bài).` },
  { key: "ky", label: "Kỳ", required: true, help: `Mỗi kỳ: tháng, quý, 6 tháng, 9 tháng, năm (hoặc ${PERIODS.join(", ")}).` },
  { key: "chu_de", label: "Chủ đề (từ khóa)", required: false, help: "Từ khóa, cách nhau bởi dấu phẩy, ví dụ: đất đai, giá đất." },
  { key: "linh_vuc", label: "Lĩnh vực CCHC", required: false, help: `Một hoặc nhiều: ${REFORM_AREAS.join(", ")}.` },
  { key: "han", label: "Hạn", required: false, help: 'Ngày cuối (dd/mm/yyyy), hoặc như kế hoạch ghi: "trước ngày 20/4/2026" (tức hết ngày 19/4/2026), "chậm nhất ngày 20/4/2026".' },
  { key: "mo_ta", label: "Mô tả", required: false, help: "Nội dung chỉ tiêu như kế hoạch ghi." },
  { key: "ma_chi_tieu", label: "Mã chỉ tiêu", required: false, help: "Tùy chọn: mã chữ thường không dấu, gạch nối (a-z, 0-9, -); để trống sẽ tự đặt." },
  { key: "ghi_chu", label: "Ghi chú", required: false, help: "Không nhập vào danh mục; bản nháp ghi ở đây điều cần rà soát." },
];

export const PLAN_KEYS = PLAN_COLUMNS.map((c) => c.key);
const letter = (i: number) => {
  let s = "";
  for (let n = i + 1; n > 0; n = Math.floor((n - 1) / 26)) s = String.fromCharCode(65 + ((n - 1) % 26)) + s;
  return s;
};

/** A located problem: which sheet (XLSX) or file (CSV), row and column. */
export interface PlanProblem {
  sheet: string;
  row: number;
  column: string | null;
  field: string | null;
  /** Stable code of the problem (pipelines/plans/messages.ts). */
  code: PlanCode;
  params?: Record<string, string | number | null>;
  /** The Vietnamese sentence of `code`. */
  message: string;
}

/** A located problem with its Vietnamese sentence. */
const planProblem = (sheet: string, row: number, column: string | null, field: string | null, code: PlanCode, params?: Record<string, string | number | null>): PlanProblem => ({
  sheet,
  row,
  column,
  field,
  code,
  ...(params ? { params } : {}),
  message: planMessage(code, params),
});

/** "plan.xlsx [Chỉ tiêu]: dòng 5, cột G (doi_tuong): …" (a CSV has no sheet: "plan.csv: dòng 5, …"). */
export const formatPlanProblem = (p: PlanProblem, file?: string): string =>
  `${file && file !== p.sheet ? `${file} [${p.sheet}]` : p.sheet}: dòng ${p.row}${p.column ? `, cột ${p.column}` : ""}${p.field ? ` (${p.field})` : ""}: ${p.message}`;

export class PlanFileError extends Error {
  constructor(readonly problems: PlanProblem[]) {
    super(`${planInvalidSummary(problems.length)}:\n${problems.map((p) => formatPlanProblem(p)).join("\n")}`);
  }
}

/** A row read from a file: cells by key, and where each column is. */
export interface RawPlanRow {
  sheet: string;
  row: number;
  cells: Partial<Record<keyof PlanTemplateRow, string>>;
  columns: Partial<Record<keyof PlanTemplateRow, string>>;
}

/** The CSV template (header only, or draft rows). UTF-8 with BOM so Excel keeps Vietnamese. */
export function planCsv(rows: Partial<PlanTemplateRow>[] = []): string {
  return toCsv(rows as PlanTemplateRow[], PLAN_COLUMNS.map((c) => ({ key: c.key, header: c.label })));
}

/** The XLSX template: the Chỉ tiêu sheet (text cells, drop-downs for period and measure) and a guide sheet. */
export async function planXlsx(rows: Partial<PlanTemplateRow>[] = []): Promise<Buffer> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = "cchc-monitor";
  const sheet = workbook.addWorksheet(PLAN_SHEET, { views: [{ state: "frozen", ySplit: 1 }] });
  sheet.columns = PLAN_COLUMNS.map((c) => ({ header: c.label, key: c.key, width: ["mo_ta", "ten_ke_hoach", "ghi_chu"].includes(c.key) ? 50 : 18, style: { numFmt: "@" } }));
  sheet.getRow(1).font = { bold: true };
  PLAN_COLUMNS.forEach((c, i) => {
    sheet.getRow(1).getCell(i + 1).note = c.help;
  });
  for (const row of rows) sheet.addRow(PLAN_KEYS.map((k) => row[k] || null));
  const lists: Array<[keyof PlanTemplateRow, string[]]> = [
    ["ky", Object.keys(PERIOD_WORDS)],
    ["don_vi", [...MEASURES]],
  ];
  for (const [key, values] of lists) {
    const col = sheet.getColumn(PLAN_KEYS.indexOf(key) + 1).letter;
    for (let r = 2; r <= Math.max(200, rows.length + 1); r++) sheet.getCell(`${col}${r}`).dataValidation = { type: "list", allowBlank: true, formulae: [`"${values.join(",")}"`] };
  }
  const guide = workbook.addWorksheet(PLAN_GUIDE_SHEET);
  guide.columns = [
    { header: "Cột", key: "label", width: 24 },
    { header: "Bắt buộc", key: "required", width: 10 },
    { header: "Hướng dẫn", key: "help", width: 110 },
  ];
  guide.getRow(1).font = { bold: true };
  for (const c of PLAN_COLUMNS) guide.addRow({ label: c.label, required: c.required ? "có" : "không", help: c.help });
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

const norm = (s: string) => s.normalize("NFC").replace(/\s+/g, " ").trim();

function headerKey(text: string): keyof PlanTemplateRow | null {
  const t = norm(text).toLowerCase();
  return PLAN_COLUMNS.find((c) => c.key === t || c.label.toLowerCase() === t)?.key ?? null;
}

function mapHeader(sheet: string, header: string[]): { keys: Array<keyof PlanTemplateRow | null>; problems: PlanProblem[] } {
  const problems: PlanProblem[] = [];
  const keys = header.map((h, i) => {
    if (!norm(h)) return null;
    const key = headerKey(h);
    if (!key) problems.push(planProblem(sheet, 1, letter(i), null, "plan.unknown_column", { column: norm(h) }));
    return key;
  });
  for (const c of PLAN_COLUMNS) if (c.required && !keys.includes(c.key)) problems.push(planProblem(sheet, 1, null, c.key, "plan.missing_column", { label: c.label }));
  return { keys, problems };
}

function toRows(sheet: string, keys: Array<keyof PlanTemplateRow | null>, records: Array<{ row: number; values: Array<string | number | Date | null> }>): RawPlanRow[] {
  const columns = Object.fromEntries(keys.flatMap((k, i) => (k ? [[k, letter(i)]] : [])));
  return records.map((r) => ({
    sheet,
    row: r.row,
    columns,
    cells: Object.fromEntries(keys.flatMap((k, i) => (k ? [[k, cellText(r.values[i])]] : []))),
  }));
}

function cellText(value: string | number | Date | null | undefined): string {
  if (value === null || value === undefined) return "";
  if (value instanceof Date) {
    const pad = (n: number) => String(n).padStart(2, "0");
    return `${pad(value.getUTCDate())}/${pad(value.getUTCMonth() + 1)}/${value.getUTCFullYear()}`;
  }
  return norm(String(value));
}

export function readPlanCsv(file: string, text: string): RawPlanRow[] {
  const body = text.replace(/^\uFEFF/, "");
  const first = body.split(/\r?\n/, 1)[0];
  const delimiter = [",", ";", "\t"].map((d) => [d, first.split(d).length] as const).sort((a, b) => b[1] - a[1])[0][0];
  const records = parseCsvRecords(body, delimiter);
  if (!records.length) throw new PlanFileError([planProblem(file, 1, null, null, "plan.empty_file")]);
  const { keys, problems } = mapHeader(file, records[0].fields);
  if (problems.length) throw new PlanFileError(problems);
  return toRows(file, keys, records.slice(1).map((r) => ({ row: r.line, values: r.fields })));
}

export async function readPlanXlsx(file: string, data: Buffer): Promise<RawPlanRow[]> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(data as unknown as ArrayBuffer);
  } catch (error) {
    throw new PlanFileError([planProblem(file, 1, null, null, "plan.unreadable_xlsx", { detail: (error as Error).message })]);
  }
  const sheet = workbook.getWorksheet(PLAN_SHEET) ?? workbook.worksheets.find((s) => s.name !== PLAN_GUIDE_SHEET);
  if (!sheet) throw new PlanFileError([planProblem(file, 1, null, null, "plan.no_sheet", { sheet: PLAN_SHEET })]);
  const width = Math.max(sheet.columnCount, PLAN_KEYS.length);
  const header = Array.from({ length: width }, (_, i) => String(xlsxCell(sheet.getRow(1).getCell(i + 1).value) ?? ""));
  const { keys, problems } = mapHeader(sheet.name, header);
  if (problems.length) throw new PlanFileError(problems);
  const records = [];
  for (let r = 2; r <= sheet.rowCount; r++) {
    const row = sheet.getRow(r);
    records.push({ row: r, values: Array.from({ length: width }, (_, i) => xlsxCell(row.getCell(i + 1).value)) });
  }
  return toRows(sheet.name, keys, records);
}

export async function readPlanFile(file: string, data: Buffer): Promise<RawPlanRow[]> {
  if (/\.xlsx$/i.test(file)) return readPlanXlsx(file, data);
  if (/\.(csv|txt)$/i.test(file)) return readPlanCsv(file, data.toString("utf-8"));
  throw new PlanFileError([planProblem(file, 1, null, null, "plan.bad_extension")]);
}

const list = (text: string) => text.split(/\s*[,;]\s*/).map((s) => s.trim()).filter(Boolean);
const slug = (s: string) =>
  s.normalize("NFD").replace(/[\u0300-\u036f]/g, "").replace(/đ/gi, "d").toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

export interface ParsedPlans {
  plans: Plan[];
  targets: Target[];
}

/**
 * Validate every row against the registry (agencies, kinds, channels, plans
 * already stored) and build the plans and targets; throws PlanFileError with
 * every problem located. Blank rows are skipped.
 */
export function parsePlanRows(rows: RawPlanRow[], registry: Registry, file = "(tệp)"): ParsedPlans {
  const problems: PlanProblem[] = [];
  const agencies = new Map(registry.agencies.map((a) => [a.id, a]));
  const plans = new Map<string, { plan: Plan; row: RawPlanRow }>();
  const targets: Target[] = [];
  const targetIds = new Set(registry.targets.map((t) => t.id));
  for (const r of rows) {
    const c = Object.fromEntries(PLAN_KEYS.map((k) => [k, r.cells[k] ?? ""])) as unknown as PlanTemplateRow;
    if (PLAN_KEYS.filter((k) => k !== "ghi_chu").every((k) => !c[k])) continue;
    const before = problems.length;
    const bad = (field: keyof PlanTemplateRow, code: PlanCode, params?: Record<string, string | number | null>) => problems.push(planProblem(r.sheet, r.row, r.columns[field] ?? null, field, code, params));
    for (const col of PLAN_COLUMNS) if (col.required && !c[col.key]) bad(col.key, "plan.required");

    // The plan this row belongs to: the same number, date, year, issuer and title on every row.
    if (c.so_ke_hoach && /[<>]/.test(c.so_ke_hoach)) bad("so_ke_hoach", "plan.placeholder", { value: c.so_ke_hoach });
    if (c.so_ke_hoach && registry.plans.some((p) => p.id === c.so_ke_hoach)) bad("so_ke_hoach", "plan.already_in_registry", { plan: c.so_ke_hoach });
    const year = /^\d{4}$/.test(c.nam) ? Number(c.nam) : null;
    if (c.nam && !year) bad("nam", "plan.not_year", { value: c.nam });
    const issued = c.ngay_ban_hanh ? parseRegistryDate(c.ngay_ban_hanh) : null;
    if (c.ngay_ban_hanh && !issued) bad("ngay_ban_hanh", "plan.bad_date", { value: c.ngay_ban_hanh });
    if (c.co_quan_ban_hanh && !agencies.has(c.co_quan_ban_hanh)) bad("co_quan_ban_hanh", "plan.unknown_agency", { id: c.co_quan_ban_hanh });
    if (c.so_ke_hoach && year) {
      const plan: Plan = { id: c.so_ke_hoach, title: c.ten_ke_hoach, issuer: c.co_quan_ban_hanh, issued, year };
      const seen = plans.get(plan.id);
      if (!seen) plans.set(plan.id, { plan, row: r });
      else
        for (const [k, field] of [["title", "ten_ke_hoach"], ["issuer", "co_quan_ban_hanh"], ["issued", "ngay_ban_hanh"], ["year", "nam"]] as const)
          if (seen.plan[k] !== plan[k]) bad(field, "plan.differs_in_plan", { row: seen.row.row, value: seen.plan[k] ?? "" });
    }

    let who: Who = { agencies: [] };
    const kindsText = /^lo[aạ]i\s*:/i.exec(c.doi_tuong);
    if (kindsText) {
      const kinds = list(c.doi_tuong.slice(kindsText[0].length));
      for (const k of kinds) if (!(AGENCY_KINDS as readonly string[]).includes(k)) bad("doi_tuong", "plan.unknown_kind", { kind: k, allowed: AGENCY_KINDS.join(", ") });
      if (!kinds.length) bad("doi_tuong", "plan.kinds_missing");
      if (c.truc_thuoc && !agencies.has(c.truc_thuoc)) bad("truc_thuoc", "plan.unknown_agency", { id: c.truc_thuoc });
      who = { kinds: kinds as AgencyKind[], parent: c.truc_thuoc || null };
    } else if (c.doi_tuong) {
      const ids = list(c.doi_tuong);
      for (const id of ids) if (!agencies.has(id)) bad("doi_tuong", "plan.unknown_agency", { id });
      if (c.truc_thuoc) bad("truc_thuoc", "plan.parent_without_kinds");
      who = { agencies: ids };
    }

    const channels = list(c.kenh);
    for (const ch of channels) if (!(CHANNELS as readonly string[]).includes(ch) && !CHANNEL_GROUPS[ch]) bad("kenh", "plan.unknown_channel", { channel: ch, channels: CHANNELS.join(", "), groups: Object.keys(CHANNEL_GROUPS).join(", ") });
    let min: number | null = null;
    if (c.toi_thieu) {
      if (!/^\d+$/.test(c.toi_thieu) || Number(c.toi_thieu) < 1) bad("toi_thieu", "plan.not_positive", { value: c.toi_thieu });
      else min = Number(c.toi_thieu);
    }
    const measure = (c.don_vi || "items") as Measure;
    if (!(MEASURES as readonly string[]).includes(measure)) bad("don_vi", "plan.unknown_measure", { value: c.don_vi, allowed: MEASURES.join(", ") });
    const period = (PERIOD_WORDS[c.ky.toLowerCase()] ?? c.ky) as Period;
    if (c.ky && !(PERIODS as readonly string[]).includes(period)) bad("ky", "plan.unknown_period", { value: c.ky });
    const areas = list(c.linh_vuc);
    for (const a of areas) if (!(REFORM_AREAS as readonly string[]).includes(a)) bad("linh_vuc", "plan.unknown_area", { area: a, allowed: REFORM_AREAS.join(", ") });
    const keywords = list(c.chu_de);
    let deadline: string | null = null;
    if (c.han) {
      deadline = parseRegistryDate(c.han) ?? deadlineFromText(c.han, year ?? undefined);
      if (!deadline) bad("han", "plan.bad_deadline", { value: c.han });
      else if (year && Number(deadline.slice(0, 4)) < year) bad("han", "plan.deadline_before_year", { deadline, year });
    }
    if (min === null && !deadline && c.toi_thieu === "" && c.han === "") bad("toi_thieu", "plan.target_needs_measure");
    if (year && "agencies" in who)
      for (const id of who.agencies) {
        const a = agencies.get(id);
        if (a && ((a.valid_from ?? "0000") > `${year}-12-31` || (a.valid_to ?? "9999") < `${year}-01-01`)) bad("doi_tuong", "plan.agency_not_in_year", { id, year, from: a.valid_from, to: a.valid_to });
      }
    let id = c.ma_chi_tieu;
    if (id && !ID.test(id)) bad("ma_chi_tieu", "plan.bad_target_id", { id });
    if (!id && c.so_ke_hoach && c.muc) {
      const base = `t${year ?? ""}-${slug(c.so_ke_hoach)}-${slug(c.muc)}`;
      id = base;
      for (let n = 2; targetIds.has(id); n++) id = `${base}-${n}`;
    }
    if (id && targetIds.has(id) && c.ma_chi_tieu) bad("ma_chi_tieu", "plan.target_id_used", { id });
    if (problems.length > before) continue;
    targetIds.add(id);
    targets.push({
      id,
      plan: c.so_ke_hoach,
      clause: c.muc,
      who,
      channels,
      topic: areas.length || keywords.length ? { areas: areas as ReformArea[], keywords } : null,
      measure,
      min_count: min,
      period,
      year: year!,
      deadline,
      description: c.mo_ta,
    });
  }
  if (!plans.size && !problems.length) problems.push(planProblem(rows[0]?.sheet ?? file, 2, null, null, "plan.no_rows"));
  if (problems.length) throw new PlanFileError(problems);
  return { plans: [...plans.values()].map((p) => p.plan), targets };
}

/** Template rows of targets (the draft of a year's plan, or a plan written back). */
export function templateRows(plan: Plan, targets: Target[], notes: Map<string, string> = new Map()): Partial<PlanTemplateRow>[] {
  return targets.map((t) => ({
    so_ke_hoach: plan.id,
    ngay_ban_hanh: plan.issued ? plan.issued.split("-").reverse().join("/") : "",
    nam: String(plan.year),
    co_quan_ban_hanh: plan.issuer,
    ten_ke_hoach: plan.title,
    muc: t.clause,
    doi_tuong: "agencies" in t.who ? t.who.agencies.join(", ") : `loại: ${t.who.kinds.join(", ")}`,
    truc_thuoc: "kinds" in t.who ? (t.who.parent ?? "") : "",
    kenh: t.channels.join(", "),
    toi_thieu: t.min_count === null ? "" : String(t.min_count),
    don_vi: t.measure,
    ky: Object.entries(PERIOD_WORDS).find(([, p]) => p === t.period)?.[0] ?? t.period,
    chu_de: t.topic?.keywords.join(", ") ?? "",
    linh_vuc: t.topic?.areas.join(", ") ?? "",
    han: t.deadline ? t.deadline.split("-").reverse().join("/") : "",
    mo_ta: t.description,
    ma_chi_tieu: "",
    ghi_chu: notes.get(t.id) ?? "",
  }));
}
