import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import fc from "fast-check";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoliteClient } from "../../pipelines/crawl/client.ts";
import { createDispatcher } from "../../pipelines/crawl/fetcher.ts";
import { sourceHostKeys } from "../../pipelines/crawl/hosts.ts";
import { resolveLimits } from "../../pipelines/crawl/limits.ts";
import { backoffDelay, type Clock, HostScheduler, parseRetryAfter } from "../../pipelines/crawl/politeness.ts";

/** A virtual clock: sleeping advances time at once, so no test waits for real. */
function fakeClock(): Clock & { t: number; sleeps: number[] } {
  const c = {
    t: 0,
    sleeps: [] as number[],
    now: () => c.t,
    sleep: async (ms: number) => {
      c.sleeps.push(ms);
      c.t += ms;
    },
  };
  return c;
}

describe("backoff and Retry-After", () => {
  it("backoff grows exponentially, is capped and jittered within [0, ceiling]", () => {
    expect(backoffDelay(0, 1000, 30_000, () => 1)).toBe(1000);
    expect(backoffDelay(3, 1000, 30_000, () => 1)).toBe(8000);
    expect(backoffDelay(10, 1000, 30_000, () => 1)).toBe(30_000);
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 20 }), fc.double({ min: 0, max: 0.999, noNaN: true }), (attempt, r) => {
        const d = backoffDelay(attempt, 500, 10_000, () => r);
        return d >= 0 && d <= Math.min(10_000, 500 * 2 ** attempt);
      }),
    );
  });

  it("reads Retry-After as seconds or an HTTP date", () => {
    const now = new Date("2026-03-01T00:00:00Z");
    expect(parseRetryAfter("120", now)).toBe(120_000);
    expect(parseRetryAfter("Sun, 01 Mar 2026 00:00:30 GMT", now)).toBe(30_000);
    expect(parseRetryAfter("Sat, 28 Feb 2026 00:00:00 GMT", now)).toBe(0);
    expect(parseRetryAfter("soon", now)).toBeNull();
    expect(parseRetryAfter(undefined, now)).toBeNull();
  });
});

describe("HostScheduler", () => {
  it("spaces starts to one host by the delay while other hosts go ahead", async () => {
    const clock = fakeClock();
    const s = new HostScheduler(8, clock);
    const starts: Array<[string, number]> = [];
    await Promise.all(
      ["a", "a", "a", "b", "b"].map(async (host) => {
        const release = await s.acquire(host, 100, 1);
        starts.push([host, clock.now()]);
        release();
      }),
    );
    const at = (h: string) => starts.filter(([x]) => x === h).map(([, t]) => t);
    const a = at("a");
    expect(a[1]! - a[0]!).toBeGreaterThanOrEqual(100);
    expect(a[2]! - a[1]!).toBeGreaterThanOrEqual(100);
    expect(at("b")[0]).toBeLessThan(100);
  });

  it("never exceeds the per-host or the global concurrency", async () => {
    const clock = fakeClock();
    const s = new HostScheduler(3, clock);
    let inFlight = 0;
    let peak = 0;
    const perHost = new Map<string, number>();
    let peakHost = 0;
    await Promise.all(
      Array.from({ length: 40 }, (_, i) => `h${i % 5}`).map(async (host) => {
        const release = await s.acquire(host, 0, 2);
        inFlight++;
        perHost.set(host, (perHost.get(host) ?? 0) + 1);
        peak = Math.max(peak, inFlight);
        peakHost = Math.max(peakHost, perHost.get(host)!);
        await new Promise((r) => setImmediate(r));
        inFlight--;
        perHost.set(host, perHost.get(host)! - 1);
        release();
      }),
    );
    expect(peak).toBe(3);
    expect(peakHost).toBeLessThanOrEqual(2);
  });

  it("holds a host off for a Retry-After and pauses it after repeated failures", async () => {
    const clock = fakeClock();
    const s = new HostScheduler(4, clock);
    (await s.acquire("a", 0, 1))();
    s.holdOff("a", 5_000);
    (await s.acquire("a", 0, 1))();
    expect(clock.t).toBe(5_000);
    expect(s.recordOutcome("a", false, 2)).toBe(false);
    expect(s.recordOutcome("a", false, 2)).toBe(true);
    expect(s.pausedReason("a")).toMatch(/2 yêu cầu liên tiếp thất bại/);
    expect(s.pausedHosts()).toEqual({ a: expect.any(String) });
  });
});

/** The test server is on 127.0.0.1: a dispatcher whose address guard allows loopback (as for DEMO sources). */
const loopback = () => createDispatcher(2_000, 4, { addresses: { loopback: true, allow: [] } });

describe("PoliteClient against a local server", () => {
  let server: Server;
  let origin = "";
  const hits = new Map<string, number>();
  beforeAll(async () => {
    server = createServer((req, res) => {
      const path = req.url ?? "/";
      const n = (hits.get(path) ?? 0) + 1;
      hits.set(path, n);
      if (path === "/robots.txt") return res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nDisallow: /private/\n");
      if (path === "/busy" && n === 1) return res.writeHead(429, { "retry-after": "30" }).end();
      if (path === "/very-busy") return res.writeHead(503, { "retry-after": "86400" }).end();
      if (path === "/moved") return res.writeHead(301, { location: "/target" }).end();
      if (path === "/away") return res.writeHead(302, { location: "http://elsewhere.invalid/x" }).end();
      if (path.startsWith("/down")) return res.writeHead(500).end();
      if (path === "/pdf") return res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF");
      res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<p>Tây Ninh</p>");
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  });
  afterAll(() => new Promise<void>((r) => server.close(() => r())));

  const policy = () => ({ hostKeys: sourceHostKeys({ base_url: origin, start_urls: [] }), delayMs: 0, concurrency: 1 });

  it("honours Retry-After on 429 (virtual time), follows a same-host redirect, refuses an off-host one", async () => {
    const clock = fakeClock();
    const client = new PoliteClient(resolveLimits({ backoffBaseMs: 1 }), loopback(), {}, clock, () => 0);
    const busy = await client.get(`${origin}/busy`, policy());
    expect(busy.ok && busy.res.body).toBe("<p>Tây Ninh</p>");
    expect(clock.t).toBeGreaterThanOrEqual(30_000);
    const moved = await client.get(`${origin}/moved`, policy());
    expect(moved.ok && moved.res.url).toBe(`${origin}/target`);
    const away = await client.get(`${origin}/away`, policy());
    expect(away).toMatchObject({ ok: false, kind: "refused_redirect" });
    expect(await client.get(`${origin}/private/x`, policy())).toMatchObject({ ok: false, kind: "robots", requests: 0 });
    expect(hits.get("/private/x")).toBeUndefined();
    expect(await client.get(`${origin}/pdf`, policy())).toMatchObject({ ok: false, kind: "content_type" });
  });

  it("pauses a host whose Retry-After is beyond the limit, and one that keeps failing", async () => {
    const client = new PoliteClient(resolveLimits({ retries: 1, backoffBaseMs: 1, hostFailureLimit: 2 }), loopback(), {}, fakeClock(), () => 0);
    const veryBusy = await client.get(`${origin}/very-busy`, policy());
    expect(veryBusy).toMatchObject({ ok: false, kind: "5xx", pausedHost: expect.stringContaining("127.0.0.1") });
    expect(await client.get(`${origin}/anything`, policy())).toMatchObject({ ok: false, kind: "paused", requests: 0 });

    const other = new PoliteClient(resolveLimits({ retries: 1, backoffBaseMs: 1, hostFailureLimit: 2 }), loopback(), {}, fakeClock(), () => 0);
    // the first request to the host also fetched its robots.txt, counted with it (2 attempts + robots.txt)
    expect(await other.get(`${origin}/down1`, policy())).toMatchObject({ ok: false, kind: "5xx", requests: 3 });
    expect(await other.get(`${origin}/down2`, policy())).toMatchObject({ ok: false, kind: "5xx", pausedHost: expect.any(String) });
    expect(await other.get(`${origin}/down3`, policy())).toMatchObject({ ok: false, kind: "paused", requests: 0 });
    expect(hits.get("/down3")).toBeUndefined();
  });
});
