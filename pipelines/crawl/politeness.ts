/**
 * Politeness: when a request to a host may start (per-host delay and
 * concurrency, a global concurrency, Retry-After), how long to back off, and
 * which hosts are paused for the rest of the run.
 */
import { crawlMessage } from "./messages.ts";

/** Exponential backoff with full jitter: a random wait in [0, min(max, base·2^attempt)]. */
export function backoffDelay(attempt: number, baseMs: number, maxMs: number, random: () => number = Math.random): number {
  const ceiling = Math.min(maxMs, baseMs * 2 ** Math.max(0, attempt));
  return Math.round(ceiling * random());
}

/** Retry-After (delta-seconds or HTTP-date) in ms from `now`; null when absent or unreadable. */
export function parseRetryAfter(value: string | undefined, now: Date): number | null {
  if (!value) return null;
  const trimmed = value.trim();
  if (/^\d+$/.test(trimmed)) return Number(trimmed) * 1000;
  const at = Date.parse(trimmed);
  if (Number.isNaN(at)) return null;
  return Math.max(0, at - now.getTime());
}

export interface Clock {
  now(): number;
  sleep(ms: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep: (ms) => (ms > 0 ? new Promise((r) => setTimeout(r, ms)) : Promise.resolve()),
};

class Semaphore {
  private active = 0;
  private readonly waiters: Array<() => void> = [];
  constructor(private limit: number) {}
  /** Change the number of slots (waiters are let in when it grows). */
  setLimit(limit: number): void {
    this.limit = limit;
    while (this.active < this.limit && this.waiters.length) {
      this.active++;
      this.waiters.shift()!();
    }
  }
  async acquire(): Promise<void> {
    if (this.active < this.limit) {
      this.active++;
      return;
    }
    await new Promise<void>((resolve) => this.waiters.push(resolve));
  }
  release(): void {
    if (this.active > this.limit) {
      this.active--; // the limit was lowered: let no one in until below it
      return;
    }
    const next = this.waiters.shift();
    if (next) next();
    else this.active--;
  }
}

interface HostState {
  concurrency: number;
  slots: Semaphore;
  /** Serialises "wait for the delay, take a global slot, mark the start". */
  starting: Promise<void>;
  lastStart: number;
  notBefore: number;
  consecutiveFailures: number;
  consecutiveTimeouts: number;
  pausedReason: string | null;
}

/**
 * Grants request starts: at most `concurrency` in flight per host, starts to
 * one host at least `delayMs` apart and not before a Retry-After, and at most
 * `globalConcurrency` in flight overall.
 */
export class HostScheduler {
  private readonly hosts = new Map<string, HostState>();
  private readonly global: Semaphore;

  constructor(
    globalConcurrency: number,
    private readonly clock: Clock = realClock,
  ) {
    this.global = new Semaphore(Math.max(1, globalConcurrency));
  }

  /**
   * The host's state; `concurrency` (when given) sets its slots, so whoever
   * touched the host first (robots.txt, a Retry-After) does not fix them at 1.
   */
  private state(host: string, concurrency?: number): HostState {
    let s = this.hosts.get(host);
    if (s && concurrency !== undefined && concurrency !== s.concurrency) {
      s.concurrency = Math.max(1, concurrency);
      s.slots.setLimit(s.concurrency);
    }
    if (!s) {
      s = {
        concurrency: Math.max(1, concurrency ?? 1),
        slots: new Semaphore(Math.max(1, concurrency ?? 1)),
        starting: Promise.resolve(),
        lastStart: -Infinity,
        notBefore: -Infinity,
        consecutiveFailures: 0,
        consecutiveTimeouts: 0,
        pausedReason: null,
      };
      this.hosts.set(host, s);
    }
    return s;
  }

  /** Wait for a turn on `host`; call the returned function when the request is over. */
  async acquire(host: string, delayMs: number, concurrency: number): Promise<() => void> {
    const s = this.state(host, concurrency);
    await s.slots.acquire();
    const previous = s.starting;
    let done!: () => void;
    s.starting = new Promise<void>((r) => (done = r));
    await previous;
    try {
      const wait = Math.max(s.lastStart + delayMs, s.notBefore) - this.clock.now();
      if (wait > 0) await this.clock.sleep(wait);
      await this.global.acquire();
      s.lastStart = this.clock.now();
    } finally {
      done();
    }
    let released = false;
    return () => {
      if (released) return;
      released = true;
      this.global.release();
      s.slots.release();
    };
  }

  /** No request to `host` starts before `ms` from now (Retry-After). */
  holdOff(host: string, ms: number): void {
    const s = this.state(host);
    s.notBefore = Math.max(s.notBefore, this.clock.now() + ms);
  }

  /**
   * Record the final outcome of one request; returns true when the host just got
   * paused (`failureLimit` failures in a row, or `timeoutLimit` timeouts in a row: a stalling host).
   */
  recordOutcome(host: string, ok: boolean, failureLimit: number, timedOut = false, timeoutLimit = Infinity): boolean {
    const s = this.state(host);
    if (ok) {
      s.consecutiveFailures = 0;
      s.consecutiveTimeouts = 0;
      return false;
    }
    s.consecutiveFailures++;
    s.consecutiveTimeouts = timedOut ? s.consecutiveTimeouts + 1 : 0;
    if (s.pausedReason === null && s.consecutiveTimeouts >= timeoutLimit) {
      s.pausedReason = crawlMessage("crawl.paused_timeouts", { count: s.consecutiveTimeouts });
      return true;
    }
    if (s.pausedReason === null && s.consecutiveFailures >= failureLimit) {
      s.pausedReason = crawlMessage("crawl.paused_failures", { count: s.consecutiveFailures });
      return true;
    }
    return false;
  }

  pause(host: string, reason: string): void {
    this.state(host).pausedReason ??= reason;
  }

  pausedReason(host: string): string | null {
    return this.hosts.get(host)?.pausedReason ?? null;
  }

  pausedHosts(): Record<string, string> {
    const out: Record<string, string> = {};
    for (const [host, s] of this.hosts) if (s.pausedReason) out[host] = s.pausedReason;
    return out;
  }
}
