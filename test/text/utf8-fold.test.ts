/**
 * The byte path of the fold (foldBodyUtf8, foldWordsUtf8, prepareTextUtf8,
 * decodeUtf8: UTF-8 decoded straight into the code units that are folded)
 * gives exactly what the string path gives on TextDecoder's string of the
 * same bytes: the text, the normalised body, the words, their ids and
 * hashes. Checked on every string of the real eval texts (read at test time
 * from shared/eval, nothing copied), on random text (multi-byte letters,
 * astral characters, combining marks, text that is not NFC, whitespace the
 * general path cleans) and on random bytes (ill-formed UTF-8 included).
 */
import { readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { evalDir } from "../../bench/lib/eval-texts.ts";
import { decodeUtf8, FoldBuffers, foldBody, foldBodyUtf8, foldWordsUtf8, foldWordsWithIds } from "../../pipelines/text/normalize.ts";
import { prepareText, prepareTextUtf8 } from "../../pipelines/text/prepared.ts";

const encoder = new TextEncoder();
const decoder = new TextDecoder();
const BUFFERS = new FoldBuffers();

/** A fold's result as plain values (its ids and hashes may be views of reused buffers). */
const plain = (f: { words: string[]; ids: Int32Array; hashes: Uint32Array; body?: string }) => ({
  body: f.body, words: [...f.words], ids: [...f.ids], hashes: [...f.hashes],
});

/** The bytes at an offset inside a larger buffer, as the analysis' packed batches hold them. */
function embedded(bytes: Uint8Array, pad: number): { buffer: Uint8Array; start: number; end: number } {
  const buffer = new Uint8Array(bytes.length + 7).fill(pad); // bytes on each side that must not be read
  buffer.set(bytes, 3);
  return { buffer, start: 3, end: 3 + bytes.length };
}

/**
 * Padded with a stray lead byte and with a continuation byte: a decoder that reads one byte past
 * the field's end would complete a cut sequence with the continuation byte.
 */
function expectSameFold(bytes: Uint8Array): void {
  for (const pad of [0xe1, 0x80, 0xbf]) expectSameFoldPadded(bytes, pad);
}

function expectSameFoldPadded(bytes: Uint8Array, pad: number): void {
  const text = decoder.decode(bytes);
  const { buffer, start, end } = embedded(bytes, pad);
  expect(decodeUtf8(buffer, start, end)).toBe(text);
  const viaString = plain(foldBody(text, BUFFERS));
  const viaBytes = foldBodyUtf8(buffer, start, end, BUFFERS);
  expect(viaBytes.text).toBe(text);
  expect(plain(viaBytes)).toEqual(viaString);
  const wordsViaString = plain(foldWordsWithIds(text));
  const wordsViaBytes = foldWordsUtf8(buffer, start, end);
  expect(wordsViaBytes.text).toBe(text);
  expect(plain(wordsViaBytes)).toEqual(wordsViaString);
}

function expectSamePrepared(title: string, body: string): void {
  const t = encoder.encode(title);
  const b = encoder.encode(body);
  const buffer = new Uint8Array(t.length + b.length);
  buffer.set(t);
  buffer.set(b, t.length);
  const s = prepareText(decoder.decode(t), decoder.decode(b)); // TextDecoder's strings (a leading byte order mark dropped)
  const expected = { ...s, titleIds: [...s.titleIds], bodyIds: [...s.bodyIds], titleHashes: [...s.titleHashes], bodyHashes: [...s.bodyHashes] };
  const u = prepareTextUtf8(buffer, 0, t.length, t.length, buffer.length);
  expect({ ...u, titleIds: [...u.titleIds], bodyIds: [...u.bodyIds], titleHashes: [...u.titleHashes], bodyHashes: [...u.bodyHashes] }).toEqual(expected);
}

const pieces = fc.oneof(
  fc.constantFrom("Cải cách", "ĐẨY MẠNH", "hành chính", "Ð", "đ", "ư", "ơ", "Thủ tục", "ǅ", "İ", "ß", "½", "²", "€", "中文", "😀", "𝔸", "👍🏽"),
  // combining marks (decomposed Vietnamese: not NFC), a lone one, and characters NFC changes
  fc.constantFrom("\u0301", "\u0323", "e\u0302\u0301", "a\u0309", "Tha\u0300nh", "\u212b", "\u0344", "\u1100\u1161", "\ufb01"),
  fc.constantFrom(" ", "  ", "\n", "\r\n", "\r", "\u00a0", "\u200b", "\t", "\u2028", "\ufeff", "\v", "\u3000", "Cập nhật ngày 12/3/2024", "Lượt xem: 25", "Chia sẻ", "Nguồn: Sở Tư pháp", ",", "!"),
  fc.string({ unit: "binary", maxLength: 4 }),
);
const text = fc.array(pieces, { maxLength: 30 }).map((p) => p.join(""));

/** Bytes that are mostly UTF-8 with ill-formed sequences among them. */
const badBytes = fc
  .array(
    fc.oneof(
      text.map((t) => encoder.encode(t)),
      fc.constantFrom([0xc0, 0xaf], [0xe0, 0x80, 0xaf], [0xed, 0xa0, 0x80], [0xf4, 0x90, 0x80, 0x80], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xf8], [0xff], [0x80], [0xe1, 0xba], [0xf0, 0x9f, 0x98], [0xc3]).map((b) => Uint8Array.from(b)),
      fc.uint8Array({ maxLength: 6 }),
    ),
    { maxLength: 12 },
  )
  .map((parts) => new Uint8Array(Buffer.concat(parts)));

describe("the fold from UTF-8 bytes equals the fold of the decoded string", () => {
  it.skipIf(!evalDir())("on every string of the real eval texts (shared/eval/*.jsonl)", () => {
    const dir = evalDir()!;
    const files = readdirSync(dir).filter((f) => f.endsWith(".jsonl"));
    let strings = 0;
    for (const file of files) {
      for (const line of readFileSync(join(dir, file), "utf-8").split("\n")) {
        if (!line.trim()) continue;
        const record = JSON.parse(line) as Record<string, unknown>;
        for (const value of Object.values(record)) {
          if (typeof value !== "string") continue;
          expectSameFold(encoder.encode(value));
          strings++;
        }
        if (typeof record.title === "string" && typeof record.text === "string") expectSamePrepared(record.title, record.text);
      }
    }
    expect(strings).toBeGreaterThan(200);
  });

  it("on edge cases: empty, a byte order mark, astral characters, marks, text that is not NFC, whitespace to clean", () => {
    for (const t of [
      "", " ", "\n", "\ufeff", "\ufeffCải cách", "a\ufeffb", "😀", "😀 Sở Tư pháp 𝔸", "e\u0302\u0301 Tha\u0300nh pho\u0302\u0301", "\u0301", "Ð đ Đ",
      "Cải cách\r\n  hành chính\u00a0\u00a0 tại xã\n\n\nLượt xem: 25", "Chia sẻ\nNội dung\nNguồn: Sở Tư pháp", "x".repeat(70_000), "ạ".repeat(40_000),
    ]) {
      expectSameFold(encoder.encode(t));
      expectSamePrepared(t, t);
    }
    for (const b of [[0xef, 0xbb, 0xbf], [0xef, 0xbb], [0xe1], [0xc0, 0x80], [0xed, 0xbf, 0xbf], [0xf0, 0x90, 0x80, 0x80], [0xf4, 0x8f, 0xbf, 0xbf], [0xf0, 0x80, 0x80, 0x80], [0xf0, 0x8f, 0xbf, 0xbf], [0xc3], [0xe1, 0xba], [0xf0, 0x9f, 0x98]]) expectSameFold(Uint8Array.from(b));
  });

  it("on random text", () => {
    fc.assert(
      fc.property(text, text, (title, body) => {
        expectSameFold(encoder.encode(body));
        expectSamePrepared(title, body);
      }),
      { numRuns: 2_000 },
    );
  });

  it("on random bytes, ill-formed UTF-8 included (decoded as TextDecoder decodes them)", () => {
    fc.assert(fc.property(badBytes, (bytes) => expectSameFold(bytes)), { numRuns: 2_000 });
  });
});
