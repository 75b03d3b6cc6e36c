/**
 * Every sentence the `cchc` command prints: functions that take numbers and values and return
 * Vietnamese text (numbers, percentages and dates through src/components/format.js, the site's
 * vi-VN formatters; codes through the vocabulary's labels). The commands in commands/*.ts print
 * only what these return, so the CLI's wording lives in one file. Machine output (--json, JSON
 * lines, CSV) is not here: it carries ids and raw numbers for scripts.
 */
import { formatDate, formatDateTime, formatNumber, formatPercent, monthLabel } from "../../src/components/format.js";
import type { FullReason } from "../analyse/fingerprint.ts";
import type { EvalReport } from "../classify/evaluate.ts";
import type { ProbeReport } from "../discover/probe.ts";
import { type Domain, label, term } from "../vocabulary/index.ts";

/** A code's Vietnamese label, or the code itself where the vocabulary has none (e.g. a DEMO platform). */
const labelOr = (domain: Domain, code: string): string => term(domain, code)?.label ?? code;

/** 1234 → "1.234" (vi-VN). */
export const n = (x: number | null | undefined): string => formatNumber(x);

/** 0.923 → "92,3%": one decimal, as the metrics of `cchc eval` are read. */
export const pct1 = (x: number | null | undefined): string => formatPercent(x, 1);

/** A size in bytes → "1,5 MB" (1 MB = 1.000.000 byte, one decimal): every size the CLI prints. */
export const megabytes = (bytes: number): string => `${formatNumber(Math.round(bytes / 100_000) / 10)} MB`;

/** A label as plain words for a list in parentheses: no leading glyph ("✓ Hoàn thành" → "Hoàn thành"), no nested brackets. */
const plainLabel = (text: string): string => text.replace(/^[^\p{L}\p{N}]+/u, "").replace(/\s*\((.+)\)$/, ", $1");

/** An ISO instant → "dd/mm/yyyy hh:mm" (Asia/Ho_Chi_Minh); "YYYY-MM-DD" → "dd/mm/yyyy". */
export const when = (iso: string | null | undefined): string => (iso && /^\d{4}-\d{2}-\d{2}$/.test(iso) ? formatDate(iso) : formatDateTime(iso));

// ── Commander: help and parse errors (pipelines/cli/program.ts) ──

const HELP_TITLES: Record<string, string> = {
  "Usage:": "Cách dùng:",
  "Arguments:": "Đối số:",
  "Options:": "Tùy chọn:",
  "Global Options:": "Tùy chọn chung:",
  "Commands:": "Lệnh:",
};

const NOTE_WORDS: Record<string, string> = { choices: "lựa chọn", default: "mặc định", preset: "giá trị khi ghi tùy chọn mà không kèm giá trị", env: "biến môi trường" };

export const help = {
  programDescription: "cchc-monitor: theo dõi mức độ tuyên truyền cải cách hành chính (CCHC) của các cơ quan tỉnh Tây Ninh so với chỉ tiêu kế hoạch",
  helpOption: "hiển thị trợ giúp của lệnh",
  helpCommand: "hiển thị trợ giúp của một lệnh",
  title: (title: string): string => HELP_TITLES[title] ?? title,
  /** Codes an option accepts, each with its Vietnamese label: "task (Nhiệm vụ), report (Báo cáo)". */
  codes: (domain: Domain, codes: readonly string[]): string => codes.map((c) => `${c} (${plainLabel(labelOr(domain, c))})`).join(", "),
  /** Commander's usage words: "[options]" and "[command]". */
  usage: (usage: string): string => usage.replace(/\[options\]/g, "[tùy chọn]").replace(/\[command\]/g, "[lệnh]"),
  /**
   * An option's or argument's description with commander's notes after it — "(default: "x",
   * choices: …)" — said in Vietnamese; a boolean default reads "có" / "không".
   */
  withNotes(description: string, withNotes: string): string {
    if (!withNotes.startsWith(description)) return withNotes;
    const notes = withNotes
      .slice(description.length)
      .replace(/\b(choices|default|preset|env): /g, (_, word: string) => `${NOTE_WORDS[word]}: `)
      .replace(/(mặc định: )true\b/, "$1có")
      .replace(/(mặc định: )false\b/, "$1không");
    return description + notes;
  },
};

/** "\n(Did you mean X?)" / "(Did you mean one of X, Y?)" → Vietnamese. */
function suggestion(english: string): string {
  const m = /\n\(Did you mean (one of )?(.+)\?\)$/s.exec(english);
  if (!m) return "";
  return m[1] ? `\n(Có phải ý bạn là một trong các mục: ${m[2]}?)` : `\n(Có phải ý bạn là ${m[2]}?)`;
}

/** `environment variable 'X'` / `option 'X'` in commander's conflict message. */
const optionOrVariable = (text: string) => text.replace(/^environment variable /, "biến môi trường ").replace(/^option /, "tùy chọn ");

/**
 * Commander's parse error (English, e.g. "error: unknown option '--x'") in Vietnamese, by its code.
 * An error whose wording this does not know keeps its details after "lỗi:".
 */
export function commanderError(message: string, code: string | undefined): string {
  let m: RegExpExecArray | null;
  switch (code) {
    case "commander.unknownOption":
      if ((m = /^error: unknown option '(.+?)'/.exec(message))) return `lỗi: không có tùy chọn '${m[1]}'${suggestion(message)}`;
      break;
    case "commander.unknownCommand":
      if ((m = /^error: unknown command '(.+?)'/.exec(message))) return `lỗi: không có lệnh '${m[1]}'${suggestion(message)}`;
      break;
    case "commander.missingArgument":
      if ((m = /^error: missing required argument '(.+)'$/.exec(message))) return `lỗi: thiếu đối số bắt buộc '${m[1]}'`;
      break;
    case "commander.optionMissingArgument":
      if ((m = /^error: option '(.+)' argument missing$/.exec(message))) return `lỗi: tùy chọn '${m[1]}' cần một giá trị`;
      break;
    case "commander.missingMandatoryOptionValue":
      if ((m = /^error: required option '(.+)' not specified$/.exec(message))) return `lỗi: thiếu tùy chọn bắt buộc '${m[1]}'`;
      break;
    case "commander.conflictingOption":
      if ((m = /^error: (.+) cannot be used with (.+)$/.exec(message))) return `lỗi: không dùng ${optionOrVariable(m[1])} cùng với ${optionOrVariable(m[2])}`;
      break;
    case "commander.excessArguments":
      if ((m = /^error: too many arguments(?: for '(.+)')?\. Expected (\d+) arguments? but got (\d+)\.$/.exec(message))) {
        return `lỗi: thừa đối số${m[1] ? ` cho lệnh '${m[1]}'` : ""}: lệnh nhận ${n(Number(m[2]))} đối số, đã nhập ${n(Number(m[3]))}`;
      }
      break;
    case "commander.invalidArgument":
      if ((m = /^error: option '(.+?)' argument '(.*?)' is invalid\.\s*(.*)$/s.exec(message))) return `lỗi: giá trị '${m[2]}' của tùy chọn '${m[1]}' không hợp lệ${invalidReason(m[3])}`;
      if ((m = /^error: command-argument value '(.*?)' is invalid for argument '(.+?)'\.\s*(.*)$/s.exec(message))) return `lỗi: giá trị '${m[1]}' của đối số '${m[2]}' không hợp lệ${invalidReason(m[3])}`;
      break;
  }
  return message.replace(/^error: /, "lỗi: ");
}

/** commander's "Allowed choices are a, b." (or a custom reason) after "không hợp lệ". */
function invalidReason(reason: string): string {
  const m = /^Allowed choices are (.+)\.$/.exec(reason.trim());
  if (m) return `; chỉ nhận: ${m[1]}`;
  return reason.trim() ? `: ${reason.trim()}` : "";
}

// ── Errors main() prints as "cchc: <message>" ──

const FILE_ERRORS: Record<string, string> = {
  ENOENT: "không có tệp hoặc thư mục này",
  EACCES: "không có quyền truy cập",
  EPERM: "không có quyền truy cập",
  EISDIR: "đây là thư mục, không phải tệp",
  ENOTDIR: "một phần của đường dẫn không phải thư mục",
  EEXIST: "tệp đã có",
};

/**
 * The message main() prints after "cchc: ". A file Node could not open or read (a mistyped FILE
 * argument, an unreadable folder) is said in Vietnamese with its path; every other error's message
 * is already the sentence to show (the pipelines raise Vietnamese messages for the user's mistakes;
 * parser details quoted in parentheses, e.g. JSON's or YAML's, stay as the parser wrote them). What
 * stays English elsewhere: the attribution's evidence trace, `cchc serve`'s log lines and Observable
 * Framework's own output during a build.
 */
export function cliError(error: Error): string {
  const e = error as NodeJS.ErrnoException;
  if (e.code && e.path && FILE_ERRORS[e.code]) return `${e.path}: ${FILE_ERRORS[e.code]}`;
  return error.message;
}

/** Errors on option values and input files, shared by several commands. */
export const usage = {
  chooseOne: (a: string, b: string) => `${a} và ${b}: chỉ chọn một`,
  notYear: (option: string, value: unknown) => `${option}: "${value}" không phải là năm (2000–2100)`,
  notRealDate: (option: string, value: unknown) => `${option}: "${value}" không phải là ngày có thật`,
  notDateYmd: (option: string, value: unknown) => `${option}: "${value}" không phải ngày dạng YYYY-MM-DD`,
  notDate: (option: string, value: unknown) => `${option}: "${value}" không phải là thời điểm hợp lệ`,
  notMonth: (option: string, value: unknown) => `${option}: "${value}" không phải tháng dạng YYYY-MM`,
  notProvinceCode: (option: string, value: unknown) => `${option}: "${value}" không phải mã tỉnh (chữ thường không dấu, chữ số và dấu gạch nối, ví dụ tay-ninh)`,
  notWholeNumber: (option: string, value: unknown, unit: string) => `${option}: "${value}" không phải số ${unit} nguyên ≥ 0`,
  notPort: (option: string, value: unknown) => `${option}: “${value}” không phải là số cổng (0–65535)`,
  notHttpUrl: (option: string, value: unknown) => `${option}: “${value}” không phải địa chỉ http(s)`,
  format: (option: string, value: unknown, allowed: readonly string[]) => `${option}: "${value}" không phải định dạng hợp lệ (chỉ nhận: ${allowed.join(", ")})`,
  oneOf: (option: string, value: unknown, allowed: readonly string[]) => `${option}: "${value}" không hợp lệ (chỉ nhận: ${allowed.join(", ")})`,
  noAgency: (option: string, id: string, where: string) => `${option}: không có cơ quan mã "${id}" trong ${where}`,
  noSource: (option: string, id: string, db: string, known: string) => `${option}: không có nguồn "${id}" trong ${db} (các nguồn đã thu thập: ${known || "chưa có"})`,
  noWarehouse: (db: string) => `--db: không có kho dữ liệu ${db}`,
  noWarehouseYet: (db: string) => `--db: kho dữ liệu ${db} không tồn tại: chạy \`cchc crawl\` trước`,
};

/** Errors in a JSON-lines input (classify, attribute, eval, eval-attribution): FILE:LINE: field: problem. */
export const jsonLines = {
  notJson: (at: string, reason: string) => `${at}: (dòng): không phải JSON (${reason})`,
  notObject: (at: string) => `${at}: (dòng): cần một đối tượng JSON`,
  notString: (at: string, field: string) => `${at}: ${field}: phải là chuỗi văn bản`,
  needsText: (at: string) => `${at}: title: mỗi dòng cần có "title" hoặc "text"`,
  noItem: (at: string, id: string, file: string) => `${at}: id: không có mục "${id}" trong ${file}`,
  notBoolean: (at: string, field: string) => `${at}: ${field}: phải là true hoặc false`,
  notStringOrNull: (at: string, field: string) => `${at}: ${field}: phải là chuỗi văn bản hoặc null`,
  notDateOrNull: (at: string, field: string, value: string) => `${at}: ${field}: "${value}" không phải ngày dạng YYYY-MM-DD (ghi null khi không rõ)`,
  notAgencyOrNull: (at: string, field: string) => `${at}: ${field}: phải là mã cơ quan hoặc null`,
  unknownAgency: (at: string, field: string, id: string) => `${at}: ${field}: không có cơ quan mã "${id}" trong danh mục`,
  notAgencyList: (at: string, field: string) => `${at}: ${field}: phải là danh sách mã cơ quan`,
};

// ── cchc report, cchc analyse, cchc override, cchc overrides-export ──

/** What `cchc report` (and analyse) computed; the numbers of RefreshSummary. */
export interface ReportNumbers {
  registry: { agencies: number; targets: number };
  analysis: { articles: number; cchc: number; attributed: number; unattributed: number; clusters: number; countable: number; overridden: number; overrides_imported: number };
  coverage_rows: number;
}

/** Why an analysis read every article again (pipelines/analyse/fingerprint.ts' fullRunReason). */
const FULL_RUN_REASONS: Record<FullReason, string> = {
  requested: "theo yêu cầu (--full)",
  first: "chưa có kết quả phân tích được lưu",
  unknown: "không rõ tệp từ điển phân loại",
  incomplete: "kết quả phân tích được lưu không đầy đủ",
  lexicon: "từ điển phân loại đã đổi",
  agencies: "danh sách cơ quan đã đổi",
  sources: "cơ quan hoặc kênh của nguồn tin đã đổi",
  code: "cách phân tích của phần mềm đã đổi",
  runtime: "phiên bản Unicode của Node.js đã đổi",
};

export const report = {
  liveSiteRefreshes: "trang đang chạy (cchc start) sẽ hiện số liệu mới khi tải lại trang",
  summary: (s: ReportNumbers) =>
    `danh mục: ${n(s.registry.agencies)} cơ quan, ${n(s.registry.targets)} chỉ tiêu; ` +
    `phân tích: ${n(s.analysis.articles)} tin, bài, ${n(s.analysis.cchc)} tin, bài CCHC, ${n(s.analysis.unattributed)} chưa xác định cơ quan, ` +
    `${n(s.analysis.countable)} mục được tính; độ phủ: ${n(s.coverage_rows)} dòng`,
  analysed: (s: ReportNumbers) => {
    const a = s.analysis;
    return (
      `đã phân tích ${n(a.articles)} tin, bài: ${n(a.cchc)} tin, bài CCHC, ${n(a.attributed)} đã xác định cơ quan, ${n(a.unattributed)} chưa xác định cơ quan, ` +
      `${n(a.clusters)} cụm tin trùng, ${n(a.countable)} mục được tính, ${n(a.overridden)} tin, bài được cán bộ điều chỉnh (${n(a.overrides_imported)} điều chỉnh nhập từ tệp); ` +
      `độ phủ: ${n(s.coverage_rows)} dòng`
    );
  },
  /** What the analysis read again: only the new and changed articles, or all of them and why. */
  analysisScope: (a: { analysed: number; articles: number; full_reason: FullReason | null }) =>
    a.full_reason !== null
      ? `phân tích lại toàn bộ ${n(a.articles)} tin, bài: ${FULL_RUN_REASONS[a.full_reason]}`
      : `phân tích ${n(a.analysed)} tin, bài mới hoặc đã đổi trong ${n(a.articles)} tin, bài`,
  buildSummary: (s: ReportNumbers) => `báo cáo: ${n(s.analysis.articles)} bài, ${n(s.analysis.countable)} mục được tính, ${n(s.coverage_rows)} dòng độ phủ theo chỉ tiêu`,
};

const OVERRIDE_ACTIONS: Record<string, string> = { include: "tính là tin, bài CCHC", exclude: "không tính", areas: "đổi lĩnh vực", agency: "đổi cơ quan được ghi nhận" };

export const override = {
  includeAndExclude: "--include và --exclude: chỉ chọn một",
  nothingToDo: "không có gì để làm: ghi --include, --exclude, --areas hoặc --agency",
  recorded: (o: { override_id: string; action: string; article_id: string; by: string; at: string }, file: string) =>
    `điều chỉnh ${o.override_id}: ${OVERRIDE_ACTIONS[o.action] ?? o.action} — bài ${o.article_id}, do ${o.by} lúc ${when(o.at)} (đã ghi vào ${file})`,
  recomputed: (coverageRows: number, after: number, before: number) =>
    `đã tính lại số liệu: ${n(coverageRows)} dòng chỉ tiêu; bài này hiện được tính ở ${n(after)} dòng (trước đó: ${n(before)})`,
  noLongerCounted: (row: string) => `  không còn được tính: ${row}`,
  nowCounted: (row: string, actual: number) => `  nay được tính: ${row} (${n(actual)})`,
  exported: (count: number, file: string) => `đã ghi ${n(count)} điều chỉnh vào ${file}`,
};

// ── cchc eval ──

/** "cchc" / "not" (is_cchc of a miss) or an area code → its Vietnamese label. */
const areaName = (v: unknown) => (v === null || v === undefined || v === "" || v === "-" || v === "null" ? "chưa phân loại" : label("reform_area", String(v)));
const cchcOrNot = (v: unknown) => {
  const s = String(v);
  if (s === "not") return "không phải CCHC";
  if (s.startsWith("cchc/")) return `CCHC, ${areaName(s.slice(5))}`;
  return s === "cchc" ? "CCHC" : s;
};

export const evalClassifier = {
  lines(file: string, r: EvalReport): string[] {
    const lines = [
      `${file}: ${n(r.n)} mục (${n(r.tp + r.fn)} CCHC, ${n(r.tn + r.fp)} không phải CCHC)`,
      `is_cchc   độ chính xác (precision) ${pct1(r.precision)}  độ nhạy (recall) ${pct1(r.recall)}  F1 ${pct1(r.f1)}   ` +
        `(đúng CCHC ${n(r.tp)}, nhận nhầm ${n(r.fp)}, bỏ sót ${n(r.fn)}, đúng là không phải CCHC ${n(r.tn)})`,
      `lĩnh vực  tỷ lệ đúng ${pct1(r.area_accuracy)} (${n(r.area_correct)}/${n(r.area_n)} mục CCHC có gắn lĩnh vực; mục bị bỏ sót tính là sai)`,
    ];
    if (r.misclassified.length) {
      lines.push("", "Phân loại sai (is_cchc):");
      for (const m of r.misclassified) lines.push(`  ${file}:${m.line}  cần ${cchcOrNot(m.expected)}, kết quả ${cchcOrNot(m.got)} (điểm ${n(m.score)})  ${m.title}`);
    }
    if (r.wrong_area.length) {
      lines.push("", "Sai lĩnh vực chính:");
      for (const m of r.wrong_area) lines.push(`  ${file}:${m.line}  cần ${areaName(m.expected)}, kết quả ${areaName(m.got)} (điểm ${n(m.score)})  ${m.title}`);
    }
    return lines;
  },
};

// ── cchc eval-attribution ──

export interface AttributionReport {
  n: number;
  expected_n: number;
  null_n: number;
  accuracy: number;
  right: number;
  wrong_credit: number;
  wrong: number;
  wrong_on_expected: number;
  wrong_on_null: number;
  unattributed: number;
  per_channel: Record<string, { n: number; accuracy: number; right: number; expected_n: number; wrong: number; unattributed: number }>;
  misses: { line: number; id: string | null; verdict: string; expected: string | null; got: string | null; method: string; title: string; evidence: string }[];
}

const VERDICTS: Record<string, string> = { wrong: "ghi nhầm", unattributed: "chưa xác định cơ quan" };

export const evalAttribution = {
  /** `agencyName(id)`: the registry's name of an agency id (the id itself when unknown). */
  lines(file: string, r: AttributionReport, agencyName: (id: string) => string): string[] {
    const agency = (id: string | null) => (id === null ? "không cơ quan nào" : agencyName(id) === id ? id : `${agencyName(id)} (${id})`);
    const lines = [
      `${file}: ${n(r.n)} mục (${n(r.expected_n)} mục có cơ quan cần xác định, ${n(r.null_n)} mục không có)`,
      `tỷ lệ đúng (accuracy)     ${pct1(r.accuracy)} (${n(r.right)}/${n(r.expected_n)} mục có cơ quan cần xác định được ghi đúng cơ quan đó hoặc một cơ quan chấp nhận được)`,
      `ghi nhầm                  ${pct1(r.wrong_credit)} (${n(r.wrong)}/${n(r.n)} mục: ${n(r.wrong_on_expected)} ghi cho cơ quan khác, ${n(r.wrong_on_null)} mục không có cơ quan bị ghi cho một cơ quan)`,
      `chưa xác định cơ quan     ${n(r.unattributed)}/${n(r.n)} mục`,
      "",
      "theo kênh:",
    ];
    for (const [c, f] of Object.entries(r.per_channel)) {
      lines.push(
        `  ${label("channel", c, "short").padEnd(20)} ${n(f.n).padStart(5)} mục  tỷ lệ đúng ${pct1(f.accuracy)} (${n(f.right)}/${n(f.expected_n)})  ghi nhầm ${n(f.wrong)}  chưa xác định ${n(f.unattributed)}`,
      );
    }
    if (r.misses.length) {
      lines.push("", "các mục sai:");
      for (const m of r.misses) {
        lines.push(
          `  ${file}:${m.line} ${m.id ?? ""} ${VERDICTS[m.verdict] ?? m.verdict}: cần ${agency(m.expected)}, kết quả ${agency(m.got)} (${label("attribution", m.method)})  ${m.title}\n      ${m.evidence}`,
        );
      }
    }
    return lines;
  },
};

// ── cchc farm, crawl, reextract, crawl-health, schedule ──

/** A crawl's per-source numbers the CLI prints (pipelines/crawl/crawl.ts SourceStats). */
export interface CrawlSourceNumbers {
  status: string;
  new_articles: number;
  since_reached?: boolean | null;
  oldest_listed_at?: string | null;
  corrections: number;
  rechecked: number;
  alarm_list: { message: string }[];
}

/** The crawl events (pipelines/crawl/crawl.ts CrawlEvent) the crawl's progress lines read. */
export interface CrawlEventLike {
  type: string;
  source_id?: string;
  url?: string;
  kind?: string;
  message?: string;
  host?: string;
  reason?: string;
  stats?: { status: string; new_articles: number; pages: number; errors: number };
}

export interface ScheduleEventLike {
  type: string;
  cron?: string;
  sources?: string[];
  next?: string | null;
  new_articles?: number;
  message?: string;
  step?: string;
  code?: number;
}

export const crawl = {
  registryHasNoSource: "--registry: danh mục nguồn (registry/sources.yaml) không có nguồn nào thu thập được còn hiệu lực hôm nay",
  notCron: (source: string, cron: string) => `nguồn ${source}: schedule: "${cron}" không phải biểu thức cron (5 trường phút giờ ngày tháng thứ, ví dụ "0 */6 * * *")`,
  notFarmFile: (file: string, reason: string) => `${file}:1: không đọc được tệp JSON của cụm cổng (${reason})`,
  farmHasNoSources: (file: string) => `${file}:1: sources: thiếu hoặc không phải danh sách`,
  farmPortal: (key: string, platform: string, url: string) => `DEMO ${key.padEnd(10)} ${labelOr("platform", platform).padEnd(10)} ${url}/`,
  farmFaults: (faults: readonly string[]) => `lỗi giả lập: ${faults.join(", ")}`,
  farmWritten: (file: string) => `đã ghi danh sách nguồn vào ${file}; nhấn Ctrl+C để dừng`,
  registryWithoutSource: "cảnh báo: --registry không kèm --source sẽ thu thập MỌI cổng thật trong registry/sources.yaml; dùng --source ID để thử một nguồn",
  noSourceAmong: (ids: readonly string[]) => `--source: không có nguồn nào trong số ${ids.join(", ")}`,
  summary(runId: string, db: string, sources: Record<string, CrawlSourceNumbers>): string {
    const total = Object.values(sources).reduce((sum, s) => sum + s.new_articles, 0);
    const failed = Object.entries(sources)
      .filter(([, s]) => s.status !== "ok")
      .map(([id, s]) => `${id} (${label("run_status", s.status).toLocaleLowerCase("vi-VN")})`);
    return `lần thu thập ${runId}: ${n(total)} tin, bài mới vào ${db}${failed.length ? `; chưa trọn vẹn: ${failed.join(", ")}` : ""}`;
  },
  /** Per source: whether --since was reached, corrections and rechecks, and every completeness alarm. */
  completeness(sources: Record<string, CrawlSourceNumbers>, since: boolean): string[] {
    const lines: string[] = [];
    for (const [id, s] of Object.entries(sources)) {
      if (since) lines.push(`${id}: --since ${s.since_reached ? "đã lùi tới ngày yêu cầu" : "CHƯA lùi tới ngày yêu cầu"}${s.oldest_listed_at ? ` (mục cũ nhất trong danh sách: ${formatDate(s.oldest_listed_at)})` : ""}`);
      if (s.corrections || s.rechecked) lines.push(`${id}: ${n(s.corrections)} bài đọc lại do danh sách đổi tiêu đề/ngày, ${n(s.rechecked)} bài kiểm tra lại định kỳ`);
      for (const a of s.alarm_list) lines.push(`${id}: ⚠ ${a.message}`);
    }
    return lines;
  },
  /**
   * A crawl's progress off a terminal (`cchc crawl` in cron, CI or a pipe; the DEMO crawl of
   * `cchc build` / `cchc start`): one line per finished source and per error, warning or paused
   * host, DEMO sources marked; null for the events it does not print (pages, articles, listings).
   */
  event(e: CrawlEventLike, demo: boolean): string | null {
    const source = `${demo ? "DEMO " : ""}${e.source_id}`;
    switch (e.type) {
      case "source_done": {
        const s = e.stats!;
        return `${source}: ${label("run_status", s.status).toLocaleLowerCase("vi-VN")}, ${n(s.new_articles)} tin, bài mới, ${n(s.pages)} trang${s.errors ? `, ${n(s.errors)} lỗi` : ""}`;
      }
      case "error":
        return `${source}: ${label("crawl_error_kind", e.kind!)} tại ${e.url}: ${e.message}`;
      case "warning":
        return `${source}: cảnh báo tại ${e.url}: ${e.message}`;
      case "host_paused":
        return `${source}: tạm dừng máy chủ ${e.host}: ${e.reason}`;
      default:
        return null;
    }
  },
  reextracted: (s: { pages: number; new: number; changed: number; unchanged: number; failed: number; truncated: number }) =>
    `trích xuất lại: ${n(s.pages)} trang lưu trữ, ${n(s.new)} mới, ${n(s.changed)} thay đổi, ${n(s.unchanged)} không đổi, ${n(s.failed)} lỗi` +
    (s.truncated ? `, ${n(s.truncated)} tiêu đề bị cắt ở 1.000 ký tự` : ""),
  health: (sourceId: string, status: string, lastSuccess: string | null, others: string) =>
    `${sourceId.padEnd(24)} ${label("source_health", status).padEnd(13)} lần thành công gần nhất: ${lastSuccess ? when(lastSuccess) : "chưa có"}${others ? ` — ${others}` : ""}`,
  healthAlarm: (message: string) => `  ⚠ ${message}`,
  scheduleEvent(e: ScheduleEventLike): string {
    const sources = (e.sources ?? []).join(", ");
    switch (e.type) {
      case "scheduled":
        return `lịch "${e.cron}": ${sources}; lần chạy tới: ${e.next ? when(e.next) : "không có"}`;
      case "run_start":
        return `bắt đầu thu thập theo lịch "${e.cron}": ${sources}`;
      case "run_done":
        return `đã thu thập theo lịch "${e.cron}": ${n(e.new_articles ?? 0)} tin, bài mới (${sources})`;
      case "run_failed":
        return `lần thu thập theo lịch "${e.cron}" thất bại (${sources}): ${e.message}`;
      case "step_done":
        return e.code === 0 ? `bước "cchc ${e.step}" đã xong` : `bước "cchc ${e.step}" lỗi (mã thoát ${e.code})`;
      default:
        return JSON.stringify(e);
    }
  },
};

// ── cchc build, start (commands/site.ts) ──

export const site = {
  copies(c: { written: number; bytes: number; missing: { url: string; sha256: string }[] }): string {
    const line = `bản lưu: ${n(c.written)} trang (${megabytes(c.bytes)}) trong ban-luu/`;
    if (c.missing.length === 0) return line;
    const shown = c.missing.slice(0, 5).map((m) => `${m.url} (${m.sha256.slice(0, 12)})`).join("; ");
    return `${line}\ncảnh báo: ${n(c.missing.length)} trang không còn tệp trong kho lưu trữ nên không có bản lưu: ${shown}${c.missing.length > 5 ? " …" : ""}`;
  },
  built: (dir: string) => `đã dựng trang vào ${dir}`,
  portInUse: (port: number) => `cổng ${port} đang được dùng: chọn cổng khác với --port`,
  dashboard: (url: string) => `bảng điều khiển: ${url}/ (bản lưu: ${url}/ban-luu/…)`,
  building: (db: string) => `đang dựng trang từ ${db} …`,
  siteDoesNotShow: (dist: string, db: string) => `trang trong ${dist} không hiển thị kho dữ liệu ${db}; không in`,
  briefingPrinted: (pdf: string, month: string, pages: number, bytes: number, warehouseId: string | null) =>
    `${pdf}: bản tin tháng ${monthLabel(month)}, ${n(pages)} trang A4, ${n(bytes)} byte (kho dữ liệu ${warehouseId})`,
  scorecardPrinted: (pdf: string, agency: string, year: number, pages: number, bytes: number, warehouseId: string | null) =>
    `${pdf}: thẻ điểm ${agency} năm ${year}, ${n(pages)} trang A4, ${n(bytes)} byte (kho dữ liệu ${warehouseId})`,
};

// ── cchc registry, agencies, targets, tasks, coverage, articles ──

export interface RegistryCounts {
  agencies: number;
  sources: number;
  demo_sources: number;
  plans: number;
  targets: number;
  tasks: number;
  kind_mappings: number;
  confirmed_mappings: number;
}

export const registry = {
  privateAddresses: (id: string, addresses: readonly string[]) => `cảnh báo: nguồn ${id} được phép kết nối tới địa chỉ nội bộ ${addresses.join(", ")} (politeness.allow_addresses)`,
  checked: (c: RegistryCounts) =>
    `danh mục hợp lệ: ${n(c.agencies)} cơ quan, ${n(c.sources)} nguồn (+${n(c.demo_sources)} nguồn DEMO), ` +
    `${n(c.plans)} kế hoạch, ${n(c.targets)} chỉ tiêu, ${n(c.tasks)} nhiệm vụ theo kế hoạch, ` +
    `${n(c.kind_mappings)} ánh xạ loại cơ quan cho chỉ tiêu tạm tính (${n(c.confirmed_mappings)} đã xác nhận)`,
  loaded: (db: string, s: { agencies: number; aliases: number; lineage: number; sources: number; plans: number; targets: number; plan_tasks: number }) =>
    `đã nạp danh mục vào ${db}: ${n(s.agencies)} cơ quan (${n(s.aliases)} tên gọi, ${n(s.lineage)} liên kết kế thừa), ` +
    `${n(s.sources)} nguồn, ${n(s.plans)} kế hoạch, ${n(s.targets)} chỉ tiêu, ${n(s.plan_tasks)} nhiệm vụ theo kế hoạch`,
  agenciesTitle: (day: string, count: number) => `Cơ quan, đơn vị có hiệu lực ngày ${formatDate(day)}: ${n(count)}`,
  targetsTitle: (year: number, count: number, provisional: number, from: string) =>
    `Chỉ tiêu năm ${year}: ${n(count)}` +
    (provisional ? `, trong đó ${n(provisional)} chỉ tiêu tạm tính theo kế hoạch gần nhất của cơ quan chưa có kế hoạch năm ${year} (${from}); chưa phải số liệu của kế hoạch năm ${year}` : ""),
  tasksTitle: (count: number, today: string, overdue: number) => `Nhiệm vụ theo kế hoạch: ${n(count)} (tính đến ngày ${formatDate(today)}; quá hạn: ${n(overdue)})`,
  coverageTitle: (year: number, agency: string | null, count: number) => `Chỉ tiêu năm ${year}${agency ? ` của ${agency}` : ""}: ${n(count)} dòng`,
  articlesListed: (count: number, sourceId: string, since: string | null) => `${n(count)} tin, bài của nguồn ${sourceId}${since ? ` từ ${formatDate(since)}` : ""}`,
};

// ── cchc evidence, export, plan, extract ──

export const files = {
  evidenceTemplate: (format: string, out: string) => `đã ghi biểu mẫu minh chứng (${format}) vào ${out}`,
  evidenceImported: (file: string, s: { rows: number; inserted: number; updated: number; unchanged: number; import_id: string }) =>
    `minh chứng ${file}: ${n(s.rows)} dòng — ${n(s.inserted)} mới, ${n(s.updated)} cập nhật, ${n(s.unchanged)} không đổi (lần nhập ${s.import_id})`,
  evidenceExported: (rows: number, out: string) => `đã ghi ${n(rows)} dòng minh chứng vào ${out}`,
  cellsCut: (count: number) => `cảnh báo: ${n(count)} ô dài quá 32.767 ký tự (giới hạn của Excel) đã bị cắt bớt, đánh dấu "[đã cắt bớt]" trong ô`,
  parquetMart: (name: string, rows: number, count: number, bytes: number) =>
    `${name}: ${n(rows)} dòng, ${n(count)} tệp, ${megabytes(bytes)}`,
  parquetDone: (province: string, out: string) => `Đã xuất tỉnh ${province} vào ${out}`,
  planTemplate: (format: string, out: string) => `mẫu kế hoạch (${format}) đã ghi vào ${out}`,
  planDraft: (year: number, from: string, targets: number, out: string) => `bản nháp kế hoạch năm ${year} theo ${from}: ${n(targets)} chỉ tiêu, đã ghi vào ${out}`,
  planDraftSkipped: (clause: string, reason: string) => `  không chuyển mục ${clause}: ${reason}`,
  planDraftNext: (out: string) => `rà soát cột Ghi chú, điền Số kế hoạch và Ngày ban hành, rồi chạy: cchc plan import ${out}`,
  planImported: (plans: readonly string[], targets: number, written: string) => `đã nhập ${plans.join(", ")}: ${n(targets)} chỉ tiêu vào ${written}; chạy cchc report để tính lại mức độ đạt`,
  planRejected: (file: string, problems: number) => `${file}: ${n(problems)} lỗi; không nhập gì`,
  kindsConfirmed: (kinds: readonly string[], by: string, on: string, written: string) =>
    `đã xác nhận ánh xạ ${kinds.map((k) => label("agency_kind", k)).join(", ")} (${by}, ${formatDate(on)}) trong ${written}; chạy cchc report để tính lại chỉ tiêu tạm tính`,
};

// ── cchc serve, user, audit ──

export const workbench = {
  serving: (url: string, db: string, out: string) => `cchc serve: ${url}/ (kho ${db}, trang ${out})`,
  noPasswordOnStdin: "không đọc được mật khẩu từ stdin (dòng đầu tiên)",
  passwordsDiffer: "hai lần nhập mật khẩu không khớp; chưa tạo tài khoản",
  passwordPrompt: "Mật khẩu: ",
  passwordAgain: "Nhập lại mật khẩu: ",
  notCreated: (problems: readonly string[]) => `${problems.join("; ")}; chưa tạo tài khoản`,
  created: (name: string, role: string, agency: string | null) => `đã tạo tài khoản ${name}: ${role}${agency ? ` — cơ quan ${agency}` : ""}`,
  noUsers: "chưa có tài khoản nào (thêm bằng: cchc user add TÊN --role analyst)",
  disabledAt: (at: string) => `đã khóa ${when(at)}`,
  active: "đang dùng",
  disabled: (name: string) => `đã khóa tài khoản ${name}`,
  emptyAudit: "nhật ký trống",
};

/** The help text of `cchc export` and `cchc export evidence`. */
export const exportHelp = {
  description: "xuất dữ liệu cho đoàn thẩm định chỉ số",
  evidenceFormatsShort:
    "\nĐịnh dạng minh chứng (cchc export evidence --format): csv (dấu phẩy), csv-semicolon (dấu chấm phẩy, cho Excel cài đặt vùng Việt Nam), xlsx.",
  evidenceFormats: [
    "",
    "Định dạng:",
    "  csv            phân cách bằng dấu phẩy, UTF-8 có BOM (Excel cài đặt vùng tiếng Anh, công cụ khác)",
    "  csv-semicolon  phân cách bằng dấu chấm phẩy, dấu thập phân là dấu phẩy (Excel cài đặt vùng Việt Nam); tên mặc định evidence-<năm>-semicolon.csv",
    "  xlsx           ngày giờ là ô ngày dd/mm/yyyy hh:mm (giờ Việt Nam), nhãn tiếng Việt, cố định dòng tiêu đề, có bộ lọc",
  ].join("\n"),
};

// ── cchc source probe ──

const LISTING_KIND: Record<string, string> = { section: "chuyên mục", feed: "RSS/Atom", sitemap: "sitemap" };

export const probe = {
  notUrl: (url: string) => `"${url}" không phải địa chỉ URL (http:// hoặc https://)`,
  badDelay: (value: unknown) => `--delay-ms: "${value}" không phải số nguyên ≥ 0`,
  badSamples: (value: unknown) => `--samples: "${value}" không phải số nguyên từ 0 đến 10`,
  report(r: ProbeReport): string {
    const lines = [
      `Thăm dò ${r.url}`,
      `  robots.txt: ${r.robots.origin === "parsed" ? "đọc được" : r.robots.origin === "absent" ? "không có" : "không truy cập được"}${r.robots.sitemaps.length ? `, sitemap: ${r.robots.sitemaps.join(", ")}` : ""}${r.robots.crawl_delay_ms ? `, Crawl-delay ${n(r.robots.crawl_delay_ms / 1000)} giây` : ""}`,
      `  trang: ${r.home.status ?? "—"}${r.home.title ? ` “${r.home.title}”` : ""}${r.home.error ? ` (${r.home.error})` : ""}`,
      `  nền tảng: ${r.platform.platform === "unknown" ? "không rõ" : labelOr("platform", r.platform.platform)}${r.platform.sure || r.platform.platform === "unknown" ? "" : " (cần xác nhận)"} → bộ đọc ${r.adapter}`,
      "  danh sách bài:",
      ...(r.listings.length
        ? r.listings.map((l) => `    ${LISTING_KIND[l.kind]} ${l.url} “${l.label}”: ${n(l.items)} bài${l.next ? ", có trang sau" : ""}${l.problem ? ` (${l.problem})` : ""}`)
        : ["    (không tìm thấy)"]),
      "  bài mẫu:",
      ...(r.samples.length
        ? r.samples.map((s) =>
            s.error
              ? `    ${s.url}: lỗi ${s.error}`
              : `    ${s.url}\n      “${s.title}” — ${s.published_at ? `${s.published_text} (${s.date_source})` : "không có ngày đăng"} — ${n(s.body_chars)} ký tự${s.byline ? ` — ${s.byline}` : ""}`,
          )
        : ["    (không có)"]),
      `  ${n(r.requests)} yêu cầu HTTP.`,
      "",
      "Mục đề xuất cho registry/sources.yaml (dán dưới `sources:`):",
      "",
      r.entry,
    ];
    return lines.join("\n");
  },
};
