// Loading state: while a page (re)loads its data, a visible "Đang tải…" status says so, never a
// blank page. `loading(promise)` tracks a fetch (the page's data in its first cell, an item list
// opened later); `lazy(load)` fetches on first use only, once; `lazyList(...)` is a <details>
// whose items are fetched when the reader opens it; `afterPaint()` lets a cell below the fold wait
// until the frame with the page's first chart has been painted.
import {html} from "npm:htl";

let pending = 0;
let indicator = null;
let hideTimer = null;

function statusElement() {
  if (!indicator) {
    indicator = html`<div class="loading-status" role="status" aria-live="polite" hidden>Đang tải…</div>`;
    document.body.append(indicator);
  }
  return indicator;
}

/** Show "Đang tải…" (or `what`) until `promise` settles; returns the promise. */
export function loading(promise, what = "Đang tải dữ liệu…") {
  const el = statusElement();
  pending += 1;
  clearTimeout(hideTimer);
  el.textContent = what;
  el.hidden = false;
  el.dataset.loading = "true";
  const done = () => {
    pending -= 1;
    // Sequential loads of one cell follow each other closely: hide only when none started meanwhile.
    if (pending === 0) hideTimer = setTimeout(() => {
      if (pending === 0) {
        el.hidden = true;
        delete el.dataset.loading;
      }
    }, 120);
  };
  Promise.resolve(promise).then(done, done);
  return promise;
}

/** A loader run on first call only (and tracked by the indicator); later calls share its promise. */
export function lazy(load, what) {
  let promise = null;
  return () => (promise ??= loading(load(), what));
}

/**
 * A collapsible list: `summary` is shown; the first time it is opened (or at once when `open`),
 * `load()` runs with "Đang tải danh sách…" in its place, then `render(data)` fills it.
 */
export function lazyList(summary, load, render, {open = false} = {}) {
  const body = html`<div class="lazy-list-body"></div>`;
  const details = html`<details class="lazy-list"><summary>${summary}</summary>${body}</details>`;
  let started = false;
  const fill = async () => {
    if (started) return;
    started = true;
    body.replaceChildren(html`<p class="muted loading-inline" role="status">Đang tải danh sách…</p>`);
    try {
      body.replaceChildren(render(await loading(load(), "Đang tải danh sách…")));
    } catch (error) {
      started = false;
      body.replaceChildren(html`<p class="muted" role="alert">Không tải được danh sách: ${String(error?.message ?? error)}</p>`);
    }
  };
  details.addEventListener("toggle", () => { if (details.open) void fill(); });
  if (open) {
    details.open = true;
    void fill();
  }
  return details;
}

/**
 * Resolves once the current frame has been painted (a task queued from requestAnimationFrame), so
 * a cell that awaits it first (a 467-row chart below the fold) draws after the page's first chart,
 * not in the same frame. A hidden tab produces no frames: then it resolves after `fallbackMs`.
 */
export function afterPaint(fallbackMs = 250) {
  return new Promise((resolve) => {
    if (typeof requestAnimationFrame !== "function") return void setTimeout(resolve, 0);
    const timer = setTimeout(resolve, fallbackMs);
    requestAnimationFrame(() => setTimeout(() => { clearTimeout(timer); resolve(); }, 0));
  });
}
