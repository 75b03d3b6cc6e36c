/**
 * The analysis of one article, pure: its text normalised and folded once
 * (prepareText), classified, attributed and shingled for clustering. The same
 * function runs in the analysis' own thread and in its worker threads
 * (pool.ts), so both give the same rows: analyseArticleUtf8, on the texts'
 * UTF-8 bytes as the batches carry them (batch.ts), is analyseArticle of
 * the decoded texts.
 */
import { type AgencyMatcher, attribute, type Attribution } from "../attribute/attribute.ts";
import { type Classification, classifyWords } from "../classify/classify.ts";
import type { Lexicon } from "../classify/lexicon.ts";
import { preparedShingles } from "../dedupe/cluster.ts";
import { type PreparedText, prepareText, prepareTextUtf8 } from "../text/prepared.ts";

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
  return analysePrepared(rules, r, prepareText(r.title, r.body_text));
}

/** An article's fields but its title and body, which are UTF-8 in `bytes` (analyseArticleUtf8). */
export type ArticleFields = Omit<ArticleInput, "title" | "body_text">;

/** analyseArticle of the article whose title is the UTF-8 bytes[titleStart, titleEnd) and body bytes[bodyStart, bodyEnd). */
export function analyseArticleUtf8(
  rules: AnalysisRules, r: ArticleFields, bytes: Uint8Array, titleStart: number, titleEnd: number, bodyStart: number, bodyEnd: number,
): ArticleAnalysis {
  return analysePrepared(rules, r, prepareTextUtf8(bytes, titleStart, titleEnd, bodyStart, bodyEnd));
}

/** The analysis of an article whose title and body are prepared (`text`: their strings are text.title and text.text). */
function analysePrepared(rules: AnalysisRules, r: ArticleFields, text: PreparedText): ArticleAnalysis {
  return {
    classification: classifyWords(rules.lexicon, text.titleWords, text.bodyWords, text.titleIds, text.bodyIds),
    attribution: attribute(rules.matcher, {
      source_agency_id: r.source_agency_id,
      channel: r.channel,
      latest: r.first_seen_day, // an undated page is no later than the day it was first seen
      byline: r.byline,
      title: text.title,
      text: text.text,
      body: text.body,
      date: r.published_day, // the Vietnamese calendar day
    }),
    shingles: preparedShingles(text),
  };
}
