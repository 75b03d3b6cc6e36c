/**
 * How a crawl reports as it goes: on a terminal, a live progress bar per
 * source (cli-progress); otherwise the caller's lines (the CLI's Vietnamese
 * lines), or one JSON line per event (`--json`, on stderr).
 */
import cliProgress from "cli-progress";
import { label } from "../vocabulary/index.ts";
import type { CrawlEvent } from "./crawl.ts";

export interface Reporter {
  onEvent(event: CrawlEvent): void;
  stop(): void;
}

export function jsonLinesReporter(write: (line: string) => void = (l) => process.stdout.write(`${l}\n`)): Reporter {
  return { onEvent: (event) => write(JSON.stringify(event)), stop: () => {} };
}

export function progressReporter(stream: NodeJS.WriteStream = process.stderr): Reporter {
  const multi = new cliProgress.MultiBar(
    {
      stream,
      clearOnComplete: false,
      hideCursor: true,
      format: " {source} |{bar}| {value}/{total} bài | {pages} trang | {errors} lỗi | {state}",
    },
    cliProgress.Presets.shades_classic,
  );
  const bars = new Map<string, { bar: cliProgress.SingleBar; pages: number; errors: number; done: number }>();
  const barOf = (source: string) => {
    let b = bars.get(source);
    if (!b) {
      b = { bar: multi.create(1, 0, { source: source.padEnd(22), pages: 0, errors: 0, state: "đang đọc danh sách" }), pages: 0, errors: 0, done: 0 };
      bars.set(source, b);
    }
    return b;
  };
  return {
    onEvent(event) {
      if (!("source_id" in event) || !event.source_id) return;
      const b = barOf(event.source_id);
      if (event.type === "page") b.pages++;
      if (event.type === "error") b.errors++;
      if (event.type === "article") b.done++;
      if (event.type === "queued") b.bar.setTotal(Math.max(1, event.articles));
      const state = event.type === "source_done" ? `xong (${label("run_status", event.stats.status)})` : event.type === "host_paused" ? "máy chủ tạm dừng" : event.type === "queued" ? "đang tải bài" : undefined;
      b.bar.update(b.done, { pages: b.pages, errors: b.errors, ...(state ? { state } : {}) });
    },
    stop: () => multi.stop(),
  };
}

/** A progress display on a terminal; otherwise `onEvent` (the CLI's lines), JSON lines when none is given. */
export function defaultReporter(onEvent?: (event: CrawlEvent) => void): Reporter {
  if (process.stderr.isTTY && process.stdout.isTTY) return progressReporter();
  return onEvent ? { onEvent, stop: () => {} } : jsonLinesReporter();
}
