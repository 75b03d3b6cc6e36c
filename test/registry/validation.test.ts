import { rmSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { loadRegistry, loadRegistryDir } from "../../pipelines/registry/load.ts";
import { formatIssue, RegistryValidationError } from "../../pipelines/registry/yaml-source.ts";
import { lineOf, MINIMAL, registryWith } from "./helpers.ts";

/** The located messages of a registry directory, file names relative to it. */
function problems(dir: string): string[] {
  return loadRegistryDir(dir).issues.map((i) => formatIssue({ ...i, file: i.file.replace(`${dir}/`, "") }));
}

describe("registry validation", () => {
  it("accepts the minimal fixture", () => {
    expect(loadRegistryDir(MINIMAL).issues).toEqual([]);
  });

  it("rejects an unknown agency id in a target, at the line of the id", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("who: so-b", "who: so-khong-co") });
    expect(problems(dir)).toEqual([`targets.yaml:${lineOf(dir, "targets.yaml", "so-khong-co")}: targets[1].who: không có cơ quan mã "so-khong-co" trong danh mục (agencies.yaml)`]);
  });

  it("rejects an unknown agency id in a source", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace("agency_id: so-a", "agency_id: so-x") });
    expect(problems(dir)).toEqual([`sources.yaml:${lineOf(dir, "sources.yaml", "so-x")}: sources[1].agency_id: không có cơ quan mã "so-x" trong danh mục (agencies.yaml)`]);
  });

  it("rejects overlapping validity between an agency and its successor", () => {
    const dir = registryWith({ "agencies.yaml": (t) => t.replace("valid_to: 2025-02-28\n    successors:\n      - { id: so-c", "valid_to: 2025-05-31\n    successors:\n      - { id: so-c") });
    expect(problems(dir)).toEqual([
      `agencies.yaml:${lineOf(dir, "agencies.yaml", "{ id: so-c")}: agencies[1].successors[0].date: hiệu lực chồng lấn: so-a còn hiệu lực đến 31/05/2025 nhưng so-c tiếp nhận từ 01/03/2025`,
    ]);
  });

  it("rejects an agency that outlives its parent", () => {
    const dir = registryWith({ "agencies.yaml": (t) => t.replace("kind: provincial_government", "kind: provincial_government\n    valid_to: 2024-12-31") });
    const all = problems(dir);
    expect(all).toContain(`agencies.yaml:${lineOf(dir, "agencies.yaml", "parent: ubnd-tinh")}: agencies[1].parent: so-a (hiệu lực … – 28/02/2025) tồn tại lâu hơn cơ quan cấp trên ubnd-tinh (hiệu lực … – 31/12/2024)`);
    expect(all).toHaveLength(4);
  });

  it("lets a continuing agency hand a part of its functions on (part_to) without ending", () => {
    const dir = registryWith({ "agencies.yaml": (t) => t.replace("valid_from: 2025-03-01", "valid_from: 2025-03-01\n    successors:\n      - { id: ubnd-h-mot, date: 2025-04-01, relation: part_to }") });
    expect(problems(dir)).toEqual([]);
    const ended = registryWith({ "agencies.yaml": (t) => t.replace("valid_from: 2025-03-01", "valid_from: 2025-03-01\n    successors:\n      - { id: ubnd-h-mot, date: 2025-04-01, relation: merged_into }") });
    expect(problems(ended)[0]).toMatch(/agencies\[3\]\.valid_to: cơ quan có cơ quan kế thừa phải có valid_to/);
  });

  it("rejects one name for two agencies valid at the same time", () => {
    const dir = registryWith({ "agencies.yaml": (t) => t.replace("short_names: [Sở Bêta]", "short_names: [Sở Bêta, So Alpha]") });
    const [message] = problems(dir);
    expect(message).toMatch(/^agencies\.yaml:\d+: agencies\[2\]\.aliases: hiệu lực chồng lấn: tên "so alpha" cũng là tên của so-a/);
    expect(message.split(":")[1]).toBe(String(lineOf(dir, "agencies.yaml", "id: so-b")));
  });

  it("rejects a bad cron expression", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace('schedule: "0 6 * * *"', 'schedule: "61 6 * * *"') });
    const [message, ...rest] = problems(dir);
    expect(rest).toEqual([]);
    expect(message).toMatch(/^sources\.yaml:\d+: sources\[0\]\.schedule: biểu thức lịch cron "61 6 \* \* \*" không hợp lệ \(.*minute.*\)$/);
    expect(message.split(":")[1]).toBe(String(lineOf(dir, "sources.yaml", "61 6")));
  });

  it("rejects an impossible date such as 31/02", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("issued: 2024-01-15", "issued: 31/02/2024") });
    expect(problems(dir)).toEqual([`targets.yaml:${lineOf(dir, "targets.yaml", "31/02")}: plans[0].issued: "31/02/2024" không phải ngày có thật (ghi YYYY-MM-DD hoặc DD/MM/YYYY)`]);
  });

  it("rejects a duplicated id, naming the first", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("id: t-land", "id: t-yearly") });
    expect(problems(dir)).toEqual([`targets.yaml:${lineOf(dir, "targets.yaml", "id: t-yearly", 2)}: targets[1].id: mã chỉ tiêu "t-yearly" bị trùng (đã có ở ${dir}/targets.yaml:${lineOf(dir, "targets.yaml", "id: t-yearly")})`]);
  });

  it("rejects a source id used again in the DEMO file", () => {
    const dir = registryWith({ "demo/sources.yaml": (t) => t.replace("id: demo-a", "id: portal") });
    expect(problems(dir)).toEqual([expect.stringMatching(/^demo\/sources\.yaml:2: sources\[0\]\.id: mã nguồn "portal" bị trùng \(đã có ở .*sources\.yaml:2\)$/)]);
  });

  it("rejects a URL with a non-http scheme", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://a.example.org", "base_url: ftp://a.example.org") });
    expect(problems(dir)).toEqual([
      `sources.yaml:${lineOf(dir, "sources.yaml", "ftp:")}: sources[1].base_url: "ftp://a.example.org": chỉ nhận địa chỉ http và https, không nhận ftp:`,
      `sources.yaml:${lineOf(dir, "sources.yaml", "ftp:")}: sources[1].base_url: nguồn thu thập được (crawlable) cần base_url`,
    ]);
  });

  it("rejects javascript: evidence links on plan tasks", () => {
    const dir = registryWith({ "plan-tasks.yaml": (t) => t.replace("https://example.org/vi/news/a/x-1.html", '"javascript:alert(1)"') });
    expect(problems(dir)).toEqual([`plan-tasks.yaml:${lineOf(dir, "plan-tasks.yaml", "javascript:")}: tasks[0].evidence[0]: "javascript:alert(1)": chỉ nhận địa chỉ http và https, không nhận javascript:`]);
  });

  it("rejects unknown fields, kinds and channels (typos)", () => {
    const dir = registryWith({
      "agencies.yaml": (t) => t.replace("kind: ubnd_huyen", "kind: ubnd_huyn"),
      "targets.yaml": (t) => t.replace("min_count: 4", "min_cout: 4").replace("channels: [provincial_portal]", "channels: [provincal_portal]"),
    });
    const all = problems(dir).join("\n");
    expect(all).toContain(`agencies.yaml:${lineOf(dir, "agencies.yaml", "ubnd_huyn")}: agencies[4].kind: giá trị "ubnd_huyn" không hợp lệ (chỉ nhận: `);
    expect(all).toContain(`targets.yaml:${lineOf(dir, "targets.yaml", "min_cout")}: targets[0].min_cout: trường không có trong mẫu (gõ nhầm tên?)`);
    expect(all).toContain(`targets.yaml:${lineOf(dir, "targets.yaml", "provincal_portal")}: targets[1].channels[0]: không có kênh "provincal_portal" (kênh: `);
  });

  it("reports YAML syntax errors with their line", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace("  - id: so-a-site", "  - id: so-a-site\n   bad: [") });
    expect(problems(dir)[0]).toMatch(new RegExp(`^sources\\.yaml:${lineOf(dir, "sources.yaml", "bad: [")}: \\(yaml\\): lỗi cú pháp YAML \\(.+\\)$`));
  });

  it("collects every problem of every file, and loadRegistry throws them all", () => {
    const dir = registryWith({
      "agencies.yaml": (t) => t.replace("valid_to: 2025-06-30", "valid_to: 2025-06-31"),
      "sources.yaml": (t) => t.replace('schedule: "0 6 * * *"', 'schedule: "every day"'),
    });
    expect(problems(dir)).toHaveLength(2);
    expect(() => loadRegistry(dir)).toThrow(RegistryValidationError);
    try {
      loadRegistry(dir);
    } catch (error) {
      expect((error as RegistryValidationError).issues).toHaveLength(2);
      expect((error as Error).message).toContain(`agencies.yaml:${lineOf(dir, "agencies.yaml", "2025-06-31")}: agencies[4].valid_to: "2025-06-31" không phải ngày có thật`);
    }
  });

  it("rejects two crawlable sources on one host valid at the same time", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace("base_url: https://a.example.org", "base_url: https://example.org") });
    expect(problems(dir)).toEqual([
      `sources.yaml:${lineOf(dir, "sources.yaml", "base_url: https://example.org", 2)}: sources[1].base_url: hiệu lực chồng lấn: https://example.org cũng được thu thập trong nguồn portal (dòng 2) cùng thời gian; hãy ghi valid_from / valid_to cho hai nguồn`,
    ]);
    const split = registryWith({
      "sources.yaml": (t) => t.replace("base_url: https://a.example.org", "base_url: https://example.org\n    valid_from: 2025-01-01").replace("    schedule:", "    valid_to: 2024-12-31\n    schedule:"),
    });
    expect(problems(split)).toEqual([]);
  });

  it("rejects a target whose agencies do not exist in its year", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("who: so-b", "who: so-c") });
    expect(problems(dir)).toEqual([`targets.yaml:${lineOf(dir, "targets.yaml", "who: so-c")}: targets[1].who: so-c không tồn tại trong năm 2024 (hiệu lực 01/03/2025 – …)`]);
    const none = registryWith({ "targets.yaml": (t) => t.replace("kinds: [so_ban_nganh, ubnd_huyen]", "kinds: [ubnd_xa_phuong]") });
    expect(problems(none)).toEqual([`targets.yaml:${lineOf(none, "targets.yaml", "ubnd_xa_phuong")}: targets[0].who: không chọn được cơ quan nào trong năm 2024`]);
  });

  it("points an empty required field at its own line, and a missing file at line 1", () => {
    const dir = registryWith({ "agencies.yaml": (t) => t.replace("name: Sở Bêta tỉnh Thử", "name:") });
    expect(problems(dir)).toEqual([`agencies.yaml:${lineOf(dir, "agencies.yaml", "name:", 3)}: agencies[2].name: bắt buộc, chưa có giá trị`]);
    const gone = registryWith({ "targets.yaml": "" });
    rmSync(join(gone, "targets.yaml"));
    expect(problems(gone)).toEqual(expect.arrayContaining(["targets.yaml:1: (tệp): thiếu tệp này"]));
  });

  it("can read only some files (agencies always), e.g. the DEMO sources for the farm", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("who: so-b", "who: so-khong-co") });
    const demoOnly = loadRegistryDir(dir, ["demo"]);
    expect(demoOnly.issues).toEqual([]);
    expect(demoOnly.registry.demo_sources.map((s) => s.id)).toEqual(["demo-a", "demo-portal"]);
    expect(demoOnly.registry.targets).toEqual([]);
    const brokenDemo = registryWith({ "demo/sources.yaml": (t) => t.replace("agency_id: so-a", "agency_id: so-x") });
    expect(loadRegistryDir(brokenDemo, ["demo"]).issues.map((i) => i.message)).toEqual(['không có cơ quan mã "so-x" trong danh mục (agencies.yaml)']);
  });

  it("requires agency_id for fixed attribution and forbids it for byline", () => {
    const dir = registryWith({ "sources.yaml": (t) => t.replace("attribution: byline", "attribution: byline\n    agency_id: so-a") });
    expect(problems(dir)).toEqual([`sources.yaml:${lineOf(dir, "sources.yaml", "attribution: byline")}: sources[0].attribution: attribution byline nghĩa là cơ quan được xác định từ nội dung bài: để trống agency_id`]);
  });
});
