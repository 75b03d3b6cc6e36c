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
  /** The trie in flat arrays for scan (compiled on the first scan after an add). */
  private flat: FlatTrie<T> | null = null;

  /** Add a value under a phrase (folded words); returns false when the phrase has no words. */
  add(phrase: string, value: T): boolean {
    const words = foldedWords(phrase);
    if (!words.length) return false;
    this.flat = null;
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
    const { first, values, keys, children, mask } = (this.flat ??= flatten(this.first));
    const hits: PhraseHit<T>[] = [];
    const n = words.length;
    let i = 0;
    while (i < n) {
      const id = ids[i];
      let node = id < first.length ? first[id] : 0;
      if (node === 0) {
        i++;
        continue;
      }
      let best = values[node];
      let end = best ? i + 1 : -1;
      for (let j = i + 1; j < n; j++) {
        // The child of `node` by word id (0: none); ids are ≥ 1, an unregistered word's 0 has no child.
        const w = ids[j];
        let slot = edgeSlot(node, w) & mask;
        let child = 0;
        for (let key = keys[slot]; key !== 0; key = keys[(slot = (slot + 1) & mask)]) {
          if (key === node && keys[slot + mask + 1] === w) {
            child = children[slot];
            break;
          }
        }
        if (child === 0) break;
        node = child;
        const v = values[node];
        if (v) {
          end = j + 1;
          best = v;
        }
      }
      if (end > 0) {
        hits.push({ start: i, end, values: best! });
        i = end;
      } else i++;
    }
    return hits;
  }
}

/**
 * A PhraseTrie in flat arrays: nodes numbered from 1 (0: none); `first[id]`
 * the node of a phrase's first word; `values[node]` the node's values (null
 * when no phrase ends there); the edges in one open-addressing table of
 * mask + 1 slots: keys[slot] the parent node (0: empty) and keys[slot + mask
 * + 1] the word id, children[slot] the child. A lookup reads integers where
 * the Map of each node hashed its key (a tenth of the classifier's time).
 */
interface FlatTrie<T> {
  first: Int32Array;
  values: Array<T[] | null>;
  keys: Int32Array;
  children: Int32Array;
  mask: number;
}

const edgeSlot = (node: number, word: number): number => Math.imul(node, 0x9e3779b1) ^ Math.imul(word, 0x85ebca77);

function flatten<T>(roots: Array<Node<T> | undefined>): FlatTrie<T> {
  const values: Array<T[] | null> = [null];
  const edges: [number, number, number][] = [];
  // Numbered with a stack of its own, not recursion: a phrase of any length (one node per word).
  const number = (root: Node<T>): number => {
    const top = values.length;
    values.push(root.values);
    const stack: [Node<T>, number][] = [[root, top]];
    for (let entry = stack.pop(); entry; entry = stack.pop()) {
      const [node, k] = entry;
      for (const [word, child] of node.next) {
        const c = values.length;
        values.push(child.values);
        edges.push([k, word, c]);
        stack.push([child, c]);
      }
    }
    return top;
  };
  const first = new Int32Array(roots.length);
  roots.forEach((root, id) => {
    if (root) first[id] = number(root);
  });
  let slots = 16;
  while (slots < edges.length * 2) slots *= 2;
  const mask = slots - 1;
  const keys = new Int32Array(slots * 2);
  const children = new Int32Array(slots);
  for (const [node, word, child] of edges) {
    let slot = edgeSlot(node, word) & mask;
    while (keys[slot] !== 0) slot = (slot + 1) & mask;
    keys[slot] = node;
    keys[slot + slots] = word;
    children[slot] = child;
  }
  return { first, values, keys, children, mask };
}
