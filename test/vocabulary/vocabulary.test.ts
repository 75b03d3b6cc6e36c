/**
 * The one vocabulary (pipelines/vocabulary): every code the warehouse can hold
 * has a Vietnamese label, short label and description; the lists the registry,
 * the lexicon, evidence and the coverage engine use are the vocabulary's.
 * (test/report/demo.test.ts scans a DEMO warehouse's coded columns too.)
 */
import { describe, expect, it } from "vitest";
import { AREAS } from "../../pipelines/classify/lexicon.ts";
import { CONFIDENCE } from "../../pipelines/attribute/attribute.ts";
import { ERROR_KINDS } from "../../pipelines/crawl/failure-kinds.ts";
import { ATTENDANCE_ALLOWED, QUANTITY_REQUIRED } from "../../pipelines/evidence/schema.ts";
import { OVERRIDE_ACTIONS } from "../../pipelines/overrides/overrides.ts";
import { CHANNEL_GROUPS, CHANNELS, MEASURES, PLATFORMS, REFORM_AREAS, TASK_STATUSES } from "../../pipelines/registry/types.ts";
import {
  canonicalCode, CHANNEL_MEDIA_KIND, COVERAGE_STATUSES, isCode, label, labels, MEASURE_RULES, MEDIA_KINDS, terms, vocabularyRows,
} from "../../pipelines/vocabulary/index.ts";

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵđ]/i;

describe("vocabulary", () => {
  it("gives every term a label, a short label and a description, and no code twice in a domain", () => {
    const seen = new Set<string>();
    for (const t of vocabularyRows()) {
      expect(t.label.trim(), `${t.domain}:${t.code}`).not.toBe("");
      expect(t.short.trim(), `${t.domain}:${t.code}`).not.toBe("");
      expect(t.description.trim(), `${t.domain}:${t.code}`).not.toBe("");
      expect(t.label.normalize("NFC")).toBe(t.label);
      expect(seen.has(`${t.domain}:${t.code}`)).toBe(false);
      seen.add(`${t.domain}:${t.code}`);
    }
    // Descriptions are Vietnamese sentences.
    expect(vocabularyRows().filter((t) => !VIETNAMESE.test(t.description)).map((t) => `${t.domain}:${t.code}`)).toEqual([]);
  });

  it("labels every code the registry, the lexicon, evidence, attribution and the crawler can write", () => {
    const must: [Parameters<typeof isCode>[0], readonly string[]][] = [
      ["channel", CHANNELS],
      ["channel", QUANTITY_REQUIRED],
      ["channel", ATTENDANCE_ALLOWED],
      ["channel_group", Object.keys(CHANNEL_GROUPS)],
      ["reform_area", REFORM_AREAS],
      ["reform_area", AREAS],
      ["measure", MEASURES],
      ["measure", Object.keys(MEASURE_RULES)],
      ["task_status", TASK_STATUSES],
      ["platform", PLATFORMS],
      ["attribution", [...Object.keys(CONFIDENCE), "unattributed", "analyst"]],
      ["media_kind", MEDIA_KINDS],
      ["media_kind", Object.values(CHANNEL_MEDIA_KIND) as string[]],
      ["coverage_status", COVERAGE_STATUSES],
      ["source_health", ["ok", "warning", "broken", "never_crawled", "not_crawlable"]],
      ["crawl_error_kind", ERROR_KINDS],
      ["run_status", ["ok", "partial", "failed", "running", "interrupted"]],
    ];
    const missing = must.flatMap(([domain, codes]) => codes.filter((c) => !isCode(domain, c)).map((c) => `${domain}:${c}`));
    expect(missing).toEqual([]);
    expect(MEASURES.every((m) => MEASURE_RULES[m])).toBe(true);
    expect(OVERRIDE_ACTIONS.length).toBeGreaterThan(0);
  });

  it("has one reform-area list: the lexicon's areas and the registry's are the same codes", () => {
    expect([...AREAS]).toEqual([...REFORM_AREAS]);
    expect(REFORM_AREAS).toContain("bo_may");
    expect(REFORM_AREAS).not.toContain("to_chuc_bo_may");
    expect(canonicalCode("to_chuc_bo_may")).toBe("bo_may"); // an analyst's stored override still reads
  });

  it("never shows an unknown code bare", () => {
    expect(label("channel", "own_portal")).toBe("Cổng/Trang thông tin điện tử của cơ quan");
    expect(label("channel", "kenh_moi")).toBe("Không rõ (kenh_moi)");
    expect(labels("channel", "mass_media,zalo", ["channel_group"])).toBe("Phương tiện thông tin đại chúng; Zalo");
    expect(terms("coverage_status").map((t) => t.label)).toEqual(["Đạt", "Đúng tiến độ", "Có nguy cơ", "Không đạt", "Chưa đến kỳ"]);
  });
});
