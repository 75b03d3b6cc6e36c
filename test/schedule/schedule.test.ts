import { describe, expect, it } from "vitest";
import type { CrawlSource } from "../../pipelines/crawl/types.ts";
import { groupByCron, runSchedule, type ScheduleEvent, scheduledRun } from "../../pipelines/schedule/schedule.ts";

const source = (id: string, schedule?: string): CrawlSource => ({
  source_id: id,
  agency_id: null,
  channel: "own_portal",
  platform: "nukeviet",
  name: id,
  base_url: `https://${id}.example.vn`,
  start_urls: [`https://${id}.example.vn/vi/news/`],
  is_demo: true,
  delay_ms: 0,
  max_pages: 5,
  ...(schedule ? { schedule } : {}),
});

describe("cchc schedule", () => {
  it("groups sources by cron expression and names a source with an invalid one", () => {
    const groups = groupByCron([source("a"), source("b", "15 7 * * *"), source("c")], "0 */6 * * *");
    expect([...groups].map(([cron, s]) => [cron, s.map((x) => x.source_id)])).toEqual([
      ["0 */6 * * *", ["a", "c"]],
      ["15 7 * * *", ["b"]],
    ]);
    expect(() => groupByCron([source("x", "every day")], "0 * * * *")).toThrow(/nguồn x: schedule: "every day" không phải biểu thức cron/);
  });

  it("runs the follow-up steps after a crawl and keeps going after a failed one", async () => {
    const log: ScheduleEvent[] = [];
    const steps: string[] = [];
    let calls = 0;
    const options = {
      db: ":memory:",
      sources: [],
      defaultCron: "0 * * * *",
      steps: ["classify", "build --no-crawl"],
      log: (e: ScheduleEvent) => log.push(e),
      crawlRun: async () => {
        calls++;
        if (calls === 1) throw new Error("portal down");
        return 7;
      },
      stepRun: async (step: string) => {
        steps.push(step);
        return 0;
      },
    };
    expect(await scheduledRun("0 * * * *", [source("a")], options)).toBe(false);
    expect(steps).toEqual([]);
    expect(await scheduledRun("0 * * * *", [source("a")], options)).toBe(true);
    expect(steps).toEqual(["classify", "build --no-crawl"]);
    expect(log.map((e) => e.type)).toEqual(["run_start", "run_failed", "run_start", "run_done", "step_done", "step_done"]);
    expect(log[1]).toMatchObject({ message: "portal down" });
  });

  it("announces each group's next run and stops cleanly", () => {
    const log: ScheduleEvent[] = [];
    const stop = runSchedule({ db: ":memory:", sources: [source("a"), source("b", "30 2 * * *")], defaultCron: "0 */6 * * *", steps: [], log: (e) => log.push(e) });
    stop();
    expect(log).toEqual([
      { type: "scheduled", cron: "0 */6 * * *", sources: ["a"], next: expect.stringMatching(/^\d{4}-/) },
      { type: "scheduled", cron: "30 2 * * *", sources: ["b"], next: expect.stringMatching(/^\d{4}-/) },
    ]);
  });
});
