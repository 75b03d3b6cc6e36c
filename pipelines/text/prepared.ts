/**
 * A text normalised and folded once, shared by every step that reads it
 * (classification, clustering, attribution): `normalizeBody` and the folded
 * words are the costly part of each, and the analysis used to compute them
 * three times per article.
 */
import { normalizeBody } from "./normalize.ts";
import { foldedWords } from "./phrases.ts";

export interface PreparedText {
  title: string;
  /** The raw text, as stored. */
  text: string;
  /** normalizeBody(text). */
  body: string;
  /** foldedWords(title). */
  titleWords: string[];
  /** foldedWords(body). */
  bodyWords: string[];
}

export function prepareText(title: string, text: string): PreparedText {
  const body = normalizeBody(text);
  return { title, text, body, titleWords: foldedWords(title), bodyWords: foldedWords(body) };
}
