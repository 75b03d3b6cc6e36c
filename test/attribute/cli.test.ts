import { spawnSync } from "node:child_process";
import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";

const ROOT = join(import.meta.dirname, "..", "..");
const cchc = (args: string[], input = "") => spawnSync(process.execPath, ["bin/cchc.mjs", ...args], { input, encoding: "utf-8", cwd: ROOT });

describe("cchc attribute / eval-attribution (the contract)", () => {
  it("adds agency_id, method, confidence, evidence, candidates and review to each line, keeping its fields", () => {
    const input = [
      JSON.stringify({ id: "a", title: "Sở Tư pháp tổ chức tập huấn hộ tịch", text: "Sáng 2/3, hội nghị diễn ra.", date: "2024-03-02", byline: null, channel: "newspaper" }),
      "",
      JSON.stringify({ id: "b", title: "Mưa lớn kéo dài", text: "Nhiều nơi ngập.", date: null, byline: null, channel: "newspaper" }),
      JSON.stringify({ id: "c", title: "Tin Sở Ngoại vụ", text: "Bài trên trang riêng.", date: "2024-03-02", source_id: "songoaivu-portal" }),
    ].join("\n");
    const r = cchc(["attribute"], input);
    expect(r.stderr).toBe("");
    expect(r.status).toBe(0);
    const lines = r.stdout.trim().split("\n").map((l) => JSON.parse(l));
    expect(lines).toHaveLength(3);
    expect(lines[0]).toMatchObject({ id: "a", agency_id: "so-tu-phap", method: "title" });
    expect(lines[0].evidence).toContain("Sở Tư pháp");
    expect(lines[0].candidates[0]).toMatchObject({ agency_id: "so-tu-phap" });
    expect(lines[1]).toMatchObject({ id: "b", agency_id: null, method: "unattributed", candidates: [] });
    expect(lines[2]).toMatchObject({ id: "c", agency_id: "so-ngoai-vu", method: "source" });
  });

  it("rejects a bad line naming its line number and field, and writes nothing", () => {
    const r = cchc(["attribute"], `${JSON.stringify({ title: "Sở Tư pháp tổ chức" })}\n${JSON.stringify({ title: "x", date: "12/03/2024" })}\n`);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe("");
    expect(r.stderr).toContain("stdin:2: date:");
  });

  it("prints accuracy, wrong credit, unattributed, per channel and the misses", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cchc-eval-attr-")), "labelled.jsonl");
    const rows = [
      { id: "r1", title: "Sở Tư pháp tổ chức hội thi", text: "", date: "2024-01-02", channel_hint: "newspaper", expected_agency: "so-tu-phap", acceptable: [] },
      { id: "r2", title: "Lễ hội trái cây", text: "", date: null, channel_hint: "newspaper", expected_agency: "so-cong-thuong", acceptable: [] },
      { id: "r3", title: "Sở Y tế tổ chức khám bệnh", text: "", date: "2024-01-02", channel_hint: "newspaper", expected_agency: null, acceptable: [] },
      { id: "r4", title: "Hội nghị", text: "", date: null, channel_hint: "provincial_portal", expected_agency: null, acceptable: [] },
    ];
    writeFileSync(file, rows.map((r) => JSON.stringify(r)).join("\n"));
    const r = cchc(["eval-attribution", file]);
    expect(r.stderr).toBe("");
    expect(r.stdout).toContain("tỷ lệ đúng (accuracy)     50% (1/2");
    expect(r.stdout).toContain("ghi nhầm                  25% (1/4");
    expect(r.stdout).toContain("chưa xác định cơ quan     2/4");
    expect(r.stdout).toMatch(/Báo\s+3 mục/);
    expect(r.stdout).toContain("r3 ghi nhầm: cần không cơ quan nào, kết quả Sở Y tế tỉnh Tây Ninh (so-y-te)");
    expect(r.stdout).toContain("r2 chưa xác định cơ quan: cần Sở Công Thương tỉnh Tây Ninh (so-cong-thuong)");
    const json = JSON.parse(cchc(["eval-attribution", "--json", file]).stdout);
    expect(json).toMatchObject({ n: 4, right: 1, wrong: 1, unattributed: 2, wrong_on_null: 1 });
  });

  it("rejects an expected agency the registry lacks, naming file and line", () => {
    const file = join(mkdtempSync(join(tmpdir(), "cchc-eval-attr-")), "bad.jsonl");
    writeFileSync(file, `${JSON.stringify({ title: "x", expected_agency: "so-khong-co" })}\n`);
    const r = cchc(["eval-attribution", file]);
    expect(r.status).toBe(1);
    expect(r.stderr).toContain(`${file}:1: expected_agency: không có cơ quan mã "so-khong-co"`);
  });
});
