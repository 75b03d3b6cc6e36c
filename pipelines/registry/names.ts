/**
 * Agency names for matching: the same name with or without diacritics, in
 * any case, with or without punctuation, folds to one key — the text module's
 * match key, without its padding ("Sở Tài chính" → "so tai chinh").
 */
import { matchKey } from "../text/normalize.ts";

export const foldName = (name: string): string => matchKey(name).trim();
