/** Plan tasks as dated obligations: deadline wording, split rows, evidence kinds, computed status. */
import { describe, expect, it } from "vitest";
import { loadRegistry, loadRegistryDir } from "../../pipelines/registry/load.ts";
import { computedTaskStatus, dayBefore, deadlineFromText, isDocumentNumber, taskListing, taskRows } from "../../pipelines/registry/tasks.ts";
import { registryWith } from "./helpers.ts";

describe("deadlineFromText", () => {
  it('reads "trước ngày D" as the day before D', () => {
    expect(deadlineFromText("Quý I, trước ngày 28/02/2023")).toBe("2023-02-27");
    expect(deadlineFromText("Năm, trước ngày 06/11/2023")).toBe("2023-11-05");
    expect(deadlineFromText("trước ngày 01/01/2025")).toBe("2024-12-31");
    expect(deadlineFromText("Trước ngày 1/3/2024")).toBe("2024-02-29");
    expect(deadlineFromText("truoc ngay 20/4", 2026)).toBe("2026-04-19");
    expect(dayBefore("2024-03-01")).toBe("2024-02-29");
  });

  it("reads 'chậm nhất ngày D' as D, months, quarters and years as their last day", () => {
    expect(deadlineFromText("Chậm nhất ngày 20/04/2024")).toBe("2024-04-20");
    expect(deadlineFromText("Tháng 01/2024")).toBe("2024-01-31");
    expect(deadlineFromText("Quý I năm 2024")).toBe("2024-03-31");
    expect(deadlineFromText("Quí I/2024")).toBe("2024-03-31");
    expect(deadlineFromText("Quý II, III năm 2024")).toBe("2024-09-30");
    expect(deadlineFromText("Trong năm 2024")).toBe("2024-12-31");
    expect(deadlineFromText("Năm 2024 -2025")).toBe("2025-12-31");
    expect(deadlineFromText("hoàn thành trước tháng 11 năm 2024")).toBe("2024-10-31");
  });

  it("names no single day for standing or per-period wording", () => {
    expect(deadlineFromText("Thường xuyên")).toBeNull();
    expect(deadlineFromText("Trước ngày 20 của kỳ báo cáo")).toBeNull();
    expect(deadlineFromText("trước ngày 31/02/2024")).toBeNull();
  });
});

describe("task status and evidence", () => {
  const base = { status: "todo" as const, deadline: "2024-06-30", evidence: [] as string[] };
  it("is overdue once the deadline has passed with no evidence, done with evidence of completion", () => {
    expect(computedTaskStatus(base, "2024-06-30")).toBe("todo");
    expect(computedTaskStatus(base, "2024-07-01")).toBe("overdue");
    expect(computedTaskStatus({ ...base, evidence: ["125/BC-STC ngày 15/6/2024"] }, "2026-12-01")).toBe("done");
    expect(computedTaskStatus({ ...base, status: "in_progress" }, "2026-12-01")).toBe("overdue");
    expect(computedTaskStatus({ ...base, status: "not_applicable" }, "2026-12-01")).toBe("not_applicable");
    expect(computedTaskStatus({ ...base, deadline: null }, "2026-12-01")).toBe("no_deadline");
  });

  it("accepts a document number as evidence, and rejects what is neither a link nor one, with its line", () => {
    expect(isDocumentNumber("125/BC-STC")).toBe(true);
    expect(isDocumentNumber("1007/KH-UBND ngày 04/4/2024")).toBe(true);
    expect(isDocumentNumber("đã gửi")).toBe(false);
    const ok = registryWith({ "plan-tasks.yaml": (t) => t.replace("https://example.org/vi/news/a/x-1.html", "12/BC-SNV ngày 3/4/2024") });
    expect(loadRegistryDir(ok).issues).toEqual([]);
    const bad = registryWith({ "plan-tasks.yaml": (t) => t.replace("https://example.org/vi/news/a/x-1.html", "đã gửi") });
    expect(loadRegistryDir(bad).issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'tasks[0].evidence[0]: "đã gửi" is neither a link (http/https) nor a document number such as "125/BC-STC" or "125/BC-STC ngày 15/6/2024"',
    ]);
  });

  it("rejects a deadline that does not match 'trước ngày D'", () => {
    const dir = registryWith({ "plan-tasks.yaml": (t) => t.replace(/deadline_text: .*/, "deadline_text: Trước ngày 31/3/2024") });
    expect(loadRegistryDir(dir).issues.map((i) => i.message)).toEqual([
      '2024-03-31 does not match the wording "Trước ngày 31/3/2024", which means 2024-03-30 ("trước ngày D" is the day before D)',
    ]);
  });
});

describe("the shipped plan tasks", () => {
  const registry = loadRegistry();
  it("splits the periodic CCHC report into one dated row per reporting period", () => {
    const rows = taskRows(registry.tasks).filter((t) => t.task_id === "stc24-i-5");
    expect(rows.map((r) => [r.id, r.period, r.deadline])).toEqual([
      ["stc24-i-5-1", "Quý I", "2024-03-19"],
      ["stc24-i-5-2", "6 tháng", "2024-06-19"],
      ["stc24-i-5-3", "Quý III (9 tháng)", "2024-09-19"],
      ["stc24-i-5-4", "Năm", "2024-12-19"],
    ]);
  });

  it("shows 2024 tasks past their deadline without evidence as overdue on 2026-12-01", () => {
    const rows = taskListing(registry.tasks, "2026-12-01");
    const t = rows.find((r) => r.id === "stc24-i-1")!;
    expect(t).toMatchObject({ deadline: "2024-01-31", status: "overdue", status_label: "✗ Quá hạn" });
    expect(rows.find((r) => r.id === "tptn23-v2-report-q1")).toMatchObject({ kind: "report", deadline: "2023-02-27", status: "overdue" });
  });
});
