/**
 * Every override code (pipelines/overrides/messages.ts) is produced by a real bad override: a bad
 * line of the overrides file read by `readOverridesFile` (named file:line: field), or a bad request
 * to `makeOverride` (what `cchc override` and the workbench build), or an unknown article given to
 * `recordOverride`. Messages are checked to be Vietnamese independently. Drift guard.
 */
import { mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { OVERRIDE_MESSAGES } from "../../pipelines/overrides/messages.ts";
import { makeOverride, OverrideValidationError, type OverrideRequest } from "../../pipelines/overrides/overrides.ts";
import { readOverridesFile, recordOverride } from "../../pipelines/overrides/store.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { expectNoDrift, expectVietnamese } from "../fixtures/vietnamese-messages.ts";

const T0 = new Date("2026-05-01T03:00:00Z");
const REQ: OverrideRequest = { article_id: "cong-tinh:55", action: "exclude", by: "Nguyễn Văn An", why: "Không phải CCHC" };
const STORED = { override_id: "abc", article_id: "cong-tinh:55", action: "exclude", areas: null, agency_id: null, by: "Nguyễn Văn An", at: "2026-05-01T10:00:00+07:00", why: "Không phải CCHC" };

const dir = mkdtempSync(join(tmpdir(), "cchc-ovr-msg-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

/** File cases: the second line of the file is bad. */
const FILE_CASES: Array<{ code: string; line: string; field: string }> = [
  { code: "ovr.not_json", line: "{", field: "(dòng)" },
  { code: "ovr.not_object", line: "[1]", field: "(dòng)" },
  { code: "ovr.empty_string", line: JSON.stringify({ ...STORED, by: "" }), field: "by" },
  { code: "ovr.bad_time", line: JSON.stringify({ ...STORED, at: "hôm qua" }), field: "at" },
  { code: "ovr.unknown_action", line: JSON.stringify({ ...STORED, action: "delete" }), field: "action" },
  { code: "ovr.unknown_area", line: JSON.stringify({ ...STORED, action: "areas", areas: ["dat_dai"] }), field: "areas" },
];

/** Request cases: what `cchc override` builds from its options. */
const REQUEST_CASES: Array<{ code: string; request: OverrideRequest; field: string }> = [
  { code: "ovr.article_missing", request: { ...REQ, article_id: " " }, field: "article_id" },
  { code: "ovr.by_missing", request: { ...REQ, by: "" }, field: "by" },
  { code: "ovr.why_missing", request: { ...REQ, why: " " }, field: "why" },
  { code: "ovr.areas_missing", request: { ...REQ, action: "areas", areas: [] }, field: "areas" },
  { code: "ovr.agency_missing", request: { ...REQ, action: "agency", agency_id: " " }, field: "agency_id" },
];

describe("override messages: every code from a real bad override", () => {
  FILE_CASES.forEach((c, i) => {
    it(`${c.code}: file line 2, ${c.field}`, () => {
      const file = join(dir, `${i}.jsonl`);
      writeFileSync(file, `${JSON.stringify(STORED)}\n${c.line}\n`);
      let message = "";
      try {
        readOverridesFile(file);
      } catch (error) {
        message = (error as Error).message;
        if (error instanceof OverrideValidationError) expect(error.problems.map((p) => p.code)).toEqual([c.code]);
      }
      const prefix = `${file}:2: ${c.field}: `;
      expect(message.startsWith(prefix), message).toBe(true);
      expectVietnamese(message.slice(prefix.length), { value: "hôm qua", area: "dat_dai", allowed: "include, exclude, areas, agency, the_che, tthc", detail: message.match(/\(([^()]*)\)$/)?.[1] });
    });
  });

  for (const c of REQUEST_CASES) {
    it(`${c.code}: request field ${c.field}`, () => {
      let problems: OverrideValidationError["problems"] = [];
      try {
        makeOverride(c.request, T0);
      } catch (error) {
        problems = (error as OverrideValidationError).problems;
      }
      const p = problems.find((x) => x.code === c.code);
      expect(p, JSON.stringify(problems)).toBeDefined();
      expect(p!.field).toBe(c.field);
      expectVietnamese(p!.message, p!.params);
    });
  }

  it("ovr.article_unknown: an override of an article the warehouse does not have", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      const message = await recordOverride(w, makeOverride({ ...REQ, article_id: "khong-co:1" }, T0)).then(
        () => "",
        (e: Error) => e.message,
      );
      expect(message).toMatch(/^--article: .*"khong-co:1"/);
      expectVietnamese(message, { article: "khong-co:1", warehouse: ":memory:" });
    } finally {
      await w.close();
    }
  });

  it("every code of the catalogue has a fixture above", () => {
    const codes = [...FILE_CASES, ...REQUEST_CASES].map((c) => c.code).concat("ovr.article_unknown");
    expect([...new Set(codes)].sort()).toEqual(Object.keys(OVERRIDE_MESSAGES).sort());
  });

  it("drift guard: the catalogue's codes are exactly the codes used in pipelines/", () => {
    expectNoDrift(OVERRIDE_MESSAGES, "ovr.", "pipelines/overrides/messages.ts", ["pipelines/overrides", "pipelines/workbench", "pipelines/cli"]);
  });
});
