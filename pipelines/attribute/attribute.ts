/**
 * Attribution: whose work is an item. An item on an agency's own portal
 * belongs to that agency. An item on a shared channel (provincial portal,
 * newspaper: source agency null) is credited from, strongest first, its byline,
 * a source line in the text ("Nguồn: …", "… – Sở Tư pháp"), its title and its
 * lead, by diacritic-insensitive alias matching against the agencies valid on
 * the item's date. Nothing matched, or two agencies equally named → unattributed
 * (agency_id null), never a guess. Pure.
 */
import { normalizeBody } from "../text/normalize.ts";
import { foldedWords, PhraseTrie } from "../text/phrases.ts";

/** The minimal view of an agency that attribution needs (see fromRegistryAgencies). */
export interface AgencyRef {
  id: string;
  name: string;
  aliases: string[];
  /** First and last day (inclusive, "YYYY-MM-DD"); null = open. */
  valid_from: string | null;
  valid_to: string | null;
}

export type AttributionMethod = "source" | "byline" | "source_line" | "title" | "lead" | "unattributed" | "analyst";

export interface AttributionInput {
  /** The source's fixed agency (own portal), or null for shared channels. */
  source_agency_id: string | null;
  byline?: string | null;
  title: string;
  text: string;
  /** The item's date "YYYY-MM-DD" (Asia/Ho_Chi_Minh), or null when unknown (then every agency is a candidate). */
  date: string | null;
  /** normalizeBody(text), when the caller has it already (pipelines/text/prepared.ts). */
  body?: string;
}

export interface Attribution {
  agency_id: string | null;
  method: AttributionMethod;
  confidence: number;
  /** The text the decision rests on (or why nothing was credited). */
  evidence: string;
}

/** Confidence of each kind of evidence. */
export const CONFIDENCE: Record<Exclude<AttributionMethod, "unattributed" | "analyst">, number> = {
  source: 1,
  byline: 0.95,
  source_line: 0.9,
  title: 0.75,
  lead: 0.6,
};

const LEAD_CHARS = 400;

export interface AgencyMatcher {
  agencies: AgencyRef[];
  trie: PhraseTrie<AgencyRef>;
}

/** Precompile the aliases (name + aliases) of agencies. */
export function compileAgencies(agencies: AgencyRef[]): AgencyMatcher {
  const trie = new PhraseTrie<AgencyRef>();
  for (const a of agencies) {
    const seen = new Set<string>();
    for (const alias of [a.name, ...a.aliases]) {
      const key = foldedWords(alias).join(" ");
      if (!key || seen.has(key)) continue;
      seen.add(key);
      trie.add(alias, a);
    }
  }
  return { agencies, trie };
}

/** Registry agencies (pipelines/registry) as AgencyRef: short names and aliases are both aliases. */
export function fromRegistryAgencies(
  agencies: { id: string; name: string; short_names: string[]; aliases: string[]; valid_from: string | null; valid_to: string | null }[],
): AgencyRef[] {
  return agencies.map((a) => ({ id: a.id, name: a.name, aliases: [...a.short_names, ...a.aliases], valid_from: a.valid_from, valid_to: a.valid_to }));
}

const validOn = (a: AgencyRef, date: string | null) =>
  date === null || ((a.valid_from ?? "0000-00-00") <= date && date <= (a.valid_to ?? "9999-12-31"));

/** Source lines of a text: "Nguồn: …", "Nguồn tin: …", "Theo …" at the end, or a last line "… – Sở Tư pháp" / "(Sở Tư pháp)". */
export function sourceLines(text: string, body = normalizeBody(text)): string[] {
  const lines = body.split("\n").filter(Boolean);
  const out: string[] = [];
  for (const line of lines) {
    const m = /^\s*(?:nguồn(?:\s+tin)?|nguon(?:\s+tin)?|tác giả|tac gia|tin,?\s*ảnh|tin,?\s*anh)\s*:\s*(.+)$/i.exec(line);
    if (m) out.push(m[1]);
  }
  const tail = lines.slice(-2);
  for (const line of tail) {
    if (line.length > 160) continue;
    const dash = /.*\s[–—-]\s+(.{3,100})$/.exec(line);
    if (dash) out.push(dash[1]);
    const paren = /\(([^()]{3,100})\)\s*$/.exec(line);
    if (paren) out.push(paren[1]);
  }
  return out;
}

/** The distinct agencies named in a text, in order of first mention: valid on the date, and not valid then. */
function named(m: AgencyMatcher, text: string, date: string | null): { valid: AgencyRef[]; invalid: AgencyRef[] } {
  const valid: AgencyRef[] = [];
  const invalid: AgencyRef[] = [];
  for (const hit of m.trie.scan(foldedWords(text))) {
    for (const a of hit.values) {
      const list = validOn(a, date) ? valid : invalid;
      if (!list.includes(a)) list.push(a);
    }
  }
  return { valid, invalid };
}

/** Credit one item to an agency, or to nobody. */
export function attribute(m: AgencyMatcher, input: AttributionInput): Attribution {
  if (input.source_agency_id) {
    return { agency_id: input.source_agency_id, method: "source", confidence: CONFIDENCE.source, evidence: "the source is the agency's own channel" };
  }
  const body = input.body ?? normalizeBody(input.text);
  const lead = body.slice(0, LEAD_CHARS);
  const tiers: { method: keyof typeof CONFIDENCE; texts: string[] }[] = [
    { method: "byline", texts: input.byline ? [input.byline] : [] },
    { method: "source_line", texts: sourceLines(input.text, body) },
    { method: "title", texts: [input.title] },
    { method: "lead", texts: [lead] },
  ];
  const ambiguous: string[] = [];
  for (const tier of tiers) {
    for (const text of tier.texts) {
      const { valid, invalid } = named(m, text, input.date);
      if (valid.length === 1) {
        const [agency] = valid;
        return { agency_id: agency.id, method: tier.method, confidence: CONFIDENCE[tier.method], evidence: `${tier.method}: "${clip(text)}" names ${agency.name}` };
      }
      if (valid.length > 1) ambiguous.push(`ambiguous: ${tier.method} names ${valid.map((a) => a.name).join(" and ")}`);
      else if (invalid.length) ambiguous.push(`${tier.method} names ${invalid.map((a) => a.name).join(" and ")}, not existing on ${input.date}`);
    }
  }
  const why = ambiguous.length ? ambiguous.join("; ") : "no agency named in byline, source line, title or lead";
  return { agency_id: null, method: "unattributed", confidence: 0, evidence: why };
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 120 ? `${t.slice(0, 119)}…` : t;
}
