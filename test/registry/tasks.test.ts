/** Plan tasks as dated obligations: deadline wording, split rows, evidence kinds; the status as the warehouse's mart computes it. */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistryDir } from "../../pipelines/registry/load.ts";
import { dayBefore, deadlineFromText, isDocumentNumber, taskRows } from "../../pipelines/registry/tasks.ts";
import { loadRegistryIntoWarehouse } from "../../pipelines/registry/warehouse.ts";
import { planTaskRows } from "../../pipelines/report/plan-tasks.ts";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { registryWith } from "./helpers.ts";

/** One task of the minimal fixture's plan. */
const task = (id: string, extra: string) =>
  `  - id: ${id}\n    plan: 1/KH-TEST\n    area: tthc\n    task: Nhiệm vụ ${id}\n    lead: Văn phòng\n${extra.replace(/^/gm, "    ")}\n`;
const TASKS =
  "tasks:\n" +
  task("a-todo", "deadline_text: Chậm nhất ngày 30/06/2024\ndeadline: 2024-06-30") +
  task("b-progress", "deadline_text: Chậm nhất ngày 30/06/2024\ndeadline: 2024-06-30\nstatus: in_progress") +
  task("c-na", "deadline_text: Chậm nhất ngày 30/06/2024\ndeadline: 2024-06-30\nstatus: not_applicable\nevidence: [https://example.org/vi/news/a/x-1.html]") +
  task("d-evidence", "deadline_text: Chậm nhất ngày 30/06/2024\ndeadline: 2024-06-30\nevidence: [125/BC-STC ngày 15/6/2024, https://example.org/bc.html]") +
  task("e-open", "deadline_text: Thường xuyên") +
  task("f-done", "deadline_text: Chậm nhất ngày 30/06/2024\ndeadline: 2024-06-30\nstatus: done") +
  task("g-report", "kind: report\ndeadline_text: Trước ngày 20 của kỳ báo cáo\ndeadlines:\n  - { period: Quý I, deadline_text: Trước ngày 20/3/2024, deadline: 2024-03-19, evidence: [12/BC-VP] }\n  - { period: 6 tháng, deadline_text: Trước ngày 20/6/2024, deadline: 2024-06-19 }");

/** The mart's rows (models/marts_plan_tasks.sql) for a registry loaded into a fresh warehouse. */
async function martOn(today: string, sql?: string) {
  const dir = mkdtempSync(join(tmpdir(), "cchc-tasks-"));
  try {
    const registry = loadRegistryDir(registryWith({ "plan-tasks.yaml": TASKS }));
    expect(registry.issues).toEqual([]);
    return await withWarehouse(join(dir, "w.duckdb"), async (w) => {
      await loadRegistryIntoWarehouse(w, registry.registry);
      if (sql) await w.run(sql);
      return Object.fromEntries((await planTaskRows(w, today)).map((r) => [r.task_id, r]));
    }, { create: true });
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

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

describe("task status and evidence (the plan-task mart)", () => {
  it("is todo until the deadline, overdue after it with no evidence, done with evidence; the analyst's not_applicable and done stand", async () => {
    const before = await martOn("2024-06-30");
    const after = await martOn("2024-07-01");
    const expected = {
      "a-todo": ["todo", "overdue"],
      "b-progress": ["in_progress", "overdue"],
      "c-na": ["not_applicable", "not_applicable"],
      "d-evidence": ["done", "done"],
      "e-open": ["no_deadline", "no_deadline"],
      "f-done": ["done", "done"],
      "g-report-1": ["done", "done"],
      "g-report-2": ["overdue", "overdue"],
    };
    for (const [id, [on, next]] of Object.entries(expected)) {
      expect([id, before[id]?.status, after[id]?.status]).toEqual([id, on, next]);
    }
    expect(after["a-todo"]).toMatchObject({ recorded_status: "todo", status_label: "✗ Quá hạn", kind_label: "Nhiệm vụ", today: "2024-07-01", deadline: "2024-06-30" });
    expect(after["b-progress"]).toMatchObject({ recorded_status: "in_progress", recorded_status_label: "Đang thực hiện" });
    expect(after["d-evidence"]).toMatchObject({ evidence_links: "https://example.org/bc.html", evidence_documents: "125/BC-STC ngày 15/6/2024" });
    expect(after["g-report-2"]).toMatchObject({ parent_task_id: "g-report", period_label: "6 tháng", kind: "report", kind_label: "Báo cáo" });
  });

  it("applies the workbench's latest update of a task before computing its status", async () => {
    const rows = await martOn(
      "2024-07-01",
      `INSERT INTO plan_task_updates VALUES ('u1', 'a-todo', 'in_progress', ['https://example.org/xong.html'], 'pt', TIMESTAMPTZ '2024-07-01 08:00:00+07', 'r'),
                                            ('u2', 'f-done', 'todo', [], 'pt', TIMESTAMPTZ '2024-07-01 08:00:00+07', 'r')`,
    );
    expect(rows["a-todo"]).toMatchObject({ recorded_status: "in_progress", status: "done", evidence_links: "https://example.org/xong.html" });
    expect(rows["f-done"]).toMatchObject({ recorded_status: "todo", status: "overdue" });
  });

  it("accepts a document number as evidence, and rejects what is neither a link nor one, with its line", () => {
    expect(isDocumentNumber("125/BC-STC")).toBe(true);
    expect(isDocumentNumber("1007/KH-UBND ngày 04/4/2024")).toBe(true);
    expect(isDocumentNumber("đã gửi")).toBe(false);
    const ok = registryWith({ "plan-tasks.yaml": (t) => t.replace("https://example.org/vi/news/a/x-1.html", "12/BC-SNV ngày 3/4/2024") });
    expect(loadRegistryDir(ok).issues).toEqual([]);
    const bad = registryWith({ "plan-tasks.yaml": (t) => t.replace("https://example.org/vi/news/a/x-1.html", "đã gửi") });
    expect(loadRegistryDir(bad).issues.map((i) => `${i.field}: ${i.message}`)).toEqual([
      'tasks[0].evidence[0]: "đã gửi" không phải đường dẫn (http/https) cũng không phải số văn bản như "125/BC-STC" hoặc "125/BC-STC ngày 15/6/2024"',
    ]);
  });

  it("rejects a deadline that does not match 'trước ngày D'", () => {
    const dir = registryWith({ "plan-tasks.yaml": (t) => t.replace(/deadline_text: .*/, "deadline_text: Trước ngày 31/3/2024") });
    expect(loadRegistryDir(dir).issues.map((i) => i.message)).toEqual([
      'hạn 31/03/2024 không khớp với cách ghi "Trước ngày 31/3/2024", tức là 30/03/2024 ("trước ngày D" là ngày liền trước ngày D)',
    ]);
  });
});

describe("split rows", () => {
  it("splits a periodic report into one dated row per reporting period, each with its own status and evidence", () => {
    const { registry } = loadRegistryDir(registryWith({ "plan-tasks.yaml": TASKS }));
    const rows = taskRows(registry.tasks).filter((t) => t.task_id === "g-report");
    expect(rows.map((r) => [r.id, r.period, r.deadline, r.evidence])).toEqual([
      ["g-report-1", "Quý I", "2024-03-19", ["12/BC-VP"]],
      ["g-report-2", "6 tháng", "2024-06-19", []],
    ]);
  });
});
