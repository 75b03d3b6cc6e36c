/**
 * Attribution: whose work is an item. Pure.
 *
 * An item on an agency's own portal belongs to that agency. An item on a
 * shared channel (provincial portal, newspaper) is credited to the agency the
 * text shows ACTING: the subject of the title or of a clause of the lead
 * ("Sở Tư pháp tổ chức …", "UBND huyện X ban hành …"), the body a source line
 * or byline names ("Theo Sở X", "Sở X cho biết", "Nguồn: …"), the organiser
 * ("do Sở X tổ chức"), a leader deciding or chairing ("Chủ tịch UBND tỉnh ký …").
 * Mentions that are not the actor score nothing: the addressee, the host of a
 * visit, the body inspected, ranked or awarded, an agency inside a person's
 * title or former title ("nguyên Bí thư Tỉnh ủy"), a body inside the agency
 * ("Đảng ủy Sở Y tế"), another province's body ("Sở Tư pháp tỉnh Long An").
 * A bare place ("thành phố Tây Ninh", "Phường 2") is never an agency; an alias
 * that starts with a place word counts only if the registry marks it unambiguous.
 * Only agencies valid on the item's date count (an undated item: valid over the
 * whole range the page can be from). The best-scoring actor wins when it is
 * clearly ahead; a tie is resolved by role (the organiser over the leader who
 * chairs it, when the leader's body is the organiser's parent) or left
 * unattributed with both candidates. Every decision keeps its evidence and its
 * candidates; unsure and tied items carry a review reason.
 */
import { normalizeBody, TOKEN_HASH_START, tokenEntryHashed, tokenFold, tokenHashStep, tokenId, tokenRaw, unitsOf } from "../text/normalize.ts";
import { foldedWords, PhraseTrie } from "../text/phrases.ts";
import {
  ACTION_VERBS, BETWEEN, DELEGATION_BEFORE, FORMER, HEAD_TITLES, INNER_BODIES, LEADER_VERBS, OBJECT_CUES, ORGANISER_BEFORE, ORGANISER_VERBS,
  EVENT_NOUNS, OUTSIDER_HEADS, PARTY_TITLES, PERSON_TITLES, PLACE_HEADS, POST_MERGER_CUES, PROVINCES, RANKED_CUES, SESSION_BEFORE, SOURCE_AFTER, SOURCE_BEFORE,
} from "./cues.ts";

/** The minimal view of an agency that attribution needs (see fromRegistryAgencies). */
export interface AgencyRef {
  id: string;
  name: string;
  aliases: string[];
  /** Aliases that start with a place word but name the agency anyway (registry `unambiguous`). */
  unambiguous?: string[];
  kind?: string;
  parent?: string | null;
  /** First and last day (inclusive, "YYYY-MM-DD"); null = open. */
  valid_from: string | null;
  valid_to: string | null;
}

export type AttributionMethod = "source" | "byline" | "source_line" | "title" | "lead" | "body" | "unattributed" | "analyst";

export interface AttributionInput {
  /** The source's fixed agency (own portal), or null for shared channels. */
  source_agency_id: string | null;
  byline?: string | null;
  title: string;
  text: string;
  /** The item's date "YYYY-MM-DD" (Asia/Ho_Chi_Minh), or null when unknown. */
  date: string | null;
  /** The channel (newspaper, provincial_portal, own_portal, …); a press byline on the newspaper is the publisher, not the actor. */
  channel?: string | null;
  /** For an undated item: the last day the page can be from (when it was first seen); default today. */
  latest?: string | null;
  /** normalizeBody(text), when the caller has it already (pipelines/text/prepared.ts). */
  body?: string;
}

export interface Candidate {
  agency_id: string;
  score: number;
  /** The roles found, e.g. "title subject", "lead source", "person's title". */
  roles: string[];
}

export interface Attribution {
  agency_id: string | null;
  method: AttributionMethod;
  confidence: number;
  /** The words the decision rests on (or why nothing was credited). */
  evidence: string;
  /** Every agency named in an acting role, best first (empty on own portals). */
  candidates: Candidate[];
  /** Why an analyst should look at it (unattributed with candidates, a tie, low confidence), or null. */
  review: string | null;
  /** The kind of that reason, for the review queue page: "tie", "unattributed" (named, none acting), "low_confidence". */
  review_kind: ReviewKind | null;
}

export type ReviewKind = "tie" | "unattributed" | "low_confidence";

/** Confidence of each kind of evidence. */
export const CONFIDENCE: Record<Exclude<AttributionMethod, "unattributed" | "analyst">, number> = {
  source: 1,
  byline: 0.95,
  source_line: 0.9,
  title: 0.8,
  lead: 0.75,
  body: 0.6,
};
/** Below this an attribution is credited but listed in the review queue. */
export const REVIEW_BELOW = 0.7;

const LEAD_CHARS = 700;
/**
 * How far the body is read (the lead is all of it today): news writing names the actor in the title
 * and the first sentences, while later text carries sidebar teasers; reading 1,800 characters changed
 * no decision on the development set and cost 1.5× the time (docs/classification.md §3).
 */
const BODY_CHARS = 700;
/** A credit needs this much acting evidence … */
const MIN_SCORE = 2;
/** … and this lead over the runner-up. */
const MARGIN = 1.6;

interface AliasEntry {
  agency: AgencyRef;
  alias: string;
  /** Starts with a place word and is not marked unambiguous: a place, never a credit. */
  place: boolean;
  /** An all-capitals short form (STP, TTV): must match in capitals. */
  acronym: boolean;
  /** The alias names the home province ("… tỉnh Tây Ninh"). */
  home: boolean;
  /** Lower-cased NFC words of the alias, to check diacritics where the text has them. */
  words: string[];
  /** For each word: does the alias have punctuation before it ("Sở Văn hóa, Thể thao …")? */
  punct: boolean[];
}

export interface AgencyMatcher {
  agencies: AgencyRef[];
  trie: PhraseTrie<AliasEntry>;
  byId: Map<string, AgencyRef>;
  /** Folded words of the home province ("tay ninh"). */
  home: string[];
}

const phraseWords = new Map<string, string[]>();
/** Folded words of a cue phrase (memoised: the cue lists are small and read for every mention). */
function fw(phrase: string): string[] {
  let w = phraseWords.get(phrase);
  if (!w) phraseWords.set(phrase, (w = foldedWords(phrase)));
  return w;
}

interface PNode {
  next: Map<string, PNode>;
  phrase: string | null;
}

/** A small phrase list matched on folded words, forwards (a phrase starting at i) or backwards (one ending at i). */
class Phrases {
  private readonly fwd: PNode = { next: new Map(), phrase: null };
  private readonly back: PNode = { next: new Map(), phrase: null };
  constructor(phrases: string[]) {
    for (const p of phrases) {
      const w = fw(p);
      if (!w.length) continue;
      Phrases.add(this.fwd, w, p);
      Phrases.add(this.back, [...w].reverse(), p);
    }
  }
  private static add(root: PNode, words: string[], phrase: string): void {
    let node = root;
    for (const word of words) {
      let child = node.next.get(word);
      if (!child) node.next.set(word, (child = { next: new Map(), phrase: null }));
      node = child;
    }
    node.phrase ??= phrase;
  }
  /** The longest phrase that starts at words[i], or null. */
  at(words: string[], i: number): string | null {
    let node: PNode | undefined = this.fwd;
    let best: string | null = null;
    for (let j = i; j < words.length; j++) {
      node = node.next.get(words[j]);
      if (!node) break;
      if (node.phrase) best = node.phrase;
    }
    return best;
  }
  /** The longest phrase that ends exactly before words[end], or null. */
  endingAt(words: string[], end: number): string | null {
    let node: PNode | undefined = this.back;
    let best: string | null = null;
    for (let j = end - 1; j >= 0; j--) {
      node = node.next.get(words[j]);
      if (!node) break;
      if (node.phrase) best = node.phrase;
    }
    return best;
  }
  /** Does any phrase occur in words? */
  anyIn(words: string[]): boolean {
    for (let i = 0; i < words.length; i++) if (this.fwd.next.has(words[i]) && this.at(words, i)) return true;
    return false;
  }
}

const P = {
  place: new Phrases(PLACE_HEADS),
  action: new Phrases(ACTION_VERBS),
  leaderVerb: new Phrases(LEADER_VERBS),
  head: new Phrases(HEAD_TITLES),
  person: new Phrases(PERSON_TITLES),
  former: new Phrases(FORMER),
  party: new Phrases(PARTY_TITLES),
  inner: new Phrases(INNER_BODIES),
  object: new Phrases(OBJECT_CUES),
  ranked: new Phrases(RANKED_CUES),
  sourceBefore: new Phrases(SOURCE_BEFORE),
  sourceAfter: new Phrases(SOURCE_AFTER),
  organiser: new Phrases(ORGANISER_BEFORE),
  organiserVerb: new Phrases(ORGANISER_VERBS),
  delegation: new Phrases(DELEGATION_BEFORE),
  session: new Phrases(SESSION_BEFORE),
  province: new Phrases(PROVINCES),
  postMerger: new Phrases(POST_MERGER_CUES),
  outsider: new Phrases(OUTSIDER_HEADS),
  event: new Phrases(EVENT_NOUNS),
};

/** The title's subject when it is a body the registry does not hold ("Công an tỉnh cấp …", "Tây Ninh: Tỉnh đoàn tổ chức …"). */
function outsiderSubject(m: AgencyMatcher, w: Words): string | null {
  let i = 0;
  // Skip a leading "Tây Ninh:" / place prefix.
  const colon = w.before.findIndex((b, j) => j > 0 && j <= 12 && b.includes(":"));
  if (colon > 0) i = colon;
  // "Đại hội Hội Doanh nghiệp …", "Hội nghị Đảng ủy …": an outsider's own event.
  const opener = P.action.at(w.folds, i); // "Khai mạc Đại hội …"
  const k = opener && P.event.at(w.folds, i + fw(opener).length) ? i + fw(opener).length : i;
  const event = P.event.at(w.folds, k);
  if (event) {
    const j = k + fw(event).length;
    const owner = P.outsider.at(w.folds, j);
    if (owner && m.trie.scan(w.folds.slice(j, j + 8))[0]?.start !== 0) return w.orig.slice(j, j + fw(owner).length + 2).join(" ");
  }
  const head = P.outsider.at(w.folds, i);
  if (!head) return null;
  if (m.trie.scan(w.folds.slice(i, i + 8))[0]?.start === 0) return null; // it is a registered agency's name
  const end = i + fw(head).length;
  for (let j = end; j < Math.min(w.folds.length, end + 8); j++) if (P.action.at(w.folds, j) || w.before[j].includes(":")) return w.orig.slice(i, j).join(" ");
  return null;
}

/** Object cues that make the next names of a list partners too. */
const PARTNER_CUES = new Set(["phoi hop voi", "voi", "va", "cung", "lam viec voi"]);

const isAcronym = (alias: string) => /^[A-ZĐ&]{2,6}$/u.test(alias.trim());

/** Precompile the aliases (name + aliases) of agencies; `home` defaults to the province of the provincial government's name. */
export function compileAgencies(agencies: AgencyRef[], home?: string): AgencyMatcher {
  const trie = new PhraseTrie<AliasEntry>();
  const gov = agencies.find((a) => a.kind === "provincial_government");
  const homeName = home ?? (gov ? /tỉnh\s+(.+)$/iu.exec(gov.name)?.[1] : undefined) ?? "Tây Ninh";
  const homeWords = foldedWords(homeName);
  for (const a of agencies) {
    const seen = new Set<string>();
    const unambiguous = new Set((a.unambiguous ?? []).map((x) => foldedWords(x).join(" ")));
    for (const alias of [a.name, ...a.aliases, ...(a.unambiguous ?? [])]) {
      const words = foldedWords(alias);
      const key = words.join(" ");
      if (!key || seen.has(key)) continue;
      seen.add(key);
      const place = P.place.at(words, 0) !== null && !unambiguous.has(key);
      trie.add(alias, {
        agency: a,
        alias,
        place,
        acronym: isAcronym(alias),
        home: containsSeq(words, homeWords),
        words: wordsOf(alias).orig.map((t) => t.replace(/^\(/, "").toLowerCase()),
        punct: (() => {
          const aw = wordsOf(alias);
          return aw.before.map((b, i) => i > 0 && /[,.;:]/.test(b));
        })(),
      });
    }
  }
  return { agencies, trie, byId: new Map(agencies.map((a) => [a.id, a])), home: homeWords };
}

/** Registry agencies (pipelines/registry) as AgencyRef: short names and aliases are both aliases. */
export function fromRegistryAgencies(
  agencies: {
    id: string; name: string; short_names: string[]; aliases: string[]; unambiguous?: string[]; kind?: string; parent?: string | null;
    valid_from: string | null; valid_to: string | null;
  }[],
): AgencyRef[] {
  return agencies.map((a) => ({
    id: a.id, name: a.name, aliases: [...a.short_names, ...a.aliases], unambiguous: a.unambiguous ?? [], kind: a.kind, parent: a.parent ?? null,
    valid_from: a.valid_from, valid_to: a.valid_to,
  }));
}

function containsSeq(words: string[], seq: string[]): boolean {
  if (!seq.length) return false;
  outer: for (let i = 0; i + seq.length <= words.length; i++) {
    for (let j = 0; j < seq.length; j++) if (words[i + j] !== seq[j]) continue outer;
    return true;
  }
  return false;
}

// ── Tokens ──────────────────────────────────────────────────────────────────

/** Words of a segment, with the punctuation before each word (to find clause starts). */
interface Words {
  /** Each word's folded form: matchKey(word) without its spaces (foldWords(word).join("")). */
  folds: string[];
  /** The registered id of each fold (see registerWord), for the agencies' trie. */
  ids: number[];
  /** For each word: the punctuation tokens between it and the previous word ("" when none). */
  before: string[];
  orig: string[];
}

/**
 * The class of an ASCII code unit: a digit or a letter 1, "\n" 3, a space, tab or carriage return 4, anything else 0
 * (so \v and \f are punctuation, as they always were for the tokens).
 */
const asciiClass = (code: number): number =>
  (code >= 48 && code <= 57) || ((code | 32) >= 97 && (code | 32) <= 122) ? 1 : code === 10 ? 3 : code === 32 || code === 9 || code === 13 ? 4 : 0;

/** classOf per UTF-16 code unit, filled on first sight (255: not yet seen), ASCII at once: one array read per character. */
const charClass = new Uint8Array(0x10000).fill(255);
for (let code = 0; code < 128; code++) charClass[code] = asciiClass(code);
/** 1 = letter or digit, 2 = combining mark, 3 = newline, 4 = other space, 0 = punctuation (asciiClass below U+0080). */
function classOf(code: number): number {
  let c = charClass[code];
  if (c === 255) {
    const ch = String.fromCodePoint(code);
    c = /[\p{L}\p{N}]/u.test(ch) ? 1 : /\p{M}/u.test(ch) ? 2 : ch === "\n" ? 3 : /\s/u.test(ch) ? 4 : 0;
    charClass[code] = c;
  }
  return c;
}

/**
 * One pass over the characters (the hot path): words with their folded form and the punctuation before each.
 * Each word is hashed as it is scanned and looked up in the fold's token table (tokenEntryHashed): its fold, id and string cost no allocation.
 */
function wordsOf(text: string): Words {
  const folds: string[] = [];
  const ids: number[] = [];
  const before: string[] = [];
  const orig: string[] = [];
  let punct = "";
  let depth = 0;
  let i = 0;
  const n = text.length;
  const units = unitsOf(text);
  while (i < n) {
    const code = units[i];
    const cls = classOf(code);
    if (cls === 1) {
      // The word's code units are hashed for the token table as they are scanned.
      let h = tokenHashStep(TOKEN_HASH_START, code);
      let j = i + 1;
      while (j < n) {
        const c2 = units[j];
        const k = classOf(c2);
        if (k !== 1 && k !== 2) break;
        h = tokenHashStep(h, c2);
        j++;
      }
      const e = tokenEntryHashed(units, i, j, h);
      const id = tokenId(e); // -1: the word folds to nothing
      if (id >= 0) {
        const word = tokenRaw(e, text, i);
        folds.push(tokenFold(e));
        ids.push(id);
        before.push(punct);
        orig.push(depth > 0 ? `(${word}` : word);
        punct = "";
      }
      i = j;
      continue;
    }
    if (cls === 4) {
      if (punct && !punct.endsWith(" ")) punct += " ";
    } else if (cls === 0 || cls === 3) {
      const ch = text[i];
      if (ch === "(") depth++;
      else if (ch === ")") depth = Math.max(0, depth - 1);
      if (!punct) punct = " ";
      punct += ch;
    }
    i++;
  }
  // Words inside parentheses carry a leading "(" in orig and are skipped by the cue readers after a name.
  return { folds, ids, before, orig };
}

const CLAUSE_BREAK = /[.!?;:\n,–—]|\s-\s/;

/** Tone-insensitive-to-placement key of a word: "hóa" and "hoá" agree, "phường" and "phương" do not. */
const syllableCache = new Map<string, string>();
function syllableKey(w: string): string {
  let k = syllableCache.get(w);
  if (k === undefined) {
    k = computeSyllableKey(w);
    if (syllableCache.size < 200_000) syllableCache.set(w, k);
  }
  return k;
}
function computeSyllableKey(w: string): string {
  const d = w.normalize("NFD");
  const tone = d.match(/[\u0300\u0301\u0303\u0309\u0323]/)?.[0] ?? "";
  return d.replace(/[\u0300\u0301\u0303\u0309\u0323]/g, "").normalize("NFC").replace(/Ð/g, "Đ").toLowerCase() + tone;
}
const hasDiacritics = (w: string) => /[^\x00-\x7f]/.test(w);

/** Does the text's word agree with the alias's word? Diacritics are checked only where both carry them. */
function sameWord(textWord: string, aliasWord: string): boolean {
  if (!hasDiacritics(textWord) || !hasDiacritics(aliasWord)) return true;
  return syllableKey(textWord) === syllableKey(aliasWord);
}

// ── Mentions and roles ──────────────────────────────────────────────────────

type Role =
  | "subject" | "source" | "organiser" | "delegation" | "session" | "leader" | "byline" | "source_line" | "title_prefix"
  | "mention" | "place" | "object" | "person" | "former" | "inner" | "ranked" | "other_province";

const ROLE_WEIGHT: Record<Role, number> = {
  byline: 4, source_line: 4, source: 3, subject: 3, organiser: 3, title_prefix: 3, delegation: 2.5, session: 2.5, leader: 2,
  mention: 0, place: 0, object: 0, person: 0, former: 0, inner: 0, ranked: 0, other_province: 0,
};
const ACTING: Role[] = ["byline", "source_line", "source", "subject", "organiser", "title_prefix", "delegation", "session", "leader"];

interface Mention {
  agency: AgencyRef;
  role: Role;
  cue: string;
  where: "byline" | "source_line" | "title" | "lead" | "body";
  /** The words around the mention, built only for the mention a decision cites. */
  snippet: () => string;
  /** The matched alias names the home province, or the words after it do. */
  home: boolean;
}

const PLACE_WEIGHT: Record<Mention["where"], number> = { byline: 1, source_line: 1, title: 1.5, lead: 1.2, body: 0.6 };

/** Index of the first word of the clause word i is in. */
function clauseStart(w: Words, i: number): number {
  let j = i;
  while (j > 0 && !CLAUSE_BREAK.test(w.before[j])) j--;
  return j;
}

/** Folded words after position `end` in the same clause, skipping parenthesised words, at most n. */
function after(w: Words, end: number, n: number, breaks = CLAUSE_BREAK): { words: string[]; start: number }[] {
  const out: { words: string[]; start: number }[] = [];
  for (let j = end; j < w.folds.length && out.length < n; j++) {
    if (j > end && breaks.test(w.before[j])) break;
    if (w.orig[j].startsWith("(")) continue;
    out.push({ words: [w.folds[j]], start: j });
  }
  return out;
}

/**
 * The cues read right before a name (after its person titles and "nguyên"), in the order they are tried: the
 * first list with a phrase ending just before the name gives the role. "organiser" ("do", "chủ trì") is the
 * organiser only when an organising verb follows the name within four words, otherwise background ("object").
 */
const CUES_BEFORE: ReadonlyArray<{ phrases: Phrases; role: Role }> = [
  { phrases: P.inner, role: "inner" }, // "Đảng ủy Sở Y tế"
  { phrases: P.delegation, role: "delegation" },
  { phrases: P.sourceBefore, role: "source" },
  { phrases: P.organiser, role: "organiser" },
  { phrases: P.object, role: "object" },
];

function readRole(m: AgencyMatcher, w: Words, start: number, end: number, where: Mention["where"]): { role: Role; cue: string; home: boolean } {
  const cs = clauseStart(w, start);
  const prev = w.folds.slice(Math.max(cs, start - 6), start);
  const prevEnd = prev.length;
  const next = after(w, end, 14).map((x) => x.words[0]);
  // Qualifiers right after the name: "tỉnh Tây Ninh", "tỉnh Long An", "(HĐND)", "khóa IX".
  let k = 0;
  let home = false;
  let other: string | null = null;
  while (k < next.length) {
    if (next[k] === "tinh" || next[k] === "tp" || next[k] === "thanh" && next[k + 1] === "pho") {
      k += next[k] === "thanh" ? 2 : 1;
      continue;
    }
    const prov = P.province.at(next, k);
    if (prov) {
      if (containsSeq(fw(prov), m.home) && fw(prov).length === m.home.length) home = true;
      else other ??= prov;
      k += fw(prov).length;
      continue;
    }
    break;
  }
  if (other && !home) return { role: "other_province", cue: `… ${other}`, home };
  // Before the name.
  const former = prevEnd ? P.former.endingAt(prev, prevEnd) : null;
  const title = P.person.endingAt(prev, prevEnd);
  if (title) {
    const titleStart = prevEnd - fw(title).length;
    if (titleStart > 0 && P.former.endingAt(prev, titleStart)) return { role: "former", cue: `nguyên ${title}`, home };
    const before = w.folds.slice(Math.max(0, start - 10), start - fw(title).length);
    const partyHat = P.party.anyIn(before);
    if (P.head.endingAt(prev, prevEnd) && !partyHat) {
      for (let j = k; j < next.length; j++) {
        const v = P.leaderVerb.at(next, j);
        if (v && !P.person.at(next, j)) return { role: "leader", cue: `${title} … ${v}`, home };
      }
    }
    return { role: "person", cue: title, home };
  }
  if (former) return { role: "former", cue: "nguyên", home };
  for (const { phrases, role } of CUES_BEFORE) {
    const cue = phrases.endingAt(prev, prevEnd);
    if (!cue) continue;
    if (role !== "organiser") return { role, cue, home };
    for (let j = k; j < Math.min(next.length, k + 4); j++) if (P.organiserVerb.at(next, j)) return { role: "organiser", cue: `do … ${P.organiserVerb.at(next, j)}`, home };
    // "các nhiệm vụ do UBND tỉnh giao": the agent of a relative clause is background, not the item's actor.
    return { role: "object", cue, home };
  }
  if (P.session.anyIn(prev) && /hoi dong nhan dan|hdnd/.test(w.folds.slice(start, end).join(" "))) {
    return { role: "session", cue: "kỳ họp", home };
  }
  // After the name (past its qualifiers and adverbs).
  let j = k;
  while (j < next.length && BETWEEN.has(next[j]) && !P.action.at(next, j) && !P.ranked.at(next, j)) j++;
  const ranked = P.ranked.at(next, j);
  if (ranked) return { role: "ranked", cue: ranked, home };
  const src = P.sourceAfter.at(next, j);
  if (src) return { role: "source", cue: src, home };
  const verb = P.action.at(next, j);
  if (verb) return { role: "subject", cue: verb, home };
  if (where === "title" && start === 0 && (w.before[end] ?? "").includes(":")) return { role: "title_prefix", cue: ":", home };
  // A headline that opens with the name but no verb the lists know is only a mention: the lists decide, not the position.
  return { role: "mention", cue: "", home };
}

function snippetOf(w: Words, start: number, end: number): string {
  const s = Math.max(0, start - 6);
  const e = Math.min(w.orig.length, end + 8);
  return w.orig.slice(s, e).map((x) => x.replace(/^\(/, "")).join(" ");
}

/** Find and read every agency mention of a segment into `out`; returns the segment's words. */
function scanMentions(m: AgencyMatcher, text: string, where: Mention["where"], out: Mention[]): Words {
  const w = wordsOf(text);
  if (!text) return w;
  const found: { start: number; end: number; entries: AliasEntry[]; role: Role; cue: string; home: boolean }[] = [];
  for (const hit of m.trie.scan(w.folds, w.ids)) {
    const entries = hit.values.filter((e) => {
      if (e.acronym && w.orig[hit.start].replace(/^\(/, "") !== e.alias.trim()) return false;
      if (e.words.length !== hit.end - hit.start) return true;
      for (let i = 0; i < e.words.length; i++) {
        if (!sameWord(w.orig[hit.start + i].replace(/^\(/, ""), e.words[i])) return false;
        // "4 phường, 4 xã" is not "Phường 4": a comma or full stop the alias lacks splits the match.
        if (i > 0 && !e.punct[i] && /[,.;:\n]/.test(w.before[hit.start + i])) return false;
      }
      return true;
    });
    if (!entries.length) continue;
    const r = readRole(m, w, hit.start, hit.end, where);
    const last = found.at(-1);
    // A list continues its first member's role: "phối hợp với Sở A; Sở B tổ chức" – Sở B is a partner too.
    // Only partners and people's titles carry on ("tại hội trường UBND tỉnh, Sở X tổ chức": Sở X acts).
    if (last && last.end === hit.start && /^[,;]$/.test(w.before[hit.start].trim()) && (last.role === "person" || (last.role === "object" && PARTNER_CUES.has(last.cue)))) {
      r.role = last.role;
      r.cue = last.cue;
    }
    // Co-subjects: "Sở A và Sở B ký kết …" – both act (a tie unless roles elsewhere decide).
    // (Only "và"/"cùng": after a comma the first name usually ends an adverbial – "tại hội trường UBND tỉnh, Sở X tổ chức".)
    const joined = last && last.end === hit.start - 1 && (w.folds[last.end] === "va" || w.folds[last.end] === "cung");
    if (last && joined && last.role === "mention") {
      const after = readRole(m, w, hit.start, hit.end, where);
      if (r.cue === "va" || r.cue === "cung" || r.role === "subject") {
        const verbRole = after.role === "object" ? readRoleAfterOnly(m, w, hit.start, hit.end, where) : after;
        if (verbRole.role === "subject") {
          last.role = "subject";
          last.cue = verbRole.cue;
          r.role = "subject";
          r.cue = verbRole.cue;
        }
      }
    }
    found.push({ start: hit.start, end: hit.end, entries, ...r });
  }
  for (const f of found) {
    const snippet = () => snippetOf(w, f.start, f.end);
    for (const e of f.entries) out.push({ agency: e.agency, role: e.place ? "place" : f.role, cue: f.cue, where, snippet, home: f.home || e.home });
  }
  return w;
}

/** The role a mention gets from the words after it alone (for the second of two co-subjects). */
function readRoleAfterOnly(m: AgencyMatcher, w: Words, start: number, end: number, where: Mention["where"]): { role: Role; cue: string; home: boolean } {
  const copy: Words = { ...w, before: [...w.before] };
  copy.before[start] = ",";
  return readRole(m, copy, start, end, where);
}

/** Source lines of a text: "Nguồn: …", "Nguồn tin: …", or a last line "… – Sở Tư pháp" / "(Sở Tư pháp)". */
export function sourceLines(text: string): string[] {
  const lines = normalizeBody(text).split("\n").filter(Boolean);
  return sourceLinesOf(lines, lines);
}

/** "Thu Hà – Sở Tư pháp" → "Sở Tư pháp": what follows the last spaced dash, when it is 3–100 characters. */
function afterLastDash(line: string): string | null {
  for (let i = line.length - 4; i > 0; i--) {
    const c = line[i];
    if ((c === "–" || c === "—" || c === "-") && /\s/.test(line[i - 1]) && /\s/.test(line[i + 1])) {
      let j = i + 1;
      while (j < line.length && /\s/.test(line[j])) j++;
      const rest = line.slice(j);
      if (rest.length >= 3 && rest.length <= 100) return rest;
      if (rest.length > 100) return null;
    }
  }
  return null;
}

function sourceLinesOf(lines: string[], tail: string[]): string[] {
  const out: string[] = [];
  for (const line of lines === tail ? lines : [...lines, ...tail]) {
    const m = /^\s*(?:nguồn(?:\s+tin)?|nguon(?:\s+tin)?|tác giả|tac gia|tin,?\s*ảnh|tin,?\s*anh)\s*:\s*(.+)$/i.exec(line);
    if (m) out.push(m[1]);
  }
  for (const line of tail.slice(-2)) {
    if (line.length > 160) continue;
    const dash = afterLastDash(line);
    if (dash) out.push(dash);
    const paren = /\(([^()]{3,100})\)\s*$/.exec(line);
    if (paren) out.push(paren[1]);
    const theo = /^\s*theo\s+(.{3,100})$/i.exec(line);
    if (theo && line.length <= 110) out.push(theo[1]);
  }
  return out;
}

// ── Time ────────────────────────────────────────────────────────────────────

const todayIso = () => new Date(Date.now() + 7 * 3600_000).toISOString().slice(0, 10);

/**
 * The days an item can be from: its date; for an undated item, from the latest
 * year its title and text name (a page names no year after it was written,
 * less one for plans written the year before) or the merger when it describes
 * the merged province, to `latest` (when it was first seen; default today).
 */
export function dateRange(input: Pick<AttributionInput, "date" | "title" | "text" | "latest">, headWords?: string[]): { from: string; to: string } {
  if (input.date) return { from: input.date, to: input.date };
  const to = input.latest ?? todayIso();
  const maxYear = Number(to.slice(0, 4));
  let year = 0;
  for (const m of `${input.title}\n${input.text.slice(0, 3000)}`.matchAll(/(?<![\d/.-])(20\d\d|19\d\d)(?!\d)/g)) {
    const y = Number(m[1]);
    if (y <= maxYear && y > year) year = y;
  }
  let from = year ? `${year - 1}-01-01` : "0000-01-01";
  if (from < "2025-07-01" && P.postMerger.anyIn(headWords ?? foldedWords(`${input.title} ${input.text.slice(0, LEAD_CHARS)}`))) from = "2025-07-01";
  return { from: from > to ? to : from, to };
}

const validOver = (a: AgencyRef, r: { from: string; to: string }) => (a.valid_from ?? "0000-00-00") <= r.from && r.to <= (a.valid_to ?? "9999-12-31");

// ── Decision ────────────────────────────────────────────────────────────────

/** Credit one item to an agency, or to nobody. */
export function attribute(m: AgencyMatcher, input: AttributionInput): Attribution {
  if (input.source_agency_id) {
    return { agency_id: input.source_agency_id, method: "source", confidence: CONFIDENCE.source, evidence: "the source is the agency's own channel", candidates: [], review: null, review_kind: null };
  }
  // Only the head (lead and body up to BODY_CHARS) and the last lines (source lines) are read.
  let lines: string[];
  let tail: string[];
  if (input.body !== undefined) {
    // Already normalised by the caller (pipelines/text/prepared.ts): the head and the last lines of it.
    lines = input.body.slice(0, BODY_CHARS + 100).split("\n").filter(Boolean);
    tail = input.body.length > BODY_CHARS + 100 ? input.body.slice(-400).split("\n").filter(Boolean).slice(1) : lines;
  } else {
    const long = input.text.length > BODY_CHARS + 600;
    lines = normalizeBody(long ? input.text.slice(0, BODY_CHARS + 100) : input.text).split("\n").filter(Boolean);
    tail = long ? normalizeBody(input.text.slice(-400)).split("\n").filter(Boolean).slice(1) : lines;
  }
  const body = lines.join("\n");
  const lead = body.slice(0, LEAD_CHARS);
  const rest = body.slice(LEAD_CHARS, BODY_CHARS);
  const mentions: Mention[] = [];
  const newspaper = input.channel === "newspaper";
  const bylineWords = input.byline ? scanMentions(m, input.byline, "byline", mentions).folds : [];
  for (const s of sourceLinesOf(lines, tail)) scanMentions(m, s, "source_line", mentions);
  for (const x of mentions) if (x.role === "mention" || x.role === "subject" || x.role === "source") x.role = x.where as Role;
  const titleWords = scanMentions(m, input.title, "title", mentions);
  const leadWords = scanMentions(m, lead, "lead", mentions).folds;
  scanMentions(m, rest, "body", mentions);
  const range = dateRange(input, input.date ? undefined : [...titleWords.folds, ...leadWords]);

  // Another province's item: when the title or lead names only other provinces, names without "Tây Ninh" are theirs.
  const head = [...titleWords.folds, ...bylineWords, ...leadWords.slice(0, 50)];
  let homeNamed = containsSeq(head, m.home);
  let otherNamed: string | null = null;
  // Loose on purpose (a bare "Hòa Bình" in a title counts): the cost of a false "elsewhere" is an unattributed item.
  for (let i = 0; i < head.length; i++) {
    const p = P.province.at(head, i);
    if (p && !containsSeq(fw(p), m.home)) otherNamed ??= p;
  }
  if (!homeNamed && !otherNamed) homeNamed = true; // nothing says elsewhere

  // The title's actor is a body the registry lacks: the lead's mentions of registered agencies are context.
  const outsider = outsiderSubject(m, titleWords);
  const invalid = new Set<string>();
  const scores = new Map<string, { score: number; roles: string[]; best: Mention | null; bestWeight: number }>();
  for (const x of mentions) {
    if (!validOver(x.agency, range)) {
      if (ACTING.includes(x.role)) invalid.add(x.agency.name);
      continue;
    }
    let role = x.role;
    if (otherNamed && !homeNamed && !x.home && ACTING.includes(role)) role = "other_province";
    if (newspaper && (role === "byline" || role === "source_line") && /^(press|broadcaster|press_broadcaster)$/.test(x.agency.kind ?? "")) role = "mention";
    const weight = ROLE_WEIGHT[role] * PLACE_WEIGHT[x.where] * (outsider && (x.where === "lead" || x.where === "body") ? 0.5 : 1);
    const s = scores.get(x.agency.id) ?? { score: 0, roles: [], best: null, bestWeight: 0 };
    s.score += weight;
    const label = `${x.where} ${role.replace("_", " ")}${x.cue ? ` (${x.cue})` : ""}`;
    if (!s.roles.includes(label) && s.roles.length < 6) s.roles.push(label);
    // The decision cites its most reliable acting evidence (byline > source line > title > lead > body), then the heaviest.
    const rank = weight > 0 ? CONFIDENCE[x.where] * 100 + weight : 0;
    if (rank > s.bestWeight) {
      s.best = { ...x, role };
      s.bestWeight = rank;
    }
    scores.set(x.agency.id, s);
  }
  const candidates: Candidate[] = [...scores.entries()]
    .map(([agency_id, s]) => ({ agency_id, score: Math.round(s.score * 100) / 100, roles: s.roles }))
    .sort((a, b) => b.score - a.score || a.agency_id.localeCompare(b.agency_id));
  const acting = candidates.filter((c) => c.score > 0);
  const none = (why: string): Attribution => ({
    agency_id: null,
    method: "unattributed",
    confidence: 0,
    evidence: why,
    candidates,
    review: candidates.length ? `unattributed: ${why}` : null,
    review_kind: candidates.length ? "unattributed" : null,
  });
  if (!acting.length || acting[0].score < MIN_SCORE) {
    const when = range.from === range.to ? range.from : `${range.from} – ${range.to} (undated: the days the page can be from)`;
    const out = outsider ? `the title's actor is ${outsider}, not a registered agency` : "";
    const named = candidates.length ? `agencies named but none acting: ${candidates.slice(0, 3).map((c) => `${c.agency_id} [${c.roles.join("; ")}]`).join(", ")}` : "";
    const inv = invalid.size ? `names ${[...invalid].join(", ")}, not valid on ${when}` : "";
    return none([out, named, inv].filter(Boolean).join("; ") || "no agency named in byline, source line, title or text");
  }
  let winner = acting[0];
  let tieNote = "";
  const second = acting[1];
  if (second && winner.score < MARGIN * second.score) {
    const resolved = resolveTie(m, scores, winner.agency_id, second.agency_id);
    if (!resolved) return { ...none(`tie: ${winner.agency_id} (${winner.score}) and ${second.agency_id} (${second.score}) both act`), review: `tie between ${winner.agency_id} and ${second.agency_id}`, review_kind: "tie" };
    winner = acting.find((c) => c.agency_id === resolved.id)!;
    tieNote = `; tie resolved: ${resolved.why}`;
  }
  const s = scores.get(winner.agency_id)!;
  const best = s.best!;
  const method: AttributionMethod = best.where;
  const margin = second ? Math.min(1, winner.score / (MARGIN * second.score)) : 1;
  const confidence = Math.round(CONFIDENCE[method] * (best.role === "leader" ? 0.85 : 1) * (tieNote ? 0.8 : 0.9 + 0.1 * margin) * 100) / 100;
  const evidence = `${method} ${best.role.replace("_", " ")}${best.cue ? ` "${best.cue}"` : ""}: "${clip(best.snippet())}" → ${best.agency.name}${tieNote}`;
  return {
    agency_id: winner.agency_id,
    method,
    confidence,
    evidence,
    candidates,
    review: confidence < REVIEW_BELOW ? `low confidence (${confidence})` : null,
    review_kind: confidence < REVIEW_BELOW ? "low_confidence" : null,
  };
}

/** Ties by role: the organiser over the leader of its parent who chairs or opens it. */
function resolveTie(
  m: AgencyMatcher,
  scores: Map<string, { roles: string[] }>,
  a: string,
  b: string,
): { id: string; why: string } | null {
  const only = (id: string, roles: string[]) => scores.get(id)!.roles.every((r) => roles.some((x) => r.includes(x)) || / (mention|place|object|person|former|inner|ranked|other province)/.test(r));
  const organises = (id: string) => scores.get(id)!.roles.some((r) => / (subject|organiser|title prefix|source|delegation)/.test(r));
  for (const [child, parent] of [[a, b], [b, a]]) {
    if (m.byId.get(child)?.parent !== parent || !organises(child)) continue;
    if (only(parent, [" leader"])) return { id: child, why: `${child} organises, ${parent} only chairs or speaks` };
    // Both act: the department's own event or report, under its parent's presidency (the parent is the defensible second).
    return { id: child, why: `${child} reports or organises its own work, ${parent} presides` };
  }
  return null;
}

function clip(text: string): string {
  const t = text.trim();
  return t.length > 120 ? `${t.slice(0, 119)}…` : t;
}
