/**
 * The search box folds what a reader types in the browser (src/components/fold.js);
 * the loader ships every title folded in Node (pipelines/text/search-key.ts, built
 * on the product's foldDiacritics). The two must agree exactly, or a title typed
 * without diacritics would not be found.
 */
import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { searchKey as nodeKey } from "../../pipelines/text/search-key.ts";
// @ts-expect-error: plain browser JavaScript module without type declarations
import { matchesQuery, searchKey as browserKey } from "../../src/components/fold.js";

describe("search key: browser twin of the Node fold", () => {
  it("agrees on every character up to U+1EFF, alone and between letters", () => {
    for (let c = 0; c < 0x1f00; c++) {
      if (c >= 0xd800 && c <= 0xdfff) continue;
      const ch = String.fromCharCode(c);
      expect(browserKey(ch), `U+${c.toString(16)}`).toBe(nodeKey(ch));
      expect(browserKey(`a${ch}b`), `U+${c.toString(16)}`).toBe(nodeKey(`a${ch}b`));
    }
  });

  it("agrees on random text made of Vietnamese letters, combining marks, case and white space", () => {
    const alphabet = [..."aăâbcdđeêghiklmnoôơpqrstuưvxyAĂÂĐÊÔƠƯÐ \t\n\u00a0", "\u0300", "\u0301", "\u0303", "\u0309", "\u0323", "ệ", "Ữ", "ỗ"];
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...alphabet), { maxLength: 40 }), (chars) => {
        const text = chars.join("");
        expect(browserKey(text)).toBe(nodeKey(text));
        expect(browserKey(text.normalize("NFD"))).toBe(nodeKey(text.normalize("NFC")));
      }),
      { numRuns: 2000 },
    );
  });

  it("a query typed without diacritics finds the title written with them, composed or decomposed", () => {
    const title = "Đẩy mạnh CẢI CÁCH hành chính tại xã Tân Hưng";
    for (const typed of ["cai cach hanh chinh", "CẢI CÁCH", "day manh", "tan  hung", "hanh chinh xa"]) {
      expect(matchesQuery(nodeKey(title), browserKey(typed)), typed).toBe(true);
      expect(matchesQuery(nodeKey(title.normalize("NFD")), browserKey(typed)), typed).toBe(true);
    }
    expect(matchesQuery(nodeKey(title), browserKey("cai cach thu tuc"))).toBe(false);
    expect(matchesQuery(nodeKey(title), browserKey("   "))).toBe(false);
  });
});
