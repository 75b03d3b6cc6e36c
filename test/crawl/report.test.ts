/**
 * The crawl's progress on a terminal (pipelines/crawl/report.ts): a finished source's line shows the
 * run status in Vietnamese, the label of the run_status vocabulary, never the raw code.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import { crawlLines } from "../../pipelines/cli/commands/crawl.ts";
import type { CrawlEvent, SourceStats } from "../../pipelines/crawl/crawl.ts";
import { ERROR_KINDS } from "../../pipelines/crawl/failure-kinds.ts";
import { progressReporter } from "../../pipelines/crawl/report.ts";

/** A fake terminal: what cli-progress writes, without the escape sequences. */
function terminal(): { stream: NodeJS.WriteStream; text: () => string } {
  let out = "";
  const stream = new Writable({
    write(chunk, _encoding, done) {
      out += String(chunk);
      done();
    },
  }) as unknown as NodeJS.WriteStream;
  Object.assign(stream, { isTTY: true, columns: 200, rows: 40 });
  return { stream, text: () => out.replace(/\u001b\[[0-9;?]*[A-Za-z]/g, "") };
}

describe("crawl progress on a terminal", () => {
  it("shows each finished source's status as its Vietnamese label", () => {
    const { stream, text } = terminal();
    const reporter = progressReporter(stream);
    const statuses = { "nguon-a": "ok", "nguon-b": "partial", "nguon-c": "failed" } as const;
    for (const [source_id, status] of Object.entries(statuses)) {
      reporter.onEvent({ type: "source_start", source_id, resumed: 0 });
      reporter.onEvent({ type: "source_done", source_id, stats: { status } as SourceStats }); // the line reads only the status
    }
    reporter.stop();
    const lines = text().split(/\r?\n/);
    const lineOf = (source: string) => lines.filter((l) => l.includes(source)).at(-1) ?? "";
    // Independent oracle: the words a user reads, written out here.
    expect(lineOf("nguon-a")).toMatch(/\| xong \(Thành công\)\s*$/);
    expect(lineOf("nguon-b")).toMatch(/\| xong \(Thành công một phần\)\s*$/);
    expect(lineOf("nguon-c")).toMatch(/\| xong \(Thất bại\)\s*$/);
    expect(text()).not.toMatch(/\((ok|partial|failed)\)/);
  });
});

describe("a crawl's lines off a terminal (cchc crawl in cron or a pipe; the DEMO crawl of cchc build / start)", () => {
  const stats = (status: string, new_articles: number, pages: number, errors = 0) => ({ status, new_articles, pages, errors }) as SourceStats; // the line reads only these

  it("prints one Vietnamese line per finished source, error, warning and paused host, DEMO sources marked, and nothing for pages and articles", () => {
    const lines: string[] = [];
    const onEvent = crawlLines((id) => id.startsWith("demo-"), (line) => lines.push(line));
    const events: CrawlEvent[] = [
      { type: "source_start", source_id: "demo-sonoivu", resumed: 0 },
      { type: "page", source_id: "demo-sonoivu", url: "http://127.0.0.1:1/a", status: 200, bytes: 10 },
      { type: "article", source_id: "demo-sonoivu", url: "http://127.0.0.1:1/a", outcome: "new" },
      { type: "error", source_id: "demo-sonoivu", url: "http://127.0.0.1:1/b", kind: "timeout", message: "quá 30 giây không nhận được trả lời" },
      { type: "warning", source_id: "demo-sonoivu", url: "http://127.0.0.1:1/", message: "chứng chỉ TLS không được kiểm tra" },
      { type: "host_paused", source_id: "demo-sonoivu", host: "127.0.0.1:1", reason: "5 lần hết thời gian chờ liên tiếp" },
      { type: "source_done", source_id: "demo-sonoivu", stats: stats("partial", 1_234, 72, 1) },
      { type: "source_done", source_id: "demo-tayninh", stats: stats("ok", 113, 121) },
      { type: "source_done", source_id: "sonoivu-tayninh", stats: stats("failed", 0, 1, 1) },
    ];
    for (const e of events) onEvent(e);
    // Independent oracle: the lines a user reads, written out here.
    expect(lines).toEqual([
      "DEMO demo-sonoivu: Hết thời gian chờ tại http://127.0.0.1:1/b: quá 30 giây không nhận được trả lời",
      "DEMO demo-sonoivu: cảnh báo tại http://127.0.0.1:1/: chứng chỉ TLS không được kiểm tra",
      "DEMO demo-sonoivu: tạm dừng máy chủ 127.0.0.1:1: 5 lần hết thời gian chờ liên tiếp",
      "DEMO demo-sonoivu: thành công một phần, 1.234 tin, bài mới, 72 trang, 1 lỗi",
      "DEMO demo-tayninh: thành công, 113 tin, bài mới, 121 trang",
      "sonoivu-tayninh: thất bại, 0 tin, bài mới, 1 trang, 1 lỗi",
    ]);
  });

  it("names every error kind and run status by its Vietnamese label, never the code", () => {
    for (const kind of ERROR_KINDS) {
      const lines: string[] = [];
      crawlLines(() => true, (l) => lines.push(l))({ type: "error", source_id: "demo-x", url: "http://127.0.0.1:1/", kind, message: "…" });
      expect(lines).toHaveLength(1);
      expect(lines[0]).not.toContain(`: ${kind} `);
      expect(lines[0]).toMatch(/^DEMO demo-x: \S.* tại http:\/\/127\.0\.0\.1:1\/: …$/);
    }
    for (const status of ["ok", "partial", "failed"]) {
      const lines: string[] = [];
      crawlLines(() => true, (l) => lines.push(l))({ type: "source_done", source_id: "demo-x", stats: stats(status, 0, 0) });
      expect(lines[0]).not.toMatch(/\b(ok|partial|failed)\b/);
    }
  });
});
