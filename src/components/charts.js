// Charts shared by the pages: bullet (actual vs target per period) and status heat map; the axis,
// colour and size helpers of every chart (axes.js) are re-exported from here.
import * as Plot from "npm:@observablehq/plot";
import {STATUS_ORDER, statusColorScale, statusInfo, statusText} from "./status.js";
import {agencyLabel, countTick, formatNumber, periodLabel} from "./format.js";

export {chartWidth, monthAxis, monthTick, nameMargin, periodAxis, quarterRange, quarterSeries, vocabScale} from "./axes.js";
import {chartWidth, nameMargin, periodAxis} from "./axes.js";

/**
 * A y axis of names that wrap onto more lines instead of running out of a margin this wide (px).
 * lineWidth is in ems: emPx is what one em of the axis text takes (about 11 px at Plot's 10 px font).
 */
export function wrappedAxisY(marginLeft, options = {}, emPx = 11) {
  return Plot.axisY({lineWidth: (marginLeft - 12) / emPx, tickSize: 0, ...options});
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
    height: axis.marginBottom + 20 + (width < 560 ? 34 : 28) * agencies.length,
    marginLeft,
    marginRight: axis.x.tickRotate ? 56 : 20,
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
      wrappedAxisY(marginLeft, {tickFormat: agencyLabel}, 14) // 12 px text
    ]
  });
}
