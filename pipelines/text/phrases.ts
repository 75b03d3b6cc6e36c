/**
 * Matching many multi-word phrases in one pass: a trie keyed by folded words
 * (see foldWords), scanned left to right with longest match first. Used by the
 * reform lexicon and by agency-alias attribution. Pure.
 *
 * The trie's words are registered (registerWord), so it is keyed by small
 * integer ids: a text folded with its ids (foldWordsWithIds, foldBody,
 * prepareText) is matched without looking any word up by its characters.
 */
import { foldWords, registerWord, wordId } from "./normalize.ts";

interface Node<T> {
  next: Map<number, Node<T>>;
  values: T[] | null;
}

/** One occurrence: word offsets [start, end) in the scanned word list, and the phrase's values. */
export interface PhraseHit<T> {
  start: number;
  end: number;
  values: T[];
}

/** The folded words of a text: "Sở Tư pháp, Tây Ninh" → ["so", "tu", "phap", "tay", "ninh"]. */
export function foldedWords(text: string): string[] {
  return foldWords(text);
}

export class PhraseTrie<T> {
  /** The phrases' first words, by word id. */
  private readonly first: Array<Node<T> | undefined> = [];
  /** Number of distinct phrases. */
  size = 0;

  /** Add a value under a phrase (folded words); returns false when the phrase has no words. */
  add(phrase: string, value: T): boolean {
    const words = foldedWords(phrase);
    if (!words.length) return false;
    const id0 = registerWord(words[0]);
    while (this.first.length <= id0) this.first.push(undefined); // dense, never a sparse (dictionary) array
    let node: Node<T> = (this.first[id0] ??= { next: new Map(), values: null });
    for (let k = 1; k < words.length; k++) {
      const id = registerWord(words[k]);
      let child: Node<T> | undefined = node.next.get(id);
      if (!child) node.next.set(id, (child = { next: new Map(), values: null }));
      node = child;
    }
    if (!node.values) {
      node.values = [];
      this.size++;
    }
    node.values.push(value);
    return true;
  }

  /**
   * Longest-match, non-overlapping scan of folded words; `ids` are the words'
   * registered ids when the caller has them (see foldWordsWithIds).
   */
  scan(words: string[], ids: ArrayLike<number> = words.map(wordId)): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    const first = this.first;
    const n = words.length;
    let i = 0;
    while (i < n) {
      const id = ids[i];
      let node = id < first.length ? first[id] : undefined;
      if (node === undefined) {
        i++;
        continue;
      }
      let end = node.values ? i + 1 : -1;
      let values = node.values;
      for (let j = i + 1; j < n; j++) {
        node = node.next.get(ids[j]);
        if (!node) break;
        if (node.values) {
          end = j + 1;
          values = node.values;
        }
      }
      if (end > 0) {
        hits.push({ start: i, end, values: values! });
        i = end;
      } else i++;
    }
    return hits;
  }
}
