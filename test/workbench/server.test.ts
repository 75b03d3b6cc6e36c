/**
 * The workbench API in-process (startServer, no browser, no site build) on a
 * warehouse holding the project's registry and no article: evidence upload with
 * located errors, plan-task updates, the plan-import hook, the audit log (API and
 * `cchc audit`), a disabled account, the busy warehouse.
 */
import { mkdirSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { evidenceCsv } from "../../pipelines/evidence/files.ts";
import { planCsv } from "../../pipelines/plans/plan-file.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { Warehouse, withWarehouse } from "../../pipelines/warehouse/db.ts";
import { startServer, type RunningServer } from "../../pipelines/workbench/server.ts";
import { fixtureRegistryCopy } from "../fixtures/registries.ts";
import { ApiClient, cchc } from "./serve-child.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-wb-api-"));
const db = join(dir, "w.duckdb");
let server: RunningServer;
const log: string[] = [];
// A copy of the fixture registry: the plan-import hook writes a registry, never the shipped one.
const registry = fixtureRegistryCopy({ carryForward: true });

beforeAll(async () => {
  await refreshAfterCrawl(db, { create: true, registryDir: registry.dir }); // registry loaded, no article
  cchc(["user", "add", "pt", "--role", "analyst", "--db", db], "mat-khau-phan-tich\n");
  cchc(["user", "add", "cb", "--role", "agency_editor", "--agency", "so-tai-chinh", "--db", db, "--registry", registry.dir], "mat-khau-co-quan\n");
  cchc(["user", "add", "xem", "--role", "viewer", "--db", db], "mat-khau-chi-xem\n");
  mkdirSync(join(dir, "dist"));
  server = await startServer({ db, port: 0, out: join(dir, "dist"), build: false, rebuildAfterWrites: false, registryDir: registry.dir, log: (l) => log.push(l) });
}, 120_000);

afterAll(async () => {
  await server?.close();
  rmSync(dir, { recursive: true, force: true });
  registry.remove();
});

async function upload(api: ApiClient, name: string, body: string) {
  const form = new FormData();
  form.append("file", new Blob([body]), name);
  const cookie = (api as unknown as { cookies: Map<string, string> }).cookies;
  const response = await fetch(`${server.url}/api/evidence/upload`, {
    method: "POST",
    headers: { "x-csrf-token": api.csrf, cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join("; ") },
    body: form,
  });
  return { status: response.status, data: (await response.json()) as Record<string, unknown> };
}

const row = (over: Record<string, string> = {}) => ({
  agency_id: "so-tai-chinh", channel: "facebook", date: "03/10/2025", title: "Bài đăng trang Facebook của Sở",
  url: "https://facebook.example.vn/so/1", reference: "", sessions: "", attendance: "", reform_area: "", target_id: "", notes: "", ...over,
});

describe("workbench API", () => {
  it("uploads a filled template all or nothing, showing the importer's located errors", async () => {
    const api = new ApiClient(server.url);
    expect((await api.signIn("cb", "mat-khau-co-quan")).status).toBe(200);
    const bad = await upload(api, "minh-chung.csv", evidenceCsv([row(), row({ title: "Tập huấn", channel: "training", date: "32/13/2025" })] as never));
    expect(bad.status).toBe(400);
    expect(bad.data.problems).toEqual([expect.stringMatching(/^minh-chung\.csv: dòng 3, cột date: /), 'minh-chung.csv: dòng 3, cột attendance: bắt buộc với kênh "training" (Lớp tập huấn, bồi dưỡng)']);
    const count = () => withWarehouse(db, async (w) => Number((await w.one("SELECT count(*) AS n FROM evidence_items"))!.n), { readOnly: true });
    expect(await count()).toBe(0);

    const foreign = await upload(api, "khac.csv", evidenceCsv([row(), row({ agency_id: "so-tu-phap", title: "Tin khác" })] as never));
    expect(foreign.status).toBe(403);
    expect(foreign.data.problems).toEqual(['khac.csv: dòng 3, cột agency_id: "so-tu-phap" không phải cơ quan của tài khoản']);
    expect(await count()).toBe(0);

    const good = await upload(api, "minh-chung.csv", evidenceCsv([row(), row({ title: "Bài thứ hai", url: "https://facebook.example.vn/so/2" })] as never));
    expect(good.status).toBe(200);
    expect(await count()).toBe(2);
    expect(log.filter((l) => l.startsWith("write committed: evidence.upload"))).toHaveLength(1);
  });

  it("updates a plan task's status and evidence (analyst), refuses a viewer, validates", async () => {
    const viewer = new ApiClient(server.url);
    await viewer.signIn("xem", "mat-khau-chi-xem");
    expect((await viewer.request("POST", "/api/tasks/stc24-i-1", { status: "done", evidence: [], reason: "x" })).status).toBe(403);

    const api = new ApiClient(server.url);
    await api.signIn("pt", "mat-khau-phan-tich");
    const bad = await api.request("POST", "/api/tasks/stc24-i-1", { status: "finished", evidence: ["ftp://x"], reason: "" });
    expect(bad.status).toBe(400);
    expect(bad.data.problems).toEqual(["reason: bắt buộc"]);
    const bad2 = await api.request("POST", "/api/tasks/stc24-i-1", { status: "finished", evidence: ["ftp://x"], reason: "r" });
    expect(bad2.data.problems).toEqual([expect.stringMatching(/^status: /), 'evidence: "ftp://x" không phải đường dẫn http(s)']);
    expect((await api.request("POST", "/api/tasks/khong-co", { status: "done", reason: "r" })).status).toBe(404);
    const ok = await api.request("POST", "/api/tasks/stc24-i-1", { status: "done", evidence: ["Số 15/BC-STC", "https://stc.tayninh.gov.vn/bc"], reason: "Đã ban hành báo cáo" });
    expect(ok.status).toBe(200);
    const t = await withWarehouse(db, (w) => w.one("SELECT status, evidence FROM plan_tasks_effective WHERE task_id = 'stc24-i-1'"), { readOnly: true });
    expect(t).toEqual({ status: "done", evidence: ["Số 15/BC-STC", "https://stc.tayninh.gov.vn/bc"] });
    // A registry reload keeps the update (it lives beside plan_tasks, not in it).
    await refreshAfterCrawl(db, { registryDir: registry.dir });
    expect(await withWarehouse(db, (w) => w.one("SELECT status FROM plan_tasks_effective WHERE task_id = 'stc24-i-1'"), { readOnly: true })).toEqual({ status: "done" });
  });

  it("imports a plan template through cchc plan import: a bad file is refused with located problems and writes nothing; an unknown provisional target is refused", async () => {
    const api = new ApiClient(server.url);
    await api.signIn("pt", "mat-khau-phan-tich");
    const targetsFile = join(registry.dir, "targets.yaml");
    const before = readFileSync(targetsFile, "utf-8");
    const form = new FormData();
    form.append("file", new Blob(["a,b\n1,2\n"]), "ke-hoach.csv");
    const cookie = (api as unknown as { cookies: Map<string, string> }).cookies;
    const r = await fetch(`${server.url}/api/plans/import`, { method: "POST", headers: { "x-csrf-token": api.csrf, cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join("; ") }, body: form });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { problems: string[] };
    expect(body.problems.length).toBeGreaterThan(0);
    expect(body.problems[0]).toMatch(/dòng \d+/);
    expect(readFileSync(targetsFile, "utf-8")).toBe(before);
    expect((await api.request("POST", "/api/targets/p2026-khong-co/confirm", {})).status).toBe(400);
  });

  it("refuses a plan that parses but would make the registry invalid: 400 with the registry problems located in the registry's own file, nothing written", async () => {
    const api = new ApiClient(server.url);
    await api.signIn("pt", "mat-khau-phan-tich");
    const targetsFile = join(registry.dir, "targets.yaml");
    const before = readFileSync(targetsFile, "utf-8");
    // District people's committees are gone in 2026 (the 2025 lineage): the row parses, the registry check refuses it.
    const csv = planCsv([{ so_ke_hoach: "9/KH-UBND", ngay_ban_hanh: "10/02/2026", nam: "2026", co_quan_ban_hanh: "ubnd-tinh-tay-ninh", ten_ke_hoach: "Kế hoạch tuyên truyền CCHC năm 2026", muc: "I.1", doi_tuong: "loại: ubnd_huyen", kenh: "mass_media", toi_thieu: "2", ky: "năm", mo_ta: "Ít nhất 02 tin, bài" }]);
    const form = new FormData();
    form.append("file", new Blob([csv]), "ke-hoach-2026.csv");
    const cookie = (api as unknown as { cookies: Map<string, string> }).cookies;
    const r = await fetch(`${server.url}/api/plans/import`, { method: "POST", headers: { "x-csrf-token": api.csrf, cookie: [...cookie].map(([k, v]) => `${k}=${v}`).join("; ") }, body: form });
    expect(r.status).toBe(400);
    const body = (await r.json()) as { problems: string[] };
    expect(body.problems).toEqual([expect.stringMatching(/^.*targets\.yaml:\d+: targets\[\d+\]\.who: không chọn được cơ quan nào trong năm 2026$/)]);
    expect(body.problems[0].startsWith(targetsFile)).toBe(true);
    expect(readFileSync(targetsFile, "utf-8")).toBe(before);
  });

  it("shows the audit log (API and cchc audit) with who, what, before and after", async () => {
    const api = new ApiClient(server.url);
    await api.signIn("pt", "mat-khau-phan-tich");
    const { data } = await api.request("GET", "/api/audit");
    const entries = data.entries as Array<Record<string, unknown>>;
    const task = entries.find((e) => e.action === "task.update")!;
    expect(task).toMatchObject({ actor: "pt", role: "analyst", subject: "stc24-i-1", reason: "Đã ban hành báo cáo", action_label: "Cập nhật nhiệm vụ kế hoạch" });
    expect((task.after as Record<string, unknown>).status).toBe("done");
    expect((task.before as Record<string, unknown>).status).not.toBe("done");
    expect(entries.some((e) => e.action === "evidence.upload" && e.actor === "cb")).toBe(true);
    expect(JSON.stringify(entries)).not.toMatch(/argon2/);
    const printed = cchc(["audit", "--db", db]);
    expect(printed).toContain("Cập nhật nhiệm vụ kế hoạch");
    expect(printed).toContain("Tải lên tệp minh chứng");
    expect((await new ApiClient(server.url).request("GET", "/api/audit")).status).toBe(401);
  });

  it("a disabled account can no longer write with its open session, nor sign in", async () => {
    const api = new ApiClient(server.url);
    await api.signIn("cb", "mat-khau-co-quan");
    cchc(["user", "disable", "cb", "--db", db]);
    const r = await api.request("POST", "/api/evidence", row({ title: "Sau khi khóa" }));
    expect(r.status).toBe(401);
    expect((await new ApiClient(server.url).signIn("cb", "mat-khau-co-quan")).status).toBe(401);
    expect(cchc(["user", "list", "--db", db])).toMatch(/cb .*đã khóa/);
  });

  it("answers 503 with Retry-After, writing nothing, while another process holds the warehouse", async () => {
    const api = new ApiClient(server.url);
    await api.signIn("pt", "mat-khau-phan-tich");
    const { spawn } = await import("node:child_process");
    const holder = spawn(process.execPath, ["--import", "tsx", "-e", `
      const { Warehouse } = await import(${JSON.stringify(join(import.meta.dirname, "../../pipelines/warehouse/db.ts"))});
      const w = await Warehouse.open(${JSON.stringify(db)}); console.log("HOLDING"); setTimeout(() => w.close().then(() => process.exit(0)), 4000);`], { stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve) => holder.stdout!.on("data", (d) => String(d).includes("HOLDING") && resolve()));
    const r = await api.request("POST", "/api/tasks/stc24-i-1", { status: "todo", reason: "r" });
    expect(r.status).toBe(503);
    expect(r.headers.get("retry-after")).toBe("30");
    await new Promise((resolve) => holder.on("exit", resolve));
    expect(await withWarehouse(db, (w) => w.one("SELECT status FROM plan_tasks_effective WHERE task_id = 'stc24-i-1'"), { readOnly: true })).toEqual({ status: "done" });
  });

  it("a mistyped --db is refused and creates nothing", async () => {
    await expect(startServer({ db: join(dir, "khong-co.duckdb"), port: 0, build: false })).rejects.toThrow(/does not exist/);
    expect(() => cchc(["user", "list", "--db", join(dir, "khong-co.duckdb")])).toThrow(/không có kho dữ liệu/);
  });
});
