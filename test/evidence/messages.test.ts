/**
 * Every evidence code (pipelines/evidence/messages.ts) is produced by a real bad evidence file run
 * through `readAndValidate` (what `cchc evidence import` and the workbench run): the problem names
 * the file, line and column, and its message is Vietnamese (checked independently). Drift guard.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import ExcelJS from "exceljs";
import { afterAll, describe, expect, it } from "vitest";
import { lookupsFromRegistry, readAndValidate } from "../../pipelines/evidence/import.ts";
import { EVIDENCE_MESSAGES } from "../../pipelines/evidence/messages.ts";
import { EvidenceValidationError, type EvidenceIssue } from "../../pipelines/evidence/schema.ts";
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { expectNoDrift, expectVietnamese } from "../fixtures/vietnamese-messages.ts";
import { MINIMAL } from "../registry/helpers.ts";

const NOW = new Date("2026-06-01T03:00:00Z");
const LOOKUPS = lookupsFromRegistry(loadRegistry(MINIMAL));
const HEADER = ["agency_id", "channel", "date", "title", "url", "reference", "sessions", "quantity", "attendance", "media_kind", "reform_area", "target_id", "notes"];
const ROW: Record<string, string> = { agency_id: "so-c", channel: "own_portal", date: "01/05/2026", title: "Tin thử", url: "https://so-c.example.org/tin-1" };

const dir = mkdtempSync(join(tmpdir(), "cchc-ev-msg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const csv = (rows: Record<string, string>[], header = HEADER) => [header.join(","), ...rows.map((r) => header.map((k) => r[k] ?? "").join(","))].join("\n") + "\n";

interface Case {
  code: string;
  name?: string;
  data: string | Buffer | (() => Promise<Buffer>);
  line: number | null;
  field: string | null;
}

const bad = (code: string, change: Record<string, string>, field: string): Case => ({ code, data: csv([{ ...ROW, ...change }]), line: 2, field });

const noSheets = async () => {
  const wb = new ExcelJS.Workbook();
  return Buffer.from(await wb.xlsx.writeBuffer());
};

const CASES: Case[] = [
  bad("ev.agency_required", { agency_id: "" }, "agency_id"),
  bad("ev.unknown_agency", { agency_id: "so-khong-co" }, "agency_id"),
  bad("ev.required", { title: "" }, "title"),
  bad("ev.unknown_channel", { channel: "kenh_la" }, "channel"),
  bad("ev.future_date", { date: "01/01/2030" }, "date"),
  bad("ev.bad_date", { date: "31/02/2026" }, "date"),
  bad("ev.agency_not_on_day", { agency_id: "so-a" }, "agency_id"),
  bad("ev.bad_url", { url: "ftp://so-c.example.org/x" }, "url"),
  bad("ev.link_or_reference", { url: "" }, "url"),
  bad("ev.not_integer", { sessions: "hai" }, "sessions"),
  bad("ev.too_small", { sessions: "0" }, "sessions"),
  bad("ev.attendance_not_allowed", { attendance: "5" }, "attendance"),
  bad("ev.required_for_channel", { channel: "meeting" }, "attendance"),
  bad("ev.unknown_media_kind", { media_kind: "phim" }, "media_kind"),
  bad("ev.notes_required", { channel: "other" }, "notes"),
  bad("ev.unknown_area", { reform_area: "dat_dai" }, "reform_area"),
  bad("ev.unknown_target", { target_id: "t-khong-co" }, "target_id"),
  { code: "ev.duplicate", data: csv([ROW, ROW]), line: 3, field: "title" },
  { code: "ev.unknown_column", data: csv([ROW], [...HEADER, "cot_la"]), line: 1, field: null },
  { code: "ev.missing_column", data: csv([ROW], HEADER.filter((k) => k !== "channel")), line: 1, field: null },
  { code: "ev.missing_link_column", data: csv([ROW], HEADER.filter((k) => k !== "url" && k !== "reference")), line: 1, field: null },
  { code: "ev.empty_file", data: "", line: null, field: null },
  { code: "ev.unreadable_xlsx", name: "e.xlsx", data: "không phải xlsx", line: null, field: null },
  { code: "ev.no_sheet", name: "e.xlsx", data: noSheets, line: null, field: null },
  { code: "ev.bad_extension", name: "e.pdf", data: "%PDF", line: null, field: null },
];

async function issuesOf(file: string): Promise<EvidenceIssue[]> {
  try {
    await readAndValidate(file, NOW, LOOKUPS);
  } catch (error) {
    if (error instanceof EvidenceValidationError) return error.issues;
    throw error;
  }
  throw new Error(`${file} was accepted`);
}

describe("evidence messages: every code from a real bad evidence file", () => {
  CASES.forEach((c, i) => {
    it(`${c.code}: line ${c.line ?? "—"}, column ${c.field ?? "—"}`, async () => {
      const file = join(dir, `${i}-${c.name ?? "e.csv"}`);
      writeFileSync(file, typeof c.data === "function" ? await c.data() : c.data);
      const issues = await issuesOf(file);
      const issue = issues.find((x) => x.code === c.code);
      expect(issue, JSON.stringify(issues, null, 2)).toBeDefined();
      expect(issue!.file).toBe(file);
      expect([issue!.line, issue!.field]).toEqual([c.line, c.field]);
      expectVietnamese(issue!.message, issue!.params, `${c.code}: ${issue!.message}`);
    });
  });

  it("ev.file_missing: a path that is not there", async () => {
    const file = join(dir, "khong-co.csv");
    const [issue] = await issuesOf(file);
    expect(issue).toMatchObject({ code: "ev.file_missing", file, line: null, field: null });
    expectVietnamese(issue.message);
  });

  it("the error's frame and lines are Vietnamese", async () => {
    const file = join(dir, "frame.csv");
    writeFileSync(file, csv([{ ...ROW, channel: "kenh_la" }]));
    const message = await readAndValidate(file, NOW, LOOKUPS).then(
      () => "",
      (e: Error) => e.message,
    );
    expect(message.startsWith(`tệp minh chứng có 1 lỗi; chưa nhập dòng nào:\n${file}: dòng 2, cột channel: không có kênh "kenh_la" (một trong: `)).toBe(true);
  });

  it("every code of the catalogue has a fixture above", () => {
    expect([...new Set([...CASES.map((c) => c.code), "ev.file_missing"])].sort()).toEqual(Object.keys(EVIDENCE_MESSAGES).sort());
  });

  it("drift guard: the catalogue's codes are exactly the codes used in pipelines/", () => {
    expectNoDrift(EVIDENCE_MESSAGES, "ev.", "pipelines/evidence/messages.ts", ["pipelines/evidence", "pipelines/workbench"]);
  });
});
