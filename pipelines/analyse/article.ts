/**
 * The analysis of one article, pure: its text normalised and folded once
 * (prepareText), classified, attributed and shingled for clustering. The same
 * function runs in the analysis' own thread and in its worker threads
 * (pool.ts), so both give the same rows.
 */
import { type AgencyMatcher, attribute, type Attribution } from "../attribute/attribute.ts";
import { type Classification, classifyWords } from "../classify/classify.ts";
import type { Lexicon } from "../classify/lexicon.ts";
import { preparedShingles } from "../dedupe/cluster.ts";
import { prepareText } from "../text/prepared.ts";

export interface ArticleInput {
  title: string;
  body_text: string;
  byline: string | null;
  /** "YYYY-MM-DD" in Asia/Ho_Chi_Minh, null when undated. */
  published_day: string | null;
  /** The day the crawler first saw the page ("YYYY-MM-DD", Asia/Ho_Chi_Minh). */
  first_seen_day: string | null;
  /** The source's own agency (own portal), null on shared channels. */
  source_agency_id: string | null;
  channel: string | null;
}

export interface ArticleAnalysis {
  /** The classifier's labels (before analyst overrides). */
  classification: Classification;
  /** The attribution (before analyst overrides). */
  attribution: Attribution;
  /** The clusterer's shingle hashes (shingleHashes of dedupeWords): a view of its buffer, valid until the next article's (preparedShingles). */
  shingles: Uint32Array;
}

export interface AnalysisRules {
  lexicon: Lexicon;
  matcher: AgencyMatcher;
}

export function analyseArticle(rules: AnalysisRules, r: ArticleInput): ArticleAnalysis {
  const text = prepareText(r.title, r.body_text);
  return {
    classification: classifyWords(rules.lexicon, text.titleWords, text.bodyWords, text.titleIds, text.bodyIds),
    attribution: attribute(rules.matcher, {
      source_agency_id: r.source_agency_id,
      channel: r.channel,
      latest: r.first_seen_day, // an undated page is no later than the day it was first seen
      byline: r.byline,
      title: r.title,
      text: r.body_text,
      body: text.body,
      date: r.published_day, // the Vietnamese calendar day
    }),
    shingles: preparedShingles(text),
  };
}
