/** Test helpers shared by the clustering tests: an item as the clusterer takes it, and a seeded PRNG. */
export interface Item {
  id: string;
  set: Uint32Array;
  time: number;
}

/** A small deterministic PRNG (independent of the product's hashes). */
export function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => ((s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32);
}
