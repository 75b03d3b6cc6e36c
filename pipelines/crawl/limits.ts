/**
 * Every limit of the crawler with its default. docs/crawling.md lists the same
 * table; a source's own `delay_ms` / `concurrency` override the per-host ones.
 */
export interface CrawlLimits {
  /** TCP + TLS connect timeout. */
  connectTimeoutMs: number;
  /** Time to wait for the response headers. */
  headersTimeoutMs: number;
  /** Longest silence between two body chunks. */
  bodyTimeoutMs: number;
  /** Whole request (headers + body), whatever the server trickles. */
  totalTimeoutMs: number;
  /** A body arriving slower than this on average (after `slowBodyGraceMs`) is abandoned as a timeout (slow drip). */
  minBodyBytesPerSecond: number;
  slowBodyGraceMs: number;
  /** Largest body read; bigger bodies are abandoned as `too_large` (streamed, never allocated). */
  maxBodyBytes: number;
  /** Redirects followed per request (each to a host of the same source). */
  maxRedirects: number;
  /** Extra attempts after a 5xx, 429 or network error / timeout. */
  retries: number;
  /** First backoff step; doubles per attempt, full jitter. */
  backoffBaseMs: number;
  backoffMaxMs: number;
  /** A Retry-After longer than this pauses the host for the run instead of waiting. */
  maxRetryAfterMs: number;
  /** Requests that failed for good in a row after which a host is paused for the run. */
  hostFailureLimit: number;
  /** Extra attempts after a timeout (a stalling server costs a whole timeout per attempt). */
  timeoutRetries: number;
  /** Requests that timed out for good in a row after which a host is paused for the run. */
  hostTimeoutLimit: number;
  /** Requests in flight over all hosts. */
  globalConcurrency: number;
  /** Requests in flight per host unless the source says otherwise. */
  hostConcurrency: number;
  /** Delay between two request starts to one host unless the source says otherwise. */
  delayMs: number;
  /** Listing pages walked per start URL unless the source says otherwise (`--since` uses sinceMaxPages). */
  maxPages: number;
  sinceMaxPages: number;
  /** Results written per warehouse transaction. */
  batchSize: number;
  /** Longest time results wait in memory before being written. */
  batchMaxMs: number;
  /** A failed frontier entry is retried by later runs this many times. */
  maxAttempts: number;
}

export const DEFAULT_LIMITS: CrawlLimits = {
  connectTimeoutMs: 10_000,
  headersTimeoutMs: 15_000,
  bodyTimeoutMs: 15_000,
  totalTimeoutMs: 60_000,
  maxBodyBytes: 5 * 1024 * 1024,
  minBodyBytesPerSecond: 2_048,
  slowBodyGraceMs: 10_000,
  maxRedirects: 5,
  retries: 3,
  backoffBaseMs: 1_000,
  backoffMaxMs: 30_000,
  maxRetryAfterMs: 120_000,
  hostFailureLimit: 5,
  timeoutRetries: 1,
  hostTimeoutLimit: 2,
  globalConcurrency: 16,
  hostConcurrency: 1,
  delayMs: 2_000,
  maxPages: 50,
  sinceMaxPages: 2_000,
  batchSize: 500,
  batchMaxMs: 1_000,
  maxAttempts: 5,
};

export function resolveLimits(overrides: Partial<CrawlLimits> = {}): CrawlLimits {
  const limits = { ...DEFAULT_LIMITS, ...overrides };
  for (const [key, value] of Object.entries(limits)) {
    if (!Number.isFinite(value) || value < 0) throw new Error(`crawl limit ${key}: must be a non-negative number, got ${value}`);
  }
  return limits;
}
