import { describe, expect, it } from "vitest";
import { analyseBatch, packTexts, recordOf, recordSet, recordSignature, TEXT_FIELDS } from "../../pipelines/analyse/batch.ts";
import { compileAgencies } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { SKETCHED_SIGNATURE_WORDS, sketchedSignature } from "../../pipelines/dedupe/cluster.ts";

const encoder = new TextEncoder();
const STORY = "Sở Tư pháp tỉnh Tây Ninh tổ chức hội nghị tuyên truyền cải cách hành chính, rút ngắn thời gian giải quyết thủ tục hành chính về hộ tịch.";

describe("a batch of the analysis", () => {
  it("gives each article's sketched signature (the clusterer's, of its shingle set) with the set", () => {
    const articles = [
      { source_id: "stp", title: "Hội nghị cải cách hành chính", body_text: STORY },
      { source_id: "stp", title: "Tin ngắn", body_text: "Một dòng." },
      { source_id: "bao", title: "", body_text: "" },
      { source_id: "bao", title: "Bản sao", body_text: `${STORY} Nguồn: Sở Tư pháp.` },
    ];
    const texts = packTexts(articles.length, (k, f) => {
      const v = (articles[k] as Record<string, string | undefined>)[TEXT_FIELDS[f]];
      return v === undefined ? null : encoder.encode(v);
    });
    const ctx = {
      rules: { lexicon: defaultLexicon(), matcher: compileAgencies([{ id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp"], valid_from: null, valid_to: null }]) },
      sources: new Map([["stp", { agency_id: "so-tu-phap", channel: "own_portal" }], ["bao", { agency_id: null, channel: "newspaper" }]]),
    };
    const r = analyseBatch(ctx, { texts, overrides: [] });
    expect(r.recordEnds.length).toBe(articles.length);
    for (let k = 0; k < articles.length; k++) {
      const record = recordOf(r, k);
      expect(recordSignature(record).length).toBe(SKETCHED_SIGNATURE_WORDS);
      expect([...recordSignature(record)], `article ${k}`).toEqual([...sketchedSignature(recordSet(record))]);
    }
    // an empty set's signature too (the clusterer skips it, but the spill stores it)
    expect(recordOf(r, 2).length).toBe(SKETCHED_SIGNATURE_WORDS);
  });
});
