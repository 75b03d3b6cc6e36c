// @vitest-environment jsdom
/**
 * The Kế hoạch page's task form (src/components/workbench.js taskForm): its status choices are the
 * shipped vocabulary's recorded statuses (data/vocabulary.json, no second list of labels), and it
 * starts from the status the analyst recorded, not the one the mart computes for today.
 */
import { beforeAll, describe, expect, it } from "vitest";
import { setVocabulary } from "../../src/components/format.js";
// @ts-expect-error plain JS module of the site
import { taskForm } from "../../src/components/workbench.js";
import { terms, vocabularyRows } from "../../pipelines/vocabulary/index.ts";

const session = { user: { name: "pt", capabilities: ["task.update"] } };
const task = (over: Record<string, unknown>) => ({ task_id: "t-1", task: "Nhiệm vụ một", recorded_status: "todo", status: "todo", evidence_links: null, evidence_documents: null, ...over });

beforeAll(() => {
  // what data-loaders write to src/data/vocabulary.json: { domain: { code: { label, short, description } } }
  const data: Record<string, Record<string, unknown>> = {};
  for (const r of vocabularyRows()) (data[r.domain] ??= {})[r.code] = { label: r.label, short: r.short, description: r.description };
  setVocabulary(data);
});

const select = (form: HTMLFormElement, name: string) => form.querySelector(`select[name="${name}"]`) as HTMLSelectElement;

describe("task form", () => {
  it("offers the vocabulary's recorded statuses with their labels", () => {
    const form = taskForm(session, [task({})]) as HTMLFormElement;
    const options = [...select(form, "status").options].map((o) => [o.value, o.textContent]);
    expect(options).toEqual(terms("task_status").map((t) => [t.code, t.label]));
  });

  it("starts from the recorded status, not the computed one, and keeps every piece of evidence", () => {
    const tasks = [
      task({ task_id: "t-1", recorded_status: "in_progress", status: "overdue" }),
      task({ task_id: "t-2", recorded_status: "todo", status: "done", evidence_links: "https://example.org/a https://example.org/b", evidence_documents: "12/BC-VP; 13/KH-VP" }),
    ];
    const form = taskForm(session, tasks) as HTMLFormElement;
    expect(select(form, "status").value).toBe("in_progress");
    select(form, "task_id").value = "t-2";
    select(form, "task_id").dispatchEvent(new Event("change"));
    expect(select(form, "status").value).toBe("todo");
    expect((form.querySelector("textarea[name=evidence]") as HTMLTextAreaElement).value.split("\n")).toEqual([
      "https://example.org/a", "https://example.org/b", "12/BC-VP", "13/KH-VP",
    ]);
  });
});
