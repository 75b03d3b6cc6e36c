import { spawnSync } from "node:child_process";
import { existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { FIXTURE_REGISTRY } from "../report/helpers.ts";
import { lineOf, MINIMAL, registryWith } from "./helpers.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const cchc = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "cchc.mjs"), ...args], { cwd: ROOT, encoding: "utf-8" });

// Every command reads a fixture registry (--dir), never the shipped, analyst-edited registry/.
describe("cchc registry / agencies / targets", () => {
  it("rejects a malformed registry with located messages and writes nothing", () => {
    const dir = registryWith({ "targets.yaml": (t) => t.replace("who: so-b", "who: so-khong-co") });
    const check = cchc("registry", "check", "--dir", dir);
    expect(check.status).not.toBe(0);
    expect(check.stderr).toContain(`${join(dir, "targets.yaml")}:${lineOf(dir, "targets.yaml", "so-khong-co")}: targets[1].who: không có cơ quan mã "so-khong-co" trong danh mục (agencies.yaml)`);
    expect(check.stderr).toContain(`sổ đăng ký ở ${dir} có 1 lỗi; chưa ghi gì`);
    const out = mkdtempSync(join(tmpdir(), "cchc-db-"));
    try {
      const load = cchc("registry", "load", "--dir", dir, "--db", join(out, "w.duckdb"));
      expect(load.status).not.toBe(0);
      expect(existsSync(join(out, "w.duckdb"))).toBe(false);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  });

  it("lists the 15 provincial bodies on 2025-07-01", () => {
    const run = cchc("agencies", "--at", "2025-07-01", "--kind", "so_ban_nganh", "--format", "json", "--dir", FIXTURE_REGISTRY);
    expect(run.status).toBe(0);
    const rows = JSON.parse(run.stdout);
    expect(rows).toHaveLength(15);
    expect(rows.map((r: { id: string }) => r.id)).toContain("so-nong-nghiep-moi-truong");
  });

  it("lists the 2024 targets with their clauses, and the city plan's appendix carried as provisional", () => {
    const run = cchc("targets", "--year", "2024", "--format", "json", "--dir", FIXTURE_REGISTRY);
    expect(run.status).toBe(0);
    const rows: { plan: string; clause: string; min_count: number | null; period: string; year: number; who: string; channels: string }[] = JSON.parse(run.stdout);
    const find = (plan: string, clause: string, period: string) => rows.filter((r) => r.plan === plan && r.clause === clause && r.period === period);
    expect(find("1007/KH-UBND", "V.1.b", "year").map((r) => r.min_count)).toContain(12);
    expect(find("1007/KH-UBND", "V.1.c", "quarter")[0]).toMatchObject({ min_count: 1, channels: "provincial_portal" });
    expect(find("1007/KH-UBND", "V.6", "quarter")[0]).toMatchObject({ min_count: 1, who: "so-ke-hoach-dau-tu" });
    expect(find("1007/KH-UBND", "V.7", "quarter")[0]).toMatchObject({ min_count: 1, who: "so-tai-nguyen-moi-truong" });
    expect(find("1007/KH-UBND", "V.8.a", "month")[0]).toMatchObject({ min_count: 1, channels: "broadcaster", who: "dai-ptth-tay-ninh" });
    // the city had no 2024 plan entered: its 2023 appendix counts as 2024 targets, marked as such
    expect(find("31/KH-UBND", "Phụ lục II", "quarter")[0]).toMatchObject({ min_count: 4, year: 2024, provisional: true, basis: "tạm tính theo 31/KH-UBND Phụ lục II" });
    expect(rows.every((r) => r.year === 2024)).toBe(true);
    const only = JSON.parse(cchc("targets", "--year", "2024", "--only-year", "--format", "json", "--dir", FIXTURE_REGISTRY).stdout);
    expect(only.length).toBeGreaterThan(0);
    expect(only.every((r: { year: number; provisional: boolean }) => r.year === 2024 && !r.provisional)).toBe(true);
  });

  it("lists 2026 targets as provisional rows of 2026, never the 2023/2024 rows themselves", () => {
    const rows: { year: number; provisional: boolean; basis: string; who: string }[] = JSON.parse(cchc("targets", "--year", "2026", "--format", "json", "--dir", FIXTURE_REGISTRY).stdout);
    expect(rows.length).toBeGreaterThan(0);
    expect(rows.every((r) => r.year === 2026 && r.provisional && r.basis.startsWith("tạm tính theo "))).toBe(true);
    expect(rows.find((r) => r.basis === "tạm tính theo 1007/KH-UBND V.6")).toMatchObject({ who: "so-tai-chinh" });
    expect(JSON.parse(cchc("targets", "--year", "2026", "--only-year", "--format", "json", "--dir", FIXTURE_REGISTRY).stdout)).toEqual([]);
  });

  it("says why a year has no targets and what to do", () => {
    const run = cchc("targets", "--year", "2026", "--only-year", "--dir", FIXTURE_REGISTRY);
    expect(run.status).toBe(0);
    expect(run.stdout).toContain("Chưa có chỉ tiêu nào cho năm 2026");
    expect(run.stdout).toContain("cchc plan draft --year 2026");
  });

  it("lists plan tasks by status from the warehouse's plan-task mart, with their evidence; refuses a missing --db", () => {
    const out = mkdtempSync(join(tmpdir(), "cchc-db-"));
    try {
      const db = join(out, "w.duckdb");
      expect(cchc("tasks", "--db", db).stderr).toContain("không tồn tại");
      expect(existsSync(db)).toBe(false);
      expect(cchc("registry", "load", "--dir", MINIMAL, "--db", db, "--create").status).toBe(0);
      const done = JSON.parse(cchc("tasks", "--db", db, "--status", "done", "--format", "json").stdout);
      expect(done).toEqual([expect.objectContaining({ task_id: "task-1", status: "done", status_label: "✓ Hoàn thành", evidence_links: "https://example.org/vi/news/a/x-1.html", deadline: "2024-03-31" })]);
      expect(JSON.parse(cchc("tasks", "--db", db, "--status", "todo", "--format", "json").stdout)).toEqual([]);
      const fixture = join(out, "f.duckdb");
      expect(cchc("registry", "load", "--dir", FIXTURE_REGISTRY, "--db", fixture, "--create").status).toBe(0);
      const overdue = JSON.parse(cchc("tasks", "--db", fixture, "--status", "overdue", "--today", "2026-12-01", "--format", "json").stdout);
      expect(overdue.map((t: { task_id: string }) => t.task_id)).toContain("stc24-i-1");
      const table = cchc("tasks", "--db", fixture, "--today", "2026-12-01").stdout;
      expect(table).toContain("Quá hạn");
      expect(table).not.toMatch(/\b(?:overdue|todo|chi_dao_dieu_hanh)\b/);
    } finally {
      rmSync(out, { recursive: true, force: true });
    }
  }, 120_000); // several CLI runs in a row: slow on a loaded machine

  it("prints Vietnamese labels in its tables, never a raw code (agency kinds, periods, channels, measures)", () => {
    const agencies = cchc("agencies", "--at", "2025-07-01", "--dir", FIXTURE_REGISTRY);
    const targets = cchc("targets", "--year", "2024", "--dir", FIXTURE_REGISTRY);
    for (const run of [agencies, targets]) {
      expect(run.status, run.stderr).toBe(0);
      expect(run.stdout).not.toMatch(/\b(?:so_ban_nganh|ubnd_huyen|quarter|month|year|provincial_portal|mass_media|own_portal|items|visits|staff_informed)\b/);
    }
    expect(targets.stdout).toContain("Quý");
  });

  it("refuses an impossible --at date", () => {
    const run = cchc("agencies", "--at", "31/02/2025", "--dir", FIXTURE_REGISTRY);
    expect(run.status).not.toBe(0);
    expect(run.stderr).toContain('"31/02/2025" không phải là ngày có thật');
  });
});
