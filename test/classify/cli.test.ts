import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { writeLabelledItems } from "../fixtures/labelled-items.ts";

const cchc = (args: string[], input = "") =>
  spawnSync(process.execPath, ["bin/cchc.mjs", ...args], { input, encoding: "utf-8", cwd: join(import.meta.dirname, "..", "..") });

describe("cchc classify / eval (the contract)", () => {
  it("adds is_cchc, score, areas, indices and matched to each JSON line, keeping its fields", () => {
    const input = [
      JSON.stringify({ id: 1, title: "Nâng cao Chỉ số PAPI và PCI của tỉnh", text: "Hội nghị bàn giải pháp cải thiện chỉ số." }),
      "",
      JSON.stringify({ id: 2, title: "Khai mạc lễ hội trái cây", text: "Nhiều nông dân tham gia." }),
    ].join("\n");
    const r = cchc(["classify"], input);
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(2);
    expect(lines[0]).toMatchObject({ id: 1, is_cchc: true, primary_area: "chi_so", indices: ["PAPI", "PCI"] });
    expect(lines[0].matched.length).toBeGreaterThan(0);
    expect(lines[1]).toMatchObject({ id: 2, is_cchc: false, areas: [] });
  });

  it("rejects a bad line naming its line number and writes nothing", () => {
    const r = cchc(["classify"], `${JSON.stringify({ title: "Cải cách hành chính" })}\n{"title": 5}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("stdin:2: title: phải là chuỗi văn bản hoặc null");
  });

  it("prints precision, recall, F1, area accuracy and the misclassified titles", () => {
    const file = writeLabelledItems("cchc-eval-");
    const r = cchc(["eval", file]);
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("độ chính xác (precision) 100%  độ nhạy (recall) 50%  F1 66,7%");
    expect(r.stdout).toContain("lĩnh vực  tỷ lệ đúng 50% (1/2");
    expect(r.stdout).toContain(`${file}:2  cần CCHC, kết quả không phải CCHC`);
    expect(r.stdout).toContain("Giải bóng chuyền hơi mừng xuân");
  });

  it("--labels labels a file's items by id (labels kept apart from the texts); unlabelled items are left out", () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-eval-labels-"));
    const texts = join(dir, "texts.jsonl");
    const labels = join(dir, "labels.jsonl");
    writeFileSync(
      texts,
      [
        { id: "a", title: "Đẩy mạnh cải cách thủ tục hành chính", text: "Bộ phận một cửa tiếp nhận hồ sơ." },
        { id: "b", title: "Thu hoạch lúa đông xuân", text: "Nông dân phấn khởi." },
        { id: "c", title: "Lễ hội văn hóa", text: "Đông vui." },
      ].map((x) => JSON.stringify(x)).join("\n"),
    );
    writeFileSync(labels, [{ id: "a", is_cchc: true }, { id: "b", is_cchc: true }].map((x) => JSON.stringify(x)).join("\n"));
    const r = cchc(["eval", texts, "--labels", labels]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("2 mục (2 CCHC, 0 không phải CCHC)");
    expect(r.stdout).toContain("độ nhạy (recall) 50%");
    writeFileSync(labels, JSON.stringify({ id: "z", is_cchc: true }));
    const bad = cchc(["eval", texts, "--labels", labels]);
    expect(bad.status).toBe(1);
    expect(bad.stderr).toContain(`${labels}:1: id: không có mục "z"`);
  });
});
