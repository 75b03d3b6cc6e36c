/**
 * The CLI side of issue 11: a mistyped --db is refused (nothing created),
 * `cchc override` takes an override to every number in one command, and
 * `cchc coverage` prints the coverage mart for the agency asked for only.
 */
import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceCsv } from "../../pipelines/evidence/files.ts";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";
import { buildWarehouse, evidenceRow, FIXTURE_REGISTRY } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const cchc = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "cchc.mjs"), ...args], { cwd: ROOT, encoding: "utf-8" });

describe("a mistyped --db", () => {
  it("is refused with a clear message by every command that does not create a warehouse, and nothing is created", () => {
    const dir = mkdtempSync(join(tmpdir(), "cchc-nodb-"));
    try {
      const db = join(dir, "missing.duckdb");
      const csv = join(dir, "e.csv");
      writeFileSync(csv, evidenceCsv([evidenceRow({ agency_id: "so-tu-phap", channel: "zalo", date: "01/03/2024", title: "Tin Zalo", url: "https://zalo.me/x/1" })]));
      for (const args of [
        ["crawl-health", "--db", db],
        ["report", "--db", db, "--registry", FIXTURE_REGISTRY],
        ["analyse", "--db", db, "--registry", FIXTURE_REGISTRY],
        ["evidence", "import", csv, "--db", db, "--registry", FIXTURE_REGISTRY],
        ["export", "evidence", "--year", "2024", "--db", db, "--out", join(dir, "x.csv")],
        ["coverage", "--year", "2024", "--db", db],
        ["briefing", "--month", "2024-05", "--pdf", join(dir, "b.pdf"), "--db", db],
        ["scorecard", "--agency", "so-tu-phap", "--year", "2024", "--pdf", join(dir, "b.pdf"), "--db", db],
      ]) {
        const run = cchc(...args);
        expect(run.status, args.join(" ")).not.toBe(0);
        expect(run.stderr, args.join(" ")).toContain(`kho dữ liệu ${db} không tồn tại`);
        expect(existsSync(db), args.join(" ")).toBe(false);
      }
      expect(existsSync(join(dir, "b.pdf"))).toBe(false);
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  }, 120_000);
});

describe("cchc override and cchc coverage", () => {
  let db: string;
  beforeAll(async () => {
    db = await buildWarehouse({
      now: new Date(),
      sources: [
        { id: "stp", agency_id: "so-tu-phap", channel: "provincial_portal" },
        { id: "snv", agency_id: "so-noi-vu", channel: "provincial_portal" },
      ],
      articles: [
        { source: "stp", id: "1", title: "Sở Tư pháp cải cách thủ tục hành chính", published_at: "2024-02-10T09:00:00+07:00" },
        { source: "snv", id: "1", title: "Sở Nội vụ cải cách thủ tục hành chính", published_at: "2024-02-11T09:00:00+07:00", body: "Sở Nội vụ triển khai dịch vụ công trực tuyến toàn trình, số hóa hồ sơ thủ tục hành chính, giải quyết hồ sơ đúng hạn tại bộ phận một cửa." },
      ],
    });
  });
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  const portalQ1 = () =>
    withWarehouse(
      db,
      (w) => w.one("SELECT actual FROM coverage WHERE target_id = 't2024-1007-v1c-provincial-portal' AND agency_id = 'so-tu-phap' AND period = '2024-Q1'"),
      { readOnly: true },
    );

  it("takes an exclusion to the coverage numbers in one command", async () => {
    expect(await portalQ1()).toMatchObject({ actual: 1 });
    const run = cchc("override", "--article", "stp:1", "--exclude", "--by", "Lê Thị Hoa", "--why", "Không phải tin CCHC", "--db", db, "--registry", FIXTURE_REGISTRY);
    expect(run.status, run.stderr).toBe(0);
    expect(run.stdout).toContain("không còn được tính: 1007/KH-UBND V.1.c · Sở Tư pháp tỉnh Tây Ninh · Quý I/2024");
    expect(await portalQ1()).toMatchObject({ actual: 0 });
  }, 60_000);

  it("prints the coverage mart for the agency asked for only, one entry per counted item", () => {
    const run = cchc("coverage", "--year", "2024", "--agency", "so-noi-vu", "--format", "json", "--db", db);
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as { agency_id: string; clause: string; period: string; actual: number; items: number; item_keys: string; status_label: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(new Set(rows.map((r) => r.agency_id))).toEqual(new Set(["so-noi-vu"]));
    const q1 = rows.find((r) => r.clause === "V.1.c" && r.period === "2024-Q1")!;
    expect(q1).toMatchObject({ actual: 1, items: 1, item_keys: "article:snv:1", status_label: "Đạt" });
    const table = cchc("coverage", "--year", "2024", "--agency", "so-noi-vu", "--db", db);
    expect(table.stdout).toContain("Quý I/2024");
    expect(table.stdout).not.toMatch(/\b(met|missed|on_track|at_risk|provincial_portal)\b/);
  }, 60_000);

  it("prints this year's provisional targets as 'tạm tính theo <plan> <clause>', never as the plan's own numbers", () => {
    const year = new Intl.DateTimeFormat("en-CA", { timeZone: "Asia/Ho_Chi_Minh", year: "numeric" }).format(new Date());
    const run = cchc("coverage", "--year", year, "--agency", "so-tu-phap", "--format", "json", "--db", db);
    expect(run.status, run.stderr).toBe(0);
    const rows = JSON.parse(run.stdout) as { provisional: boolean; provisional_label: string | null; clause: string }[];
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.provisional && r.provisional_label === `tạm tính theo 1007/KH-UBND ${r.clause}`)).toBe(true);
    const table = cchc("coverage", "--year", year, "--agency", "so-tu-phap", "--db", db);
    expect(table.stdout).toContain("tạm tính theo 1007/KH-UBND V.1.c");
    expect(table.stdout).not.toMatch(/^1007\/KH-UBND /m);
  }, 60_000);
});
