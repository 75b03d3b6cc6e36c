/**
 * The reform lexicon (registry/lexicon.yaml): loading, validation with located
 * errors (`file:line: field: what is wrong`), and compilation into a word trie
 * over diacritic-folded keys so that classification is one pass over the words.
 */
import { lexiconInvalidSummary, lexiconMessage, type LexiconCode } from "./lexicon-messages.ts";
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RegistryValidationError, YamlFile, type RegistryIssue } from "../registry/yaml-source.ts";
import { matchKey } from "../text/normalize.ts";
import { label, REFORM_AREAS, TAGGED_AREAS, type ReformArea } from "../vocabulary/index.ts";
import { PhraseTrie, type PhraseHit } from "../text/phrases.ts";

export const DEFAULT_LEXICON = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "registry", "lexicon.yaml");

/** The reform areas: one list for the lexicon, the registry, evidence, plan tasks and the site (pipelines/vocabulary). */
export const AREAS = REFORM_AREAS;
export type Area = ReformArea;
export const INDEX_AREA: Area = "chi_so";

export interface Scoring {
  threshold: number;
  title_weight: number;
  lead_weight: number;
  lead_words: number;
  repeat_factor: number;
  max_repeats: number;
  body_norm_words: number;
  area_min_share: number;
  general_area: Area;
  general_primary_factor: number;
  /** Positive evidence from terms not listed under not_alone must reach this (0 = no such rule). */
  min_specific: number;
  /** Positive evidence in the title and lead below this marks an item whose reform words are all in its body … */
  min_focus: number;
  /** … which then needs threshold × this (1 = no such rule). */
  unfocused_factor: number;
  /** With this many reform areas listed (not general_area, not the indices' area) and general evidence, the primary area is general_area (0 = no such rule). */
  general_when_areas: number;
}

/** What one lexicon term means: evidence for an area, an index, a TTHC field, or negative context. */
export type Entry =
  | { kind: "area"; area: Area; weight: number; term: string }
  | { kind: "index"; index: string; weight: number; term: string }
  | { kind: "field"; field: string; term: string }
  | { kind: "context"; weight: number; term: string };

export interface Lexicon {
  scoring: Scoring;
  labels: Record<Area, string>;
  indices: string[];
  fields: string[];
  /** Folded terms → what they mean. */
  terms: PhraseTrie<Entry>;
  /** The area terms (as written) that are not evidence alone (section not_alone, e.g. "công chức viên chức"). */
  notAlone: Set<string>;
}

const SCORING_DEFAULTS: Scoring = {
  threshold: 6,
  title_weight: 3,
  lead_weight: 2,
  lead_words: 60,
  repeat_factor: 0.35,
  max_repeats: 6,
  body_norm_words: 400,
  area_min_share: 0.4,
  general_area: "chung",
  general_primary_factor: 0.5,
  min_specific: 0,
  min_focus: 0,
  unfocused_factor: 1,
  general_when_areas: 0,
};

const isRecord = (v: unknown): v is Record<string, unknown> => v !== null && typeof v === "object" && !Array.isArray(v);

/** Parse and validate lexicon text; every problem is collected into `issues`. */
export function parseLexicon(file: string, text: string, issues: RegistryIssue[]): Lexicon {
  const src = YamlFile.parse(file, text, issues);
  const bad = (path: (string | number)[], code: LexiconCode, params?: Record<string, string | number>) => src.report(path, code, lexiconMessage(code, params), params);
  const terms = new PhraseTrie<Entry>();
  const labels = {} as Record<Area, string>;
  const indices: string[] = [];
  const fields: string[] = [];
  const scoring = { ...SCORING_DEFAULTS };
  const doc = src.value;
  if (!isRecord(doc)) {
    if (!issues.length) bad([], "lex.root_not_mapping");
    return { scoring, labels, indices, fields, terms, notAlone: new Set() };
  }
  for (const key of Object.keys(doc)) {
    if (!["scoring", "areas", "indices", "tthc_fields", "context", "not_alone"].includes(key)) bad([key], "lex.unknown_section");
  }

  // scoring
  if (doc.scoring !== undefined) {
    if (!isRecord(doc.scoring)) bad(["scoring"], "lex.not_mapping");
    else {
      for (const [k, v] of Object.entries(doc.scoring)) {
        if (!(k in SCORING_DEFAULTS)) bad(["scoring", k], "lex.unknown_setting");
        else if (k === "general_area") {
          if (!AREAS.includes(v as Area)) bad(["scoring", k], "lex.unknown_general_area", { allowed: AREAS.join(", ") });
          else scoring.general_area = v as Area;
        } else if (typeof v !== "number" || !Number.isFinite(v) || v < 0) bad(["scoring", k], "lex.negative_setting");
        else (scoring as unknown as Record<string, number>)[k] = v;
      }
    }
  }

  const add = (path: (string | number)[], term: unknown, entry: (term: string) => Entry, owner: string, seen: Map<string, string>) => {
    if (typeof term !== "string" && typeof term !== "number") {
      bad(path, "lex.term_not_text");
      return;
    }
    const text = String(term);
    const key = matchKey(text).trim();
    if (!key) {
      bad(path, "lex.term_empty", { term: text });
      return;
    }
    const dup = seen.get(key);
    if (dup !== undefined) {
      bad(path, "lex.term_duplicate", { term: text, other: dup, owner });
      return;
    }
    seen.set(key, text);
    terms.add(text, entry(text));
  };

  const weightOf = (path: (string | number)[], v: unknown, allowNegative: boolean): number | null => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      bad(path, "lex.weight_not_number");
      return null;
    }
    if (!allowNegative && v <= 0) {
      bad(path, "lex.weight_not_positive");
      return null;
    }
    if (allowNegative && v >= 0) {
      bad(path, "lex.context_not_negative");
      return null;
    }
    return v;
  };

  // areas
  if (!isRecord(doc.areas)) bad(["areas"], "lex.areas_not_mapping");
  else {
    for (const [area, def] of Object.entries(doc.areas)) {
      if (!AREAS.includes(area as Area)) {
        bad(["areas", area], "lex.unknown_area", { area, allowed: AREAS.join(", ") });
        continue;
      }
      if (!isRecord(def)) {
        bad(["areas", area], "lex.area_not_mapping");
        continue;
      }
      if (typeof def.label !== "string" || !def.label.trim()) bad(["areas", area, "label"], "lex.label_missing");
      else labels[area as Area] = def.label;
      if (!isRecord(def.terms)) {
        bad(["areas", area, "terms"], "lex.terms_not_mapping");
        continue;
      }
      const seen = new Map<string, string>();
      for (const [term, w] of Object.entries(def.terms)) {
        const weight = weightOf(["areas", area, "terms", term], w, false);
        if (weight === null) continue;
        add(["areas", area, "terms", term], term, (t) => ({ kind: "area", area: area as Area, weight, term: t }), `lĩnh vực ${label("reform_area", area)}`, seen);
      }
    }
    for (const area of TAGGED_AREAS) if (!(area in doc.areas)) bad(["areas"], "lex.area_missing", { area });
  }

  // indices
  if (doc.indices !== undefined) {
    if (!isRecord(doc.indices)) bad(["indices"], "lex.indices_not_mapping");
    else {
      const seen = new Map<string, string>();
      for (const [index, def] of Object.entries(doc.indices)) {
        if (!isRecord(def) || !Array.isArray(def.terms)) {
          bad(["indices", index], "lex.index_shape");
          continue;
        }
        const weight = weightOf(["indices", index, "weight"], def.weight, false);
        if (weight === null) continue;
        indices.push(index);
        def.terms.forEach((term, i) => add(["indices", index, "terms", i], term, (t) => ({ kind: "index", index, weight, term: t }), "indices", seen));
      }
    }
  }

  // TTHC fields
  if (doc.tthc_fields !== undefined) {
    if (!isRecord(doc.tthc_fields)) bad(["tthc_fields"], "lex.fields_not_mapping");
    else {
      const seen = new Map<string, string>();
      for (const [field, terms] of Object.entries(doc.tthc_fields)) {
        if (!Array.isArray(terms)) {
          bad(["tthc_fields", field], "lex.field_not_list");
          continue;
        }
        fields.push(field);
        terms.forEach((term, i) => add(["tthc_fields", field, i], term, (t) => ({ kind: "field", field, term: t }), "tthc_fields", seen));
      }
    }
  }

  // context
  if (doc.context !== undefined) {
    if (!isRecord(doc.context)) bad(["context"], "lex.context_not_mapping");
    else {
      const seen = new Map<string, string>();
      for (const [term, w] of Object.entries(doc.context)) {
        const weight = weightOf(["context", term], w, true);
        if (weight === null) continue;
        add(["context", term], term, (t) => ({ kind: "context", weight, term: t }), "context", seen);
      }
    }
  }

  // not_alone: area terms that name who or what reform concerns but are not evidence of reform by themselves
  const notAlone = new Set<string>();
  if (doc.not_alone !== undefined) {
    if (!Array.isArray(doc.not_alone)) bad(["not_alone"], "lex.not_alone_not_list");
    else
      doc.not_alone.forEach((term, i) => {
        const key = typeof term === "string" || typeof term === "number" ? matchKey(String(term)).trim() : "";
        const known = key ? terms.scan(key.split(" ")).find((h) => h.start === 0 && h.end === key.split(" ").length) : undefined;
        if (!known || !known.values.some((e) => e.kind === "area")) bad(["not_alone", i], "lex.not_alone_unknown", { term: String(term) });
        else for (const e of known.values) notAlone.add(e.term);
      });
  }
  return { scoring, labels, indices, fields, terms, notAlone };
}

/** Load and validate a lexicon file, or throw listing every problem as file:line: field: message. */
export function loadLexicon(path: string = DEFAULT_LEXICON): Lexicon {
  const issues: RegistryIssue[] = [];
  const label = relative(process.cwd(), path) || path;
  const lexicon = parseLexicon(label, readFileSync(path, "utf-8"), issues);
  if (issues.length) throw new RegistryValidationError(issues, lexiconInvalidSummary(label, issues.length));
  return lexicon;
}

/** Occurrences of lexicon terms in folded words (longest match first), given the words' registered ids when known. */
export function scanWords(lexicon: Lexicon, words: string[], ids?: ArrayLike<number>): PhraseHit<Entry>[] {
  return lexicon.terms.scan(words, ids);
}
