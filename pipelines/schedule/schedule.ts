/**
 * `cchc schedule`: each source crawled on its cron expression (croner, in
 * Asia/Ho_Chi_Minh), followed by the pipeline steps (other `cchc`
 * subcommands, e.g. classify, attribute, load, `build --no-crawl`). Runs go
 * one at a time through a queue (one crawl per warehouse); a failed run or
 * step is logged and the schedule keeps going.
 */
import { spawn } from "node:child_process";
import { dirname, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Cron } from "croner";
import { crawlInto } from "../crawl/run.ts";
import { RECHECK_BUDGET } from "../crawl/corrections.ts";
import type { CrawlSource } from "../crawl/types.ts";
import { VIETNAM_TZ } from "../time/vietnam-time.ts";
import { crawl as say } from "../cli/messages.ts";

const CLI = resolve(dirname(fileURLToPath(import.meta.url)), "../../bin/cchc.mjs");

export type ScheduleEvent =
  | { type: "scheduled"; cron: string; sources: string[]; next: string | null }
  | { type: "run_start"; cron: string; sources: string[] }
  | { type: "run_done"; cron: string; sources: string[]; new_articles: number }
  | { type: "run_failed"; cron: string; sources: string[]; message: string }
  | { type: "step_done"; step: string; code: number };

/** Pure: sources grouped by cron expression (sources without one get `defaultCron`); invalid expressions throw naming the source. */
export function groupByCron(sources: CrawlSource[], defaultCron: string): Map<string, CrawlSource[]> {
  const groups = new Map<string, CrawlSource[]>();
  for (const s of sources) {
    const cron = s.schedule ?? defaultCron;
    try {
      new Cron(cron, { timezone: VIETNAM_TZ, paused: true });
    } catch {
      throw new Error(say.notCron(s.source_id, cron));
    }
    groups.set(cron, [...(groups.get(cron) ?? []), s]);
  }
  return groups;
}

/**
 * Run one cchc subcommand as a child process; resolves with its exit code. The step's own
 * output (stdout and stderr) goes to the scheduler's stderr: stdout is the scheduler's own
 * lines (JSON lines alone with `--json`).
 */
export function runStep(step: string, db: string): Promise<number> {
  const args = step.split(/\s+/).filter(Boolean);
  return new Promise((resolvePromise) => {
    const child = spawn(process.execPath, [CLI, ...args, "--db", db], { stdio: ["ignore", 2, 2] });
    child.on("error", () => resolvePromise(127));
    child.on("exit", (code) => resolvePromise(code ?? 1));
  });
}

export interface ScheduleOptions {
  db: string;
  sources: CrawlSource[];
  defaultCron: string;
  steps: string[];
  log: (event: ScheduleEvent) => void;
  /** Injected for tests: the crawl and the step runner. */
  crawlRun?: (sources: CrawlSource[]) => Promise<number>;
  stepRun?: (step: string) => Promise<number>;
}

/** One scheduled run: crawl the group, then the steps; never throws. */
export async function scheduledRun(cron: string, group: CrawlSource[], options: ScheduleOptions): Promise<boolean> {
  const ids = group.map((s) => s.source_id);
  const crawlRun =
    options.crawlRun ??
    (async (sources: CrawlSource[]) => {
      // scheduled runs spread the recheck of stored articles over runs (corrections.ts)
      const summary = await crawlInto(options.db, sources, { recheckBudget: RECHECK_BUDGET });
      return Object.values(summary.sources).reduce((n, s) => n + s.new_articles, 0);
    });
  const stepRun = options.stepRun ?? ((step: string) => runStep(step, options.db));
  options.log({ type: "run_start", cron, sources: ids });
  try {
    const added = await crawlRun(group);
    options.log({ type: "run_done", cron, sources: ids, new_articles: added });
  } catch (error) {
    options.log({ type: "run_failed", cron, sources: ids, message: (error as Error).message });
    return false;
  }
  for (const step of options.steps) {
    const code = await stepRun(step).catch(() => 1);
    options.log({ type: "step_done", step, code });
  }
  return true;
}

/** Start the schedule; returns a function that stops it. */
export function runSchedule(options: ScheduleOptions): () => void {
  const groups = groupByCron(options.sources, options.defaultCron);
  let queue: Promise<unknown> = Promise.resolve();
  const jobs = [...groups].map(([cron, group]) => {
    const job = new Cron(cron, { timezone: VIETNAM_TZ, protect: true }, async () => {
      queue = queue.then(() => scheduledRun(cron, group, options));
      await queue;
    });
    options.log({ type: "scheduled", cron, sources: group.map((s) => s.source_id), next: job.nextRun()?.toISOString() ?? null });
    return job;
  });
  return () => jobs.forEach((j) => j.stop());
}
