/**
 * Length caps on text the product stores or exports, cut on a character
 * boundary (never inside a surrogate pair), with what was cut reported so the
 * caller can record it.
 */

/** Longest article title kept at extraction (real headlines are far shorter; a longer one is hostile or broken). */
export const MAX_TITLE_CHARS = 1_000;

/** Excel's limit for one cell (characters, UTF-16 code units). */
export const MAX_CELL_CHARS = 32_767;

/** `text` cut to at most `max` UTF-16 code units (ending with `marker` when cut); `cut` counts the code units removed. */
export function capText(text: string, max: number, marker = "…"): { text: string; cut: number } {
  if (text.length <= max) return { text, cut: 0 };
  let end = Math.max(0, max - marker.length);
  const code = text.charCodeAt(end - 1);
  if (code >= 0xd800 && code <= 0xdbff) end--; // do not split a surrogate pair
  return { text: text.slice(0, end) + marker, cut: text.length - end };
}

/** An extracted article with its title capped at MAX_TITLE_CHARS; `cut` > 0 when it was cut (to record). */
export function capTitle<T extends { title: string }>(article: T): { article: T; cut: number } {
  const { text, cut } = capText(article.title, MAX_TITLE_CHARS);
  return cut ? { article: { ...article, title: text }, cut } : { article, cut: 0 };
}
