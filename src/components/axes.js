// Pure pieces every chart uses so they read the same on every page (no Plot import, so tests run
// them in Node): colours and stacking order from the vocabulary's order, quarter and month axes that
// never overlap and always name the year, margins and widths that fit a phone.
import {periodLabel, vocabCodes, vocabLabel, compareNames} from "./format.js";

// Okabe–Ito first (colour-blind safe), then Tableau's; a code keeps its colour on every page because
// the colour follows the code's place in the vocabulary, not which codes a chart happens to show.
const PALETTE = ["#0072B2", "#E69F00", "#009E73", "#CC79A7", "#56B4E9", "#D55E00", "#F0E442", "#999999", "#4e79a7", "#f28e2c", "#76b7b2", "#59a14f", "#edc949", "#af7aa1", "#ff9da7", "#9c755f", "#bab0ab", "#e15759"];
const OTHER = "#BBBBBB";

/**
 * Colour scale and stacking order for the labels of a vocabulary domain present in a chart:
 * {color, order}. color goes to Plot's `color` (legend on), order to the stacked mark's `order`,
 * so every bar stacks its colours in the vocabulary's order. Labels outside the vocabulary
 * (e.g. "Chưa phân loại") come last, in grey.
 */
export function vocabScale(domain, presentLabels, {kind = "short", label} = {}) {
  const present = new Set(presentLabels);
  const known = vocabCodes(domain).map((code, i) => ({label: vocabLabel(domain, code, kind), color: PALETTE[i % PALETTE.length]}));
  const shown = known.filter((d) => present.has(d.label));
  const others = [...present].filter((l) => !known.some((d) => d.label === l)).sort((a, b) => compareNames(String(a), String(b)));
  const order = [...shown.map((d) => d.label), ...others];
  return {
    order,
    color: {domain: order, range: [...shown.map((d) => d.color), ...others.map(() => OTHER)], legend: true, ...(label ? {label} : {})}
  };
}

/** Every quarter key from the first to the last one given ("2024-Q3" … "2025-Q2"), so an empty quarter shows as empty. */
export function quarterRange(periods) {
  const keys = [...new Set(periods)].filter((p) => /^\d{4}-Q[1-4]$/.test(p)).sort();
  if (!keys.length) return [...new Set(periods)].sort();
  const index = (p) => Number(p.slice(0, 4)) * 4 + Number(p.slice(6)) - 1;
  const out = [];
  for (let i = index(keys[0]); i <= index(keys[keys.length - 1]); ++i) out.push(`${Math.floor(i / 4)}-Q${(i % 4) + 1}`);
  return out;
}

/**
 * An x axis of periods (band scale) that never overlaps: labels flat when they fit, turned 45°
 * when they do not, and only every k-th label when even that is too tight. Returns
 * {x, marginBottom} to spread into Plot.plot options.
 */
export function periodAxis(periods, plotWidth, {marginLeft = 40, marginRight = 20, format = periodLabel} = {}) {
  const domain = [...periods];
  const band = (plotWidth - marginLeft - marginRight) / Math.max(1, domain.length);
  const longest = Math.max(1, ...domain.map((p) => String(format(p)).length));
  const flat = band >= longest * 6.5 + 8;
  const step = flat ? 1 : Math.ceil(20 / band);
  const ticks = domain.filter((_, i) => i % step === 0);
  return {
    x: {label: null, domain, ticks, tickFormat: format, tickRotate: flat ? 0 : -45},
    marginBottom: flat ? 30 : Math.ceil(longest * 4.8) + 16
  };
}

/**
 * A month tick that names the year on January and on the first tick (unless January is next,
 * so two years never touch): "T12", "T1\n2026". i: the tick's place, next: the month after it.
 */
export function monthTick(month, i, next) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ""));
  if (!m) return String(month ?? "");
  const mm = Number(m[2]);
  const januaryNext = /-01$/.test(String(next ?? ""));
  return mm === 1 || (i === 0 && !januaryNext) ? `T${mm}\n${m[1]}` : `T${mm}`;
}

/** An x axis of months ("YYYY-MM", band scale) with the year on January and on the first tick. */
export function monthAxis(months, plotWidth, {marginLeft = 40, marginRight = 20} = {}) {
  const domain = [...months];
  const band = (plotWidth - marginLeft - marginRight) / Math.max(1, domain.length);
  const step = band >= 20 ? 1 : Math.ceil(20 / band);
  const ticks = domain.filter((_, i) => i % step === 0);
  return {x: {label: null, domain, ticks, tickFormat: (m) => monthTick(m, ticks.indexOf(m), ticks[ticks.indexOf(m) + 1])}, marginBottom: 36};
}

/** Left margin for agency names: room for the name, but never more than a third of a narrow chart. */
export function nameMargin(plotWidth, wanted = 220) {
  return Math.round(Math.min(wanted, Math.max(110, plotWidth * 0.36)));
}

/** The width a chart is drawn at: the space it has, never below a phone's. */
export function chartWidth(width, min = 300) {
  return Math.max(min, Math.floor(width || 0));
}

/**
 * Points of a line chart over quarters, one per series and quarter: the summed count (0 when the
 * series has no row in a quarter that has data), and null — the line breaks, never bridged — for a
 * quarter without any data. rows: {series, period, n}; quarters: the x domain; hasData(period).
 */
export function quarterSeries(rows, quarters, hasData) {
  const sums = new Map();
  for (const d of rows) {
    const byPeriod = sums.get(d.series) ?? new Map();
    byPeriod.set(d.period, (byPeriod.get(d.period) ?? 0) + d.n);
    sums.set(d.series, byPeriod);
  }
  return [...sums].flatMap(([series, byPeriod]) => quarters.map((period) => ({series, period, n: hasData(period) ? byPeriod.get(period) ?? 0 : null})));
}
