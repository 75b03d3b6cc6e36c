/**
 * The reform classifier: is an item about administrative reform (CCHC), how
 * strongly, in which areas, which indices and TTHC fields it names, and why
 * (the matched terms with their weights). Pure: lexicon and text in, values out.
 *
 * Evidence is weighted by place: the title counts `title_weight` times, the
 * lead (first `lead_words` words of the text) `lead_weight` times, the rest
 * once, scaled down by sqrt(body_norm_words / words) in long texts so that a
 * passing mention in a long report is not enough.
 */
import { prepareText } from "../text/prepared.ts";
import { AREAS, INDEX_AREA, scanWords, type Area, type Entry, type Lexicon } from "./lexicon.ts";

export interface ClassifyInput {
  title?: string | null;
  text?: string | null;
}

export type Place = "title" | "lead" | "body";

export interface Match {
  term: string;
  /** Weight as written in the lexicon (negative for context terms; 0 for TTHC fields). */
  weight: number;
  place: Place;
  count: number;
  /** Contribution to the score (after place multipliers, repeats and length scaling). */
  contribution: number;
  /** What the term is evidence of: areas, "index:PCI", "field:hộ tịch", "context". */
  tags: string[];
}

export interface Classification {
  is_cchc: boolean;
  score: number;
  /** Areas listed for a CCHC item, strongest first (empty when not CCHC). */
  areas: Area[];
  primary_area: Area | null;
  /** Score per area (also for items that are not CCHC, e.g. for an analyst's include). */
  area_scores: Partial<Record<Area, number>>;
  indices: string[];
  tthc_fields: string[];
  matched: Match[];
}

const round = (x: number) => Math.round(x * 100) / 100;

interface Tally {
  entries: Entry[];
  counts: Record<Place, number>;
}

function placeWeight(lexicon: Lexicon, place: Place): number {
  const s = lexicon.scoring;
  return place === "title" ? s.title_weight : place === "lead" ? s.lead_weight : 1;
}

/** Weight of a term towards is_cchc: its strongest area/index meaning, or its (negative) context weight. */
function scoreWeight(entries: Entry[]): number {
  let best = 0;
  let context = 0;
  for (const e of entries) {
    if (e.kind === "area" || e.kind === "index") best = Math.max(best, e.weight);
    else if (e.kind === "context") context = Math.min(context, e.weight);
  }
  return best > 0 ? best : context;
}

function tagsOf(entries: Entry[]): string[] {
  const tags = entries.map((e) =>
    e.kind === "area" ? e.area : e.kind === "index" ? `index:${e.index}` : e.kind === "field" ? `field:${e.field}` : "context",
  );
  return [...new Set(tags)];
}

/** Classify one item with a given lexicon. */
export function classifyWith(lexicon: Lexicon, input: ClassifyInput): Classification {
  const t = prepareText(input.title ?? "", input.text ?? "");
  return classifyWords(lexicon, t.titleWords, t.bodyWords, t.titleIds, t.bodyIds);
}

/**
 * Classify from the folded words of the title and of the normalised body (see
 * pipelines/text/prepared.ts), with their registered ids when the caller has
 * them: same result as classifyWith.
 */
export function classifyWords(lexicon: Lexicon, titleWords: string[], bodyWords: string[], titleIds?: ArrayLike<number>, bodyIds?: ArrayLike<number>): Classification {
  const s = lexicon.scoring;
  // When the text starts with the title (common in scraped pages), do not count it twice.
  let skip = 0;
  if (titleWords.length >= 3) {
    let k = 0;
    while (k < titleWords.length && bodyWords[k] === titleWords[k]) k++;
    if (k === titleWords.length) skip = k;
  }

  const tallies = new Map<string, Tally>();
  const tally = (hits: ReturnType<typeof scanWords>, placeOf: (start: number) => Place | null) => {
    for (const h of hits) {
      const place = placeOf(h.start);
      if (!place) continue;
      const key = h.values[0].term;
      let t = tallies.get(key);
      if (!t) tallies.set(key, (t = { entries: h.values, counts: { title: 0, lead: 0, body: 0 } }));
      t.counts[place]++;
    }
  };
  tally(scanWords(lexicon, titleWords, titleIds), () => "title");
  tally(scanWords(lexicon, bodyWords, bodyIds), (start) => (start < skip ? null : start < skip + s.lead_words ? "lead" : "body"));

  const restWords = Math.max(0, bodyWords.length - skip - s.lead_words);
  const bodyScale = restWords > s.body_norm_words ? Math.sqrt(s.body_norm_words / restWords) : 1;

  let score = 0;
  let specific = 0; // positive evidence from terms that count alone
  let focus = 0; // positive evidence in the title and lead
  const areaScores: Partial<Record<Area, number>> = {};
  const indices = new Set<string>();
  const fields = new Set<string>();
  const matched: Match[] = [];
  for (const t of tallies.values()) {
    const w = scoreWeight(t.entries);
    for (const place of ["title", "lead", "body"] as const) {
      const n = t.counts[place];
      if (!n) continue;
      const repeats = 1 + s.repeat_factor * (Math.min(n, s.max_repeats) - 1);
      const factor = placeWeight(lexicon, place) * repeats * (place === "body" ? bodyScale : 1);
      score += w * factor;
      if (w > 0 && !t.entries.some((e) => lexicon.notAlone.has(e.term))) specific += w * factor;
      if (w > 0 && place !== "body") focus += w * factor;
      for (const e of t.entries) {
        if (e.kind === "area") areaScores[e.area] = (areaScores[e.area] ?? 0) + e.weight * factor;
        else if (e.kind === "index") {
          areaScores[INDEX_AREA] = (areaScores[INDEX_AREA] ?? 0) + e.weight * factor;
          indices.add(e.index);
        } else if (e.kind === "field") fields.add(e.field);
      }
      matched.push({ term: t.entries[0].term, weight: w, place, count: n, contribution: round(w * factor), tags: tagsOf(t.entries) });
    }
  }
  matched.sort((a, b) => Math.abs(b.contribution) - Math.abs(a.contribution) || a.term.localeCompare(b.term));

  // "công chức, viên chức" in a fun run's title is not reform: some evidence must come from terms that count alone.
  // News names its subject in the title and lead: reform named only further down (an anniversary that
  // recalls a restructuring, a session's opening speech) must be substantial to make the item reform.
  const needed = focus >= s.min_focus ? s.threshold : s.threshold * s.unfocused_factor;
  const is_cchc = score >= needed && specific >= s.min_specific;
  const ranked = AREAS.filter((a) => (areaScores[a] ?? 0) > 0).sort((a, b) => (areaScores[b] ?? 0) - (areaScores[a] ?? 0));
  const rank = (a: Area) => (areaScores[a] ?? 0) * (a === s.general_area ? s.general_primary_factor : 1);
  const top = ranked.length ? (areaScores[ranked[0]] ?? 0) : 0;
  const listed = ranked.filter((a) => (areaScores[a] ?? 0) >= s.area_min_share * top);
  // An item that goes through the reform areas one by one (as the plans enumerate them) is about reform in general.
  const enumerated = listed.filter((a) => a !== s.general_area && a !== INDEX_AREA).length;
  const enumerates = s.general_when_areas > 0 && (areaScores[s.general_area] ?? 0) > 0 && enumerated >= s.general_when_areas;
  const primary = enumerates ? s.general_area : ranked.length ? ranked.reduce((best, a) => (rank(a) > rank(best) ? a : best)) : null;
  const areas = is_cchc && primary ? [primary, ...listed.filter((a) => a !== primary)] : [];
  const rounded: Partial<Record<Area, number>> = {};
  for (const a of ranked) rounded[a] = round(areaScores[a] ?? 0);
  return {
    is_cchc,
    score: round(score),
    areas,
    primary_area: is_cchc ? primary : null,
    area_scores: rounded,
    indices: [...indices].sort(),
    tthc_fields: [...fields].sort(),
    matched,
  };
}
