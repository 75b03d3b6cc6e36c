/**
 * The analysis step: classify each article, attribute it, cluster
 * syndicated copies, apply analyst overrides, and update article_labels,
 * article_attribution and article_clusters in one transaction. Idempotent:
 * the same warehouse, lexicon, agencies and overrides give the same tables.
 * Incremental (incremental.ts): while the fingerprint of what the per-article
 * analysis depends on is the stored one (fingerprint.ts), only the articles
 * that are new, changed or whose overrides changed are analysed; the others'
 * rows are kept, and their stored shingle sets go to the clustering, which
 * always runs over every article. The tables are those of a full run.
 * The view countable_items (migration 020) then yields one row per
 * (cluster, agency, channel).
 */
import type { DuckDBBlobVector, DuckDBDataChunk } from "@duckdb/node-api";
import { compileAgencies, type AgencyRef } from "../attribute/attribute.ts";
import type { Lexicon } from "../classify/lexicon.ts";
import { ClusterBuilder } from "../dedupe/cluster.ts";
import { SegmentedClustering } from "../dedupe/segments.ts";
import { effectiveOverrides, type Effective } from "../overrides/overrides.ts";
import { importOverridesFile, loadOverrides } from "../overrides/store.ts";
import { toVietnamIso } from "../time/vietnam-time.ts";
import { articleInputs, INPUT_HASH_SQL, overridesKey, removeStale, ROW_LIST_SQL, rowList, storeFingerprint, writeClusterChanges } from "./incremental.ts";
import { analysisFingerprint, type FullReason, fullRunReason } from "./fingerprint.ts";
import { BulkWriter } from "../warehouse/bulk-write.ts";
import type { Warehouse } from "../warehouse/db.ts";
import { type ArticleBatch, analyseBatch, type BatchResult, packChunkTexts, type SourceInfo, TEXT_COLUMNS, TEXT_COLUMNS_SQL, TEXT_FIELDS } from "./batch.ts";
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
  /**
   * The lexicon's file, for the fingerprint (default: parallel's). Without either, every run
   * analyses every article (nothing tells whether the lexicon is the stored analysis' one).
   */
  lexiconFile?: string;
  /** Analyse every article, whatever is stored (`--full`). */
  full?: boolean;
}

/**
 * recordOf's mark of a row the clusterer has had: with the read-twice check of pass 1, each article
 * gives one row of article_labels, article_attribution and article_clusters (the tables have no
 * key since migration 200; this is where one row per article is enforced).
 */
const CLUSTERED = -2;

/** Rows of article_analysis (~2.3 KB each) appended between two flushes of its Appender. */
const ANALYSES_PER_FLUSH = 16_384;

/** Batches in the workers at once (each a chunk of DuckDB's stream): enough to keep every worker busy. */
const IN_FLIGHT_PER_WORKER = 2;
/**
 * Segments of the clustering's order per worker (dedupe/segments.ts): each but the first reads and
 * indexes again the items before it that are still comparable (the undated ones and one window:
 * ~30,000 at the 1M warehouse's density, ~1 CPU-s), so one each (more would even out a worker slowed
 * by other work, at that price each).
 */
const SEGMENTS_PER_WORKER = 1;

export interface AnalyseSummary {
  articles: number;
  cchc: number;
  attributed: number;
  unattributed: number;
  clusters: number;
  countable: number;
  overridden: number;
  overrides_imported: number;
  /** Articles analysed by this run (all of them on a full run): the others' rows were kept. */
  analysed: number;
  /** Why every article was analysed, null on an incremental run (fingerprint.ts). */
  full_reason: FullReason | null;
}

/** Labels and attribution after the analyst's overrides (one definition, in batch.ts, where the rows are made). */
export { applyAgencyOverride, applyLabelOverrides } from "./batch.ts";

export async function analyse(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  return w.transaction(() => analyseInTransaction(w, opts));
}

async function analyseInTransaction(w: Warehouse, opts: AnalyseOptions): Promise<AnalyseSummary> {
  const imported = opts.overridesFile ? await importOverridesFile(w, opts.overridesFile) : 0;
  const effective = effectiveOverrides(await loadOverrides(w));
  const matcher = compileAgencies(opts.agencies);
  const sources = new Map<string, SourceInfo>((await w.all("SELECT source_id, agency_id, channel FROM sources")).map((r) => [r.source_id as string, { agency_id: r.agency_id as string | null, channel: r.channel as string | null }]));
  const analysedAt = toVietnamIso(opts.now);
  const lexiconFile = opts.lexiconFile ?? opts.parallel?.lexiconFile;
  const fingerprint = lexiconFile ? analysisFingerprint({ lexiconFile, agencies: opts.agencies, sources }) : null;
  const storedFingerprint = ((await w.one("SELECT fingerprint FROM analysis_state"))?.fingerprint as string | undefined) ?? null;
  // The kept rows are one per article in each table, as this analysis writes them; else (rows written
  // or removed otherwise) nothing stored is trusted.
  const stored = await w.one("SELECT (SELECT count(*) FROM article_labels) AS l, (SELECT count(*) FROM article_attribution) AS t, (SELECT count(*) FROM article_analysis) AS s");
  const storedComplete = Number(stored?.l) === Number(stored?.s) && Number(stored?.t) === Number(stored?.s);
  const fullReason = fullRunReason(fingerprint, storedFingerprint, opts.full === true, storedComplete);
  const full = fullReason !== null;

  const expected = Number((await w.one("SELECT count(*) AS n FROM articles"))?.n ?? 0);
  const maxRowId = Number((await w.one("SELECT coalesce(max(rowid), -1) AS n FROM articles"))?.n ?? -1);
  // An incremental run: each article's input hash (stored with its analysis), and the articles it
  // analyses. A full run analyses them all and reads their hashes with their texts in pass 1.
  const inputs = full ? null : await articleInputs(w, expected, maxRowId, effective);
  const toAnalyse = inputs?.toAnalyse ?? [];
  const toAnalyseCount = inputs ? toAnalyse.length : expected;
  const analyseRow = new Uint8Array(maxRowId + 1);
  for (const r of toAnalyse) analyseRow[r] = 1;
  if (full) {
    await w.run("DELETE FROM article_labels");
    await w.run("DELETE FROM article_attribution");
    await w.run("DELETE FROM article_analysis");
  } else await removeStale(w, toAnalyse);
  await storeFingerprint(w, fingerprint && JSON.stringify(fingerprint), analysedAt);
  const labels = await BulkWriter.open(w, "article_labels");
  const attributions = await BulkWriter.open(w, "article_attribution");
  const analyses = await BulkWriter.open(w, "article_analysis");
  /** Per row id, the number of the article's record (ids, spill); -1 while unread. */
  const recordOf = new Int32Array(maxRowId + 1).fill(-1);
  const ids: string[] = [];
  const spill = ShingleSpill.create();
  let analysed = 0, analysesFlushed = 0;
  const ctx = { rules: { lexicon: opts.lexicon, matcher }, sources };
  /**
   * One chunk's rows, in stream order: appended as they come (with the article's analysis: input
   * hash, overrides, record), each shingle set spilled with its signature for the clusterer.
   */
  const consume = (chunkIds: string[], inputHashes: bigint[], result: BatchResult) => {
    analysed += result.count;
    const keys = new Array<string | null>(result.count), records = new Array<Uint8Array>(result.count);
    // The records (signature, then shingle set) go to the spill in one write and to article_analysis
    // as views of the batch's buffer: the bytes the worker wrote, copied by neither.
    spill.addRecords(result.records, result.recordEnds, result.count);
    const bytes = new Uint8Array(result.records.buffer, result.records.byteOffset, result.records.byteLength);
    for (let k = 0, start = 0; k < result.count; k++) {
      const end = result.recordEnds[k] * 4;
      records[k] = bytes.subarray(start, end);
      start = end;
      keys[k] = overridesKey(effective.get(chunkIds[k]));
    }
    labels.addColumns({ ...result.labels, article_id: chunkIds, analysed_at: new Array(result.count).fill(analysedAt) }, result.count);
    attributions.addColumns({ ...result.attribution, article_id: chunkIds }, result.count);
    analyses.addColumns({ article_id: chunkIds, input_hash: inputHashes, overrides_json: keys, record: records }, result.count);
    // DuckDB's Appender holds ~200,000 rows before it hands them to the table: ~460 MB of records.
    if (analyses.written - analysesFlushed >= ANALYSES_PER_FLUSH) {
      analyses.flush();
      analysesFlushed = analyses.written;
    }
  };
  const p = opts.parallel;
  const useWorkers = p !== undefined && p.workers > 0 && expected >= p.minArticles;
  const pool = useWorkers ? AnalysisPool.start(p.workers, p.lexiconFile, opts.agencies, sources) : null;
  /** Chunks sent to the workers, oldest first: consumed in this order. */
  const inFlight: Promise<{ chunkIds: string[]; hashes: bigint[]; result: BatchResult }>[] = [];
  const drainOne = async () => {
    const { chunkIds, hashes, result } = await inFlight.shift()!;
    consume(chunkIds, hashes, result);
  };
  const clusters = new ClusterBuilder();
  try {
    // The kept articles first (incremental runs): their stored records go to the spill as they are.
    // (DuckDB builds the join's hash table on the records' side, partitioned past its memory limit:
    // on a synthetic 1M table, 2.3 GB of records, 6.9 CPU-s and less memory than a map of the ids here.)
    let read = 0;
    if (!full) {
      await w.streamCommitted("SELECT a.rowid::INTEGER AS row_id, a.article_id, s.record FROM articles a JOIN article_analysis s USING (article_id)", undefined, (chunk) => {
        const rowIds = chunk.getColumnValues(0) as number[];
        const chunkIds = chunk.getColumnValues(1) as string[];
        const records = chunk.getColumnVector(2) as DuckDBBlobVector;
        for (let k = 0; k < chunk.rowCount; k++) {
          const r = rowIds[k];
          if (analyseRow[r]) continue; // analysed again below: its stored record is the old one
          if (recordOf[r] !== -1) throw new Error(`analysis: article ${chunkIds[k]} read twice (row ${r}); nothing was written`);
          recordOf[r] = ids.length;
          ids.push(chunkIds[k]);
          spill.addRecord(records.getItemBytes(k)!);
          read++;
        }
      });
      if (read !== expected - toAnalyseCount) {
        throw new Error(`analysis: read ${read.toLocaleString("en")} of the ${(expected - toAnalyseCount).toLocaleString("en")} kept articles' analyses; nothing was written (run cchc report again)`);
      }
    }
    // Pass 1, in storage order (a plain scan: DuckDB sorts nothing, so the texts stream whatever
    // their volume): each article is normalised and folded once, classified, attributed (in the
    // workers, when there are) and shingled; its rows are appended as it goes and its shingle set
    // goes to a temporary file (spill.ts), so memory holds a few chunks of texts. This thread reads
    // each chunk's row ids and article ids; the texts go to the workers as DuckDB's UTF-8 bytes
    // (batch.ts: one BLOB of an article's fields end to end, read with one call), decoded there.
    let lastRow = -1;
    const onChunk = async (chunk: DuckDBDataChunk) => {
      const n = chunk.rowCount;
      const rowIds = chunk.getColumnValues(0) as number[];
      const chunkIds = chunk.getColumnValues(1) as string[];
      read += n;
      lastRow = rowIds.at(-1) ?? lastRow;
      const overrides: [number, Effective][] = [];
      for (let k = 0; k < n; k++) {
        const id = chunkIds[k];
        if (recordOf[rowIds[k]] !== -1) throw new Error(`analysis: article ${id} read twice (row ${rowIds[k]}); nothing was written`);
        recordOf[rowIds[k]] = ids.length;
        ids.push(id);
        const e = effective.get(id);
        if (e) overrides.push([k, e]);
      }
      const lengths = TEXT_FIELDS.map((_, f) => chunk.getColumnValues(2 + f) as number[]);
      const texts = chunk.getColumnVector(2 + TEXT_FIELDS.length) as DuckDBBlobVector;
      const hashes = inputs ? rowIds.map((r) => inputs.hashes[r]) : (chunk.getColumnValues(2 + TEXT_COLUMNS) as bigint[]);
      const batch: ArticleBatch = { texts: packChunkTexts(n, lengths, (k) => texts.getItemBytes(k)), overrides };
      if (!pool) return consume(chunkIds, hashes, analyseBatch(ctx, batch));
      const sent = pool.run(batch).then((result) => ({ chunkIds, hashes, result }));
      sent.catch(() => {}); // awaited in order by drainOne; never an unhandled rejection meanwhile
      inFlight.push(sent);
      while (inFlight.length > p!.workers * IN_FLIGHT_PER_WORKER) await drainOne();
    };
    // A scan returns the rows in row id order (DuckDB preserves insertion order). Should a stream end
    // early without an error (DuckDB 1.5 did so on a sort past its memory limit), the pass goes on
    // after the last row it read; what it read in all is checked below, and a row read twice fails.
    // An incremental run reads the articles to analyse (a join on their row ids, in no set order):
    // a further attempt reads those still unread.
    // The texts are read as their lengths and bytes (batch.ts' TEXT_COLUMNS_SQL); on a full
    // run, then each article's input hash (INPUT_HASH_SQL, over the same fields: DuckDB computes it
    // in the scan that reads them, not in a scan of its own).
    for (let attempt = 0; read < expected; attempt++) {
      const before = read;
      const after = lastRow;
      const unread = full ? [] : toAnalyse.filter((r) => recordOf[r] === -1);
      if (!full && !unread.length) break;
      await w.streamCommitted(
        `SELECT a.rowid::INTEGER AS row_id, a.article_id, ${TEXT_COLUMNS_SQL}${full ? `, ${INPUT_HASH_SQL} AS input_hash` : ""}
         FROM articles a${full ? (after >= 0 ? " WHERE rowid > $row" : "") : ` JOIN ${ROW_LIST_SQL} ON a.rowid = l.row_id`}`,
        full ? (after >= 0 ? { row: after } : undefined) : { rows: rowList(unread) },
        onChunk,
      );
      if (read === before) break; // nothing more to read: the check below says what is missing
    }
    while (inFlight.length) await drainOne();
    if (read !== expected || analysed !== toAnalyseCount) {
      throw new Error(`analysis: read ${read.toLocaleString("en")} of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report again)`);
    }
    // Pass 2, in the order clustering needs (undated first, then by instant and id): only row ids
    // and instants are sorted; each article's shingle set and signature are read back from the spill
    // (the signatures were computed in pass 1, in the workers). With workers, they search the
    // order's segments for each article's candidates, reading the spill themselves, as soon as the
    // order has reached a segment's end, and this thread clusters the articles in the order from
    // what they found (dedupe/segments.ts: the same clusters); without, it clusters them as they come.
    // Read as DuckDB's columns (a plain number per value, no row object), like pass 1, on its second
    // connection: the transaction writes no article.
    const segmented = pool
      ? new SegmentedClustering(clusters, {
        total: expected,
        segmentSize: Math.max(1, Math.ceil(expected / (p!.workers * SEGMENTS_PER_WORKER))),
        concurrency: p!.workers,
        run: (job) => pool.search(spill.locate(job)),
        idOf: (k) => ids[k],
      })
      : null;
    let ordered = 0;
    await w.streamCommitted(
      "SELECT rowid::INTEGER AS row_id, epoch_ms(published_at)::DOUBLE AS published_ms FROM articles ORDER BY published_at ASC NULLS FIRST, article_id",
      undefined,
      (chunk) => {
        const rowIds = chunk.getColumnValues(0) as number[];
        const times = chunk.getColumnValues(1) as (number | null)[];
        for (let x = 0; x < chunk.rowCount; x++) {
          const k = recordOf[rowIds[x]] ?? -1;
          if (k === CLUSTERED) throw new Error(`analysis: row ${String(rowIds[x])} read twice for clustering; nothing was written`);
          if (k < 0) throw new Error(`analysis: row ${String(rowIds[x])} was not analysed; nothing was written`);
          recordOf[rowIds[x]] = CLUSTERED;
          if (segmented) segmented.push(k, times[x] ?? Number.NaN);
          else {
            const { sig, set } = spill.get(k);
            clusters.add(ids[k], set, times[x] ?? Number.NaN, sig);
          }
          ordered++;
        }
      },
    );
    await segmented?.finish();
    if (ordered !== expected) {
      throw new Error(`analysis: clustered ${ordered.toLocaleString("en")} of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report again)`);
    }
  } catch (error) {
    // The first error is the one to report; the writers drop what they hold (BulkWriter.abort).
    await pool?.close();
    spill.close();
    for (const writer of [labels, attributions, analyses]) writer.abort();
    throw error;
  }
  await pool?.close();
  spill.close();
  try {
    labels.close();
    attributions.close();
    analyses.close();
  } catch (error) {
    for (const writer of [labels, attributions, analyses]) writer.abort();
    throw error;
  }
  let clusterCount = 0;
  await writeClusterChanges(w, (add) =>
    clusters.eachAssignment((id, clusterId, similarity, clusterSize) => {
      if (id === clusterId) clusterCount++; // each cluster has one member whose id is the cluster's
      add({ article_id: id, cluster_id: clusterId, similarity, cluster_size: clusterSize });
    }),
  );
  // The totals of the tables as they now are (kept rows and this run's).
  const totals = await w.one(
    `SELECT count(*) AS articles, count(*) FILTER (WHERE l.is_cchc) AS cchc, count(*) FILTER (WHERE l.override_ids IS NOT NULL) AS overridden,
            (SELECT count(*) FROM article_attribution WHERE agency_id IS NOT NULL) AS attributed
     FROM article_labels l`,
  );
  const articles = Number(totals?.articles ?? 0), attributed = Number(totals?.attributed ?? 0);
  if (articles !== expected) throw new Error(`analysis: ${articles.toLocaleString("en")} labelled of the warehouse's ${expected.toLocaleString("en")} articles; nothing was written (run cchc report --full)`);
  const countable = Number((await w.one("SELECT count(*) AS n FROM countable_items"))?.n ?? 0);
  return {
    articles,
    cchc: Number(totals?.cchc ?? 0),
    attributed,
    unattributed: articles - attributed,
    clusters: clusterCount,
    countable,
    overridden: Number(totals?.overridden ?? 0),
    overrides_imported: imported,
    analysed,
    full_reason: fullReason,
  };
}
