/**
 * The audit log (table audit_log, migration 150): who did what, when, why, and
 * the state before and after. Written inside the transaction of the write it
 * records; read by `cchc audit` and the Nhật ký page.
 */
import { randomUUID } from "node:crypto";
import type { Warehouse } from "../warehouse/db.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";

export interface AuditEntry {
  audit_id: string;
  at: string;
  actor: string;
  role: string | null;
  action: string;
  subject: string;
  reason: string | null;
  before: unknown;
  after: unknown;
}

export interface AuditInput {
  actor: string;
  role: string | null;
  action: string;
  subject: string;
  reason?: string | null;
  before: unknown;
  after: unknown;
}

/** Record one entry; call inside the write's transaction. */
export async function recordAudit(w: Warehouse, e: AuditInput, now: Date): Promise<AuditEntry> {
  const entry: AuditEntry = { audit_id: randomUUID(), at: toVietnamIso(now), reason: null, ...e };
  await w.run(
    `INSERT INTO audit_log (audit_id, made_at, actor, role, action, subject, reason, before_json, after_json)
     VALUES ($id, $at::TIMESTAMPTZ, $actor, $role, $action, $subject, $reason, $before, $after)`,
    {
      id: entry.audit_id,
      at: entry.at,
      actor: entry.actor,
      role: entry.role,
      action: entry.action,
      subject: entry.subject,
      reason: entry.reason ?? null,
      before: entry.before === null || entry.before === undefined ? null : JSON.stringify(entry.before),
      after: entry.after === null || entry.after === undefined ? null : JSON.stringify(entry.after),
    },
  );
  return entry;
}

export interface AuditQuery {
  limit?: number;
  actor?: string;
  subject?: string;
}

/** Newest first. */
export async function listAudit(w: Warehouse, q: AuditQuery = {}): Promise<AuditEntry[]> {
  const rows = await w.all(
    `SELECT audit_id, strftime(made_at, '%Y-%m-%dT%H:%M:%S+07:00') AS made_at, actor, role, action, subject, reason, before_json, after_json
     FROM audit_log
     WHERE ($actor IS NULL OR actor = $actor) AND ($subject IS NULL OR subject = $subject)
     ORDER BY audit_log.made_at DESC, audit_id DESC
     LIMIT $limit`,
    { actor: q.actor ?? null, subject: q.subject ?? null, limit: Math.max(1, Math.min(q.limit ?? 200, 10_000)) },
  );
  return rows.map((r) => ({
    audit_id: r.audit_id as string,
    at: r.made_at as string,
    actor: r.actor as string,
    role: (r.role as string | null) ?? null,
    action: r.action as string,
    subject: r.subject as string,
    reason: (r.reason as string | null) ?? null,
    before: r.before_json ? JSON.parse(r.before_json as string) : null,
    after: r.after_json ? JSON.parse(r.after_json as string) : null,
  }));
}
