/**
 * The per-source, per-run budget: at most so many requests, new articles,
 * bytes and so much time for one source in one run, whatever its listings
 * show (a listing with 10,000 links, endless paging, a server that stalls).
 * A budget used up is an alarm (error kind `budget`, health flag
 * `budget_exceeded`), never a silent truncation: what was not fetched stays in
 * the frontier, pending, and the next run goes on from there.
 *
 * Defaults below; a registry entry overrides them (`budget: { pages, new_articles, mib, minutes }`).
 */
import { BUDGET_AMOUNT_VI, crawlMessage } from "./messages.ts";

export interface SourceBudget {
  /** Requests (listing pages, articles, robots.txt) per run. */
  pages: number;
  /** New articles fetched per run (known articles rechecked do not count). */
  new_articles: number;
  /** Bytes received per run. */
  bytes: number;
  /** Wall-clock time per run, in ms. */
  time_ms: number;
}

export const DEFAULT_BUDGET: SourceBudget = {
  pages: 2_000,
  new_articles: 1_000,
  bytes: 200 * 1024 * 1024,
  time_ms: 20 * 60_000,
};

export type BudgetPart = keyof SourceBudget;

export function resolveBudget(override: Partial<SourceBudget> = {}): SourceBudget {
  const budget = { ...DEFAULT_BUDGET, ...override };
  for (const [key, value] of Object.entries(budget)) {
    if (!Number.isFinite(value) || value <= 0) throw new Error(crawlMessage("crawl.bad_budget", { part: key, value: String(value) }));
  }
  return budget;
}


/** Counts one source's run against its budget. */
export class BudgetTracker {
  private requests = 0;
  private bytes = 0;
  private newArticles = 0;
  private readonly startedMs: number;
  /** The part of the budget that stops requests (pages, bytes, time), once used up. */
  private stopPart: BudgetPart | null = null;

  constructor(
    readonly budget: SourceBudget,
    private readonly nowMs: () => number = Date.now,
  ) {
    this.startedMs = nowMs();
  }

  /** Reserve one request before sending it (concurrent workers cannot overrun the budget). */
  reserve(): void {
    this.requests++;
  }

  /** Charge a finished request: `requests` made (one of them reserved), `bytes` received. */
  charge(requests: number, bytes: number): void {
    this.requests += Math.max(0, requests - 1);
    this.bytes += bytes;
  }

  /** Take one new-article slot; false when the budget has none left. */
  takeNewArticle(): boolean {
    if (this.newArticles >= this.budget.new_articles) return false;
    this.newArticles++;
    return true;
  }

  /**
   * The part of the budget that forbids another request (checked before each
   * one: requests, bytes, time), or null. New articles over their budget are
   * simply not queued for this run (takeNewArticle).
   */
  exceeded(): BudgetPart | null {
    if (this.stopPart) return this.stopPart;
    if (this.requests >= this.budget.pages) this.stopPart = "pages";
    else if (this.bytes >= this.budget.bytes) this.stopPart = "bytes";
    else if (this.nowMs() - this.startedMs >= this.budget.time_ms) this.stopPart = "time_ms";
    return this.stopPart;
  }

  /** Milliseconds left of the time budget (for the request timeout). */
  timeLeftMs(): number {
    return Math.max(0, this.budget.time_ms - (this.nowMs() - this.startedMs));
  }

  /** The amount that was used up, in Vietnamese, for the alarm ("200 yêu cầu"). */
  describe(part: BudgetPart): string {
    return BUDGET_AMOUNT_VI[part](this.budget[part]);
  }
}
