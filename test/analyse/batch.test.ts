/**
 * analyseBatch (pipelines/analyse/batch.ts) decodes the packed UTF-8 bytes it is
 * sent (analyseArticleUtf8: straight into the code units that are folded,
 * TextDecoder, as DuckDB's node API does, for ill-formed bytes): its rows and shingle sets are those of analyseArticle over the strings
 * TextDecoder gives, DuckDB's node API's decoder, for any bytes — a leading byte
 * order mark, invalid and truncated sequences, astral characters included.
 */
import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../pipelines/analyse/article.ts";
import { analyseBatch, packTexts, recordOf, recordSet, TEXT_FIELDS } from "../../pipelines/analyse/batch.ts";
import { compileAgencies } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { dedupeWords, shingleHashes, SKETCHED_SIGNATURE_WORDS } from "../../pipelines/dedupe/cluster.ts";
import { normalizeBody } from "../../pipelines/text/normalize.ts";
import { foldedWords } from "../../pipelines/text/phrases.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const bytes = (...parts: (string | number[])[]) => {
  const chunks = parts.map((p) => (typeof p === "string" ? encoder.encode(p) : Uint8Array.from(p)));
  const out = new Uint8Array(chunks.reduce((n, c) => n + c.length, 0));
  let at = 0;
  for (const c of chunks) {
    out.set(c, at);
    at += c.length;
  }
  return out;
};

const BODY = "Sở Tư pháp tổ chức hội nghị triển khai cải cách hành chính, đẩy mạnh thủ tục hành chính trực tuyến.\nNguồn: Sở Tư pháp";
const bodies: Uint8Array[] = [
  bytes(BODY),
  bytes([0xef, 0xbb, 0xbf], BODY), // a leading BOM: TextDecoder drops it
  bytes(BODY.slice(0, 40), [0xe1, 0xba], BODY.slice(40)), // a truncated sequence
  bytes(BODY.slice(0, 30), [0xc0, 0xaf, 0xed, 0xa0, 0x80, 0xff], BODY.slice(30)), // overlong, a surrogate's, an invalid byte
  bytes("😀 ", BODY, " 𝔸"), // astral characters
  bytes(BODY, [0xe1]), // cut at the end
  bytes("Cải cách\r\n  hành chính\u00a0\u00a0 tại xã\n\n\nLượt xem: 25"), // whitespace the general path cleans
  bytes(""),
];

describe("analyseBatch", () => {
  it("gives analyseArticle's rows of TextDecoder's strings, whatever the body's bytes", () => {
    const agencies = [{ id: "so-tu-phap", name: "Sở Tư pháp tỉnh Tây Ninh", aliases: ["Sở Tư pháp"], valid_from: null, valid_to: null }];
    const rules = { lexicon: defaultLexicon(), matcher: compileAgencies(agencies) };
    const sources = new Map([["bao", { agency_id: null, channel: "newspaper" }]]);
    const fields = (k: number): (Uint8Array | null)[] => [bytes("bao"), bytes(`Tin ${k}: cải cách hành chính`), bodies[k], null, bytes("2025-10-02"), bytes("2025-10-03")];
    const result = analyseBatch({ rules, sources }, { texts: packTexts(bodies.length, (k, f) => fields(k)[f]), overrides: [] });
    expect(TEXT_FIELDS[2]).toBe("body_text");
    for (let k = 0; k < bodies.length; k++) {
      const [, title, body, , day, seen] = fields(k).map((b) => (b ? decoder.decode(b) : null));
      const expected = analyseArticle(rules, {
        title: title!, body_text: body!, byline: null, published_day: day, first_seen_day: seen, source_agency_id: null, channel: "newspaper",
      });
      expect(result.labels.matched_json[k]).toBe(JSON.stringify(expected.classification.matched));
      expect(result.labels.score[k]).toBe(expected.classification.score);
      expect(result.attribution.evidence[k]).toBe(expected.attribution.evidence);
      expect(result.attribution.candidates_json[k]).toBe(JSON.stringify(expected.attribution.candidates));
      expect([...recordSet(recordOf(result, k))]).toEqual([...expected.shingles]);
    }
    expect(result.attribution.agency_id.filter(Boolean).length).toBeGreaterThan(0); // the bodies name an acting agency
  });

  it("lays every article's shingle set end to end, however many an article has (sets of its own, each from the general path)", () => {
    const rules = { lexicon: defaultLexicon(), matcher: compileAgencies([]) };
    // Sets of 0 to ~3,000 shingles, past the batch buffer's first size (512 an article), in an order that grows it mid-batch.
    const word = (k: number, i: number) => `từ${((k * 7919 + i * 104729) % 5000).toString(36)}`;
    const body = (k: number, n: number) => Array.from({ length: n }, (_, i) => word(k, i)).join(k % 2 ? " " : ", ");
    const sizes = [3_000, 0, 5, 800, 2, 2_500, 40, 1_200, 11, 3];
    const titles = sizes.map((_, k) => `Tin ${k}: ${word(k, 1)} ${word(k, 2)}`);
    const bodies = sizes.map((n, k) => body(k, n));
    const fields = (k: number): (Uint8Array | null)[] => [bytes("bao"), bytes(titles[k]), bytes(bodies[k]), null, null, bytes("2025-10-03")];
    const result = analyseBatch({ rules, sources: new Map() }, { texts: packTexts(sizes.length, (k, f) => fields(k)[f]), overrides: [] });
    expect(result.recordEnds.at(-1)).toBe(result.records.length);
    for (let k = 0; k < sizes.length; k++) {
      const own = shingleHashes(dedupeWords(foldedWords(titles[k]), foldedWords(normalizeBody(bodies[k]))));
      expect([...recordSet(recordOf(result, k))]).toEqual([...own]);
    }
    expect(result.records.length).toBeGreaterThan((SKETCHED_SIGNATURE_WORDS + 512) * sizes.length);
  });
});
