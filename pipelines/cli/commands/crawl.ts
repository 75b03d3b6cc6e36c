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
import { defaultReporter, jsonLinesReporter, type Reporter } from "../../crawl/report.ts";
import type { CrawlSource } from "../../crawl/types.ts";
import { demoSources } from "../../farm/demo-sources.ts";
import { FAULT_NAMES, type FaultName, faultyListener, parseFaultList } from "../../farm/faults.ts";
import { startFarm } from "../../farm/server.ts";
import { runSchedule } from "../../schedule/schedule.ts";
import { vietnamDay } from "../../coverage/periods.ts";
import { loadRegistry } from "../../registry/load.ts";
import { crawlSources } from "../../registry/sources.ts";
import { fromVietnamWallClock } from "../../time/vietnam-time.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { crawl as say, usage } from "../messages.ts";

export { crawlInto };

/**
 * The sources a crawl or schedule runs on: the registry's real crawlable sources
 * valid today (`--registry`), a running farm's (`--farm FILE`), or the DEMO farm
 * started in-process (the default).
 */
async function chooseSources(opts: { registry?: boolean; farm?: string }): Promise<{ sources: CrawlSource[]; close: () => Promise<void> }> {
  if (opts.registry && opts.farm) throw new Error(usage.chooseOne("--registry", "--farm"));
  if (opts.registry) {
    const sources = crawlSources(loadRegistry(), vietnamDay(new Date()));
    if (sources.length === 0) throw new Error(say.registryHasNoSource);
    return { sources, close: async () => {} };
  }
  if (opts.farm) return { sources: readFarmSources(opts.farm), close: async () => {} };
  const farm = await startFarm();
  return { sources: demoSources(farm.portals), close: farm.close };
}

export const FARM_FILE = "data/farm.json";

/**
 * A crawl's progress as Vietnamese lines (crawl.event): each finished source, error, warning and
 * paused host, the sources of `demo` marked DEMO. What `cchc crawl` prints off a terminal, and the
 * DEMO crawl of `cchc build` / `cchc start`.
 */
export function crawlLines(demo: (sourceId: string) => boolean, write: (line: string) => void = (line) => console.log(line)): (event: CrawlEvent) => void {
  return (event) => {
    const line = say.event(event, "source_id" in event && demo(event.source_id));
    if (line !== null) write(line);
  };
}

/** "YYYY-MM-DD" → the start of that day in Asia/Ho_Chi_Minh. */
export function parseSinceDate(text: string): Date {
  const m = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text.trim());
  const date = m ? fromVietnamWallClock(Number(m[1]), Number(m[2]), Number(m[3])) : null;
  if (!date) throw new Error(usage.notDateYmd("--since", text));
  return date;
}

/** Sources from a farm file written by `cchc farm`; errors name the file and field. */
export function readFarmSources(file: string): CrawlSource[] {
  let parsed: { sources?: unknown };
  try {
    parsed = JSON.parse(readFileSync(file, "utf-8"));
  } catch (error) {
    // a file Node could not read: main() says it in Vietnamese with its path (cliError)
    if ((error as NodeJS.ErrnoException).code) throw error;
    throw new Error(say.notFarmFile(file, (error as Error).message));
  }
  if (!Array.isArray(parsed.sources)) throw new Error(say.farmHasNoSources(file));
  return parsed.sources as CrawlSource[];
}

/** Crawl the DEMO farm: a running one (from its farm.json) or one started for the occasion. */
export async function crawlDemo(db: string, farmFile?: string, onEvent: (e: CrawlEvent) => void = crawlLines(() => true), options: CrawlOptions = {}) {
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
    .description("chạy cụm cổng DEMO trên 127.0.0.1 và in địa chỉ của từng cổng")
    .option("--port <số>", "cổng đầu tiên (0: cổng trống bất kỳ)", "0")
    .option("--seed <số>", "hạt giống sinh nội dung", undefined)
    .option("--out <tệp>", "nơi ghi danh sách nguồn của cụm cổng cho `cchc crawl --farm`", FARM_FILE)
    .option("--faults [danh-sách]", `giả lập lỗi (cách nhau bằng dấu phẩy, mặc định: tất cả): ${FAULT_NAMES.join(", ")}`)
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
      for (const p of farm.portals) console.log(say.farmPortal(p.key, p.platform, p.baseUrl));
      if (faults) console.log(say.farmFaults(faults));
      console.log(say.farmWritten(opts.out));
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      await farm.close();
    });

  program
    .command("crawl")
    .description("thu thập tin, bài từ các nguồn vào kho dữ liệu (mặc định: cụm cổng DEMO, chạy ngay trong tiến trình)")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--farm <tệp>", "thu thập cụm cổng đang chạy được mô tả trong tệp này (do `cchc farm` ghi)")
    .option("--registry", "thu thập các nguồn thật còn hiệu lực hôm nay trong registry/sources.yaml")
    .option("--since <ngày>", "thu thập bù: đọc lùi danh sách bài tới ngày này (YYYY-MM-DD, giờ Việt Nam)")
    .option("--source <các-mã>", "chỉ các nguồn có mã này (cách nhau bằng dấu phẩy)")
    .option("--recheck-days <số>", "đọc lại các bài đã biết, thu thập lần đầu trong số ngày này, khi danh sách còn hiện chúng (bài sửa thành phiên bản mới)", "0")
    .option("--recheck-budget <số>", "số bài đã lưu đọc lại mỗi nguồn mỗi lần chạy, bài lâu chưa đọc nhất trước (đính chính)", String(RECHECK_BUDGET))
    .option("--json", "in kết quả tóm tắt dạng JSON (mã và số nguyên gốc, cho script); diễn biến ghi ra stderr dạng JSON lines")
    .action(async (opts) => {
      const since = opts.since ? parseSinceDate(opts.since) : undefined;
      const recheckDays = Number(opts.recheckDays);
      if (!Number.isInteger(recheckDays) || recheckDays < 0) throw new Error(usage.notWholeNumber("--recheck-days", opts.recheckDays, "ngày"));
      const recheckBudget = Number(opts.recheckBudget);
      if (!Number.isInteger(recheckBudget) || recheckBudget < 0) throw new Error(usage.notWholeNumber("--recheck-budget", opts.recheckBudget, "bài"));
      if (opts.registry && !opts.source) {
        console.error(say.registryWithoutSource);
      }
      let summary: CrawlSummary;
      let reporter: Reporter | null = null;
      try {
        let { sources, close } = await chooseSources(opts);
        if (opts.source) {
          const wanted = new Set(String(opts.source).split(","));
          sources = sources.filter((s) => wanted.has(s.source_id));
          if (sources.length === 0) throw new Error(say.noSourceAmong([...wanted]));
        }
        // --json: stdout is the summary alone; the crawl's events go to stderr as JSON lines. Else a
        // progress bar per source on a terminal, Vietnamese lines off one (cron, CI, a pipe).
        const demo = new Set(sources.filter((s) => s.is_demo).map((s) => s.source_id));
        reporter = opts.json ? jsonLinesReporter((line) => process.stderr.write(`${line}\n`)) : defaultReporter(crawlLines((id) => demo.has(id)));
        try {
          summary = await crawlInto(opts.db, sources, { onEvent: reporter.onEvent, since, recheckDays, recheckBudget });
        } finally {
          await close();
        }
      } finally {
        reporter?.stop();
      }
      if (opts.json) return void console.log(JSON.stringify(summary, null, 2));
      console.log(say.summary(summary.run_id, opts.db, summary.sources));
      for (const line of completenessLines(summary, since)) console.log(line);
    });

  program
    .command("reextract")
    .description("trích xuất lại tin, bài từ kho lưu trữ trang gốc, không cần mạng")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--archive <thư-mục>", "thư mục lưu trữ (mặc định: archive/ cạnh kho dữ liệu)")
    .option("--source <mã>", "chỉ nguồn này")
    .action(async (opts) => {
      const release = acquireCrawlLock(opts.db);
      try {
        await withWarehouse(opts.db, async (w) => {
          const s = await reextract(w, opts.archive ?? archiveDirFor(opts.db), { sourceId: opts.source });
          for (const f of s.failures) console.error(JSON.stringify({ type: "error", kind: "parse", ...f }));
          console.log(say.reextracted({ ...s, failed: s.failures.length }));
          if (s.failures.length > 0 && s.failures.length === s.pages) process.exitCode = 1;
        });
      } finally {
        release();
      }
    });

  program
    .command("crawl-health")
    .description("tính lại và in tình trạng thu thập của từng nguồn (source_health)")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--default-cron <biểu-thức>", "lịch (cron) của các nguồn chưa có lịch riêng", DEFAULT_SCHEDULE)
    .action(async (opts) => {
      await withWarehouse(opts.db, async (w) => {
        const ids = (await w.all("SELECT source_id FROM sources ORDER BY source_id")).map((r) => ({ source_id: r.source_id as string, schedule: opts.defaultCron as string }));
        await updateSourceHealth(w, ids, new Date());
        for (const r of await w.all("SELECT source_id, status, flags_json, last_success_at FROM source_health ORDER BY source_id")) {
          const flags = JSON.parse(r.flags_json as string) as Array<{ flag: string; message: string }>;
          const others = flags.filter((f) => f.flag !== "incomplete").map((f) => f.message).join("; ");
          console.log(say.health(String(r.source_id), String(r.status), r.last_success_at === null ? null : String(r.last_success_at), others));
          // completeness alarms of the last run, one per line with its URL and numbers
          for (const f of flags.filter((x) => x.flag === "incomplete")) console.log(say.healthAlarm(f.message));
        }
      });
    });

  program
    .command("schedule")
    .description("thu thập từng nguồn theo lịch (cron) rồi chạy các bước tiếp theo; vẫn chạy tiếp sau một lần thu thập lỗi")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--farm <tệp>", "nguồn từ tệp của một cụm cổng đang chạy (mặc định: cụm cổng DEMO, chạy ngay trong tiến trình)")
    .option("--registry", "các nguồn thật còn hiệu lực hôm nay trong registry/sources.yaml")
    .option("--default-cron <biểu-thức>", "lịch (cron) của các nguồn chưa có lịch riêng", DEFAULT_SCHEDULE)
    .option("--steps <danh-sách>", "các lệnh cchc chạy sau mỗi lần thu thập (cách nhau bằng dấu phẩy); `build --no-crawl` chạy báo cáo (danh mục, phân tích, độ phủ) và dựng lại trang", "build --no-crawl")
    .option("--json", "in mỗi sự kiện của lịch thành một dòng JSON (mã và số nguyên gốc, cho script)")
    .action(async (opts) => {
      const { sources, close } = await chooseSources(opts);
      const steps = String(opts.steps).split(",").map((s) => s.trim()).filter(Boolean);
      const stop = runSchedule({ db: opts.db, sources, defaultCron: opts.defaultCron, steps, log: (e) => console.log(opts.json ? JSON.stringify(e) : say.scheduleEvent(e)) });
      await new Promise<void>((resolve) => process.once("SIGINT", resolve).once("SIGTERM", resolve));
      stop();
      await close();
    });
}

/** Per source: whether --since was reached and every completeness alarm (Vietnamese, with URLs and numbers). */
export function completenessLines(summary: CrawlSummary, since?: Date): string[] {
  return say.completeness(summary.sources, since !== undefined);
}
