/**
 * Every write the workbench makes. Each one: checks the actor (still active,
 * allowed), validates with the CLI's own validation, and in ONE transaction
 * writes, recomputes the numbers it touches and records the audit entry.
 * Errors carry the HTTP status the server answers with.
 */
import { createHash } from "node:crypto";
import type { OverrideRequest } from "../overrides/overrides.ts";
import type { RawEvidenceRow } from "../evidence/schema.ts";
import { EVIDENCE_KEYS, type EvidenceInput } from "../evidence/schema.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import type { Warehouse } from "../warehouse/db.ts";
import * as product from "./adapter.ts";
import { type AuditEntry, recordAudit } from "./audit.ts";
import { type Action, type Actor, allowed } from "./roles.ts";
import { findUser } from "./users.ts";

export class WriteError extends Error {
  constructor(
    readonly status: number,
    message: string,
    readonly problems: string[] = [],
  ) {
    super(message);
  }
}

/** Which site data a write changed (the rebuild refreshes these loaders). */
export type Changed = "items" | "coverage" | "evidence" | "plan-tasks";

export interface WriteResult<T = unknown> {
  audit: AuditEntry[];
  changed: Changed[];
  result: T;
}

export interface WriteHooks {
  /** Called inside the transaction once the write has started (server log line). */
  begun?: (action: Action, subject: string) => void;
}

/** The actor as the warehouse knows it now: a disabled or changed account is refused. */
async function currentActor(w: Warehouse, actor: Actor): Promise<Actor> {
  const u = await findUser(w, actor.name);
  if (!u || u.disabled_at) throw new WriteError(401, "tài khoản không còn hiệu lực: hãy đăng nhập lại");
  return { name: u.name, role: u.role, agency_id: u.agency_id };
}

function requireAllowed(actor: Actor, action: Action, agencyIds: string[] = []): void {
  if (!allowed(actor, action, agencyIds)) {
    throw new WriteError(403, actor.role === "agency_editor" && action.startsWith("evidence.") ? `chỉ được nhập minh chứng của cơ quan mình (${actor.agency_id})` : "tài khoản không có quyền thực hiện thao tác này");
  }
}

function requireReason(reason: unknown): string {
  const r = typeof reason === "string" ? reason.normalize("NFC").trim() : "";
  if (!r) throw new WriteError(400, "cần nêu lý do", ["reason: bắt buộc"]);
  if ([...r].length > 1000) throw new WriteError(400, "lý do quá dài", ["reason: tối đa 1000 ký tự"]);
  return r;
}

// ── review queue ─────────────────────────────────────────────────────────────

export const REVIEW_ACTIONS = ["credit", "exclude", "reform", "not_reform"] as const;
export type ReviewAction = (typeof REVIEW_ACTIONS)[number];

export interface ReviewInput {
  article_id: string;
  action: ReviewAction;
  agency_id?: string | null;
  reason: string;
}

/** An article's labels and credit as analyse left them (the audit's before / after). */
export async function articleState(w: Warehouse, articleId: string) {
  return await w.one(
    `SELECT a.article_id, a.title, l.is_cchc, l.areas, t.agency_id, t.method AS attribution, t.confidence,
            l.override_ids
     FROM articles a
     LEFT JOIN article_labels l USING (article_id)
     LEFT JOIN article_attribution t USING (article_id)
     WHERE a.article_id = $id`,
    { id: articleId },
  );
}

export async function reviewItem(w: Warehouse, ctx: product.ProductContext, actorIn: Actor, input: ReviewInput, now: Date, hooks: WriteHooks = {}): Promise<WriteResult> {
  if (!(REVIEW_ACTIONS as readonly string[]).includes(input.action)) {
    throw new WriteError(400, "thao tác không hợp lệ", [`action: một trong ${REVIEW_ACTIONS.join(", ")}`]);
  }
  const action = `review.${input.action}` as Action;
  const reason = requireReason(input.reason);
  const registry = product.registryOf(ctx);
  const inputs = product.refreshInputs(ctx);
  const result = await w.transaction(async () => {
    const actor = await currentActor(w, actorIn);
    requireAllowed(actor, action);
    const articleId = String(input.article_id ?? "").trim();
    const before = await articleState(w, articleId);
    if (!before) throw new WriteError(404, `không có tin, bài "${articleId}" trong kho dữ liệu`, ["article_id: không tìm thấy"]);
    const base = { article_id: articleId, by: actor.name, why: reason };
    let request: OverrideRequest;
    if (input.action === "credit") {
      const agency = String(input.agency_id ?? "").trim();
      if (!agency) throw new WriteError(400, "chưa chọn cơ quan", ["agency_id: bắt buộc"]);
      if (!registry.agencies.some((a) => a.id === agency)) throw new WriteError(400, `không có cơ quan "${agency}" trong danh mục`, ["agency_id: không có trong danh mục"]);
      request = { ...base, action: "agency", agency_id: agency };
    } else {
      request = { ...base, action: input.action === "reform" ? "include" : "exclude" };
    }
    let overrides;
    try {
      overrides = product.makeOverrides([request], now);
    } catch (error) {
      if (error instanceof product.OverrideValidationError) throw new WriteError(400, error.message, error.problems.map(product.formatOverrideProblem));
      throw error;
    }
    hooks.begun?.(action, articleId);
    await product.recordOverrides(w, ctx, overrides);
    await product.recomputeAfterOverride(w, inputs, now);
    const after = await articleState(w, articleId);
    const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action, subject: articleId, reason, before, after: { ...after, override_id: overrides[0].override_id } }, now);
    return { audit: [audit], changed: ["items", "coverage", "evidence"] as Changed[], result: { override_id: overrides[0].override_id, before, after } };
  });
  // The overrides file mirrors the table once the transaction is committed (a crash before this is
  // repaired at the next start: the table is the truth, the file is rewritten from it).
  await product.mirrorOverridesFile(w, ctx);
  return result;
}

// ── evidence ─────────────────────────────────────────────────────────────────

export type EvidenceForm = Partial<Record<keyof EvidenceInput, unknown>>;

async function evidenceBefore(w: Warehouse, ids: string[]) {
  if (!ids.length) return [];
  return await w.all(
    `SELECT evidence_id, agency_id, channel, published_text, title, url, reference, sessions, attendance, reform_area, target_id, notes
     FROM evidence_items WHERE list_contains(CAST(CAST($ids AS JSON) AS VARCHAR[]), evidence_id) ORDER BY evidence_id`,
    { ids: JSON.stringify(ids) },
  );
}

async function writeEvidence(
  w: Warehouse,
  ctx: product.ProductContext,
  actorIn: Actor,
  action: "evidence.add" | "evidence.upload",
  label: string,
  data: Buffer,
  raw: RawEvidenceRow[],
  reason: string | null,
  now: Date,
  hooks: WriteHooks,
): Promise<WriteResult> {
  const registry = product.registryOf(ctx);
  return await w.transaction(async () => {
    const actor = await currentActor(w, actorIn);
    // Permission before validation: an agency editor learns nothing about rows it may not write.
    const agencies = raw.map((r) => String(r.cells.agency_id ?? "").normalize("NFC").trim()).filter((id, i) => id || Object.values(raw[i].cells).some((v) => String(v ?? "").trim()));
    if (actor.role === "agency_editor") {
      const foreign = raw.filter((r) => String(r.cells.agency_id ?? "").normalize("NFC").trim() !== actor.agency_id && Object.values(r.cells).some((v) => String(v ?? "").trim()));
      if (foreign.length) {
        throw new WriteError(403, `chỉ được nhập minh chứng của cơ quan mình (${actor.agency_id})`, foreign.map((r) => product.evidenceProblem(label, r.line, "agency_id", `"${String(r.cells.agency_id ?? "")}" không phải cơ quan của tài khoản`)));
      }
    }
    requireAllowed(actor, action, agencies.length ? agencies : [""]);
    let rows;
    try {
      rows = product.validateEvidenceRows(label, raw, now, product.evidenceLookups(registry));
    } catch (error) {
      if (error instanceof product.EvidenceValidationError) throw new WriteError(400, "dữ liệu chưa hợp lệ, chưa ghi gì", error.problems);
      throw error;
    }
    if (!rows.length) throw new WriteError(400, "không có dòng minh chứng nào", [`${label}: không có dòng dữ liệu`]);
    hooks.begun?.(action, label);
    const before = await evidenceBefore(w, rows.map((r) => r.evidence_id));
    const summary = await product.storeEvidenceRows(w, label, data, rows, now);
    await product.recomputeAfterEvidence(w, registry, now);
    const after = await evidenceBefore(w, rows.map((r) => r.evidence_id));
    const subject = rows.length === 1 ? rows[0].evidence_id : summary.import_id;
    const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action, subject, reason, before: before.length ? before : null, after: { file: label, summary, rows: after } }, now);
    return { audit: [audit], changed: ["items", "coverage", "evidence"] as Changed[], result: { summary, evidence_ids: rows.map((r) => r.evidence_id) } };
  });
}

/** One row from the page's form; validated as line 1 of a file named "biểu mẫu". */
export async function addEvidence(w: Warehouse, ctx: product.ProductContext, actor: Actor, form: EvidenceForm, now: Date, hooks: WriteHooks = {}): Promise<WriteResult> {
  const cells = Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, form[k] === undefined || form[k] === null ? "" : String(form[k])]));
  const raw: RawEvidenceRow[] = [{ line: 1, cells }];
  const data = Buffer.from(JSON.stringify(cells));
  const label = `biểu mẫu (${actor.name})`;
  return writeEvidence(w, ctx, actor, "evidence.add", label, data, raw, null, now, hooks);
}

/** A filled template (CSV / XLSX), all rows or none, with the importer's located errors. */
export async function uploadEvidence(w: Warehouse, ctx: product.ProductContext, actor: Actor, fileName: string, data: Buffer, now: Date, hooks: WriteHooks = {}): Promise<WriteResult> {
  const name = fileName.normalize("NFC").replace(/[\\/]/g, "_").slice(0, 200) || "tệp";
  let raw: RawEvidenceRow[];
  try {
    raw = await product.readEvidenceUpload(name, data);
  } catch (error) {
    if (error instanceof product.EvidenceValidationError) throw new WriteError(400, "tệp chưa hợp lệ, chưa ghi gì", error.problems);
    throw new WriteError(400, `không đọc được tệp ${name}: ${(error as Error).message}`, [product.evidenceProblem(name, null, null, (error as Error).message)]);
  }
  return writeEvidence(w, ctx, actor, "evidence.upload", name, data, raw, null, now, hooks);
}

// ── plan tasks ───────────────────────────────────────────────────────────────

export interface TaskInput {
  task_id: string;
  status: string;
  evidence?: string[] | string;
  reason: string;
}

export async function taskState(w: Warehouse, taskId: string) {
  return await w.one(
    `SELECT task_id, task, status, evidence, updated_by, strftime(updated_at, '%Y-%m-%dT%H:%M:%S+07:00') AS updated_at
     FROM plan_tasks_effective WHERE task_id = $id`,
    { id: taskId },
  );
}

/** Evidence of a task: links (http/https) or document numbers; problems as "evidence: …". */
export function taskEvidenceProblems(entries: string[]): string[] {
  const problems: string[] = [];
  if (entries.length > 20) problems.push("evidence: tối đa 20 minh chứng");
  for (const e of entries) {
    if (/^[a-z][a-z0-9+.-]*:/i.test(e) && !/^https?:\/\/[^\s/]+\.[^\s]+$/i.test(e)) problems.push(`evidence: "${e}" không phải đường dẫn http(s)`);
    if ([...e].length > 500) problems.push("evidence: một minh chứng tối đa 500 ký tự");
  }
  return problems;
}

export async function updateTask(w: Warehouse, actorIn: Actor, input: TaskInput, now: Date, hooks: WriteHooks = {}): Promise<WriteResult> {
  const reason = requireReason(input.reason);
  const list = (Array.isArray(input.evidence) ? input.evidence : String(input.evidence ?? "").split(/\r?\n/))
    .map((e) => String(e).normalize("NFC").trim())
    .filter(Boolean);
  const problems = [
    ...(product.TASK_STATUS_VALUES.includes(input.status) ? [] : [`status: một trong ${product.TASK_STATUS_VALUES.join(", ")}`]),
    ...taskEvidenceProblems(list),
  ];
  return await w.transaction(async () => {
    const actor = await currentActor(w, actorIn);
    requireAllowed(actor, "task.update");
    if (problems.length) throw new WriteError(400, "dữ liệu chưa hợp lệ, chưa ghi gì", problems);
    const taskId = String(input.task_id ?? "").trim();
    const before = await taskState(w, taskId);
    if (!before) throw new WriteError(404, `không có nhiệm vụ "${taskId}"`, ["task_id: không tìm thấy"]);
    hooks.begun?.("task.update", taskId);
    const at = toVietnamIso(now);
    const id = createHash("sha256").update(JSON.stringify([taskId, input.status, list, actor.name, at, reason])).digest("hex").slice(0, 16);
    await w.run(
      `INSERT INTO plan_task_updates (update_id, task_id, status, evidence, by_name, made_at, why)
       VALUES ($id, $task, $status, CAST(CAST($evidence AS JSON) AS VARCHAR[]), $by, $at::TIMESTAMPTZ, $why)`,
      { id, task: taskId, status: input.status, evidence: JSON.stringify(list), by: actor.name, at, why: reason },
    );
    const after = await taskState(w, taskId);
    const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action: "task.update", subject: taskId, reason, before, after }, now);
    return { audit: [audit], changed: ["plan-tasks"] as Changed[], result: { update_id: id, before, after } };
  });
}

// ── plans (hook for issue 14) ────────────────────────────────────────────────

export async function importPlan(w: Warehouse, ctx: product.ProductContext, actorIn: Actor, fileName: string, data: Buffer, now: Date): Promise<WriteResult> {
  return await w.transaction(async () => {
    const actor = await currentActor(w, actorIn);
    requireAllowed(actor, "plan.import");
    let summary: product.PlanImportSummary;
    try {
      summary = await product.importPlanTemplate(w, ctx, fileName, data, now);
    } catch (error) {
      if (error instanceof product.PlanFileError) throw new WriteError(400, "tệp kế hoạch chưa hợp lệ, chưa ghi gì", error.problems.map((p) => product.formatPlanProblem(p, fileName)));
      if (error instanceof product.PlanMakesRegistryInvalidError) throw new WriteError(400, product.planMakesRegistryInvalid(), error.issues.map(product.formatIssue));
      throw error;
    }
    const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action: "plan.import", subject: summary.plans.join(", "), reason: null, before: null, after: summary }, now);
    return { audit: [audit], changed: ["items", "coverage", "evidence", "plan-tasks"] as Changed[], result: summary };
  });
}

export async function confirmTarget(w: Warehouse, ctx: product.ProductContext, actorIn: Actor, targetId: string, now: Date): Promise<WriteResult> {
  return await w.transaction(async () => {
    const actor = await currentActor(w, actorIn);
    requireAllowed(actor, "target.confirm");
    let result: Awaited<ReturnType<typeof product.confirmProvisionalTarget>>;
    try {
      result = await product.confirmProvisionalTarget(w, ctx, targetId, actor.name, now);
    } catch (error) {
      if (error instanceof product.MappingConfirmError) throw new WriteError(400, error.message);
      throw error;
    }
    const audit = await recordAudit(w, { actor: actor.name, role: actor.role, action: "target.confirm", subject: targetId, reason: null, before: { confirmed: [] }, after: result }, now);
    return { audit: [audit], changed: ["items", "coverage", "evidence"] as Changed[], result };
  });
}
