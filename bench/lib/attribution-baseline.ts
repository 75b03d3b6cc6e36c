/**
 * The baseline of the attribution benchmark: attribution as it was before
 * issue 12 (the first of byline, source lines, title and 400-character lead
 * that names exactly one valid agency wins, by alias scan). Kept here only to
 * time against, in the same run; the product's rule is pipelines/attribute/.
 */
import { normalizeBody } from "../../pipelines/text/normalize.ts";
import { foldedWords, PhraseTrie } from "../../pipelines/text/phrases.ts";
import type { AgencyRef } from "../../pipelines/attribute/attribute.ts";

export function compileBaseline(agencies: AgencyRef[]): PhraseTrie<AgencyRef> {
  const trie = new PhraseTrie<AgencyRef>();
  for (const a of agencies) for (const alias of new Set([a.name, ...a.aliases])) trie.add(alias, a);
  return trie;
}

const validOn = (a: AgencyRef, date: string | null) => date === null || ((a.valid_from ?? "0000-00-00") <= date && date <= (a.valid_to ?? "9999-12-31"));

function sourceLines(text: string): string[] {
  const lines = normalizeBody(text).split("\n").filter(Boolean);
  const out: string[] = [];
  for (const line of lines) {
    const m = /^\s*(?:nguồn(?:\s+tin)?|nguon(?:\s+tin)?|tác giả|tac gia)\s*:\s*(.+)$/i.exec(line);
    if (m) out.push(m[1]);
  }
  for (const line of lines.slice(-2)) {
    if (line.length > 160) continue;
    const dash = /.*\s[–—-]\s+(.{3,100})$/.exec(line);
    if (dash) out.push(dash[1]);
  }
  return out;
}

export function attributeBaseline(trie: PhraseTrie<AgencyRef>, input: { byline: string | null; title: string; text: string; date: string | null }): string | null {
  const lead = normalizeBody(input.text).slice(0, 400);
  for (const text of [...(input.byline ? [input.byline] : []), ...sourceLines(input.text), input.title, lead]) {
    const valid = new Set<AgencyRef>();
    for (const hit of trie.scan(foldedWords(text))) for (const a of hit.values) if (validOn(a, input.date)) valid.add(a);
    if (valid.size === 1) return [...valid][0].id;
  }
  return null;
}
