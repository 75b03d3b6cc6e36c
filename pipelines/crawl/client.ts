/**
 * The polite client: every request of a crawl goes through `PoliteClient.get`,
 * which checks robots.txt, waits for its turn on the host, retries 5xx /
 * network errors with backoff and jitter, honours Retry-After on 429 / 503,
 * follows redirects only to hosts of the same source, and pauses a host that
 * keeps failing.
 */
import { crawlMessage } from "./messages.ts";
import type { Dispatcher } from "undici";
import { type AddressGuard, literalRefusal } from "./address-guard.ts";
import type { ErrorKind } from "./failure-kinds.ts";
import { isSameSourceHost } from "./hosts.ts";
import type { CrawlLimits } from "./limits.ts";
import { backoffDelay, type Clock, HostScheduler, parseRetryAfter, realClock } from "./politeness.ts";
import { createDispatcher, FetchError, type FetchResult, fetchPage } from "./fetcher.ts";
import { RobotsCache, type RobotsFailure, type RobotsRules } from "./robots.ts";

export type { ErrorKind };

export interface HostPolicy {
  /** Keys of the source's hosts (hosts.ts sourceHostKeys). */
  hostKeys: Set<string>;
  delayMs: number;
  concurrency: number;
  dispatcher?: Dispatcher;
  /** The source's address guard: an IP-literal URL it refuses is not requested at all (the dispatcher checks every connection too). */
  guard?: AddressGuard;
  /** Called for each failed attempt that will be retried. */
  onRetry?: (url: string, kind: ErrorKind, message: string, status: number | undefined, waitMs: number) => void;
}

export type GetOutcome =
  | { ok: true; res: FetchResult; notModified: boolean; requests: number; bytes: number }
  | { ok: false; kind: ErrorKind; status?: number; message: string; requests: number; bytes: number; pausedHost?: string };

export interface ClientEvents {
  onHostPaused?(host: string, reason: string): void;
  onRetry?(url: string, attempt: number, waitMs: number, reason: string): void;
}

export class PoliteClient {
  readonly scheduler: HostScheduler;
  private readonly robots: RobotsCache;

  private readonly dispatcher: Dispatcher;

  /** Without a dispatcher, connections go through a strict address guard (public addresses only). */
  constructor(
    private readonly limits: CrawlLimits,
    dispatcher: Dispatcher | undefined,
    private readonly events: ClientEvents = {},
    private readonly clock: Clock = realClock,
    private readonly random: () => number = Math.random,
  ) {
    this.dispatcher = dispatcher ?? createDispatcher(limits.connectTimeoutMs);
    this.scheduler = new HostScheduler(limits.globalConcurrency, clock);
    this.robots = new RobotsCache((robotsUrl) => this.loadRobots(robotsUrl, undefined));
  }

  /** robots.txt through the source's own dispatcher (e.g. a source allowed a broken TLS chain). */
  private async loadRobots(robotsUrl: string, dispatcher: Dispatcher | undefined, concurrency = 1): Promise<{ status: number; body: string } | RobotsFailure> {
    return (await this.loadRobotsCounted(robotsUrl, dispatcher, concurrency)).response;
  }

  /** robots.txt with the requests and bytes it took (the run's totals include them). */
  private async loadRobotsCounted(
    robotsUrl: string,
    dispatcher: Dispatcher | undefined,
    concurrency = 1,
  ): Promise<{ response: { status: number; body: string } | RobotsFailure; requests: number; bytes: number }> {
    const out = await this.attempts(robotsUrl, { delayMs: 0, concurrency, hostKeys: new Set(), dispatcher }, {}, false);
    const response: { status: number; body: string } | RobotsFailure = out.ok
      ? { status: out.res.status, body: out.res.body }
      : out.kind === "4xx"
        ? { status: out.status ?? 404, body: "" }
        : { failure: out.kind === "address_refused" ? "refused" : "unreachable", reason: out.message };
    return { response, requests: out.requests, bytes: out.bytes };
  }

  /** The robots.txt rules of `url`'s origin, fetched once per client through the policy's dispatcher (also what `get` obeys). */
  robotsRules(url: string, policy: Pick<HostPolicy, "dispatcher"> = {}): Promise<RobotsRules> {
    return this.robots.rules(url, (robotsUrl) => this.loadRobots(robotsUrl, policy.dispatcher));
  }

  /** GET `url` for a source; `headers` carries conditional-GET validators. */
  async get(url: string, policy: HostPolicy, headers: Record<string, string> = {}): Promise<GetOutcome> {
    let current = new URL(url);
    const seen = new Set<string>([current.href]);
    let requests = 0;
    let bytes = 0;
    for (let hop = 0; ; hop++) {
      const paused = this.scheduler.pausedReason(current.host);
      if (paused) return { ok: false, kind: "paused", message: crawlMessage("crawl.host_paused", { host: current.host, reason: paused }), requests, bytes };
      const refused = policy.guard ? literalRefusal(current, policy.guard) : null;
      if (refused) return { ok: false, kind: "address_refused", message: `${current.href}: ${refused.message}`, requests, bytes };
      // robots.txt requests are counted with the request that needed them (the run's totals include them)
      const rules = await this.robots.rules(current.href, async (robotsUrl) => {
        const loaded = await this.loadRobotsCounted(robotsUrl, policy.dispatcher, policy.concurrency);
        requests += loaded.requests;
        bytes += loaded.bytes;
        return loaded.response;
      });
      if (!rules.isAllowed(current.href)) {
        if (rules.origin === "refused") return { ok: false, kind: "address_refused", message: rules.reason ? `${current.href}: ${rules.reason}` : crawlMessage("crawl.robots_disallowed", { url: current.href }), requests, bytes };
        if (rules.origin === "unreachable") {
          return { ok: false, kind: "robots_unreachable", message: crawlMessage("crawl.robots_unreachable", { url: current.href, reason: rules.reason ?? "—" }), requests, bytes };
        }
        return { ok: false, kind: "robots", message: crawlMessage("crawl.robots_disallowed", { url: current.href }), requests, bytes };
      }
      const delayMs = Math.max(policy.delayMs, Math.min(rules.crawlDelayMs ?? 0, 60_000));
      const out = await this.attempts(current.href, { ...policy, delayMs }, headers, true);
      requests += out.requests;
      bytes += out.bytes;
      if (!out.ok) return { ...out, requests, bytes };
      const status = out.res.status;
      if (status >= 300 && status < 400 && status !== 304) {
        const location = out.res.headers.location;
        if (!location) return { ok: false, kind: "4xx", status, message: crawlMessage("crawl.redirect_without_location", { url: current.href, status }), requests, bytes };
        const next = new URL(location, current);
        if (!isSameSourceHost(next, policy.hostKeys)) {
          return { ok: false, kind: "refused_redirect", status, message: crawlMessage("crawl.redirect_refused", { from: current.href, to: next.href }), requests, bytes };
        }
        if (seen.has(next.href) || hop + 1 > this.limits.maxRedirects) {
          return { ok: false, kind: "redirect_loop", status, message: crawlMessage("crawl.redirect_loop", { url, max: this.limits.maxRedirects, at: next.href }), requests, bytes };
        }
        seen.add(next.href);
        current = next;
        continue;
      }
      return { ok: true, res: out.res, notModified: status === 304, requests, bytes };
    }
  }

  /** One URL with retries; 3xx, 304 and 2xx are returned as they are. */
  private async attempts(
    url: string,
    policy: Omit<HostPolicy, "hostKeys"> & { hostKeys: Set<string> },
    headers: Record<string, string>,
    countForPause: boolean,
  ): Promise<GetOutcome> {
    const host = new URL(url).host;
    let requests = 0;
    let bytes = 0;
    let last: { kind: ErrorKind; status?: number; message: string } = { kind: "network", message: crawlMessage("crawl.not_attempted") };
    for (let attempt = 0; attempt <= this.limits.retries; attempt++) {
      const paused = this.scheduler.pausedReason(host);
      if (paused) return { ok: false, kind: "paused", message: crawlMessage("crawl.host_paused", { host, reason: paused }), requests, bytes };
      const release = await this.scheduler.acquire(host, policy.delayMs, policy.concurrency);
      const pausedMeanwhile = this.scheduler.pausedReason(host);
      if (pausedMeanwhile) {
        release();
        return { ok: false, kind: "paused", message: crawlMessage("crawl.host_paused", { host, reason: pausedMeanwhile }), requests, bytes };
      }
      let retryWait: number | null = null;
      try {
        requests++;
        const res = await fetchPage(url, {
          headers,
          dispatcher: policy.dispatcher ?? this.dispatcher,
          headersTimeoutMs: this.limits.headersTimeoutMs,
          bodyTimeoutMs: this.limits.bodyTimeoutMs,
          totalTimeoutMs: this.limits.totalTimeoutMs,
          maxBytes: this.limits.maxBodyBytes,
          minBytesPerSecond: this.limits.minBodyBytesPerSecond,
          slowBodyGraceMs: this.limits.slowBodyGraceMs,
        });
        bytes += res.bytes;
        const status = res.status;
        if (status < 400) {
          if (countForPause) this.scheduler.recordOutcome(host, true, this.limits.hostFailureLimit);
          return { ok: true, res, notModified: status === 304, requests, bytes };
        }
        if (status === 429 || status === 503) {
          const after = parseRetryAfter(res.headers["retry-after"], new Date(this.clock.now()));
          last = { kind: status === 429 ? "4xx" : "5xx", status, message: crawlMessage("crawl.http_status", { url, status }) };
          if (after !== null) {
            if (after > this.limits.maxRetryAfterMs) {
              this.pause(host, crawlMessage("crawl.paused_retry_after", { seconds: Math.round(after / 1000) }));
              return { ok: false, ...last, message: crawlMessage("crawl.retry_after", { url, status, seconds: Math.round(after / 1000) }), requests, bytes, pausedHost: host };
            }
            this.scheduler.holdOff(host, after);
            retryWait = 0;
          }
        } else if (status >= 500) {
          last = { kind: "5xx", status, message: crawlMessage("crawl.http_status", { url, status }) };
        } else {
          // other 4xx: the page is not there for us; not the host's fault
          if (countForPause) this.scheduler.recordOutcome(host, true, this.limits.hostFailureLimit);
          return { ok: false, kind: "4xx", status, message: crawlMessage("crawl.http_status", { url, status }), requests, bytes };
        }
      } catch (error) {
        if (!(error instanceof FetchError)) throw error;
        bytes += error.bytes;
        if (error.kind === "too_large" || error.kind === "content_type" || error.kind === "address_refused") {
          return { ok: false, kind: error.kind, message: error.message, requests, bytes };
        }
        last = { kind: error.kind, message: error.message };
      } finally {
        release();
      }
      // a timeout costs a whole timeout per attempt: retried fewer times than other failures
      const retriesFor = last.kind === "timeout" ? Math.min(this.limits.retries, this.limits.timeoutRetries) : this.limits.retries;
      if (attempt >= retriesFor) break;
      if (attempt < this.limits.retries) {
        const wait = retryWait ?? backoffDelay(attempt, this.limits.backoffBaseMs, this.limits.backoffMaxMs, this.random);
        this.events.onRetry?.(url, attempt + 1, wait, last.message);
        policy.onRetry?.(url, last.kind, last.message, last.status, wait);
        await this.clock.sleep(wait);
      }
    }
    if (countForPause && this.scheduler.recordOutcome(host, false, this.limits.hostFailureLimit, last.kind === "timeout", this.limits.hostTimeoutLimit)) {
      this.events.onHostPaused?.(host, this.scheduler.pausedReason(host)!);
      return { ok: false, ...last, requests, bytes, pausedHost: host };
    }
    return { ok: false, ...last, requests, bytes };
  }

  private pause(host: string, reason: string): void {
    if (this.scheduler.pausedReason(host)) return;
    this.scheduler.pause(host, reason);
    this.events.onHostPaused?.(host, reason);
  }
}
