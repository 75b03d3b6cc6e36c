/**
 * The crawl's progress on a terminal (pipelines/crawl/report.ts): a finished source's line shows the
 * run status in Vietnamese, the label of the run_status vocabulary, never the raw code.
 */
import { Writable } from "node:stream";
import { describe, expect, it } from "vitest";
import type { SourceStats } from "../../pipelines/crawl/crawl.ts";
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
