/**
 * The reform lexicon (registry/lexicon.yaml): loading, validation with located
 * errors (`file:line: field: what is wrong`), and compilation into a word trie
 * over diacritic-folded keys so that classification is one pass over the words.
 */
import { readFileSync } from "node:fs";
import { dirname, join, relative } from "node:path";
import { fileURLToPath } from "node:url";
import { RegistryValidationError, YamlFile, type RegistryIssue } from "../registry/yaml-source.ts";
import { matchKey } from "../text/normalize.ts";
import { REFORM_AREAS, TAGGED_AREAS, type ReformArea } from "../vocabulary/index.ts";
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
  const terms = new PhraseTrie<Entry>();
  const labels = {} as Record<Area, string>;
  const indices: string[] = [];
  const fields: string[] = [];
  const scoring = { ...SCORING_DEFAULTS };
  const doc = src.value;
  if (!isRecord(doc)) {
    if (!issues.length) src.error([], "expected a mapping with scoring, areas, indices, tthc_fields, context");
    return { scoring, labels, indices, fields, terms, notAlone: new Set() };
  }
  for (const key of Object.keys(doc)) {
    if (!["scoring", "areas", "indices", "tthc_fields", "context", "not_alone"].includes(key)) src.error([key], "unknown section");
  }

  // scoring
  if (doc.scoring !== undefined) {
    if (!isRecord(doc.scoring)) src.error(["scoring"], "expected a mapping");
    else {
      for (const [k, v] of Object.entries(doc.scoring)) {
        if (!(k in SCORING_DEFAULTS)) src.error(["scoring", k], "unknown setting");
        else if (k === "general_area") {
          if (!AREAS.includes(v as Area)) src.error(["scoring", k], `must be one of ${AREAS.join(", ")}`);
          else scoring.general_area = v as Area;
        } else if (typeof v !== "number" || !Number.isFinite(v) || v < 0) src.error(["scoring", k], "must be a non-negative number");
        else (scoring as unknown as Record<string, number>)[k] = v;
      }
    }
  }

  const add = (path: (string | number)[], term: unknown, entry: (term: string) => Entry, owner: string, seen: Map<string, string>) => {
    if (typeof term !== "string" && typeof term !== "number") {
      src.error(path, "a term must be text");
      return;
    }
    const text = String(term);
    const key = matchKey(text).trim();
    if (!key) {
      src.error(path, `term "${text}" has no letters or digits`);
      return;
    }
    const dup = seen.get(key);
    if (dup !== undefined) {
      src.error(path, `term "${text}" repeats "${dup}" in ${owner} (terms are compared without case and diacritics)`);
      return;
    }
    seen.set(key, text);
    terms.add(text, entry(text));
  };

  const weightOf = (path: (string | number)[], v: unknown, allowNegative: boolean): number | null => {
    if (typeof v !== "number" || !Number.isFinite(v)) {
      src.error(path, "weight must be a number");
      return null;
    }
    if (!allowNegative && v <= 0) {
      src.error(path, "weight must be positive (negative context goes under context:)");
      return null;
    }
    if (allowNegative && v >= 0) {
      src.error(path, "context weight must be negative");
      return null;
    }
    return v;
  };

  // areas
  if (!isRecord(doc.areas)) src.error(["areas"], "expected a mapping of areas");
  else {
    for (const [area, def] of Object.entries(doc.areas)) {
      if (!AREAS.includes(area as Area)) {
        src.error(["areas", area], `unknown area "${area}" (known: ${AREAS.join(", ")})`);
        continue;
      }
      if (!isRecord(def)) {
        src.error(["areas", area], "expected label and terms");
        continue;
      }
      if (typeof def.label !== "string" || !def.label.trim()) src.error(["areas", area, "label"], "missing label");
      else labels[area as Area] = def.label;
      if (!isRecord(def.terms)) {
        src.error(["areas", area, "terms"], "expected a mapping term: weight");
        continue;
      }
      const seen = new Map<string, string>();
      for (const [term, w] of Object.entries(def.terms)) {
        const weight = weightOf(["areas", area, "terms", term], w, false);
        if (weight === null) continue;
        add(["areas", area, "terms", term], term, (t) => ({ kind: "area", area: area as Area, weight, term: t }), `area ${area}`, seen);
      }
    }
    for (const area of TAGGED_AREAS) if (!(area in doc.areas)) src.error(["areas"], `area "${area}" is missing`);
  }

  // indices
  if (doc.indices !== undefined) {
    if (!isRecord(doc.indices)) src.error(["indices"], "expected a mapping of indices");
    else {
      const seen = new Map<string, string>();
      for (const [index, def] of Object.entries(doc.indices)) {
        if (!isRecord(def) || !Array.isArray(def.terms)) {
          src.error(["indices", index], "expected weight and terms: [ … ]");
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
    if (!isRecord(doc.tthc_fields)) src.error(["tthc_fields"], "expected a mapping field: [terms]");
    else {
      const seen = new Map<string, string>();
      for (const [field, terms] of Object.entries(doc.tthc_fields)) {
        if (!Array.isArray(terms)) {
          src.error(["tthc_fields", field], "expected a list of terms");
          continue;
        }
        fields.push(field);
        terms.forEach((term, i) => add(["tthc_fields", field, i], term, (t) => ({ kind: "field", field, term: t }), "tthc_fields", seen));
      }
    }
  }

  // context
  if (doc.context !== undefined) {
    if (!isRecord(doc.context)) src.error(["context"], "expected a mapping term: negative weight");
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
    if (!Array.isArray(doc.not_alone)) src.error(["not_alone"], "expected a list of area terms");
    else
      doc.not_alone.forEach((term, i) => {
        const key = typeof term === "string" || typeof term === "number" ? matchKey(String(term)).trim() : "";
        const known = key ? terms.scan(key.split(" ")).find((h) => h.start === 0 && h.end === key.split(" ").length) : undefined;
        if (!known || !known.values.some((e) => e.kind === "area")) src.error(["not_alone", i], `"${String(term)}" is not a term of any area`);
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
  if (issues.length) throw new RegistryValidationError(issues);
  return lexicon;
}

/** Occurrences of lexicon terms in folded words (longest match first), given the words' registered ids when known. */
export function scanWords(lexicon: Lexicon, words: string[], ids?: number[]): PhraseHit<Entry>[] {
  return lexicon.terms.scan(words, ids);
}
