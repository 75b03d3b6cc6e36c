/**
 * `npm run bench:crawl` (issue 4): a farm of many NukeViet-like hosts with a
 * set per-host delay, crawled by
 *   1. our crawler (pages/s against the politeness-limited ideal
 *      min(hosts, global concurrency) / delay),
 *   2. Crawlee's CheerioCrawler with the same global concurrency and per-host
 *      delay (sameDomainDelaySecs), the same adapter parsing, robots.txt on,
 *   3. our crawler again with nothing new (requests per source),
 *   4. our crawler (the product's `crawl()`) with no delay on a fresh warehouse,
 *      on a farm of the same hosts with more articles each (NO_DELAY_ARTICLES),
 *      so that start-up and compilation do not dominate: pages/s per CPU core
 *      (the crawl process's user + system time, DuckDB's threads included).
 * Each crawl runs in its own child process (own peak RSS and CPU time); the
 * farm runs in this process and counts the requests it serves.
 * Writes bench/results/crawl.json. `--quick` uses fewer hosts.
 */
import { spawn } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { createRequire } from "node:module";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { generateArticles } from "../pipelines/farm/content.ts";
import { nukevietSite } from "../pipelines/farm/platforms/nukeviet.ts";
import type { FarmSite } from "../pipelines/farm/site.ts";
import type { CrawlSource } from "../pipelines/crawl/types.ts";
import { fromVietnamWallClock } from "../pipelines/time/vietnam-time.ts";

const HERE = dirname(fileURLToPath(import.meta.url));
const RESULTS = join(HERE, "results", "crawl.json");

interface BenchConfig {
  hosts: number;
  articlesPerHost: number;
  delayMs: number;
  globalConcurrency: number;
}

interface WorkerResult {
  seconds: number;
  cpu_seconds: number;
  peak_rss_mb: number;
  articles: number;
}

interface BenchFarm {
  sources: CrawlSource[];
  /** Requests served per host, and the first/last request times. */
  requests: Map<string, number>;
  window(): { first: number; last: number };
  reset(): void;
  close(): Promise<void>;
}

export async function startBenchFarm(config: BenchConfig): Promise<BenchFarm> {
  const servers: Server[] = [];
  const sources: CrawlSource[] = [];
  const requests = new Map<string, number>();
  let first = Infinity;
  let last = 0;
  for (let i = 0; i < config.hosts; i++) {
    const key = `host${String(i).padStart(3, "0")}`;
    const site: FarmSite = nukevietSite({
      name: `Cổng thông tin DEMO ${i}`,
      category: "tin-tuc",
      categoryTitle: "Tin tức",
      perPage: 10,
      articles: generateArticles(
        { key, agencies: [{ name: "Sở Nội vụ", weight: 1 }], count: config.articlesPerHost, cchcShare: 0.5, from: fromVietnamWallClock(2023, 1, 1)!, to: fromVietnamWallClock(2026, 10, 31)! },
        1000 + i,
      ),
    });
    let origin = "";
    const server = createServer((req, res) => {
      const now = performance.now();
      first = Math.min(first, now);
      last = Math.max(last, now);
      requests.set(key, (requests.get(key) ?? 0) + 1);
      const out = site.handle(decodeURIComponent(new URL(req.url ?? "/", origin).pathname), origin);
      res.writeHead(out.status, { "content-type": out.type ?? "text/html; charset=utf-8", ...out.headers });
      res.end(out.body);
    });
    await new Promise<void>((r) => server.listen(0, "127.0.0.1", r));
    origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
    servers.push(server);
    sources.push({
      source_id: key,
      agency_id: null,
      channel: "own_portal",
      platform: "nukeviet",
      name: key,
      base_url: origin,
      start_urls: site.listingPaths.map((p) => new URL(p, origin).href),
      is_demo: true,
      delay_ms: config.delayMs,
      max_pages: 50,
    });
  }
  return {
    sources,
    requests,
    window: () => ({ first, last }),
    reset: () => {
      requests.clear();
      first = Infinity;
      last = 0;
    },
    close: () => Promise.all(servers.map((s) => new Promise<void>((r) => { s.closeAllConnections(); s.close(() => r()); }))).then(() => undefined),
  };
}

// ---------------------------------------------------------------- workers (child processes)

async function oursWorker(args: { db: string; sources: CrawlSource[]; globalConcurrency: number }): Promise<number> {
  const { crawl } = await import("../pipelines/crawl/crawl.ts");
  const { Warehouse } = await import("../pipelines/warehouse/db.ts");
  const w = await Warehouse.open(args.db);
  markStart();
  try {
    const summary = await crawl(w, args.sources, {
      limits: { globalConcurrency: args.globalConcurrency },
      archiveDir: join(dirname(args.db), "archive"),
    });
    return Object.values(summary.sources).reduce((n, s) => n + s.new_articles, 0);
  } finally {
    await w.close();
  }
}

async function crawleeWorker(args: { sources: CrawlSource[]; globalConcurrency: number; delayMs: number; storage: string }): Promise<number> {
  process.env.CRAWLEE_STORAGE_DIR = args.storage;
  // Crawlee keys sameDomainDelaySecs by registrable domain (tldts.getDomain), which is null for
  // the farm's 127.0.0.1:port hosts, so no delay at all would apply. Key it by host:port, as
  // distinct real domains would be: the same delay logic, made to see 50 hosts.
  const tldts = createRequire(createRequire(import.meta.url).resolve("@crawlee/basic"))("tldts") as { getDomain: (url: string) => string | null };
  const getDomain = tldts.getDomain;
  tldts.getDomain = (input: string) => (/^https?:\/\//.test(input) ? new URL(input).host : getDomain(input));
  const { CheerioCrawler, Configuration } = await import("crawlee");
  const { adapterFor } = await import("../data-loaders/index.ts");
  const adapter = adapterFor("nukeviet");
  const articles = new Map<string, unknown>();
  markStart();
  const config = new Configuration({ persistStorage: false, purgeOnStart: true, storageClientOptions: { localDataDirectory: args.storage } });
  const crawler = new CheerioCrawler(
    {
      maxConcurrency: args.globalConcurrency,
      sameDomainDelaySecs: args.delayMs / 1000,
      maxRequestRetries: 3,
      respectRobotsTxtFile: true,
      additionalMimeTypes: ["application/rss+xml"],
      async requestHandler({ request, body, crawler: c }) {
        const html = String(body);
        if (request.label === "article") {
          const a = adapter.parseArticle(html, request.url, { now: new Date() });
          articles.set(a.item_id, a);
          return;
        }
        const page = adapter.parseListing(html, request.url, { now: new Date() });
        await c.addRequests([
          ...page.items.map((i) => ({ url: i.url, label: "article" })),
          ...(page.next ? [{ url: page.next, label: "listing" }] : []),
        ]);
      },
    },
    config,
  );
  await crawler.run(args.sources.flatMap((s) => s.start_urls.map((url) => ({ url, label: "listing" }))));
  return articles.size;
}

/** Time and CPU are measured from here: after the modules are loaded, so startup is not counted per page. */
let started = 0;
let cpu0: NodeJS.CpuUsage = process.cpuUsage();
function markStart(): void {
  started = performance.now();
  cpu0 = process.cpuUsage();
}

async function runWorker(kind: string, payload: string): Promise<void> {
  const args = JSON.parse(payload);
  const articles = kind === "crawlee" ? await crawleeWorker(args) : await oursWorker(args);
  const cpu = process.cpuUsage(cpu0);
  const result: WorkerResult = {
    seconds: (performance.now() - started) / 1000,
    cpu_seconds: (cpu.user + cpu.system) / 1e6,
    peak_rss_mb: Math.round((process.resourceUsage().maxRSS / 1024) * 10) / 10,
    articles,
  };
  process.stdout.write(`\nWORKER_RESULT ${JSON.stringify(result)}\n`);
}

function spawnWorker(kind: string, payload: object): Promise<WorkerResult> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, ["--import", "tsx", fileURLToPath(import.meta.url), "--worker", kind], {
      stdio: ["pipe", "pipe", "inherit"],
      env: { ...process.env, CRAWLEE_LOG_LEVEL: "ERROR" },
    });
    child.stdin.end(JSON.stringify(payload));
    let out = "";
    child.stdout.setEncoding("utf-8").on("data", (d: string) => (out += d));
    child.on("close", (code) => {
      const line = out.split("\n").find((l) => l.startsWith("WORKER_RESULT "));
      if (line) resolve(JSON.parse(line.slice("WORKER_RESULT ".length)));
      else reject(new Error(`${kind} worker exited with ${code}: ${out.trim().split("\n").slice(-3).join(" | ")}`));
    });
  });
}

// ---------------------------------------------------------------- orchestration

export interface CrawlBenchResult {
  pages_per_s: number;
  ideal_pages_per_s: number;
  ratio_to_ideal: number;
  crawlee_pages_per_s: number;
  ratio_to_crawlee: number;
  peak_rss_mb: number;
  crawlee_peak_rss_mb: number;
  rerun_requests_per_source: number;
  pages_per_s_per_core: number;
  config: BenchConfig & { pages_per_host: number; articles: number; crawlee_articles: number };
}

const round = (x: number, d = 2) => Math.round(x * 10 ** d) / 10 ** d;
/** Articles per host of the no-delay farm (quick / full). */
const NO_DELAY_ARTICLES = { quick: 40, full: 100 };

export async function runCrawlBenchmark(options: { quick?: boolean; log?: (line: string) => void } = {}): Promise<CrawlBenchResult> {
  const log = options.log ?? ((l: string) => process.stderr.write(`${l}\n`));
  const config: BenchConfig = options.quick
    ? { hosts: 20, articlesPerHost: 12, delayMs: 500, globalConcurrency: 50 }
    : { hosts: 50, articlesPerHost: 12, delayMs: 1000, globalConcurrency: 50 };
  const tmp = mkdtempSync(join(tmpdir(), "cchc-bench-crawl-"));
  const farm = await startBenchFarm(config);
  try {
    const pagesServed = () => [...farm.requests.values()].reduce((a, b) => a + b, 0);
    const rate = () => {
      const { first, last } = farm.window();
      // n requests spaced by the delay span (n - 1) delays: rate over the serving window, as the ideal counts it
      return (pagesServed() - config.hosts) / ((last - first) / 1000);
    };
    const ideal = Math.min(config.hosts, config.globalConcurrency) / (config.delayMs / 1000);

    log(`bench:crawl: ${config.hosts} hosts × ${config.articlesPerHost} articles, delay ${config.delayMs} ms, global concurrency ${config.globalConcurrency}`);
    const db = join(tmp, "ours", "w.duckdb");
    mkdirSync(dirname(db), { recursive: true });
    const ours = await spawnWorker("ours", { db, sources: farm.sources, globalConcurrency: config.globalConcurrency });
    const oursPages = pagesServed();
    const oursRate = rate();
    log(`  ours:    ${oursPages} requests, ${round(oursRate)} pages/s over the serving window, ${ours.seconds.toFixed(1)} s, peak RSS ${ours.peak_rss_mb} MB`);

    farm.reset();
    const rerun = await spawnWorker("ours", { db, sources: farm.sources, globalConcurrency: config.globalConcurrency });
    const rerunPerSource = Math.max(...farm.sources.map((s) => farm.requests.get(s.source_id) ?? 0));
    log(`  re-run:  ${pagesServed()} requests (at most ${rerunPerSource} per source), ${rerun.articles} new`);

    farm.reset();
    const crawlee = await spawnWorker("crawlee", { sources: farm.sources, globalConcurrency: config.globalConcurrency, delayMs: config.delayMs, storage: join(tmp, "crawlee") });
    const crawleePages = pagesServed();
    const crawleeRate = rate();
    log(`  crawlee: ${crawleePages} requests, ${round(crawleeRate)} pages/s over the serving window, ${crawlee.seconds.toFixed(1)} s, peak RSS ${crawlee.peak_rss_mb} MB`);

    const big = await startBenchFarm({ ...config, articlesPerHost: NO_DELAY_ARTICLES[options.quick ? "quick" : "full"], delayMs: 0 });
    let perCore: number;
    try {
      const fast = big.sources.map((s) => ({ ...s, delay_ms: 0, max_pages: 1_000 }));
      const cpuDb = join(tmp, "cpu", "w.duckdb");
      mkdirSync(dirname(cpuDb), { recursive: true });
      const cpu = await spawnWorker("ours", { db: cpuDb, sources: fast, globalConcurrency: config.globalConcurrency });
      const served = [...big.requests.values()].reduce((a, b) => a + b, 0);
      perCore = served / cpu.cpu_seconds;
      log(`  no delay: ${served} pages (${cpu.articles} articles) in ${cpu.seconds.toFixed(1)} s, ${cpu.cpu_seconds.toFixed(1)} CPU s → ${round(perCore)} pages/s per core`);
    } finally {
      await big.close();
    }

    const result: CrawlBenchResult = {
      pages_per_s: round(oursRate),
      ideal_pages_per_s: round(ideal),
      ratio_to_ideal: round(oursRate / ideal, 3),
      crawlee_pages_per_s: round(crawleeRate),
      ratio_to_crawlee: round(oursRate / crawleeRate, 3),
      peak_rss_mb: ours.peak_rss_mb,
      crawlee_peak_rss_mb: crawlee.peak_rss_mb,
      rerun_requests_per_source: rerunPerSource,
      pages_per_s_per_core: round(perCore),
      config: { ...config, pages_per_host: oursPages / config.hosts, articles: ours.articles, crawlee_articles: crawlee.articles },
    };
    mkdirSync(dirname(RESULTS), { recursive: true });
    writeFileSync(RESULTS, `${JSON.stringify(result, null, 2)}\n`);
    log(
      `ratio to ideal ${result.ratio_to_ideal} (target ≥ 0.9), ratio to Crawlee ${result.ratio_to_crawlee} (target ≥ 1), ` +
        `peak RSS ${result.peak_rss_mb} MB vs Crawlee ${result.crawlee_peak_rss_mb} MB, re-run ${rerunPerSource} requests/source (target ≤ 2), ` +
        `${result.pages_per_s_per_core} pages/s/core → ${RESULTS}`,
    );
    return result;
  } finally {
    await farm.close();
    rmSync(tmp, { recursive: true, force: true });
  }
}

const invokedDirectly = process.argv[1] !== undefined && import.meta.url === pathToFileURL(process.argv[1]).href;
if (invokedDirectly) {
  const worker = process.argv.indexOf("--worker");
  if (worker > 0) {
    let payload = "";
    process.stdin.setEncoding("utf-8");
    for await (const chunk of process.stdin) payload += chunk;
    await runWorker(process.argv[worker + 1]!, payload);
    process.exit(0);
  } else {
    await runCrawlBenchmark({ quick: process.argv.includes("--quick") });
  }
}
