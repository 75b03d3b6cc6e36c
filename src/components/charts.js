// Charts shared by the pages: bullet (actual vs target per period) and status heat map, and the
// pieces every chart uses so they read the same on every page: colours and stacking order from the
// vocabulary's order, quarter and month axes that never overlap and always name the year.
import * as Plot from "npm:@observablehq/plot";
import {STATUS_ORDER, statusColorScale, statusInfo, statusText} from "./status.js";
import {agencyLabel, countTick, formatNumber, periodLabel, vocabCodes, vocabLabel} from "./format.js";

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
  const others = [...present].filter((l) => !known.some((d) => d.label === l)).sort((a, b) => String(a).localeCompare(String(b), "vi"));
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

/** A month tick that names the year on January and on the first tick: "T12", "T1\n2026". */
export function monthTick(month, i) {
  const m = /^(\d{4})-(\d{2})$/.exec(String(month ?? ""));
  if (!m) return String(month ?? "");
  const mm = Number(m[2]);
  return mm === 1 || i === 0 ? `T${mm}\n${m[1]}` : `T${mm}`;
}

/** An x axis of months ("YYYY-MM", band scale) with the year on January and on the first tick. */
export function monthAxis(months, plotWidth, {marginLeft = 40, marginRight = 20} = {}) {
  const domain = [...months];
  const band = (plotWidth - marginLeft - marginRight) / Math.max(1, domain.length);
  const step = band >= 26 ? 1 : Math.ceil(26 / band);
  return {x: {label: null, domain, ticks: domain.filter((_, i) => i % step === 0), tickFormat: (m) => monthTick(m, domain.indexOf(m))}, marginBottom: 36};
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
 * Actual vs minimum for one target of one agency, one row per period.
 * rows: coverage rows ({period, actual, minimum, status}); the bar is the actual count,
 * the black tick the minimum; colour and symbol give the status.
 */
export function bulletChart(rows, {width = 640, title = "Thực hiện so với chỉ tiêu (tin, bài)", unit = "tin, bài"} = {}) {
  width = chartWidth(width); // Framework's width can be 0 while the page lays out
  const narrow = width < 560;
  const data = rows.map((d) => ({...d, label: d.period_label ?? periodLabel(d.period), ceiling: Math.max(d.minimum, d.actual)}));
  const present = [...new Set(data.map((d) => d.status))];
  return Plot.plot({
    title,
    width,
    height: 70 + 34 * data.length,
    marginLeft: narrow ? 96 : 150,
    marginRight: narrow ? 110 : 150,
    x: {label: `Số ${unit}`, grid: true, tickFormat: countTick, domain: [0, Math.max(1, ...data.map((d) => d.ceiling))]},
    y: {label: null, domain: data.map((d) => d.label)},
    color: statusColorScale(present),
    marks: [
      Plot.barX(data, {y: "label", x: "ceiling", fill: "currentColor", fillOpacity: 0.08}),
      Plot.barX(data, {
        y: "label", x: "actual", fill: "status", insetTop: 5, insetBottom: 5,
        title: (d) => `${d.label}: ${formatNumber(d.actual)}/${formatNumber(d.minimum)} — ${statusText(d.status)}`
      }),
      Plot.tickX(data, {y: "label", x: "minimum", stroke: "currentColor", strokeWidth: 3}),
      Plot.text(data, {
        y: "label", x: "ceiling", dx: 8, textAnchor: "start", fill: "currentColor",
        text: (d) => (narrow ? `${formatNumber(d.actual)}/${formatNumber(d.minimum)}\n${statusText(d.status)}` : `${formatNumber(d.actual)}/${formatNumber(d.minimum)} ${statusText(d.status)}`)
      }),
      Plot.ruleX([0])
    ]
  });
}

/**
 * Agencies × periods, each cell coloured by status with its symbol, linking to its items.
 * rows: coverage rows; agencyOrder: agency names top to bottom; href(d) → link for a cell.
 */
export function statusHeatmap(rows, {width = 900, agencyOrder, href, title = "Trạng thái theo cơ quan và kỳ", unit = "tin, bài"} = {}) {
  width = chartWidth(width); // Framework's width can be 0 while the page lays out
  const periods = [...new Set(rows.map((d) => d.period))].sort();
  const marginLeft = nameMargin(width, 260);
  const axis = periodAxis(periods, width, {marginLeft});
  const agencies = agencyOrder ?? [...new Set(rows.map((d) => d.agency_name))];
  const present = STATUS_ORDER.filter((s) => rows.some((d) => d.status === s));
  return Plot.plot({
    title,
    subtitle: `Mỗi ô: ký hiệu trạng thái và số thực hiện trong kỳ (${unit})`,
    width,
    height: axis.marginBottom + 20 + (width < 560 ? 34 : 26) * agencies.length,
    marginLeft,
    marginTop: axis.marginBottom,
    marginBottom: 20,
    padding: 0.06,
    style: {fontSize: "12px"},
    x: {...axis.x, axis: "top"},
    y: {label: null, domain: agencies, tickFormat: agencyLabel},
    color: statusColorScale(present),
    marks: [
      Plot.cell(rows, {
        x: "period", y: "agency_name", fill: "status", href, target: "_self",
        title: (d) => `${d.agency_name} — ${periodLabel(d.period)}\n${formatNumber(d.actual)}/${formatNumber(d.minimum)} — ${statusText(d.status)}`
      }),
      Plot.text(rows, {x: "period", y: "agency_name", text: (d) => `${statusInfo(d.status).symbol} ${formatNumber(d.actual)}`, fill: "black", pointerEvents: "none"}),
      Plot.axisY({tickFormat: agencyLabel, lineWidth: (marginLeft - 12) / 12, tickSize: 0}) // long names wrap, never cut
    ]
  });
}
