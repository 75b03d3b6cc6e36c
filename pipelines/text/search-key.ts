/**
 * The search key of a text for the site's item search: NFC, diacritics folded by
 * `foldDiacritics` (đ → d), lower case, runs of white space as one space. The
 * search loader ships every title's key; the page folds what the reader types with
 * src/components/fold.js, which test/site/fold-parity.test.ts keeps identical to this.
 */
import { foldDiacritics } from "./normalize.ts";

export function searchKey(text: string | null | undefined): string {
  return foldDiacritics(String(text ?? "").normalize("NFC"))
    .toLowerCase()
    .replace(/\s+/g, " ")
    .trim();
}
