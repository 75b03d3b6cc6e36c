/**
 * Sign-in slow-down per account name: after FREE_FAILURES wrong passwords in a
 * row, every further attempt waits an exponentially growing delay (refused
 * with Retry-After until then), up to MAX_DELAY_S. A success clears it. Pure
 * apart from the clock passed in. The per-address request limit is
 * @fastify/rate-limit's (server.ts).
 */
export const FREE_FAILURES = 4;
export const BASE_DELAY_S = 30;
export const MAX_DELAY_S = 15 * 60;

interface Entry {
  failures: number;
  until: number;
}

/** Seconds to wait after `failures` consecutive failures (0 = none). */
export function delayAfter(failures: number): number {
  if (failures <= FREE_FAILURES) return 0;
  return Math.min(MAX_DELAY_S, BASE_DELAY_S * 2 ** (failures - FREE_FAILURES - 1));
}

export class LoginThrottle {
  private readonly entries = new Map<string, Entry>();

  /** Seconds the account must still wait before an attempt is looked at (0 = go ahead). */
  waitFor(name: string, nowMs: number): number {
    const e = this.entries.get(name);
    return e && e.until > nowMs ? Math.ceil((e.until - nowMs) / 1000) : 0;
  }

  failed(name: string, nowMs: number): number {
    const e = this.entries.get(name) ?? { failures: 0, until: 0 };
    e.failures++;
    e.until = nowMs + delayAfter(e.failures) * 1000;
    this.entries.set(name, e);
    if (this.entries.size > 10_000) this.prune(nowMs);
    return e.failures;
  }

  succeeded(name: string): void {
    this.entries.delete(name);
  }

  private prune(nowMs: number): void {
    for (const [k, e] of this.entries) if (e.until < nowMs - MAX_DELAY_S * 1000) this.entries.delete(k);
  }
}
