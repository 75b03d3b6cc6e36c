/**
 * "Broken is not silent": per source, flags a listing that suddenly yields no
 * items, a jump in extraction or date-finding failures, a failed or paused
 * crawl, and a source not crawled successfully within its schedule — so that
 * "no coverage" is never confused with "the crawler broke". Table source_health.
 */
import { Cron } from "croner";
import { VIETNAM_TZ } from "../time/vietnam-time.ts";
import { inParts, placeholders, rowsBySource, type Warehouse } from "../warehouse/db.ts";
import type { DuckDBValue } from "@duckdb/node-api";
import type { CrawlSource } from "./types.ts";

/** Default schedule of a source without one: every 6 hours. */
export const DEFAULT_SCHEDULE = "0 */6 * * *";

export interface RunRecord {
  started_at: Date;
  status: string;
  pages: number;
  listing_pages: number;
  listing_items: number;
  articles: number; // new + changed + unchanged
  extraction_failures: number;
  date_failures: number;
  paused: boolean;
  /** Completeness alarms of the run (completeness.ts), each with its URL and numbers in the message. */
  alarms?: Array<{ kind: string; message: string }>;
  /** The part of the per-run budget used up (budgets.ts), or null. */
  budget_exceeded?: string | null;
}

export type HealthFlag =
  | "never_crawled"
  | "failed_last_run"
  | "stale"
  | "zero_items"
  | "extraction_failures_jump"
  | "date_failures_jump"
  | "host_paused"
  | "incomplete"
  | "budget_exceeded";

export interface HealthAssessment {
  status: "ok" | "warning" | "broken" | "never_crawled";
  flags: Array<{ flag: HealthFlag; message: string }>;
  last_success_at: Date | null;
}

/** The last gap `allowedGapMs` computed: a crawl assesses every source at the same instant, most on one schedule. */
let lastGap = { schedule: "", at: NaN, gap: 0 };

/** Longest acceptable time since the last successful crawl: two schedule periods. */
export function allowedGapMs(schedule: string, now: Date): number {
  const at = now.getTime();
  if (schedule === lastGap.schedule && at === lastGap.at) return lastGap.gap;
  const runs = new Cron(schedule, { timezone: VIETNAM_TZ, paused: true }).nextRuns(2, now);
  const gap = runs.length < 2 ? 2 * 24 * 3600_000 : 2 * (runs[1]!.getTime() - runs[0]!.getTime());
  lastGap = { schedule, at, gap };
  return gap;
}

/** Vietnamese names of the budget parts (budgets.ts). */
const BUDGET_LABELS_VI: Record<string, string> = { pages: "số lượt tải trang", new_articles: "số bài mới", bytes: "dung lượng tải", time_ms: "thời gian" };

const MIN_SAMPLE = 5;
const JUMP = 0.2;

function rate(fail: number, total: number): number | null {
  return total >= MIN_SAMPLE ? fail / total : null;
}

/** Pure: the health of one source from its runs (newest first). */
export function assessHealth(runs: RunRecord[], schedule: string, now: Date): HealthAssessment {
  const flags: HealthAssessment["flags"] = [];
  const success = runs.find((r) => r.status !== "failed" && r.pages > 0);
  const last_success_at = success?.started_at ?? null;
  if (runs.length === 0) return { status: "never_crawled", flags: [{ flag: "never_crawled", message: "chưa từng thu thập" }], last_success_at };
  const [last, ...older] = runs as [RunRecord, ...RunRecord[]];
  let broken = false;
  if (last.status === "failed") {
    flags.push({ flag: "failed_last_run", message: "lần thu thập gần nhất thất bại" });
    broken = true;
  }
  const gap = allowedGapMs(schedule, now);
  if (!last_success_at || now.getTime() - last_success_at.getTime() > gap) {
    flags.push({ flag: "stale", message: `không thu thập thành công trong ${Math.round(gap / 3600_000)} giờ theo lịch` });
    broken = true;
  }
  if (last.listing_pages > 0 && last.listing_items === 0 && older.some((r) => r.listing_items > 0)) {
    flags.push({ flag: "zero_items", message: "trang danh sách đột ngột không còn mục nào" });
    broken = true;
  }
  const jump = (pick: (r: RunRecord) => [number, number], flag: HealthFlag, label: string) => {
    const now_ = rate(...pick(last));
    if (now_ === null) return;
    const base = older.map((r) => rate(...pick(r))).filter((x): x is number => x !== null);
    const baseline = base.length ? base.reduce((a, b) => a + b, 0) / base.length : 0;
    if (now_ >= baseline + JUMP) {
      flags.push({ flag, message: `tỷ lệ lỗi ${label} tăng từ ${Math.round(baseline * 100)}% lên ${Math.round(now_ * 100)}%` });
    }
  };
  jump((r) => [r.extraction_failures, r.articles + r.extraction_failures], "extraction_failures_jump", "trích xuất");
  jump((r) => [r.date_failures, r.articles], "date_failures_jump", "tìm ngày đăng");
  if (last.paused) flags.push({ flag: "host_paused", message: "máy chủ bị tạm dừng do lỗi liên tiếp" });
  // the last run read less than the portal showed: never "ok" (a page that emptied is broken)
  for (const a of last.alarms ?? []) {
    flags.push({ flag: "incomplete", message: a.message });
    if (a.kind === "page_emptied") broken = true;
  }
  if (last.budget_exceeded) flags.push({ flag: "budget_exceeded", message: `vượt hạn mức thu thập mỗi lần (${BUDGET_LABELS_VI[last.budget_exceeded] ?? last.budget_exceeded}); phần còn lại để lần sau` });
  return { status: broken ? "broken" : flags.length ? "warning" : "ok", flags, last_success_at };
}

/** Recompute source_health for the given sources from crawl_run_sources (last 10 runs each), in a few statements for them all. */
export async function updateSourceHealth(w: Warehouse, sources: Pick<CrawlSource, "source_id" | "schedule">[], now: Date): Promise<void> {
  // a source named twice is assessed as the last naming says (its schedule)
  const last = new Map(sources.map((s) => [s.source_id, s]));
  const ids = [...last.keys()];
  if (ids.length === 0) return;
  const runsOf = await rowsBySource(
    w,
    ids,
    (list) => `SELECT source_id, run_id, started_at, status, pages, listing_pages, listing_items, new_articles + changed_articles + unchanged_articles AS articles,
         extraction_failures, date_failures, paused_hosts, budget_exceeded
       FROM crawl_run_sources WHERE source_id IN ${list}
       QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY started_at DESC) <= 10
       ORDER BY source_id, started_at DESC`,
  );
  // the alarms of each source's last run
  const lastRuns = ids.flatMap((id) => {
    const first = runsOf.get(id)![0];
    return first ? [{ source: id, run: first.run_id as string }] : [];
  });
  const alarmsOf = new Map<string, Array<{ kind: string; message: string }>>();
  await inParts(lastRuns, async (part) => {
    const rows = await w.all(
      `SELECT source_id, kind, message FROM crawl_alarms WHERE (run_id, source_id) IN (${part.map(() => placeholders(2)).join(", ")})
       ORDER BY source_id, raised_at, kind, url`,
      part.flatMap((r) => [r.run, r.source]),
    );
    for (const a of rows) {
      const list = alarmsOf.get(a.source_id as string) ?? [];
      list.push({ kind: a.kind as string, message: a.message as string });
      alarmsOf.set(a.source_id as string, list);
    }
  });
  const values: DuckDBValue[][] = ids.map((id) => {
    const rows = runsOf.get(id)!;
    const runs: RunRecord[] = rows.map((r) => ({
      started_at: new Date(r.started_at as string),
      status: r.status as string,
      pages: Number(r.pages),
      listing_pages: Number(r.listing_pages),
      listing_items: Number(r.listing_items),
      articles: Number(r.articles),
      extraction_failures: Number(r.extraction_failures),
      date_failures: Number(r.date_failures),
      paused: r.paused_hosts !== null,
      budget_exceeded: (r.budget_exceeded as string | null) ?? null,
    }));
    if (rows[0]) runs[0]!.alarms = alarmsOf.get(id) ?? [];
    const h = assessHealth(runs, last.get(id)!.schedule ?? DEFAULT_SCHEDULE, now);
    return [id, now.toISOString(), h.status, JSON.stringify(h.flags), (rows[0]?.run_id as string) ?? null, h.last_success_at?.toISOString() ?? null];
  });
  await inParts(values, (part) =>
    w.run(
      `INSERT INTO source_health (source_id, checked_at, status, flags_json, last_run_id, last_success_at)
       VALUES ${part.map(() => "(?, ?::TIMESTAMPTZ, ?, ?, ?, ?::TIMESTAMPTZ)").join(", ")}
       ON CONFLICT (source_id) DO UPDATE SET checked_at = excluded.checked_at, status = excluded.status, flags_json = excluded.flags_json,
         last_run_id = excluded.last_run_id, last_success_at = excluded.last_success_at`,
      part.flat(),
    ),
  );
}
