/**
 * Proof that a change to the crawl's write path (batching, staging, the
 * archive, the adapters) leaves what a crawl stores identical: crawls farms
 * into fresh warehouses with the product's `crawl()` and prints one SHA-256
 * per table over its content (every column that does not hold a clock time,
 * a run id or a duration; addresses written without the farm's ports), and
 * one over the archived pages (the JSON columns compared parsed, without
 * the Date header and the fault farm's port-dependent ETags). The farms: every DEMO portal, a fault farm
 * (5xx bursts, 429, truncated bodies, redirect loops, off-host redirects, a
 * wrong charset, robots.txt, endless paging, conditional GETs), and the crawl
 * benchmark's NukeViet farm with no delay. Each is crawled twice (the second
 * run with a periodic recheck: unchanged articles, conditional GETs).
 * Run it on two trees and compare:
 *
 *   node --import tsx scripts/crawl-identity.ts [--root DIR] [--hosts N] [--articles N]
 *
 * `--root` crawls with that tree's code (e.g. a `git archive` of main), with
 * this tree's farms, so both runs crawl the same pages.
 */
import { createHash } from "node:crypto";
import { mkdirSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { demoSources } from "../pipelines/farm/demo-sources.ts";
import { faultyListener } from "../pipelines/farm/faults.ts";
import { startFarm } from "../pipelines/farm/server.ts";
import type { CrawlSource } from "../pipelines/crawl/types.ts";
import { startBenchFarm } from "../bench/crawl.ts";

const arg = (name: string, fallback: string) => {
  const at = process.argv.indexOf(name);
  return at > 0 ? process.argv[at + 1]! : fallback;
};
const root = resolve(arg("--root", join(import.meta.dirname, "..")));
const hosts = Number(arg("--hosts", "6"));
const articles = Number(arg("--articles", "60"));
/** With --dump DIR: each table's compared lines are written there (to see what differs). */
const dump = arg("--dump", "");

const { crawl } = (await import(join(root, "pipelines/crawl/crawl.ts"))) as typeof import("../pipelines/crawl/crawl.ts");
const { Warehouse } = (await import(join(root, "pipelines/warehouse/db.ts"))) as typeof import("../pipelines/warehouse/db.ts");
const { ArchiveStore, readPackIndex } = (await import(join(root, "pipelines/archive/store.ts"))) as typeof import("../pipelines/archive/store.ts");

/**
 * Per table: the columns compared (clock times, run ids and durations left out; and a run's bytes, as
 * which stored articles the recheck re-reads, least recently fetched first, depends on fetch times).
 */
const TABLES: Record<string, string> = {
  sources: "source_id, agency_id, channel, platform, name, base_url, is_demo",
  articles:
    "article_id, source_id, item_id, url, canonical_url, title, published_at, published_text, date_source, date_confidence, date_resolution, body_text, byline, media_kind, content_hash, version",
  article_versions: "article_id, version, content_hash, title, body_text, published_at",
  crawl_frontier: "source_id, url, kind, state, depth, item_id, item_json, attempts, last_error",
  crawl_http_cache: "url, etag, last_modified",
  archive_pages: "sha256, url, source_id, kind, status, content_type, charset, headers_json, bytes, item_json",
  crawl_listing_pages: "source_id, url, start_url, depth, is_feed, layout, items, main_items, article_links, next_url, oldest_at",
  crawl_errors: "source_id, url, kind, status, message, retried",
  crawl_alarms: "source_id, kind, url, message, details_json",
  crawl_run_sources:
    "source_id, status, pages, requests, listing_pages, listing_items, new_articles, changed_articles, unchanged_articles, extraction_failures, date_failures, errors, errors_by_kind, paused_hosts, retries, budget_exceeded, deferred, since_reached, oldest_listed_at, alarms, corrections, rechecked",
  crawl_runs: "status",
  source_health: "source_id, status, flags_json",
};

/** Addresses without the farm's ports (each source's origin → its id), and no Date header. */
function portless(sources: CrawlSource[]): (text: string) => string {
  const origins = sources.map((s) => [new URL(s.base_url).origin, `http://${s.source_id}.test`] as const);
  return (text) => {
    let out = text;
    for (const [origin, name] of origins) out = out.split(origin).join(name);
    return out.replace(/127\.0\.0\.1:\d+/g, "127.0.0.1");
  };
}

/** A row with its JSON columns parsed, keys sorted, and the values that hold a clock time or a port-dependent hash masked. */
function canonical(row: Record<string, unknown>): unknown {
  const sortKeys = (v: unknown): unknown =>
    Array.isArray(v) ? v.map(sortKeys) : v && typeof v === "object" ? Object.fromEntries(Object.keys(v).sort().map((k) => [k, sortKeys((v as Record<string, unknown>)[k])])) : v;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(row)) {
    if (typeof v === "string" && k.endsWith("_json") || k === "errors_by_kind" || k === "paused_hosts") {
      const parsed = typeof v === "string" ? JSON.parse(v) : v;
      if (k === "headers_json") {
        delete parsed.date;
        if (parsed.etag) parsed.etag = "…"; // the fault farm's ETag hashes a body that holds its port
      }
      out[k] = sortKeys(parsed);
    } else out[k] = k === "etag" && v ? "…" : typeof v === "bigint" ? Number(v) : v;
  }
  return out;
}

async function crawlFarm(label: string, sources: CrawlSource[], limits: Record<string, number>): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), "cchc-crawl-identity-"));
  try {
    const db = join(dir, "w.duckdb");
    const archiveDir = join(dir, "archive");
    for (const recheckBudget of [0, 5]) {
      const w = await Warehouse.open(db);
      try {
        await crawl(w, sources, { limits, archiveDir, recheckBudget });
      } finally {
        await w.close();
      }
    }
    const clean = portless(sources);
    const w = await Warehouse.open(db, { readOnly: true });
    try {
      // a page's sha256 is of its raw bytes, which hold the farm's port on some platforms: compared by its content's
      const store = new ArchiveStore(archiveDir);
      const portlessSha = new Map<string, string>();
      const shaOf = (sha: string) => {
        let out = portlessSha.get(sha);
        if (!out) portlessSha.set(sha, (out = createHash("sha256").update(clean(store.get(sha).toString("latin1"))).digest("hex")));
        return out;
      };
      for (const [table, columns] of Object.entries(TABLES)) {
        const rows = await w.all(`SELECT ${columns} FROM ${table}`);
        if (table === "archive_pages") for (const r of rows) r.sha256 = shaOf(r.sha256 as string);
        const lines = rows.map((r) => clean(JSON.stringify(canonical(r)))).sort();
        if (dump) writeFileSync(join(dump, `${label.trim()}-${table}.txt`), lines.join("\n"));
        console.log(`${label} ${table.padEnd(20)} ${String(lines.length).padStart(6)} rows ${createHash("sha256").update(lines.join("\n")).digest("hex")}`);
      }
      // the archive: every indexed page readable, and the set of archived bytes
      const shas = (await w.all("SELECT DISTINCT sha256 FROM archive_pages")).map((r) => shaOf(r.sha256 as string)).sort();
      const hash = createHash("sha256").update(shas.join("\n"));
      const packed = new Set<string>();
      for (const name of readdirSync(join(archiveDir, "packs"))) for (const [sha] of readPackIndex(join(archiveDir, "packs", name))) packed.add(sha);
      console.log(`${label} ${"archive".padEnd(20)} ${String(shas.length).padStart(6)} pages ${hash.digest("hex")} (${packed.size} in packs)`);
    } finally {
      await w.close();
    }
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

const FAST = { delayMs: 0, backoffBaseMs: 5, backoffMaxMs: 20, headersTimeoutMs: 1_000, bodyTimeoutMs: 1_000, totalTimeoutMs: 3_000, maxBodyBytes: 2 * 1024 * 1024 };

if (dump) mkdirSync(dump, { recursive: true });
const demo = await startFarm();
try {
  await crawlFarm("demo ", demoSources(demo.portals), FAST);
} finally {
  await demo.close();
}

const faulty = await startFarm({
  only: ["sonoivu", "sotuphap"],
  wrap: (_key, site, listener) =>
    faultyListener(site, listener, {
      faults: ["burst_5xx", "truncated", "redirect_loop", "off_host_redirect", "wrong_charset", "robots_disallow", "endless_paging"],
      conditional: true,
    }),
});
try {
  await crawlFarm("fault", demoSources(faulty.portals), FAST);
} finally {
  await faulty.close();
}

const bench = await startBenchFarm({ hosts, articlesPerHost: articles, delayMs: 0, globalConcurrency: 50 });
try {
  await crawlFarm("bench", bench.sources.map((s) => ({ ...s, delay_ms: 0, max_pages: 1_000 })), { ...FAST, globalConcurrency: 50 });
} finally {
  await bench.close();
}
