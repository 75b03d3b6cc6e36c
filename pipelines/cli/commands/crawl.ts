/** `cchc farm`, `cchc crawl`, `cchc reextract` and `cchc schedule`. */
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname } from "node:path";
import type { Command } from "commander";
import { archiveDirFor } from "../../archive/store.ts";
import { reextract } from "../../archive/reextract.ts";
import type { CrawlEvent, CrawlOptions, CrawlSummary } from "../../crawl/crawl.ts";
import { crawlInto } from "../../crawl/run.ts";
import { DEFAULT_SCHEDULE, updateSourceHealth } from "../../crawl/health.ts";
import { RECHECK_BUDGET } from "../../crawl/corrections.ts";
import { acquireCrawlLock } from "../../crawl/lock.ts";
import { defaultReporter } from "../../crawl/report.ts";
import type { CrawlSource } from "../../crawl/types.ts";
import { demoSources } from "../../farm/demo-sources.ts";
import { FAULT_NAMES, type FaultName, faultyListener, parseFaultList } from "../../farm/faults.ts";
import { startFarm } from "../../farm/server.ts";
import { runSchedule } from "../../schedule/schedule.ts";
import { vietnamDay } from "../../coverage/periods.ts";
import { loadRegistry } from "../../registry/load.ts";
import { crawlSources } from "../../registry/sources.ts";
import { fromVietnamWallClock, toVietnamIso } from "../../time/vietnam-time.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";

export { crawlInto };

/**
 * The sources a crawl or schedule runs on: the registry's real crawlable sources
 * valid today (`--registry`), a running farm's (`--farm FILE`), or the DEMO farm
 * started in-process (the default).
 */
async function chooseSources(opts: { registry?: boolean; farm?: string }): Promise<{ sources: CrawlSource[]; close: () => Promise<void> }> {
  if (opts.registry && opts.farm) throw new Error("--registry and --farm: choose one");
  if (opts.registry) {
    const sources = crawlSources(loadRegistry(), vietnamDay(new Date()));
    if (sources.length === 0) throw new Error("--registry: the registry has no crawlable source valid today");
    return { sources, close: async () => {} };
  }
  if (opts.farm) return { sources: readFarmSources(opts.farm), close: async () => {} };
  const farm = await startFarm();
  return { sources: demoSources(farm.portals), close: farm.close };
}

export const FARM_FILE = "data/farm.json";

function quietJsonLines(event: CrawlEvent): void {
  if (event.type === "source_done" || event.type === "error" || event.type === "warning" || event.type === "host_paused") console.log(JSON.stringify(event));
}

/** "YYYY-MM-DD" → the start of that day in Asia/Ho_Chi_Minh. */
export function parseSinceDate(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m ? fromVietnamWallClock(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) throw new Error(`--since: "${text}" is not a date YYYY-MM-DD`);
  return date;
}

/** Sources from a farm file written by `cchc farm`; errors name the file and field. */
export function readFarmSources(file: string): CrawlSource[] {
  let parsed: { sources?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, "utf-8"));
  } catch (error) {
    throw new Error(`${file}:1: not a readable JSON farm file (${(error as Error).message})`);
  }
  if (!Array.isArray(parsed.sources)) throw new Error(`${file}:1: sources: missing or not a list`);
  return parsed.sources as CrawlSource[];
}

/** Crawl the DEMO farm: a running one (from its farm.json) or one started for the occasion. */
export async function crawlDemo(db: string, farmFile?: string, onEvent: (e: CrawlEvent) => void = quietJsonLines, options: CrawlOptions = {}) {
  let sources: CrawlSource[];
  let close = async () => {};
  if (farmFile) {
    sources = readFarmSources(farmFile);
  } else {
    const farm = await startFarm();
    sources = demoSources(farm.portals);
    close = farm.close;
  }
  try {
    return await crawlInto(db, sources, { onEvent, ...options });
  } finally {
    await close();
  }
}

export function registerCrawlCommands(program: Command): void {
  program
    .command("farm")
    .description("serve the DEMO portal farm on 127.0.0.1 and print its base URLs")
    .option("--port <n>", "first port (0: any free port)", "0")
    .option("--seed <n>", "content seed", undefined)
    .option("--out <file>", "where to write the farm's sources for `cchc crawl --farm`", FARM_FILE)
    .option("--faults [list]", `inject faults (comma-separated, default all): ${FAULT_NAMES.join(", ")}`)
    .action(async (opts) => {
      const faults: FaultName[] | null = opts.faults === undefined ? null : parseFaultList(opts.faults === true ? "" : String(opts.faults));
      const farm = await startFarm({
        port: Number(opts.port),
        seed: opts.seed ? Number(opts.seed) : undefined,
        ...(faults ? { wrap: (_key, site, listener) => faultyListener(site, listener, { faults, conditional: true }) } : {}),
      });
      const sources = demoSources(farm.portals);
      mkdirSync(dirname(opts.out), { recursive: true });
      writeFileSync(opts.out, JSON.stringify({ demo: true, faults, sources }, null, 2));
      for (const p of farm.portals) console.log(`DEMO ${p.key.padEnd(10)} ${p.platform.padEnd(10)} ${p.baseUrl}/`);
      if (faults) console.log(`faults: ${faults.join(", ")}`);
      console.log(`sources written to ${opts.out}; press Ctrl+C to stop`);
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      await farm.close();
    });

  program
    .command("crawl")
    .description("crawl sources into the warehouse (default: the DEMO farm, started in-process)")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--farm <file>", "crawl a running farm described by this file (from `cchc farm`)")
    .option("--registry", "crawl the real crawlable sources of registry/sources.yaml valid today")
    .option("--since <date>", "backfill: walk listings back to this date (YYYY-MM-DD, Vietnam time)")
    .option("--source <ids>", "only these source ids (comma-separated)")
    .option("--recheck-days <n>", "re-fetch known articles first seen in the last n days that a listing shows (edits become new versions)", "0")
    .option("--recheck-budget <n>", "stored articles re-read per source and run, least recently fetched first (corrections)", String(RECHECK_BUDGET))
    .action(async (opts) => {
      const since = opts.since ? parseSinceDate(opts.since) : undefined;
      const recheckDays = Number(opts.recheckDays);
      if (!Number.isInteger(recheckDays) || recheckDays < 0) throw new Error(`--recheck-days: "${opts.recheckDays}" is not a whole number of days`);
      const recheckBudget = Number(opts.recheckBudget);
      if (!Number.isInteger(recheckBudget) || recheckBudget < 0) throw new Error(`--recheck-budget: "${opts.recheckBudget}" is not a whole number of articles`);
      if (opts.registry && !opts.source) {
        console.error("cảnh báo: --registry không kèm --source sẽ thu thập MỌI cổng thật trong registry/sources.yaml; dùng --source ID để thử một nguồn");
      }
      const reporter = defaultReporter();
      let summary: CrawlSummary;
      try {
        let { sources, close } = await chooseSources(opts);
        if (opts.source) {
          const wanted = new Set(String(opts.source).split(","));
          sources = sources.filter((s) => wanted.has(s.source_id));
          if (sources.length === 0) throw new Error(`--source: no source among ${[...wanted].join(", ")}`);
        }
        try {
          summary = await crawlInto(opts.db, sources, { onEvent: reporter.onEvent, since, recheckDays, recheckBudget });
        } finally {
          await close();
        }
      } finally {
        reporter.stop();
      }
      const total = Object.values(summary.sources).reduce((n, s) => n + s.new_articles, 0);
      const failed = Object.entries(summary.sources).filter(([, s]) => s.status !== "ok").map(([id, s]) => `${id} (${s.status})`);
      console.log(`crawl ${summary.run_id}: ${total} new articles into ${opts.db}${failed.length ? `; not clean: ${failed.join(", ")}` : ""}`);
      for (const line of completenessLines(summary, since)) console.log(line);
    });

  program
    .command("reextract")
    .description("re-run article extraction offline from the raw-page archive")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--archive <dir>", "archive directory (default: archive/ next to the warehouse)")
    .option("--source <id>", "only this source")
    .action(async (opts) => {
      const release = acquireCrawlLock(opts.db);
      try {
        await withWarehouse(opts.db, async (w) => {
          const s = await reextract(w, opts.archive ?? archiveDirFor(opts.db), { sourceId: opts.source });
          for (const f of s.failures) console.error(JSON.stringify({ type: "error", kind: "parse", ...f }));
          console.log(`reextract: ${s.pages} archived pages, ${s.new} new, ${s.changed} changed, ${s.unchanged} unchanged, ${s.failures.length} failed${s.truncated ? `, ${s.truncated} titles cut at 1,000 characters` : ""}`);
          if (s.failures.length > 0 && s.failures.length === s.pages) process.exitCode = 1;
        });
      } finally {
        release();
      }
    });

  program
    .command("crawl-health")
    .description("recompute and print each source's crawl health (source_health)")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--default-cron <expr>", "schedule of sources without one", DEFAULT_SCHEDULE)
    .action(async (opts) => {
      await withWarehouse(opts.db, async (w) => {
        const ids = (await w.all("SELECT source_id FROM sources ORDER BY source_id")).map((r) => ({ source_id: r.source_id as string, schedule: opts.defaultCron as string }));
        await updateSourceHealth(w, ids, new Date());
        for (const r of await w.all("SELECT source_id, status, flags_json, last_success_at FROM source_health ORDER BY source_id")) {
          const flags = JSON.parse(r.flags_json as string) as Array<{ flag: string; message: string }>;
          const others = flags.filter((f) => f.flag !== "incomplete").map((f) => f.message).join("; ");
          console.log(`${String(r.source_id).padEnd(24)} ${String(r.status).padEnd(13)} lần thành công gần nhất: ${r.last_success_at ?? "chưa có"}${others ? ` — ${others}` : ""}`);
          // completeness alarms of the last run, one per line with its URL and numbers
          for (const f of flags.filter((x) => x.flag === "incomplete")) console.log(`  ⚠ ${f.message}`);
        }
      });
    });

  program
    .command("schedule")
    .description("run each source on its cron schedule, then the follow-up steps; keeps going after a failed run")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--farm <file>", "sources from a running farm file (default: the DEMO farm, started in-process)")
    .option("--registry", "the real crawlable sources of registry/sources.yaml valid today")
    .option("--default-cron <expr>", "schedule of sources without one", DEFAULT_SCHEDULE)
    .option("--steps <list>", "cchc subcommands run after each crawl (comma-separated); `build --no-crawl` runs the report (registry, analysis, coverage) and rebuilds the site", "build --no-crawl")
    .action(async (opts) => {
      const { sources, close } = await chooseSources(opts);
      const steps = String(opts.steps).split(",").map((s) => s.trim()).filter(Boolean);
      const stop = runSchedule({ db: opts.db, sources, defaultCron: opts.defaultCron, steps, log: (e) => console.log(JSON.stringify(e)) });
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      stop();
      await close();
    });
}

/** Per source: whether --since was reached and every completeness alarm (Vietnamese, with URLs and numbers). */
export function completenessLines(summary: CrawlSummary, since?: Date): string[] {
  const lines: string[] = [];
  for (const [id, s] of Object.entries(summary.sources)) {
    if (since) lines.push(`${id}: --since ${s.since_reached ? "đã lùi tới ngày yêu cầu" : "CHƯA lùi tới ngày yêu cầu"}${s.oldest_listed_at ? ` (mục cũ nhất trong danh sách: ${toVietnamIso(new Date(s.oldest_listed_at)).slice(0, 10)})` : ""}`);
    if (s.corrections || s.rechecked) lines.push(`${id}: ${s.corrections} bài đọc lại do danh sách đổi tiêu đề/ngày, ${s.rechecked} bài kiểm tra lại định kỳ`);
    for (const a of s.alarm_list) lines.push(`${id}: ⚠ ${a.message}`);
  }
  return lines;
}
