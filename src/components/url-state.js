// Shareable views: every filter of a page lives in the query string, so a copied link opens the
// same view. A filter is bound with `shared(name, create, options)`: its first value comes from
// the URL (when it names one of the choices), and every change is written back with
// history.replaceState (no history entry per click; the first values once, after the first paint). A filter set to "all" (null) is written as
// an empty parameter (`?agency=`), so it stays "all" on reload instead of falling back to the
// page's default. `copyLinkButton()` copies the page's address with a Vietnamese confirmation.
import {html} from "npm:htl";
import {afterPaint} from "./loading.js";

let parsed = {search: null, params: null};

/** The raw value of a query parameter of the current page ("" when present but empty), or null. */
export function urlParam(name) {
  const search = globalThis.location?.search ?? "";
  if (parsed.search !== search) parsed = {search, params: new URLSearchParams(search)};
  return parsed.params.get(name);
}

// The filters' first writes, as a page opens, wait for the frame with its first chart and go out
// as one history.replaceState (10–35 ms each at 100,000 articles, docs/performance.md); a change
// by the reader, or a copy of the link, writes them at once.
let pendingParams = null;

function flushParams() {
  if (!pendingParams) return;
  const params = pendingParams;
  pendingParams = null;
  setUrlParams(params);
}

function setUrlParamsSoon(params) {
  if (!globalThis.location || !globalThis.history) return;
  if (!pendingParams) {
    pendingParams = {};
    void afterPaint().then(flushParams);
  }
  Object.assign(pendingParams, params);
}

/** Write (or, with undefined, remove) query parameters without adding a history entry. */
export function setUrlParams(params) {
  if (!globalThis.location || !globalThis.history) return;
  if (pendingParams) params = {...pendingParams, ...params};
  pendingParams = null;
  const url = new URL(location.href);
  for (const [name, value] of Object.entries(params)) {
    if (value === undefined) url.searchParams.delete(name);
    else url.searchParams.set(name, value);
  }
  if (url.href !== location.href) history.replaceState(history.state, "", url.href);
}

/** A choice's text in the URL: objects by `id`, null as "". */
function defaultKey(value) {
  if (value === null || value === undefined) return "";
  if (typeof value === "object") return String(value.id ?? value.key ?? "");
  return String(value);
}

/**
 * The value a filter opens on: with `choices`, the choice whose key is the URL parameter (else
 * `fallback`); without, the parameter itself (`parse`d), else `fallback`.
 */
export function initialValue(name, {choices, key = defaultKey, parse = (s) => s, fallback = null} = {}) {
  const raw = urlParam(name);
  if (raw === null) return fallback;
  if (!choices) return parse(raw);
  const found = [...choices].find((c) => key(c) === raw);
  return found !== undefined ? found : fallback;
}

/**
 * A filter bound to the query parameter `name`: `create(initial)` makes the input (Inputs.select,
 * Inputs.text, …) with the value the URL asks for; the input's value is written to the URL now and
 * on every change. `read(input)` gives what to store (default: input.value; Inputs.search stores its
 * query text). Returns the input, for view().
 */
export function shared(name, create, {choices, key = defaultKey, parse, fallback = null, read = (input) => input.value} = {}) {
  const input = create(initialValue(name, {choices, key, parse, fallback}));
  const value = () => ({[name]: key(read(input))});
  setUrlParamsSoon(value());
  input.addEventListener("input", () => setUrlParams(value()));
  return input;
}

/** The query text of an Inputs.search (its value is the filtered rows, not the text). */
export function searchText(input) {
  return input.querySelector("input")?.value ?? "";
}

/**
 * "Sao chép liên kết": a keyboard-usable button that copies this view's address (with every
 * filter) and says so in a polite live region; where the clipboard is refused it shows the
 * address selected in a text field for Ctrl+C.
 */
export function copyLinkButton(label = "Sao chép liên kết") {
  const status = html`<span class="copy-link-status" role="status" aria-live="polite"></span>`;
  const button = html`<button type="button" class="copy-link-button" title="Sao chép địa chỉ của trang với các bộ lọc đang chọn">🔗 ${label}</button>`;
  const box = html`<span class="copy-link">${button} ${status}</span>`;
  button.addEventListener("click", async () => {
    flushParams();
    const href = location.href;
    box.querySelector("input")?.remove();
    try {
      await navigator.clipboard.writeText(href);
      status.textContent = "✓ Đã sao chép liên kết: mở liên kết sẽ thấy đúng bộ lọc này.";
    } catch {
      const field = html`<input type="text" readonly class="copy-link-field" aria-label="Liên kết của trang" value=${href}>`;
      box.append(field);
      field.focus();
      field.select();
      status.textContent = "Không sao chép tự động được: liên kết đã được chọn, nhấn Ctrl+C để sao chép.";
    }
  });
  return box;
}
