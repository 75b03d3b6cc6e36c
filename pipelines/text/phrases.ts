/**
 * Matching many multi-word phrases in one pass: a trie keyed by folded words
 * (see foldWords), scanned left to right with longest match first. Used by the
 * reform lexicon and by agency-alias attribution. Pure.
 */
import { foldWords } from "./normalize.ts";

interface Node<T> {
  next: Map<string, Node<T>>;
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
  private readonly root: Node<T> = { next: new Map(), values: null };
  /** Number of distinct phrases. */
  size = 0;

  /** Add a value under a phrase (folded words); returns false when the phrase has no words. */
  add(phrase: string, value: T): boolean {
    const words = foldedWords(phrase);
    if (!words.length) return false;
    let node = this.root;
    for (const word of words) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map(), values: null }));
      node = child;
    }
    if (!node.values) {
      node.values = [];
      this.size++;
    }
    node.values.push(value);
    return true;
  }

  /** Longest-match, non-overlapping scan of folded words. */
  scan(words: string[]): PhraseHit<T>[] {
    const hits: PhraseHit<T>[] = [];
    let i = 0;
    while (i < words.length) {
      let node: Node<T> | undefined = this.root;
      let best: PhraseHit<T> | null = null;
      for (let j = i; j < words.length; j++) {
        node = node.next.get(words[j]);
        if (!node) break;
        if (node.values) best = { start: i, end: j + 1, values: node.values };
      }
      if (best) {
        hits.push(best);
        i = best.end;
      } else i++;
    }
    return hits;
  }
}
