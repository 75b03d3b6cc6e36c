// The analysts' workbench in the pages: present only when the page is served by `cchc serve`
// (it sets the cookie cchc_serve=1) — the static build makes no request and shows no control.
// Text from the warehouse is always inserted as text (htl interpolation).
import {html} from "npm:htl";
import {areaLabel, channelLabel, vocabCodes, vocabLabel} from "./format.js";


/** True when `cchc serve` serves this page. */
export function isServed() {
  return /(?:^|;\s*)cchc_serve=1(?:;|$)/.test(globalThis.document?.cookie ?? "");
}

let current = null;

/** The session ({served, user, csrf_token, rebuild}) or null for the static build. */
export async function workbenchSession() {
  if (!isServed()) return null;
  const response = await fetch("/api/session", {credentials: "same-origin", cache: "no-store"});
  if (!response.ok) return null;
  current = await response.json();
  return current;
}

/** POST to the API with the CSRF token; returns {ok, status, data}. `body` is an object or FormData. */
export async function apiPost(path, body) {
  const headers = {"x-csrf-token": current?.csrf_token ?? ""};
  const init = {method: "POST", credentials: "same-origin", headers};
  if (body instanceof FormData) init.body = body;
  else {
    headers["content-type"] = "application/json";
    init.body = JSON.stringify(body ?? {});
  }
  const response = await fetch(path, init);
  let data = {};
  try { data = await response.json(); } catch { data = {error: `lỗi ${response.status}`}; }
  if (data?.csrf_token && current) current.csrf_token = data.csrf_token;
  if (response.ok) watchRebuild();
  return {ok: response.ok, status: response.status, data};
}

export const can = (session, action) => Boolean(session?.user?.capabilities?.includes(action));

/** Sign-in form, or who is signed in with a sign-out button. */
export function signInPanel(session) {
  if (!session) return html`<span hidden></span>`; // html`` is null, which a cell would print as "null"
  if (session.user) {
    const out = html`<button type="button">Đăng xuất</button>`;
    out.onclick = async () => { await apiPost("/api/logout"); location.reload(); };
    const u = session.user;
    return html`<div class="workbench-bar" role="region" aria-label="Tài khoản">Đã đăng nhập: <strong>${u.name}</strong> (${u.role_label ?? u.role}${u.agency_id ? ` — ${u.agency_id}` : ""}) ${out}</div>`;
  }
  const message = html`<span class="workbench-message" role="alert"></span>`;
  const form = html`<form class="workbench-bar workbench-login" aria-label="Đăng nhập">
    <label>Tên đăng nhập <input name="name" autocomplete="username" required></label>
    <label>Mật khẩu <input name="password" type="password" autocomplete="current-password" required></label>
    <button type="submit">Đăng nhập</button> ${message}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const r = await apiPost("/api/login", {name: form.elements.name.value, password: form.elements.password.value});
    if (r.ok) location.reload();
    else message.textContent = r.data?.error ?? `lỗi ${r.status}`;
  };
  return form;
}

/** The result of a write: ✓ or the error with every located problem. */
export function resultView(r) {
  if (r.ok) return html`<div class="workbench-ok" role="status">✓ Đã ghi (nhật ký ${r.data.audit_id ?? ""}). Số liệu đang được cập nhật.</div>`;
  const message = String(r.data?.error ?? `lỗi ${r.status}`);
  return html`<div class="workbench-error" role="alert"><strong>${message.charAt(0).toUpperCase() + message.slice(1)}</strong>${r.data?.problems?.length ? html`<ul>${r.data.problems.map((p) => html`<li>${p}</li>`)}</ul>` : ""}</div>`;
}

// ── rebuild banner ─────────────────────────────────────────────────────────────
let banner = null;
let polling = false;

function showRebuild(state) {
  if (!banner) {
    banner = html`<div class="workbench-rebuild" role="status" aria-live="polite"></div>`;
    document.querySelector("#observablehq-main")?.prepend(banner);
  }
  if (state.status === "running" || state.pending?.length) {
    banner.dataset.state = "running";
    banner.textContent = "⟳ Đang cập nhật số liệu và dựng lại trang sau thay đổi… Số liệu trên trang này có thể chưa mới.";
  } else if (state.status === "failed") {
    banner.dataset.state = "failed";
    banner.textContent = `✗ Dựng lại trang không thành công: ${state.error ?? ""}`;
  } else {
    banner.dataset.state = "done";
    banner.replaceChildren(html`<span>✓ Đã cập nhật số liệu. </span>`, Object.assign(html`<button type="button">Tải lại trang</button>`, {onclick: () => location.reload()}));
  }
}

/** Show "đang cập nhật" until the server's rebuild is done. */
export async function watchRebuild(initial) {
  if (polling || !isServed()) return;
  polling = true;
  try {
    let state = initial ?? (await (await fetch("/api/status", {cache: "no-store"})).json()).rebuild;
    if (state.status === "idle" && !state.pending.length && initial) return;
    showRebuild(state);
    while (state.status === "running" || state.pending.length) {
      await new Promise((r) => setTimeout(r, 1500));
      state = (await (await fetch("/api/status", {cache: "no-store"})).json()).rebuild;
      showRebuild(state);
    }
  } finally {
    polling = false;
  }
}

// ── review queue ─────────────────────────────────────────────────────────────
/** Credit / exclude / mark reform or not, with a required reason, for one item of the queue. */
export function reviewForm(session, queue, agencies) {
  if (!can(session, "review.credit")) return html``;
  const itemSelect = html`<select name="article_id" required>${queue.map((d) => html`<option value=${d.article_id}>${d.title}</option>`)}</select>`;
  const agencySelect = html`<select name="agency_id"><option value="">— chọn cơ quan —</option>${agencies.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</select>`;
  const out = html`<div></div>`;
  const form = html`<form class="workbench-form" aria-label="Rà soát tin, bài">
    <label>Tin, bài ${itemSelect}</label>
    <fieldset><legend>Thao tác</legend>
      <label><input type="radio" name="action" value="credit" checked> Gán cho cơ quan</label> ${agencySelect}<br>
      <label><input type="radio" name="action" value="exclude"> Loại khỏi số liệu</label>
      <label><input type="radio" name="action" value="reform"> Là tin CCHC</label>
      <label><input type="radio" name="action" value="not_reform"> Không phải tin CCHC</label>
    </fieldset>
    <label>Lý do (bắt buộc) <input name="reason" required maxlength="1000" size="60"></label>
    <button type="submit">Ghi</button> ${out}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const action = form.elements.action.value;
    const body = {article_id: itemSelect.value, action, reason: form.elements.reason.value, ...(action === "credit" ? {agency_id: agencySelect.value} : {})};
    form.querySelector("button[type=submit]").disabled = true;
    out.replaceChildren(resultView(await apiPost("/api/review", body)));
    form.querySelector("button[type=submit]").disabled = false;
  };
  return form;
}

// ── evidence ─────────────────────────────────────────────────────────────────
/** One evidence row: the template's columns, validated by the server as the CLI importer does. */
export async function evidenceForms(session, agencies) {
  if (!can(session, "evidence.add")) return html``;
  const schema = await (await fetch("/api/evidence/columns", {cache: "no-store"})).json();
  const own = session.user.role === "agency_editor" ? session.user.agency_id : null;
  const field = (c) => {
    if (c.key === "agency_id") {
      const options = own ? agencies.filter((a) => a.id === own) : agencies;
      return html`<select name="agency_id">${own ? "" : html`<option value="">— chọn —</option>`}${options.map((a) => html`<option value=${a.id}>${a.name}</option>`)}</select>`;
    }
    if (c.key === "channel") return html`<select name="channel"><option value="">— chọn —</option>${schema.channels.map((v) => html`<option value=${v}>${channelLabel(v)}</option>`)}</select>`;
    if (c.key === "reform_area") return html`<select name="reform_area"><option value="">—</option>${schema.reform_areas.map((v) => html`<option value=${v}>${areaLabel(v)}</option>`)}</select>`;
    return html`<input name=${c.key} size=${c.key === "title" ? 60 : 24}>`;
  };
  const out = html`<div></div>`;
  const form = html`<form class="workbench-form" aria-label="Nhập một minh chứng">
    ${schema.columns.map((c) => html`<label title=${c.help}>${c.label}${c.required === "yes" ? " *" : ""} ${field(c)}</label>`)}
    <button type="submit">Ghi minh chứng</button> ${out}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = Object.fromEntries(schema.columns.map((c) => [c.key, form.elements[c.key].value]));
    out.replaceChildren(resultView(await apiPost("/api/evidence", body)));
  };
  const upOut = html`<div></div>`;
  const upload = html`<form class="workbench-form" aria-label="Tải lên tệp minh chứng">
    <label>Tệp biểu mẫu đã điền (CSV hoặc XLSX) <input type="file" name="file" accept=".csv,.xlsx" required></label>
    <button type="submit">Tải lên</button> ${upOut}</form>`;
  upload.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData();
    data.append("file", upload.elements.file.files[0]);
    upOut.replaceChildren(resultView(await apiPost("/api/evidence/upload", data)));
  };
  return html`<div class="workbench"><h3>Nhập một minh chứng</h3>${form}<h3>Tải lên biểu mẫu đã điền</h3>${upload}</div>`;
}

// ── plan tasks ───────────────────────────────────────────────────────────────
// The statuses an analyst records (vocabulary domain task_status, shipped as data/vocabulary.json); the form
// starts from the status as recorded (`recorded_status`), never the one the mart computes for today (overdue…).
export function taskForm(session, tasks) {
  if (!can(session, "task.update")) return html``;
  const codes = vocabCodes("task_status");
  const taskSelect = html`<select name="task_id">${tasks.map((t) => html`<option value=${t.task_id}>${t.task_id} — ${t.task}</option>`)}</select>`;
  const status = html`<select name="status">${codes.map((k) => html`<option value=${k}>${vocabLabel("task_status", k)}</option>`)}</select>`;
  const evidence = html`<textarea name="evidence" rows="3" cols="60" placeholder="Mỗi dòng một đường dẫn hoặc số hiệu văn bản"></textarea>`;
  const fill = () => {
    const t = tasks.find((d) => d.task_id === taskSelect.value);
    if (!t) return;
    status.value = codes.includes(t.recorded_status) ? t.recorded_status : "todo";
    // every piece of evidence recorded: links and document numbers (a save replaces the whole list)
    evidence.value = [...String(t.evidence_links ?? "").split(" "), ...String(t.evidence_documents ?? "").split("; ")].filter(Boolean).join("\n");
  };
  taskSelect.onchange = fill;
  fill();
  const out = html`<div></div>`;
  const form = html`<form class="workbench-form" aria-label="Cập nhật nhiệm vụ">
    <label>Nhiệm vụ ${taskSelect}</label> <label>Trạng thái ${status}</label>
    <label>Minh chứng ${evidence}</label>
    <label>Lý do (bắt buộc) <input name="reason" required size="60"></label>
    <button type="submit">Ghi</button> ${out}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const body = {status: status.value, evidence: evidence.value.split("\n"), reason: form.elements.reason.value};
    out.replaceChildren(resultView(await apiPost(`/api/tasks/${encodeURIComponent(taskSelect.value)}`, body)));
  };
  return form;
}

/** Confirm the kind mapping a provisional target leaves out (cchc plan confirm). */
export function confirmTargetForm(session, pending, kindLabel) {
  if (!can(session, "target.confirm") || !pending.length) return html``;
  const select = html`<select name="target_id">${pending.map((t) => html`<option value=${t.target_id}>${t.label}: ${t.description} (chưa áp dụng cho ${t.unmapped_kinds.map(kindLabel).join(", ")})</option>`)}</select>`;
  const out = html`<div></div>`;
  const form = html`<form class="workbench-form" aria-label="Xác nhận chỉ tiêu tạm tính">
    <label>Chỉ tiêu tạm tính ${select}</label>
    <button type="submit">Xác nhận áp dụng cho cơ quan kế thừa</button> ${out}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    out.replaceChildren(resultView(await apiPost(`/api/targets/${encodeURIComponent(select.value)}/confirm`, {})));
  };
  return form;
}

// ── plans (issue 14's importer) ────────────────────────────────────────────────
export function planUpload(session) {
  if (!can(session, "plan.import")) return html``;
  const out = html`<div></div>`;
  const form = html`<form class="workbench-form" aria-label="Tải lên kế hoạch">
    <label>Biểu mẫu kế hoạch đã điền (CSV hoặc XLSX) <input type="file" name="file" accept=".csv,.xlsx" required></label>
    <button type="submit">Tải lên kế hoạch</button> ${out}</form>`;
  form.onsubmit = async (event) => {
    event.preventDefault();
    const data = new FormData();
    data.append("file", form.elements.file.files[0]);
    out.replaceChildren(resultView(await apiPost("/api/plans/import", data)));
  };
  return form;
}
