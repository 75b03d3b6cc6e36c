/**
 * A text normalised and folded once, shared by every step that reads it
 * (classification, clustering, attribution): `normalizeBody` and the folded
 * words are the costly part of each, and the analysis used to compute them
 * three times per article. The body is normalised and folded in one pass
 * (foldBody), and the words carry their registered ids so that the lexicon's
 * phrase trie matches integers (pipelines/text/phrases.ts), and their hashes
 * so that the clusterer's shingles read no characters (pipelines/dedupe).
 * prepareTextUtf8 prepares the same from the texts' UTF-8 bytes, as the
 * analysis' workers receive them (pipelines/analyse/batch.ts).
 */
import { FoldBuffers, foldBody, foldBodyUtf8, foldWordsUtf8, foldWordsWithIds } from "./normalize.ts";

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
  /**
   * The registered ids of titleWords and bodyWords (see registerWord). These
   * four typed arrays are views of buffers prepareText reuses: read them
   * before the next prepareText call (copy them to keep them).
   */
  titleIds: Int32Array;
  bodyIds: Int32Array;
  /** The wordHash of each of titleWords and bodyWords (the clusterer's shingles are made of them). */
  titleHashes: Uint32Array;
  bodyHashes: Uint32Array;
}

/** The buffers the body's and the title's ids and hashes are held in: no typed array (an off-heap allocation each) per article. */
const BODY = new FoldBuffers();
const TITLE = new FoldBuffers();

export function prepareText(title: string, text: string): PreparedText {
  const b = foldBody(text, BODY);
  const t = foldWordsWithIds(title, TITLE);
  return {
    title, text, body: b.body, titleWords: t.words, bodyWords: b.words, titleIds: t.ids, bodyIds: b.ids, titleHashes: t.hashes, bodyHashes: b.hashes,
  };
}

/**
 * prepareText of the title and text held as UTF-8 in bytes[titleStart,
 * titleEnd) and bytes[textStart, textEnd): the same PreparedText as
 * prepareText(decoded title, decoded text), each decoded once, straight into
 * the code units it is folded from (foldBodyUtf8, foldWordsUtf8).
 */
export function prepareTextUtf8(bytes: Uint8Array, titleStart: number, titleEnd: number, textStart: number, textEnd: number): PreparedText {
  const b = foldBodyUtf8(bytes, textStart, textEnd, BODY);
  const t = foldWordsUtf8(bytes, titleStart, titleEnd, TITLE);
  return {
    title: t.text, text: b.text, body: b.body, titleWords: t.words, bodyWords: b.words, titleIds: t.ids, bodyIds: b.ids, titleHashes: t.hashes, bodyHashes: b.hashes,
  };
}
