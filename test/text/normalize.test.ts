import { describe, expect, it } from "vitest";
import { foldCase, foldDiacritics, isBoilerplateLine, matchKey, normalizeBody } from "../../pipelines/text/normalize.ts";
import { foldedWords, PhraseTrie } from "../../pipelines/text/phrases.ts";

describe("normalisation", () => {
  it("applies NFC before folding case (decomposed input equals composed)", () => {
    const decomposed = "CẢI CÁCH".normalize("NFD");
    expect(foldCase(decomposed)).toBe("cải cách");
    expect(foldCase(decomposed)).toBe("cải cách".normalize("NFC"));
  });

  it("folds diacritics, đ/Đ and the OCR stand-in Ð to plain letters", () => {
    expect(foldDiacritics("Sở Tư pháp Đồng Nai")).toBe("So Tu phap Dong Nai");
    expect(foldDiacritics("Ðề án 06")).toBe("De an 06");
    expect(foldDiacritics("đất đai")).toBe("dat dai");
  });

  it("gives text with and without diacritics the same match key", () => {
    expect(matchKey("Cải cách thủ tục hành chính!")).toBe(matchKey("cai cach THU TUC hanh chinh"));
    expect(matchKey("  Cải cách (CCHC) – năm 2024… ")).toBe(" cai cach cchc nam 2024 ");
    expect(matchKey("")).toBe(" ");
  });

  it("drops page furniture lines but keeps article lines", () => {
    expect(isBoilerplateLine("Cập nhật ngày: 05/01/2023 - 08:25")).toBe(true);
    expect(isBoilerplateLine("Lượt xem: 1234")).toBe(true);
    expect(isBoilerplateLine("Chia sẻ")).toBe(true);
    expect(isBoilerplateLine("Tin liên quan")).toBe(true);
    expect(isBoilerplateLine("Cập nhật quy trình giải quyết hồ sơ đất đai cho người dân ở xã Hòa Hội trong tháng này")).toBe(false);
    const body = "Sở Nội vụ tổ chức hội nghị.\n\nLượt xem: 15\n  Chia sẻ  \nNgười dân   hài lòng.";
    expect(normalizeBody(body)).toBe("Sở Nội vụ tổ chức hội nghị.\nNgười dân hài lòng.");
  });
});

describe("phrase trie", () => {
  it("finds the longest phrase, whole words only, with or without diacritics", () => {
    const t = new PhraseTrie<string>();
    t.add("thủ tục", "short");
    t.add("thủ tục hành chính", "long");
    t.add("tục", "word");
    const hits = t.scan(foldedWords("Giải quyết THU TUC HANH CHINH và thủ tục khác; tucker"));
    expect(hits.map((h) => h.values[0])).toEqual(["long", "short"]);
    expect(t.size).toBe(3);
  });

  it("matches a phrase of any length, and phrases added after a scan", () => {
    const t = new PhraseTrie<number>();
    const words = Array.from({ length: 20_000 }, (_, i) => `w${i}`);
    t.add(words.join(" "), 1);
    expect(t.scan(words)).toEqual([{ start: 0, end: 20_000, values: [1] }]);
    t.add("w5 w6", 2);
    expect(t.scan(["x", "w5", "w6", "w7"])).toEqual([{ start: 1, end: 3, values: [2] }]);
  });
});
