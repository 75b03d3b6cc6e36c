/**
 * One chunk of the analysis, in the compact shapes it crosses threads in. The
 * analysis' thread reads a DuckDB chunk of articles and packs the texts'
 * UTF-8 bytes, as DuckDB holds them, into one buffer with offsets
 * (`packTexts`): moved to a worker thread, not copied, and decoded there, so
 * the thread that reads and writes decodes no text. The worker (or the
 * analysis' own thread, below the pool's threshold) runs `analyseBatch`:
 * per article, `analyseArticleUtf8` (the title and body decoded straight
 * into the code units they are folded from), then the analyst's overrides, then the
 * article's rows of article_labels and article_attribution as columns of
 * plain values, and every article's record (signature and shingle set) in
 * one array. The analysis' thread appends those columns as they are
 * (BulkWriter.addColumns) and the records to the spill in one call.
 */
import type { Attribution } from "../attribute/attribute.ts";
import type { Classification } from "../classify/classify.ts";
import { SKETCHED_SIGNATURE_WORDS, writeSketchedSignature } from "../dedupe/cluster.ts";
import type { Effective } from "../overrides/overrides.ts";
import type { BulkValue } from "../warehouse/bulk-write.ts";
import { decodeUtf8 } from "../text/normalize.ts";
import { type AnalysisRules, analyseArticleUtf8 } from "./article.ts";

/** The text fields of an article, in the order they are packed (and selected, after row id and id). */
export const TEXT_FIELDS = ["source_id", "title", "body_text", "byline", "published_day", "first_seen_day"] as const;
/**
 * Each text field as SQL over `articles` aliased `a`: the one definition of what the analysis reads
 * of an article, from which pass 1's SELECT (index.ts) and the input hash of an incremental run
 * (incremental.ts) are both made. This module is in the analysis fingerprint (fingerprint.ts), so a
 * change here makes the next run a full one.
 */
export const TEXT_FIELD_SQL: Record<(typeof TEXT_FIELDS)[number], string> = {
  source_id: "a.source_id",
  title: "a.title",
  body_text: "a.body_text",
  byline: "a.byline",
  published_day: "strftime(a.published_at, '%Y-%m-%d')",
  first_seen_day: "strftime(a.first_seen_at, '%Y-%m-%d')",
};
/**
 * The text fields as pass 1 selects them (`packChunkTexts`): each field's length in UTF-8 bytes (-1
 * for NULL), in TEXT_FIELDS order, then one BLOB of all their bytes end to end (concat skips a
 * NULL; encode: VARCHAR to BLOB, byte for byte), so a chunk's texts are read with one native call
 * an article, not one a field.
 */
export const TEXT_COLUMNS_SQL = [
  ...TEXT_FIELDS.map((f) => `coalesce(strlen(${TEXT_FIELD_SQL[f]}), -1)::INTEGER`),
  `encode(concat(${TEXT_FIELDS.map((f) => TEXT_FIELD_SQL[f]).join(", ")}))`,
].join(", ");
/** The columns TEXT_COLUMNS_SQL selects. */
export const TEXT_COLUMNS = TEXT_FIELDS.length + 1;
const FIELDS = TEXT_FIELDS.length;

/** A chunk's texts: field f of article k is bytes[starts[k·F + f], + lengths[k·F + f]), length -1 for NULL. */
export interface PackedTexts {
  count: number;
  bytes: Uint8Array;
  starts: Int32Array;
  lengths: Int32Array;
}

export interface ArticleBatch {
  texts: PackedTexts;
  /** The analyst's overrides of the batch's articles that have any: [position in the batch, overrides]. */
  overrides: [number, Effective][];
}

/** What the analysis needs of a source: its own agency (own portals) and channel. */
export type SourceInfo = { agency_id: string | null; channel: string | null };

export interface BatchContext {
  rules: AnalysisRules;
  sources: Map<string, SourceInfo>;
}

export interface BatchResult {
  count: number;
  /** Articles labelled CCHC (after overrides). */
  cchc: number;
  /** Articles credited to an agency (after overrides). */
  attributed: number;
  /**
   * Every article's record, one after the other: its sketched signature (the clusterer's, of its
   * shingle set: SKETCHED_SIGNATURE_WORDS words), then its shingle set. Article k's is words
   * [ends[k-1], ends[k]) of `records` (`recordOf`): the bytes of its article_analysis.record and of
   * its entry in the spill (spill.ts), as they are, in one buffer moved between threads.
   */
  records: Uint32Array;
  recordEnds: Int32Array;
  /** article_labels' columns but article_id and analysed_at (the analysis' thread adds those). */
  labels: Record<string, BulkValue[]>;
  /** article_attribution's columns but article_id. */
  attribution: Record<string, BulkValue[]>;
}

/** Pack the bytes of each article's text fields (`bytesOf(k, f)`, null for NULL) into one buffer. */
export function packTexts(count: number, bytesOf: (article: number, field: number) => Uint8Array | null): PackedTexts {
  const parts: (Uint8Array | null)[] = new Array(count * FIELDS);
  let total = 0;
  for (let k = 0; k < count; k++) {
    for (let f = 0; f < FIELDS; f++) {
      const b = bytesOf(k, f);
      parts[k * FIELDS + f] = b;
      if (b) total += b.length;
    }
  }
  const bytes = new Uint8Array(total);
  const starts = new Int32Array(count * FIELDS);
  const lengths = new Int32Array(count * FIELDS);
  let at = 0;
  parts.forEach((b, x) => {
    starts[x] = at;
    if (!b) {
      lengths[x] = -1;
      return;
    }
    bytes.set(b, at);
    lengths[x] = b.length;
    at += b.length;
  });
  return { count, bytes, starts, lengths };
}

/**
 * Pack a chunk's texts as TEXT_COLUMNS_SQL selects them: `lengths[f][k]`, field f's length of article
 * k (-1 for NULL), and `bytesOf(k)`, all of article k's fields' bytes end to end.
 */
export function packChunkTexts(count: number, lengths: readonly (readonly number[])[], bytesOf: (article: number) => Uint8Array | null): PackedTexts {
  const parts: (Uint8Array | null)[] = new Array(count);
  let total = 0;
  for (let k = 0; k < count; k++) {
    const b = bytesOf(k);
    parts[k] = b;
    if (b) total += b.length;
  }
  const bytes = new Uint8Array(total);
  const starts = new Int32Array(count * FIELDS);
  const fieldLengths = new Int32Array(count * FIELDS);
  let at = 0;
  for (let k = 0; k < count; k++) {
    const b = parts[k];
    let end = at;
    for (let f = 0; f < FIELDS; f++) {
      const n = lengths[f][k];
      starts[k * FIELDS + f] = end;
      fieldLengths[k * FIELDS + f] = n;
      if (n > 0) end += n;
    }
    if (end - at !== (b?.length ?? 0)) throw new Error(`analysis: an article's texts are ${b?.length ?? 0} bytes, not the ${end - at} of its fields' lengths`);
    if (b) bytes.set(b, at);
    at = end;
  }
  return { count, bytes, starts, lengths: fieldLengths };
}

/** The buffers `postMessage` moves to the worker with a batch. */
export const batchTransfer = (b: ArticleBatch): ArrayBuffer[] => [b.texts.bytes.buffer, b.texts.starts.buffer, b.texts.lengths.buffer] as ArrayBuffer[];

/** The buffers `postMessage` moves back with a result. */
export const resultTransfer = (r: BatchResult): ArrayBuffer[] => [r.records.buffer, r.recordEnds.buffer] as ArrayBuffer[];

/** Article k's record in a batch's result (a view): its signature's words, then its shingle set's. */
export const recordOf = (r: BatchResult, k: number): Uint32Array => r.records.subarray(k ? r.recordEnds[k - 1] : 0, r.recordEnds[k]);
/** A record's signature (a view). */
export const recordSignature = (record: Uint32Array): Uint32Array => record.subarray(0, SKETCHED_SIGNATURE_WORDS);
/** A record's shingle set (a view). */
export const recordSet = (record: Uint32Array): Uint32Array => record.subarray(SKETCHED_SIGNATURE_WORDS);

/** Labels after overrides: an exclude wins over the classifier, an include keeps the classifier's areas unless areas are overridden too. */
export function applyLabelOverrides(c: Classification, e: Effective | undefined): { is_cchc: boolean; areas: string[] } {
  const is_cchc = e?.include ?? c.is_cchc;
  if (!is_cchc) return { is_cchc, areas: [] };
  if (e?.areas?.length) return { is_cchc, areas: e.areas };
  if (c.areas.length) return { is_cchc, areas: c.areas };
  // Included by an analyst although the classifier said no: its best-scoring areas, if any.
  const ranked = Object.entries(c.area_scores).sort((a, b) => (b[1] ?? 0) - (a[1] ?? 0));
  return { is_cchc, areas: ranked.length ? [ranked[0][0]] : [] };
}

export function applyAgencyOverride(a: Attribution, e: Effective | undefined): Attribution {
  if (!e?.agency) return a;
  return { agency_id: e.agency.agency_id, method: "analyst", confidence: 1, evidence: `override by ${e.agency.by}: ${e.agency.why}`, candidates: a.candidates, review: null, review_kind: null };
}

/** Analyse a batch: its rows (overrides applied), shingle sets and their signatures, in the batch's order. */
export function analyseBatch(ctx: BatchContext, batch: ArticleBatch): BatchResult {
  const { count, bytes, starts, lengths } = batch.texts;
  const text = (k: number, f: number): string | null => {
    const x = k * FIELDS + f;
    return lengths[x] < 0 ? null : decodeUtf8(bytes, starts[x], starts[x] + lengths[x]);
  };
  const overrides = new Map(batch.overrides);
  const column = () => new Array<BulkValue>(count);
  const labels = {
    is_cchc: column(), score: column(), primary_area: column(), areas: column(), indices: column(), tthc_fields: column(),
    matched_json: column(), classified_is_cchc: column(), classified_areas: column(), override_ids: column(),
  };
  const attribution = {
    agency_id: column(), method: column(), confidence: column(), evidence: column(), candidates_json: column(), review_reason: column(), review_kind: column(),
  };
  /** The records so far, one after the other (`total` words): each set is copied here at once, being a view of the clusterer's buffer (preparedShingles). */
  let records = new Uint32Array(count * (SKETCHED_SIGNATURE_WORDS + 512));
  const recordEnds = new Int32Array(count);
  let cchc = 0, attributed = 0, total = 0;
  for (let k = 0; k < count; k++) {
    const source = ctx.sources.get(text(k, 0)!);
    const fields = {
      byline: text(k, 3), published_day: text(k, 4), first_seen_day: text(k, 5), source_agency_id: source?.agency_id ?? null, channel: source?.channel ?? null,
    };
    const title = k * FIELDS + 1;
    const body = k * FIELDS + 2;
    // title and body_text are NOT NULL.
    const result = analyseArticleUtf8(ctx.rules, fields, bytes, starts[title], starts[title] + lengths[title], starts[body], starts[body] + lengths[body]);
    const set = result.shingles;
    const need = total + SKETCHED_SIGNATURE_WORDS + set.length;
    if (need > records.length) {
      const more = new Uint32Array(Math.max(records.length * 2, need));
      more.set(records.subarray(0, total));
      records = more;
    }
    writeSketchedSignature(set, records, total);
    records.set(set, total + SKETCHED_SIGNATURE_WORDS);
    total = need;
    recordEnds[k] = total;
    const e = overrides.get(k);
    const c = result.classification;
    const label = applyLabelOverrides(c, e);
    if (label.is_cchc) cchc++;
    labels.is_cchc[k] = label.is_cchc;
    labels.score[k] = c.score;
    labels.primary_area[k] = label.areas[0] ?? null;
    labels.areas[k] = label.areas.join(",");
    labels.indices[k] = c.indices.join(",");
    labels.tthc_fields[k] = c.tthc_fields.join(",");
    labels.matched_json[k] = JSON.stringify(c.matched);
    labels.classified_is_cchc[k] = c.is_cchc;
    labels.classified_areas[k] = c.areas.join(",");
    labels.override_ids[k] = e ? e.override_ids.join(",") : null;
    const a = applyAgencyOverride(result.attribution, e);
    if (a.agency_id) attributed++;
    attribution.agency_id[k] = a.agency_id;
    attribution.method[k] = a.method;
    attribution.confidence[k] = a.confidence;
    attribution.evidence[k] = a.evidence;
    attribution.candidates_json[k] = JSON.stringify(a.candidates);
    attribution.review_reason[k] = a.review;
    attribution.review_kind[k] = a.review_kind;
  }
  return { count, cchc, attributed, records: records.slice(0, total), recordEnds, labels, attribution };
}
