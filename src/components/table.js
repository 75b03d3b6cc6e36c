// The dashboard's one table: a plain HTML table whose cells wrap instead of cutting text
// (Inputs.table cuts every cell to one line with "…"), with sortable headers (buttons, so
// Tab and Enter work), a "show more" footer instead of a scroll box, and on a phone
// (≤ 640 px, see .data-table in style.css) one card per row with every column labelled.
// Options follow Inputs.table's (columns, header, format, sort, reverse, rows; width is
// accepted and ignored: columns size to their text), so a page swaps one call for the other.
// Text is always inserted as text; a format function may return a DOM node (built with htl).

import {compareText, formatNumber} from "./format.js";

function isMissing(v) {
  return v === null || v === undefined || v === "" || (typeof v === "number" && Number.isNaN(v));
}

/** Ascending order of two raw cell values: numbers and dates by value, text in Vietnamese order, missing last. */
export function compareValues(a, b) {
  if (isMissing(a) || isMissing(b)) return isMissing(a) - isMissing(b);
  if (a instanceof Date) a = a.getTime();
  if (b instanceof Date) b = b.getTime();
  if (typeof a === "number" && typeof b === "number") return a - b;
  if (typeof a === "bigint" && typeof b === "bigint") return a < b ? -1 : a > b ? 1 : 0;
  return compareText(a, b);
}

/** A column is numeric (right-aligned, never wrapped) when every value present is a number. */
function numericColumn(data, key) {
  let seen = false;
  for (let i = 0; i < data.length && i < 200; ++i) {
    const v = data[i]?.[key];
    if (isMissing(v)) continue;
    if (typeof v !== "number" && typeof v !== "bigint") return false;
    seen = true;
  }
  return seen;
}

// A document number ("1007/KH-UBND", "KH-SNgV/2024") is never split at its hyphen across two lines.
const DOCUMENT_NUMBER = /([\p{L}\d.]*\/[\p{L}\d./]*-[\p{L}\d./-]*|[\p{L}\d.]+-[\p{L}\d.-]*\/[\p{L}\d./-]*)/u;

// A cell's content is one box, so on a phone (a two-column grid: label, value) it stays in the value column.
function fillCell(cell, value) {
  const box = document.createElement("span");
  box.className = "data-table-cell";
  if (value instanceof Node) {
    box.append(value);
  } else {
    const text = isMissing(value) ? "" : String(value);
    text.split(DOCUMENT_NUMBER).forEach((part, i) => {
      if (i % 2 === 0) box.append(document.createTextNode(part));
      else box.append(Object.assign(document.createElement("span"), {className: "nowrap", textContent: part}));
    });
  }
  if (box.childNodes.length) cell.append(box);
}

/**
 * A readable table of `data` (an array of objects).
 * columns: keys shown, in order (default: the first row's keys); header: key → column title;
 * format: key → (value, index, data) → text or node; sort / reverse: the initial order;
 * rows: how many rows show before "Xem thêm"; label: an accessible name for the table.
 */
export function dataTable(data, {columns, header = {}, format = {}, sort, reverse = false, rows = 15, label} = {}) {
  data = Array.from(data ?? []);
  columns = columns ?? Object.keys(data[0] ?? {});
  const numeric = new Set(columns.filter((key) => numericColumn(data, key)));
  const title = (key) => header[key] ?? key;
  let sortKey = sort ?? null;
  let descending = Boolean(reverse);
  let shown = Math.max(1, rows);

  const root = document.createElement("div");
  root.className = "data-table";
  const scroller = document.createElement("div");
  scroller.className = "data-table-scroll";
  const table = document.createElement("table");
  if (label) table.setAttribute("aria-label", label);
  const thead = table.createTHead();
  const headRow = thead.insertRow();
  const buttons = new Map();
  for (const key of columns) {
    const th = document.createElement("th");
    th.scope = "col";
    if (numeric.has(key)) th.className = "num";
    const button = document.createElement("button");
    button.type = "button";
    button.className = "data-table-sort";
    const arrow = document.createElement("span");
    arrow.className = "data-table-arrow";
    arrow.setAttribute("aria-hidden", "true");
    button.append(document.createTextNode(title(key)), arrow);
    button.title = `Sắp xếp theo “${title(key)}”`;
    button.onclick = () => {
      descending = sortKey === key ? !descending : numeric.has(key);
      sortKey = key;
      render();
    };
    buttons.set(key, {th, button});
    th.append(button);
    headRow.append(th);
  }
  const tbody = table.createTBody();
  scroller.append(table);
  const foot = document.createElement("div");
  foot.className = "data-table-foot";
  root.append(scroller, foot);

  function order() {
    const index = data.map((_, i) => i);
    if (sortKey === null) return index;
    const sign = descending ? -1 : 1;
    // Missing values stay last whichever the direction; ties keep the data order.
    return index.sort((i, j) => {
      const a = data[i]?.[sortKey];
      const b = data[j]?.[sortKey];
      if (isMissing(a) || isMissing(b)) return isMissing(a) - isMissing(b) || i - j;
      return sign * compareValues(a, b) || i - j;
    });
  }

  function render() {
    for (const [key, {th, button}] of buttons) {
      const active = key === sortKey;
      if (active) th.setAttribute("aria-sort", descending ? "descending" : "ascending");
      else th.removeAttribute("aria-sort");
      button.querySelector(".data-table-arrow").textContent = active ? (descending ? " ▼" : " ▲") : "";
    }
    const ordered = order();
    const body = document.createDocumentFragment();
    for (const i of ordered.slice(0, shown)) {
      const tr = document.createElement("tr");
      for (const key of columns) {
        const td = document.createElement("td");
        td.dataset.label = title(key);
        if (numeric.has(key)) td.className = "num";
        const value = data[i]?.[key];
        fillCell(td, format[key] ? format[key](value, i, data) : value);
        tr.append(td);
      }
      body.append(tr);
    }
    tbody.replaceChildren(body);
    foot.replaceChildren();
    if (data.length > rows) {
      const count = document.createElement("span");
      count.className = "muted";
      count.textContent = `${formatNumber(Math.min(shown, data.length))}/${formatNumber(data.length)} dòng`;
      foot.append(count);
    }
    if (shown < data.length) {
      const more = document.createElement("button");
      more.type = "button";
      const next = Math.min(rows, data.length - shown);
      more.textContent = `Xem thêm ${formatNumber(next)} dòng`;
      more.onclick = () => { shown += next; render(); };
      const all = document.createElement("button");
      all.type = "button";
      all.textContent = "Xem tất cả";
      all.onclick = () => { shown = data.length; render(); };
      foot.append(more, all);
    }
  }

  render();
  root.value = data;
  return root;
}
