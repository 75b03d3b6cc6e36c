/**
 * Plan tasks and reporting duties as dated obligations, pure: the deadline a
 * plan's wording means, multi-deadline tasks split into one dated row per
 * reporting period, evidence that is a link or a document number. A task's status on
 * a day is computed once, in the warehouse (models/marts_plan_tasks.sql).
 *
 * Deadline wording (Asia/Ho_Chi_Minh calendar days; a deadline is the last day allowed):
 *   "trước ngày D" (before D)          → the day before D
 *   "chậm nhất ngày D", "đến ngày D"   → D
 *   "trước tháng M năm Y"              → the last day of month M−1
 *   "Tháng M/Y"                        → the last day of month M
 *   "Quý I…IV năm Y", "Quí I/Y"        → the last day of the (last named) quarter
 *   "Trong năm Y", "Năm Y", "Năm Y - Z" → 31/12 of the last year named
 *   "Thường xuyên", "Trước ngày 20 của kỳ báo cáo" → no single day (split the task or leave it open)
 */
import { foldDiacritics } from "../text/normalize.ts";
import type { PlanTask } from "./types.ts";

const pad = (n: number) => String(n).padStart(2, "0");
const iso = (y: number, m: number, d: number) => `${y}-${pad(m)}-${pad(d)}`;
const lastDayOfMonth = (y: number, m: number) => new Date(Date.UTC(y, m, 0)).getUTCDate();

/** The calendar day before `day` (YYYY-MM-DD). */
export function dayBefore(day: string): string {
  const [y, m, d] = day.split("-").map(Number);
  const t = new Date(Date.UTC(y, m - 1, d) - 86_400_000);
  return iso(t.getUTCFullYear(), t.getUTCMonth() + 1, t.getUTCDate());
}

const ROMAN: Record<string, number> = { i: 1, ii: 2, iii: 3, iv: 4 };

/**
 * The last day a deadline as written allows, or null when the wording names no
 * single day. `year` fills in a year the wording leaves out ("trước ngày 20/4").
 */
export function deadlineFromText(text: string, year?: number): string | null {
  const t = foldDiacritics(text.normalize("NFC")).toLowerCase().replace(/\s+/g, " ").trim();
  const date = (d: string, m: string, y?: string) => {
    const yy = y ? Number(y) : year;
    if (!yy) return null;
    const [dd, mm] = [Number(d), Number(m)];
    if (mm < 1 || mm > 12 || dd < 1 || dd > lastDayOfMonth(yy, mm)) return null;
    return iso(yy, mm, dd);
  };
  let m = /truoc ngay (\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?/.exec(t);
  if (m) {
    const d = date(m[1], m[2], m[3]);
    return d ? dayBefore(d) : null;
  }
  m = /(?:cham nhat|den|han) (?:la )?ngay (\d{1,2})[/.-](\d{1,2})(?:[/.-](\d{4}))?/.exec(t);
  if (m) return date(m[1], m[2], m[3]);
  m = /truoc thang (\d{1,2})(?:[/ ](?:nam )?(\d{4}))?/.exec(t);
  if (m) {
    const y = m[2] ? Number(m[2]) : year;
    const mo = Number(m[1]);
    if (!y || mo < 1 || mo > 12) return null;
    return mo === 1 ? iso(y - 1, 12, 31) : iso(y, mo - 1, lastDayOfMonth(y, mo - 1));
  }
  if (/thuong xuyen|ky bao cao/.test(t)) return null;
  m = /^thang (\d{1,2})[/ ](?:nam )?(\d{4})/.exec(t);
  if (m) {
    const [mo, y] = [Number(m[1]), Number(m[2])];
    return mo >= 1 && mo <= 12 ? iso(y, mo, lastDayOfMonth(y, mo)) : null;
  }
  m = /^qu[yi] ((?:iv|iii|ii|i)(?:\s*,\s*(?:iv|iii|ii|i))*)(?:\s*(?:nam|\/)\s*(\d{4}))?\s*$/.exec(t);
  if (m) {
    const y = m[2] ? Number(m[2]) : year;
    if (!y) return null;
    const q = Math.max(...m[1].split(/\s*,\s*/).map((r) => ROMAN[r]));
    return iso(y, q * 3, lastDayOfMonth(y, q * 3));
  }
  m = /^(?:trong )?nam (\d{4})(?:\s*-\s*(\d{4}))?\s*$/.exec(t);
  if (m) return iso(Number(m[2] ?? m[1]), 12, 31);
  return null;
}

/** Is an evidence entry a document number (số hiệu văn bản, e.g. "125/BC-STC" or "125/BC-STC ngày 15/6/2024") rather than a link? */
export function isDocumentNumber(value: string): boolean {
  return /^\d+[a-z]?\/[\p{L}0-9&.]+(?:[-/][\p{L}0-9&.]+)*(?: ngày \d{1,2}\/\d{1,2}\/\d{4})?$/iu.test(value.normalize("NFC").trim());
}

export const isLink = (value: string): boolean => /^https?:\/\//i.test(value.trim());

/** One dated row of a task: the task itself, or one reporting period of a multi-deadline task. */
export interface TaskRow extends PlanTask {
  /** The task's id in plan-tasks.yaml (equal to `id` for a single-deadline task). */
  task_id: string;
  /** The reporting period of a split row, e.g. "Quý I", or null. */
  period: string | null;
}

/** Tasks with one row per deadline: a task with `deadlines:` becomes one row per entry (id `<task>-<n>`), each with its own status and evidence. */
export function taskRows(tasks: PlanTask[]): TaskRow[] {
  return tasks.flatMap((t): TaskRow[] =>
    t.deadlines?.length
      ? t.deadlines.map((d, i) => ({
          ...t,
          id: `${t.id}-${i + 1}`,
          task_id: t.id,
          period: d.period,
          deadline_text: d.deadline_text ?? t.deadline_text,
          deadline: d.deadline,
          status: d.status,
          evidence: d.evidence,
          deadlines: undefined,
        }))
      : [{ ...t, task_id: t.id, period: null }],
  );
}
