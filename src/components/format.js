// Vietnamese formatting for the dashboard: numbers, dates (Asia/Ho_Chi_Minh), periods, channels, areas.
// Browser-side and pure; every label a user sees comes from here.

const TZ = "Asia/Ho_Chi_Minh";
// The Intl formatters are made on first use, not when this module loads (15–100 ms of a page's boot
// at 100,000 articles, docs/performance.md): a page that shows no date never builds a date formatter.
const once = (make) => {
  let made = null;
  return () => (made ??= make());
};
const numberFormat = once(() => new Intl.NumberFormat("vi-VN"));
const percentFormats = new Map();
const percentFormat = (digits) => {
  let made = percentFormats.get(digits);
  if (!made) percentFormats.set(digits, (made = new Intl.NumberFormat("vi-VN", {style: "percent", maximumFractionDigits: digits})));
  return made;
};
const dateFormat = once(() => new Intl.DateTimeFormat("vi-VN", {timeZone: TZ, day: "2-digit", month: "2-digit", year: "numeric"}));
const timeFormat = once(() => new Intl.DateTimeFormat("vi-VN", {timeZone: TZ, hour: "2-digit", minute: "2-digit", hour12: false}));

/** 1234 → "1.234"; null/NaN → "—". */
export function formatNumber(n) {
  return n === null || n === undefined || Number.isNaN(n) ? "—" : numberFormat().format(n);
}

/** 0.42 → "42%" (vi-VN), at most `digits` decimals (0.923, 1 → "92,3%"): every percentage on the site and in the CLI goes through here. */
export function formatPercent(x, digits = 0) {
  return x === null || x === undefined || Number.isNaN(x) ? "—" : percentFormat(digits).format(x);
}

/** ISO instant (or YYYY-MM-DD) → "dd/mm/yyyy" in Vietnamese time; null → "—". */
export function formatDate(iso) {
  if (!iso) return "—";
  const d = new Date(/^\d{4}-\d{2}-\d{2}$/.test(iso) ? `${iso}T00:00:00+07:00` : iso);
  return Number.isNaN(d.getTime()) ? "—" : dateFormat().format(d);
}

/** ISO instant → "dd/mm/yyyy hh:mm" in Vietnamese time; null → "—". */
export function formatDateTime(iso) {
  if (!iso) return "—";
  const d = new Date(iso);
  return Number.isNaN(d.getTime()) ? "—" : `${dateFormat().format(d)} ${timeFormat().format(d)}`;
}

/** Axis ticks for counts: integers only, vi-VN digits. */
export function countTick(n) {
  return Number.isInteger(n) ? numberFormat().format(n) : "";
}

/** Period key → Vietnamese label: "2024-Q1" → "Quý I/2024", "2024-05" → "Tháng 5/2024", "2024-H1" → "6 tháng đầu năm 2024". */
export function periodLabel(period) {
  if (period === null || period === undefined) return "—";
  const p = String(period);
  let m;
  if ((m = /^(\d{4})-Q([1-4])$/.exec(p))) return `Quý ${["I", "II", "III", "IV"][m[2] - 1]}/${m[1]}`;
  if ((m = /^(\d{4})-(\d{2})$/.exec(p))) return `Tháng ${Number(m[2])}/${m[1]}`;
  if ((m = /^(\d{4})-H1$/.exec(p))) return `6 tháng đầu năm ${m[1]}`;
  if ((m = /^(\d{4})-H2$/.exec(p))) return `6 tháng cuối năm ${m[1]}`;
  if ((m = /^(\d{4})-9M$/.exec(p))) return `9 tháng năm ${m[1]}`;
  if ((m = /^(\d{4})$/.exec(p))) return `Năm ${m[1]}`;
  return p;
}

/** "2024-05" → "05/2024". */
export function monthLabel(month) {
  const m = /^(\d{4})-(\d{2})$/.exec(month ?? "");
  return m ? `${m[2]}/${m[1]}` : String(month ?? "—");
}

// Labels come from the vocabulary shipped as data (src/data/vocabulary.json, from pipelines/vocabulary):
// each page calls setVocabulary(await FileAttachment("data/vocabulary.json").json()) in its first cell.
let VOCABULARY = {};

export function setVocabulary(vocabulary) {
  VOCABULARY = vocabulary ?? {};
  return VOCABULARY;
}

/** The codes of a vocabulary domain, in the vocabulary's order. */
export function vocabCodes(domain) {
  return Object.keys(VOCABULARY[domain] ?? {});
}

/** The Vietnamese label of a code of a vocabulary domain; an unknown code is shown as "Không rõ (…)", never bare. */
export function vocabLabel(domain, code, kind = "label") {
  if (code === null || code === undefined || code === "") return "—";
  const term = VOCABULARY[domain]?.[code];
  return term ? term[kind] : `Không rõ (${code})`;
}

export function channelLabel(channel) {
  return vocabLabel("channel", channel, "short");
}

export function areaLabel(area) {
  return area ? vocabLabel("reform_area", area) : "Chưa phân loại";
}

/**
 * The one form an agency's name takes on the site (charts, tables, lists, pickers): the registry
 * name with the usual abbreviations of official documents, "Ủy ban nhân dân" → "UBND",
 * "Hội đồng nhân dân" → "HĐND", and without "tỉnh Tây Ninh" after a department or a district or
 * commune ("Sở Nội vụ tỉnh Tây Ninh" → "Sở Nội vụ"; "UBND tỉnh Tây Ninh", "Thanh tra tỉnh Tây Ninh" keep it).
 * Exports (CSV, XLSX) keep the registry name as it is.
 */
export function agencyLabel(name) {
  if (name === null || name === undefined || name === "") return "Chưa xác định";
  return String(name)
    .normalize("NFC")
    .replace(/Ủy ban nhân dân/gu, "UBND")
    .replace(/Hội đồng nhân dân/gu, "HĐND")
    .replace(/^((?:Sở|(?:UBND|HĐND) (?:xã|phường|thị trấn|huyện|thị xã|thành phố)) .+?),? tỉnh Tây Ninh$/u, "$1")
    .replace(/^Sở Lao động - Thương binh và Xã hội\b/u, "Sở LĐ-TB&XH")
    .replace(/^Sở Nông nghiệp và Phát triển nông thôn\b/u, "Sở NN&PTNT");
}

export function agencyKindLabel(kind) {
  return vocabLabel("agency_kind", kind);
}

export function attributionLabel(method) {
  return vocabLabel("attribution", method);
}

const nameCollator = once(() => new Intl.Collator("vi"));

/** Names in Vietnamese alphabetical order, for sort(): one collator, not one per comparison as localeCompare(…, "vi"). */
export function compareNames(a, b) {
  return nameCollator().compare(String(a ?? ""), String(b ?? ""));
}

const textCollator = once(() => new Intl.Collator("vi", {numeric: true, sensitivity: "base"}));

/**
 * Table cells in Vietnamese order, numbers inside the text by value ("Phường 2" before "Phường 10"),
 * case and tone marks ignored (such cells tie and keep their order): the sort of the site's tables (table.js).
 */
export function compareText(a, b) {
  return textCollator().compare(String(a ?? ""), String(b ?? ""));
}

/** Comma-separated list → array of trimmed non-empty strings. */
export function splitList(text) {
  return text ? String(text).split(",").map((s) => s.trim()).filter(Boolean) : [];
}

/** A list column written either as JSON ("[\"a\"]") or comma-separated ("a,b") → array. */
/** The messages of a source_health flags_json ([{flag, message}]), in order; anything else gives []. */
export function healthFlagMessages(text) {
  try {
    const parsed = JSON.parse(String(text ?? "[]"));
    return Array.isArray(parsed) ? parsed.map((f) => (f && typeof f === "object" ? String(f.message ?? f.flag ?? "") : String(f))).filter(Boolean) : [];
  } catch {
    return [];
  }
}

export function listOf(text) {
  if (!text) return [];
  const t = String(text).trim();
  if (t.startsWith("[")) {
    try {
      const parsed = JSON.parse(t);
      return Array.isArray(parsed) ? parsed.map(String) : [];
    } catch {
      return [];
    }
  }
  return splitList(t);
}

/** What a target counts (coverage.measure) → Vietnamese unit. */
export function measureUnit(measure) {
  return vocabLabel("measure", measure ?? "items", "short");
}

/** Source health → Vietnamese, with a symbol. */
const HEALTH_SYMBOLS = {ok: "✓", warning: "⚠", broken: "✗", never_crawled: "○", not_crawlable: "—"};

export function healthLabel(health, stale) {
  const code = health ?? (stale ? "warning" : "ok");
  return `${HEALTH_SYMBOLS[code] ?? "?"} ${vocabLabel("source_health", code)}`;
}

/** The current year in Asia/Ho_Chi_Minh, from meta.today ("YYYY-MM-DD", computed by the meta loader in that zone). */
export function currentYear(today) {
  const y = Number(String(today ?? "").slice(0, 4));
  return Number.isFinite(y) && y > 0 ? y : null;
}

/** The current calendar quarter (1–4) in Asia/Ho_Chi_Minh, from meta.today. */
export function currentQuarter(today) {
  const m = Number(String(today ?? "").slice(5, 7));
  return m >= 1 && m <= 12 ? Math.floor((m - 1) / 3) + 1 : null;
}

/** The year a page opens on: the present (the current year), whether or not it has rows yet. */
export function defaultYear(years, today) {
  const current = currentYear(today);
  if (current) return current;
  const sorted = [...years].filter(Number.isFinite).sort((a, b) => b - a);
  return sorted[0];
}

/** A page's year choices: the years it has rows for, and always the current year, newest first. */
export function yearChoices(years, today) {
  const current = currentYear(today);
  return [...new Set([...years, ...(current ? [current] : [])])].filter(Number.isFinite).sort((a, b) => b - a);
}

/**
 * What a target number rests on, printed beside it: "1007/KH-UBND V.1.b", or for a
 * provisional target its label ("tạm tính theo 1007/KH-UBND V.1.b", from
 * pipelines/registry/provisional.ts) and that the year has no plan entered yet.
 */
export function targetBasis(d) {
  if (d.provisional_label) return `${d.provisional_label} (chưa có kế hoạch năm ${d.year})`;
  return `${d.plan} ${d.clause}`;
}

/** Why a year has no targets and what to do (meta.target_years, written by the report step). */
export function noTargetsNote(meta, year, periodName) {
  const row = (meta.target_years ?? []).find((d) => Number(d.year) === Number(year));
  if (row?.empty_reason) return row.empty_reason;
  if (row && Number(row.targets) > 0) return `Không có chỉ tiêu nào cho ${periodName ?? `năm ${year}`} (các chỉ tiêu của năm ${year} tính theo kỳ khác).`;
  return `Chưa có chỉ tiêu nào cho năm ${year}: chưa nhập kế hoạch năm ${year}. Cách làm: nhập kế hoạch bằng mẫu kế hoạch (cchc plan template, rồi cchc plan import TỆP), hoặc lập bản nháp từ kế hoạch năm trước (cchc plan draft --year ${year} --from <số kế hoạch>), rồi chạy lại cchc report.`;
}

/**
 * An Arrow table → plain objects for Plot and Inputs, reading whole columns (fast) rather than
 * row proxies; `columns` limits the work to what a page uses. Arrays pass through as copies.
 */
export function rowsOf(table, columns) {
  if (!table?.getChild) return Array.from(table ?? [], (d) => ({...d}));
  const names = (columns ?? table.schema.fields.map((f) => f.name)).filter((n) => table.getChild(n));
  const values = names.map((n) => {
    const vector = table.getChild(n);
    // Typed arrays lose nulls: use them only for columns without any (the loaders write NaN for missing numbers).
    return vector.nullCount === 0 ? vector.toArray() : Array.from(vector);
  });
  const rows = new Array(table.numRows);
  for (let i = 0; i < rows.length; ++i) {
    const row = {};
    for (let j = 0; j < names.length; ++j) row[names[j]] = values[j][i];
    rows[i] = row;
  }
  return rows;
}

/** Today's month in Vietnam as "YYYY-MM", given an ISO date or instant. */
export function monthOf(iso) {
  return iso ? String(iso).slice(0, 7) : null;
}

/** "2024-05" → "2024-04" (and January → December of the year before). */
export function previousMonth(month) {
  const [y, m] = month.split("-").map(Number);
  return m === 1 ? `${y - 1}-12` : `${y}-${String(m - 1).padStart(2, "0")}`;
}

/** "2024-05" → "2024-Q2". */
export function quarterOfMonth(month) {
  const [y, m] = month.split("-").map(Number);
  return `${y}-Q${Math.ceil(m / 3)}`;
}

/** Signed change with vi-VN digits: +3, −2, 0. */
export function formatChange(n) {
  if (n === null || n === undefined || Number.isNaN(n)) return "—";
  return n > 0 ? `+${formatNumber(n)}` : n < 0 ? `−${formatNumber(-n)}` : "0";
}
