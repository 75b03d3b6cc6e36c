// Target status: Vietnamese label, colour-blind-safe colour (Okabe–Ito) and a symbol,
// so status never depends on colour alone. Fills are mid-luminance so black symbols
// stay readable on them in light and dark mode.

export const STATUS_ORDER = ["met", "on_track", "at_risk", "missed", "not_started"];

// Labels from the shipped vocabulary (coverage_status); colours and symbols are presentation only.
import {vocabLabel} from "./format.js";

const LOOK = {
  met: {color: "#009E73", symbol: "✓"},
  on_track: {color: "#56B4E9", symbol: "→"},
  at_risk: {color: "#E69F00", symbol: "!"},
  missed: {color: "#D55E00", symbol: "✗"},
  not_started: {color: "#BBBBBB", symbol: "○"}
};

export const STATUS = new Proxy(LOOK, {
  get: (target, key) => (key in target ? {...target[key], label: vocabLabel("coverage_status", key)} : undefined)
});

const UNKNOWN = {label: "Không rõ", color: "#888888", symbol: "?"};

export function statusInfo(status) {
  return LOOK[status] ? STATUS[status] : UNKNOWN;
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
