/**
 * The analysis step: (re)classify every article, attribute it, cluster
 * syndicated copies, apply analyst overrides, and replace article_labels,
 * article_attribution and article_clusters in one transaction. Idempotent:
 * the same warehouse, lexicon, agencies and overrides give the same tables.
 * The view countable_items (migration 020) then yields one row per
 * (cluster, agency, channel).
 */
import { compileAgencies, type AgencyRef, type Attribution } from "../attribute/attribute.ts";
import type { Classification } from "../classify/classify.ts";
import type { Lexicon } from "../classify/lexicon.ts";
import { ClusterBuilder } from "../dedupe/cluster.ts";
import { effectiveOverrides, type Effective } from "../overrides/overrides.ts";
import { importOverridesFile, loadOverrides } from "../overrides/store.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import { BulkWriter } from "../warehouse/bulk-write.ts";
import type { Row, Warehouse } from "../warehouse/db.ts";
import { type ArticleAnalysis, analyseArticle, type ArticleInput } from "./article.ts";
import { AnalysisPool } from "./pool.ts";
import { ShingleSpill } from "./spill.ts";

export interface AnalyseOptions {
  lexicon: Lexicon;
  agencies: AgencyRef[];
  /** Overrides file to import before applying (entries the warehouse lacks); null = table only. */
  overridesFile?: string | null;
  /** Stamped on article_labels.analysed_at. */
  now: Date;
  /**
   * Worker threads for the per-article work (pool.ts), given the lexicon's file (each worker loads
   * it). Used when the warehouse holds at least `minArticles` articles; otherwise all in this thread.
   */
  parallel?: { lexiconFile: string; workers: number; minArticles: number };
}

/** Batches in the workers at once (each a chunk of DuckDB's stream): enough to keep every worker busy. */
const IN_FLIGHT_PER_WORKER = 2;

export interface AnalyseSummary {
  articles: number;
  cchc: number;
  attributed: number;
  unattributed: number;
  clusters: number;
  countable: number;
  overridden: number;
  overrides_imported: number;
}

interface ArticleRow {
  /** DuckDB's row id: where a resumed read goes on, and how the time-ordered pass finds the article's shingles. */
  row_id: number;
  article_id: string;
  source_id: string;
  title: string;
  body_text: string;
  byline: string | null;
  /** "YYYY-MM-DD" in Asia/Ho_Chi_Minh, null when undated. */
  published_day: string | null;
  /** The day the crawler first saw the page ("YYYY-MM-DD", Asia/Ho_Chi_Minh). */
  first_seen_day: string | null;
}

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

export async function analyse(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  return w.transaction(() => analyseInTransaction(w, opts));
}

async function analyseInTransaction(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  const imported = opts.overridesFile ? await importOverridesFile(w, opts.overridesFile) : 0;
  const overrides = effectiveOverrides(await loadOverrides(w));
  const matcher = compileAgencies(opts.agencies);
  const sources = new Map((await w.all("SELECT source_id, agency_id, channel FROM sources")).map((r) => [r.source_id as string, { agency_id: r.agency_id as string | null, channel: r.channel as string | null }]));
  const analysedAt = toVietnamIso(opts.now);

  await w.run("DELETE FROM article_labels");
  await w.run("DELETE FROM article_attribution");
  await w.run("DELETE FROM article_clusters");
  const labels = await BulkWriter.open(w, "article_labels");
  const attributions = await BulkWriter.open(w, "article_attribution");
  const expected = Number((await w.one("SELECT count(*) AS n FROM articles"))?.n ?? 0);
  const maxRowId = Number((await w.one("SELECT coalesce(max(rowid), -1) AS n FROM articles"))?.n ?? -1);
  /** Per row id, the number of the article's record (ids, spill); -1 while unread. */
  const recordOf = new Int32Array(maxRowId + 1).fill(-1);
  const ids: string[] = [];
  const spill = ShingleSpill.create();
  let articles = 0, cchc = 0, attributed = 0, overridden = 0;
  const rules = { lexicon: opts.lexicon, matcher };
  const inputOf = (r: ArticleRow): ArticleInput => ({
    title: r.title, body_text: r.body_text, byline: r.byline, published_day: r.published_day, first_seen_day: r.first_seen_day,
    source_agency_id: sources.get(r.source_id)?.agency_id ?? null, channel: sources.get(r.source_id)?.channel ?? null,
  });
  /** One article's rows, in stream order: overrides applied, labels and attribution appended, its shingles spilled for the clusterer. */
  const consume = (r: ArticleRow, result: ArticleAnalysis) => {
    articles++;
    const id = r.article_id;
    if (recordOf[r.row_id] !== -1) throw new Error(`analysis: article ${id} read twice (row ${r.row_id}); nothing was written`);
    recordOf[r.row_id] = spill.add(result.shingles);
    ids.push(id);
    const e = overrides.get(id);
    if (e) overridden++;
    const c = result.classification;
    const label = applyLabelOverrides(c, e);
    if (label.is_cchc) cchc++;
    labels.add({
      article_id: id,
      is_cchc: label.is_cchc,
      score: c.score,
      primary_area: label.areas[0] ?? null,
      areas: label.areas.join(","),
      indices: c.indices.join(","),
      tthc_fields: c.tthc_fields.join(","),
      matched_json: JSON.stringify(c.matched),
      classified_is_cchc: c.is_cchc,
      classified_areas: c.areas.join(","),
      override_ids: e ? e.override_ids.join(",") : null,
      analysed_at: analysedAt,
    });
    const a = applyAgencyOverride(result.attribution, e);
    if (a.agency_id) attributed++;
    attributions.add({
      article_id: id, agency_id: a.agency_id, method: a.method, confidence: a.confidence, evidence: a.evidence,
      candidates_json: JSON.stringify(a.candidates), review_reason: a.review, review_kind: a.review_kind,
    });
  };
  const p = opts.parallel;
  const useWorkers = p !== undefined && p.workers > 0 && expected >= p.minArticles;
  const pool = useWorkers ? AnalysisPool.start(p.workers, p.lexiconFile, opts.agencies) : null;
  /** Chunks sent to the workers, oldest first: consumed in this order. */
  const inFlight: Promise<{ rows: ArticleRow[]; results: ArticleAnalysis[] }>[] = [];
  const drainOne = async () => {
    const { rows, results } = await inFlight.shift()!;
    rows.forEach((r, k) => consume(r, results[k]));
  };
  const clusters = new ClusterBuilder();
  try {
    // Pass 1, in storage order (a plain scan: DuckDB sorts nothing, so the texts stream whatever
    // their volume): each article is normalised and folded once, classified, attributed (in the
    // workers, when there are) and shingled; its rows are appended as it goes and its shingle set
    // goes to a temporary file (spill.ts), so memory holds a few chunks of texts.
    let read = 0;
    let lastRow = -1;
    const onChunk = async (chunk: Row[]) => {
      const rows = chunk as unknown as ArticleRow[];
      read += rows.length;
      lastRow = rows.at(-1)?.row_id ?? lastRow;
      if (!pool) {
        for (const r of rows) consume(r, analyseArticle(rules, inputOf(r)));
        return;
      }
      const sent = pool.run(rows.map(inputOf)).then((results) => ({ rows, results }));
      sent.catch(() => {}); // awaited in order by drainOne; never an unhandled rejection meanwhile
      inFlight.push(sent);
      while (inFlight.length > p!.workers * IN_FLIGHT_PER_WORKER) await drainOne();
    };
    // A scan returns the rows in row id order (DuckDB preserves insertion order). Should a stream end
    // early without an error (DuckDB 1.5 did so on a sort past its memory limit), the pass goes on
    // after the last row it read; what it read in all is checked below, and a row read twice fails.
    for (let attempt = 0; read < expected; attempt++) {
      const before = read;
      const after = lastRow;
      await w.streamCommitted(
        `SELECT rowid AS row_id, article_id, source_id, title, body_text, byline,
                strftime(published_at, '%Y-%m-%d') AS published_day, strftime(first_seen_at, '%Y-%m-%d') AS first_seen_day
         FROM articles${after >= 0 ? " WHERE rowid > $row" : ""}`,
        after >= 0 ? { row: after } : undefined,
        onChunk,
      );
      if (read === before) break; // nothing more to read: the check below says what is missing
    }
    while (inFlight.length) await drainOne();
    if (read !== expected || articles !== expected) {
      throw new Error(`analysis: read ${read.toLocaleString("en")} of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report again)`);
    }
    // Pass 2, in the order clustering needs (undated first, then by instant and id): only row ids
    // and instants are sorted; each article's shingle set is read back from the spill as it is added.
    let ordered = 0;
    await w.stream(
      "SELECT rowid AS row_id, epoch_ms(published_at) AS published_ms FROM articles ORDER BY published_at ASC NULLS FIRST, article_id",
      undefined,
      (rows) => {
        for (const r of rows) {
          const k = recordOf[r.row_id as number] ?? -1;
          if (k < 0) throw new Error(`analysis: row ${String(r.row_id)} was not analysed; nothing was written`);
          clusters.add(ids[k], spill.get(k), r.published_ms === null ? Number.NaN : (r.published_ms as number));
          ordered++;
        }
      },
    );
    if (ordered !== expected) {
      throw new Error(`analysis: clustered ${ordered.toLocaleString("en")} of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report again)`);
    }
  } catch (error) {
    // The first error is the one to report: closing the writers of an aborted transaction fails too.
    await pool?.close();
    spill.close();
    for (const writer of [labels, attributions]) {
      try {
        writer.close();
      } catch {
        // the transaction is rolled back; its appenders' own failure says nothing more
      }
    }
    throw error;
  }
  await pool?.close();
  spill.close();
  labels.close();
  attributions.close();
  const clusterRows = await BulkWriter.open(w, "article_clusters");
  let clusterCount = 0;
  clusters.eachAssignment((id, clusterId, similarity, clusterSize) => {
    if (id === clusterId) clusterCount++; // each cluster has one member whose id is the cluster's
    clusterRows.add({ article_id: id, cluster_id: clusterId, similarity, cluster_size: clusterSize });
  });
  clusterRows.close();
  const countable = Number((await w.one("SELECT count(*) AS n FROM countable_items"))?.n ?? 0);
  return {
    articles,
    cchc,
    attributed,
    unattributed: articles - attributed,
    clusters: clusterCount,
    countable,
    overridden,
    overrides_imported: imported,
  };
}
