// Target status: Vietnamese label, colour-blind-safe colour (Okabe–Ito) and a symbol,
// so status never depends on colour alone. Fills are mid-luminance so black symbols
// stay readable on them in light and dark mode.

export const STATUS_ORDER = ["met", "on_track", "at_risk", "missed", "not_started"];

export const STATUS = {
  met: {label: "Đạt", color: "#009E73", symbol: "✓"},
  on_track: {label: "Đúng tiến độ", color: "#56B4E9", symbol: "→"},
  at_risk: {label: "Có nguy cơ", color: "#E69F00", symbol: "!"},
  missed: {label: "Không đạt", color: "#D55E00", symbol: "✗"},
  not_started: {label: "Chưa đến kỳ", color: "#BBBBBB", symbol: "○"}
};

const UNKNOWN = {label: "Không rõ", color: "#888888", symbol: "?"};

export function statusInfo(status) {
  return STATUS[status] ?? UNKNOWN;
}

export function statusLabel(status) {
  return statusInfo(status).label;
}

/** "✓ Đạt" — symbol and words, for tables and tooltips. */
export function statusText(status) {
  const s = statusInfo(status);
  return `${s.symbol} ${s.label}`;
}

/** Plot color scale options: status keys → colours, legend in Vietnamese with symbols. */
export function statusColorScale(present = STATUS_ORDER) {
  const domain = STATUS_ORDER.filter((s) => present.includes(s));
  return {
    domain,
    range: domain.map((s) => STATUS[s].color),
    tickFormat: (s) => statusText(s),
    legend: true,
    label: "Trạng thái"
  };
}

/** A status badge as a DOM element (text via textContent, never HTML). */
export function statusBadge(status) {
  const s = statusInfo(status);
  const span = document.createElement("span");
  span.className = `status-badge status-${STATUS[status] ? status : "unknown"}`;
  span.textContent = `${s.symbol} ${s.label}`;
  return span;
}
