// Browser twin of pipelines/text/search-key.ts (pages cannot import Node code): the search key of
// what a reader types — NFC, diacritics removed as foldDiacritics does (đ → d, Ð → D), lower case,
// white space collapsed. test/site/fold-parity.test.ts keeps the two identical on every character
// up to U+1EFF and on random Vietnamese text. Titles arrive already folded (search.arrow's title_key).

/** "Cải cách  HÀNH CHÍNH" → "cai cach hanh chinh". */
export function searchKey(text) {
  return String(text ?? "")
    .normalize("NFC")
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .replace(/[đ]/g, "d")
    .replace(/[ĐÐ]/g, "D")
    .normalize("NFC")
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}

/** Does a folded title contain every word of the (folded) query? An empty query matches nothing. */
export function matchesQuery(titleKey, queryKey) {
  const words = queryKey.split(" ").filter(Boolean);
  return words.length > 0 && words.every((w) => titleKey.includes(w));
}
