/**
 * analyseBatch (pipelines/analyse/batch.ts) decodes the packed UTF-8 bytes it is
 * sent (analyseArticleUtf8: straight into the code units that are folded,
 * TextDecoder, as DuckDB's node API does, for ill-formed bytes): its rows and shingle sets are those of analyseArticle over the strings
 * TextDecoder gives, DuckDB's node API's decoder, for any bytes — a leading byte
 * order mark, invalid and truncated sequences, astral characters included.
 */
import { describe, expect, it } from "vitest";
import { analyseArticle } from "../../pipelines/analyse/article.ts";
import { type DuckDBBlobVector, listValue } from "@duckdb/node-api";
import { analyseBatch, packChunkTexts, packTexts, recordOf, recordSet, TEXT_COLUMNS, TEXT_COLUMNS_SQL, TEXT_FIELD_SQL, TEXT_FIELDS } from "../../pipelines/analyse/batch.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
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

  it("packs a chunk as pass 1 selects it (lengths, then the fields' bytes end to end) as packTexts packs each field's own bytes", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      await w.run("CREATE TABLE a_texts (source_id VARCHAR, title VARCHAR, body_text VARCHAR, byline VARCHAR, published_at TIMESTAMPTZ, first_seen_at TIMESTAMPTZ)");
      const titles = ["Cải cách hành chính", "", "😀 tin ngắn", "x".repeat(12), "y".repeat(13)];
      await w.run(
        `INSERT INTO a_texts SELECT CASE WHEN i % 5 = 0 THEN 's' ELSE 's' || (i % 3) END, list_extract($titles::VARCHAR[], 1 + i % 5), repeat('Thủ tục hành chính. ', i % 7), CASE WHEN i % 4 = 0 THEN NULL ELSE 'Nguồn: Sở ' || i END,
                CASE WHEN i % 6 = 0 THEN NULL ELSE TIMESTAMPTZ '2025-03-01 10:00:00+07' + INTERVAL (i) HOUR END, TIMESTAMPTZ '2025-03-02 00:30:00+07' FROM range(3000) t(i)`,
        { titles: listValue(titles) },
      );
      const own = TEXT_FIELDS.map((f) => `encode(${TEXT_FIELD_SQL[f]})`).join(", ");
      let chunks = 0;
      await w.streamCommitted(`SELECT ${TEXT_COLUMNS_SQL}, ${own} FROM a_texts a`, undefined, (chunk) => {
        const n = chunk.rowCount;
        const lengths = TEXT_FIELDS.map((_, f) => chunk.getColumnValues(f) as number[]);
        const all = chunk.getColumnVector(TEXT_FIELDS.length) as DuckDBBlobVector;
        const fields = TEXT_FIELDS.map((_, f) => chunk.getColumnVector(TEXT_COLUMNS + f) as DuckDBBlobVector);
        const packed = packChunkTexts(n, lengths, (k) => all.getItemBytes(k));
        const expected = packTexts(n, (k, f) => fields[f].getItemBytes(k));
        expect([...packed.lengths]).toEqual([...expected.lengths]);
        expect([...packed.starts]).toEqual([...expected.starts]);
        expect(Buffer.from(packed.bytes).equals(Buffer.from(expected.bytes))).toBe(true);
        expect(packed.lengths.includes(-1)).toBe(true);
        chunks++;
      });
      expect(chunks).toBeGreaterThan(1);
      expect(() => packChunkTexts(1, TEXT_FIELDS.map(() => [2]), () => new Uint8Array(11))).toThrow(/11 bytes, not the 12/);
    } finally {
      await w.close();
    }
  });
});
