/**
 * Public entry of the classifier: `classify(input)` with the lexicon of
 * registry/lexicon.yaml (loaded and compiled once), or `classifyWith(lexicon, input)`.
 */
import { classifyWith, type Classification, type ClassifyInput } from "./classify.ts";
import { loadLexicon, type Lexicon } from "./lexicon.ts";

export { classifyWith, type Classification, type ClassifyInput, type Match, type Place } from "./classify.ts";
export { AREAS, loadLexicon, parseLexicon, DEFAULT_LEXICON, type Area, type Lexicon } from "./lexicon.ts";

let cached: Lexicon | null = null;

/** The default lexicon (registry/lexicon.yaml), loaded on first use. */
export function defaultLexicon(): Lexicon {
  cached ??= loadLexicon();
  return cached;
}

/** Classify one item; `lexicon` defaults to registry/lexicon.yaml. */
export function classify(input: ClassifyInput, lexicon: Lexicon = defaultLexicon()): Classification {
  return classifyWith(lexicon, input);
}
