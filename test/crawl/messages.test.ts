/**
 * The crawl's user-facing sentences (pipelines/crawl/messages.ts) from real failures: a local server
 * answering badly, fetched through the product's PoliteClient (what every crawl uses), and links
 * checked by linkProblem (what a listing's links go through). Each message names the URL and is
 * Vietnamese (checked independently). Codes only a whole crawl produces are listed in ASSERTED_ELSEWHERE
 * with the test that asserts their Vietnamese text (a list for the reader, not checked here); a drift
 * guard keeps the catalogue and the source in step.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { PoliteClient, type GetOutcome } from "../../pipelines/crawl/client.ts";
import { createDispatcher } from "../../pipelines/crawl/fetcher.ts";
import { sourceHostKeys } from "../../pipelines/crawl/hosts.ts";
import { resolveLimits, type CrawlLimits } from "../../pipelines/crawl/limits.ts";
import { resolveBudget } from "../../pipelines/crawl/budgets.ts";
import { linkProblem } from "../../pipelines/crawl/links.ts";
import { CRAWL_MESSAGES } from "../../pipelines/crawl/messages.ts";
import type { Clock } from "../../pipelines/crawl/politeness.ts";
import { expectNoDrift, expectVietnamese } from "../fixtures/vietnamese-messages.ts";

const clock = (): Clock => {
  let t = 0;
  return { now: () => t, sleep: async (ms: number) => void (t += ms) };
};
const loopback = () => createDispatcher(2_000, 4, { addresses: { loopback: true, allow: [] } });

let server: Server;
let badRobots: Server;
let origin = "";
let badOrigin = "";
beforeAll(async () => {
  server = createServer((req, res) => {
    const path = req.url ?? "/";
    if (path === "/robots.txt") return res.writeHead(200, { "content-type": "text/plain" }).end("User-agent: *\nDisallow: /private/\n");
    if (path === "/very-busy") return res.writeHead(503, { "retry-after": "86400" }).end();
    if (path === "/no-location") return res.writeHead(301).end();
    if (path === "/away") return res.writeHead(302, { location: "http://elsewhere.invalid/x" }).end();
    if (path === "/loop") return res.writeHead(302, { location: "/loop" }).end();
    if (path.startsWith("/down")) return res.writeHead(500).end();
    if (path === "/gone") return res.writeHead(404).end();
    if (path === "/pdf") return res.writeHead(200, { "content-type": "application/pdf" }).end("%PDF");
    if (path === "/big") return res.writeHead(200, { "content-type": "text/html", "content-length": "5000" }).end("x".repeat(5000));
    if (path === "/big-chunked") {
      res.writeHead(200, { "content-type": "text/html" });
      res.write("x".repeat(3000));
      return res.end("x".repeat(3000));
    }
    res.writeHead(200, { "content-type": "text/html; charset=utf-8" }).end("<p>Tây Ninh</p>");
  });
  badRobots = createServer((_req, res) => res.writeHead(500).end());
  await Promise.all([server, badRobots].map((s) => new Promise<void>((r) => s.listen(0, "127.0.0.1", r))));
  origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
  badOrigin = `http://127.0.0.1:${(badRobots.address() as AddressInfo).port}`;
});
afterAll(() => Promise.all([server, badRobots].map((s) => new Promise<void>((r) => s.close(() => r())))));

const policy = (base = origin) => ({ hostKeys: sourceHostKeys({ base_url: base, start_urls: [] }), delayMs: 0, concurrency: 1 });
const client = (limits: Partial<CrawlLimits> = {}, strict = false) =>
  new PoliteClient(resolveLimits({ retries: 0, backoffBaseMs: 1, ...limits }), strict ? createDispatcher(2_000) : loopback(), {}, clock(), () => 0);

function failed(out: GetOutcome): string {
  expect(out.ok, JSON.stringify(out)).toBe(false);
  return (out as { message: string }).message;
}

/** Each case: the code, how to get the failure, and what the sentence must name (the URL, a number). */
const CASES: Array<{ code: string; run: () => Promise<string>; names: () => string[] }> = [
  { code: "crawl.http_status", run: async () => failed(await client().get(`${origin}/gone`, policy())), names: () => [`${origin}/gone`, "HTTP 404"] },
  { code: "crawl.retry_after", run: async () => failed(await client().get(`${origin}/very-busy`, policy())), names: () => [`${origin}/very-busy`, "86.400"] },
  {
    code: "crawl.paused_retry_after",
    run: async () => {
      const c = client();
      await c.get(`${origin}/very-busy`, policy());
      return failed(await c.get(`${origin}/x`, policy()));
    },
    names: () => ["86.400"],
  },
  {
    code: "crawl.host_paused",
    run: async () => {
      const c = client({ hostFailureLimit: 1 });
      await c.get(`${origin}/down1`, policy());
      return failed(await c.get(`${origin}/down2`, policy()));
    },
    names: () => ["127.0.0.1"],
  },
  {
    code: "crawl.paused_failures",
    run: async () => {
      const c = client({ hostFailureLimit: 2 });
      await c.get(`${origin}/down1`, policy());
      await c.get(`${origin}/down2`, policy());
      return failed(await c.get(`${origin}/down3`, policy()));
    },
    names: () => ["2"],
  },
  { code: "crawl.redirect_without_location", run: async () => failed(await client().get(`${origin}/no-location`, policy())), names: () => [`${origin}/no-location`, "301"] },
  { code: "crawl.redirect_refused", run: async () => failed(await client().get(`${origin}/away`, policy())), names: () => ["http://elsewhere.invalid/x"] },
  { code: "crawl.redirect_loop", run: async () => failed(await client({ maxRedirects: 3 }).get(`${origin}/loop`, policy())), names: () => [`${origin}/loop`, "3"] },
  { code: "crawl.robots_disallowed", run: async () => failed(await client().get(`${origin}/private/x`, policy())), names: () => [`${origin}/private/x`] },
  { code: "crawl.robots_unreachable", run: async () => failed(await client().get(`${badOrigin}/x`, policy(badOrigin))), names: () => [`${badOrigin}/x`, "HTTP 500"] },
  { code: "crawl.content_type", run: async () => failed(await client().get(`${origin}/pdf`, policy())), names: () => [`${origin}/pdf`, "application/pdf"] },
  { code: "crawl.too_large_declared", run: async () => failed(await client({ maxBodyBytes: 1000 }).get(`${origin}/big`, policy())), names: () => ["5.000", "1.000"] },
  { code: "crawl.too_large_body", run: async () => failed(await client({ maxBodyBytes: 1000 }).get(`${origin}/big-chunked`, policy())), names: () => ["1.000"] },
  { code: "crawl.network", run: async () => failed(await client({ connectTimeoutMs: 2000 }).get("http://127.0.0.1:1/x", policy("http://127.0.0.1:1"))), names: () => ["http://127.0.0.1:1/x", "ECONNREFUSED"] },
  { code: "crawl.address_refused", run: async () => failed(await client({}, true).get(`${origin}/x`, policy())), names: () => ["127.0.0.1", "loopback"] },
  {
    code: "crawl.host_address_refused",
    run: async () => failed(await client({}, true).get(`${origin.replace("127.0.0.1", "localhost")}/x`, policy(origin.replace("127.0.0.1", "localhost")))),
    names: () => ["localhost → 127.0.0.1"],
  },
];

const HOSTS = new Set(["example.org"]);
const LINK_CASES: Array<{ code: string; url: string; what: "article" | "next_page" | "canonical" }> = [
  { code: "crawl.link_not_url", url: "http://[bad", what: "article" },
  { code: "crawl.link_scheme", url: "mailto:vanphong@example.org", what: "next_page" },
  { code: "crawl.link_off_host", url: "https://facebook.com/trang", what: "canonical" },
];

/** Codes only a whole crawl run produces, and the test that asserts each one's Vietnamese text there. */
const ASSERTED_ELSEWHERE: Record<string, string> = {
  "crawl.budget_queued": "budgets.test.ts",
  "crawl.title_cut": "title-cap.test.ts",
  "crawl.slow_body": "budgets.test.ts",
  "crawl.paused_timeouts": "budgets.test.ts",
  "crawl.locked_by_crawl": "units.test.ts",
  "crawl.locked_by_build": "../reliability/build-lock.test.ts",
  "crawl.warn_insecure_tls": "tls.test.ts (skipped without openssl)",
};

/**
 * Codes no fixture here reaches: a default the client never returns (not_attempted), the outcome of a
 * request the budget stopped (budget_url: the run records budget_queued instead), failures that need
 * real waiting or a broken connection (no timed tests), an adapter's failure, a full disk, warnings.
 */
const NOT_DRIVEN = ["crawl.not_attempted", "crawl.budget_url", "crawl.lock_failed", "crawl.timeout", "crawl.truncated_body", "crawl.parse_failed", "crawl.recorded_next_run", "crawl.warn_private_addresses"];

describe("crawl messages from real failures", () => {
  for (const c of CASES) {
    it(c.code, async () => {
      const message = await c.run();
      for (const part of c.names()) expect(message).toContain(part);
      expectVietnamese(message.replace(/https?:\/\/\S+/g, " "), Object.fromEntries(c.names().map((n, i) => [i, n])), `${c.code}: ${message}`);
    });
  }

  for (const c of LINK_CASES) {
    it(`${c.code} (${c.what})`, () => {
      const problem = linkProblem(c.url, HOSTS, c.what);
      expect(problem?.message).toContain(c.url.slice(0, 12));
      expectVietnamese(problem!.message.replace(/\S+:\S+/g, " "), {}, `${c.code}: ${problem!.message}`);
    });
  }

  it("crawl.bad_budget: a budget that is not a positive number is refused, naming the part and the value", () => {
    expect(() => resolveBudget({ pages: 0 })).toThrow("hạn mức số yêu cầu mỗi lần thu thập phải là số dương, không phải 0");
    expect(() => resolveBudget({ time_ms: Number.NaN })).toThrow("hạn mức thời gian mỗi lần thu thập phải là số dương, không phải NaN");
    let message = "";
    try {
      resolveBudget({ new_articles: -5 });
    } catch (error) {
      message = (error as Error).message;
    }
    expectVietnamese(message, { value: "-5" });
    expect(message).toContain("số bài mới");
  });

  it("every code of the catalogue is driven above, listed with the crawl test that asserts it, or listed as not driven", () => {
    const covered = [...CASES, ...LINK_CASES].map((c) => c.code).concat(Object.keys(ASSERTED_ELSEWHERE), NOT_DRIVEN, ["crawl.bad_budget"]);
    expect([...new Set(covered)].sort()).toEqual(Object.keys(CRAWL_MESSAGES).sort());
  });

  it("drift guard: the catalogue's codes are exactly the codes used in pipelines/", () => {
    expectNoDrift(CRAWL_MESSAGES, "crawl.", "pipelines/crawl/messages.ts", ["pipelines/crawl"]);
  });
});
