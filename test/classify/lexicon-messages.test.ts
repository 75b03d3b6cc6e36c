/**
 * Every lexicon code (pipelines/classify/lexicon-messages.ts) is produced by a real bad lexicon
 * run through parseLexicon (what loadLexicon and `cchc classify` read): the issue names the file,
 * line and field, and its message is Vietnamese (checked independently). Drift guard.
 */
import { describe, expect, it } from "vitest";
import { LEXICON_MESSAGES } from "../../pipelines/classify/lexicon-messages.ts";
import { parseLexicon } from "../../pipelines/classify/lexicon.ts";
import type { RegistryIssue } from "../../pipelines/registry/yaml-source.ts";
import { expectNoDrift, expectVietnamese } from "../fixtures/vietnamese-messages.ts";

const AREAS = ["the_che", "tthc", "bo_may", "cong_vu", "tai_chinh_cong", "chinh_quyen_so", "chi_so", "chung"];
const areas = (extra = "", skip = "") =>
  AREAS.filter((a) => a !== skip)
    .map((a) => `  ${a}:\n    label: ${a}\n    terms:\n      từ ${a}: 1\n${a === "tthc" ? extra : ""}`)
    .join("");
const BASE = `areas:\n${areas()}`;

/** 1-based line of the first line of `text` containing `needle`. */
const lineIn = (text: string, needle: string) => text.split("\n").findIndex((l) => l.includes(needle)) + 1;

const CASES: Array<{ code: string; text: string; field: string; at: string | number }> = [
  { code: "lex.root_not_mapping", text: "- a\n", field: "(tệp)", at: 1 },
  { code: "lex.unknown_section", text: `${BASE}khac: 1\n`, field: "khac", at: "khac: 1" },
  { code: "lex.not_mapping", text: `scoring: 5\n${BASE}`, field: "scoring", at: "scoring: 5" },
  { code: "lex.unknown_setting", text: `scoring:\n  nguong: 1\n${BASE}`, field: "scoring.nguong", at: "nguong" },
  { code: "lex.unknown_general_area", text: `scoring:\n  general_area: dat_dai\n${BASE}`, field: "scoring.general_area", at: "dat_dai" },
  { code: "lex.negative_setting", text: `scoring:\n  threshold: -1\n${BASE}`, field: "scoring.threshold", at: "threshold" },
  { code: "lex.term_not_text", text: `${BASE}indices:\n  DDCI:\n    weight: 1\n    terms: [[a, b]]\n`, field: "indices.DDCI.terms[0]", at: "[[a, b]]" },
  { code: "lex.term_empty", text: `areas:\n${areas('      "!!!": 1\n')}`, field: "areas.tthc.terms.!!!", at: '"!!!"' },
  { code: "lex.term_duplicate", text: `areas:\n${areas("      thủ tục: 2\n      THU TUC: 3\n")}`, field: "areas.tthc.terms.THU TUC", at: "THU TUC" },
  { code: "lex.weight_not_number", text: `areas:\n${areas("      hồ sơ: nhiều\n")}`, field: "areas.tthc.terms.hồ sơ", at: "hồ sơ" },
  { code: "lex.weight_not_positive", text: `areas:\n${areas("      hồ sơ: -2\n")}`, field: "areas.tthc.terms.hồ sơ", at: "hồ sơ" },
  { code: "lex.context_not_negative", text: `${BASE}context:\n  lễ hội: 2\n`, field: "context.lễ hội", at: "lễ hội" },
  { code: "lex.areas_not_mapping", text: "areas: 5\n", field: "areas", at: 1 },
  // a mapping's problem points at its first line (the value), as the registry's do
  { code: "lex.unknown_area", text: `${BASE}  cai_cach_moi:\n    label: x\n    terms:\n      a: 1\n`, field: "areas.cai_cach_moi", at: "label: x" },
  { code: "lex.area_not_mapping", text: `${BASE}  tac_dong: 5\n`, field: "areas.tac_dong", at: "tac_dong" },
  { code: "lex.label_missing", text: `${BASE}  tac_dong:\n    terms:\n      tác động: 1\n`, field: "areas.tac_dong.label", at: BASE.split("\n").length + 1 },
  { code: "lex.terms_not_mapping", text: `${BASE}  tac_dong:\n    label: T\n    terms: [a]\n`, field: "areas.tac_dong.terms", at: "terms: [a]" },
  { code: "lex.area_missing", text: `areas:\n${areas("", "chung")}`, field: "areas", at: 2 },
  { code: "lex.indices_not_mapping", text: `${BASE}indices: 5\n`, field: "indices", at: "indices: 5" },
  { code: "lex.index_shape", text: `${BASE}indices:\n  DDCI: 5\n`, field: "indices.DDCI", at: "DDCI: 5" },
  { code: "lex.fields_not_mapping", text: `${BASE}tthc_fields: 5\n`, field: "tthc_fields", at: "tthc_fields: 5" },
  { code: "lex.field_not_list", text: `${BASE}tthc_fields:\n  dat_dai: 5\n`, field: "tthc_fields.dat_dai", at: "dat_dai: 5" },
  { code: "lex.context_not_mapping", text: `${BASE}context: 5\n`, field: "context", at: "context: 5" },
  { code: "lex.not_alone_not_list", text: `${BASE}not_alone: 5\n`, field: "not_alone", at: "not_alone: 5" },
  { code: "lex.not_alone_unknown", text: `${BASE}not_alone: [từ lạ]\n`, field: "not_alone[0]", at: "từ lạ" },
];

describe("lexicon messages: every code from a real bad lexicon", () => {
  for (const c of CASES) {
    it(`${c.code}: ${c.field}`, () => {
      const issues: RegistryIssue[] = [];
      parseLexicon("lex.yaml", c.text, issues);
      const issue = issues.find((i) => i.code === c.code);
      expect(issue, JSON.stringify(issues, null, 2)).toBeDefined();
      expect([issue!.file, issue!.field, issue!.line]).toEqual(["lex.yaml", c.field, typeof c.at === "number" ? c.at : lineIn(c.text, c.at)]);
      expectVietnamese(issue!.message, issue!.params, `${c.code}: ${issue!.message}`);
    });
  }

  it("every code of the catalogue has a fixture above", () => {
    expect([...new Set(CASES.map((c) => c.code))].sort()).toEqual(Object.keys(LEXICON_MESSAGES).sort());
  });

  it("drift guard: the catalogue's codes are exactly the codes used in pipelines/", () => {
    expectNoDrift(LEXICON_MESSAGES, "lex.", "pipelines/classify/lexicon-messages.ts", ["pipelines/classify"]);
  });
});
