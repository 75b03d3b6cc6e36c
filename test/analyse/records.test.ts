/**
 * The bytes of each article's stored record (article_analysis.record, migration 210): its sketched
 * signature's SKETCHED_SIGNATURE_WORDS 32-bit words, then its shingle set's, little-endian — what an
 * incremental run reads back for the clusterer. Pass 1 writes them from the batch's one buffer of
 * records (batch.ts, spill.ts, index.ts); this file's oracle makes them from analyseArticle's
 * shingles and sketchedSignature, in the analysis' own thread and in worker threads.
 */
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { writeCorpus } from "../../bench/lib/warehouse-fixture.ts";
import { analyseArticle } from "../../pipelines/analyse/article.ts";
import { analyse } from "../../pipelines/analyse/index.ts";
import { compileAgencies } from "../../pipelines/attribute/attribute.ts";
import { defaultLexicon } from "../../pipelines/classify/index.ts";
import { DEFAULT_LEXICON } from "../../pipelines/classify/lexicon.ts";
import { SKETCHED_SIGNATURE_WORDS, sketchedSignature } from "../../pipelines/dedupe/cluster.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

const NOW = new Date("2025-03-01T03:00:00Z");

/** The record's expected bytes: each word little-endian, the signature's, then the set's. */
function expectedRecord(set: Uint32Array): Buffer {
  const sig = sketchedSignature(set);
  expect(sig.length).toBe(SKETCHED_SIGNATURE_WORDS);
  const out = Buffer.alloc((sig.length + set.length) * 4);
  sig.forEach((v, i) => out.writeUInt32LE(v, i * 4));
  set.forEach((v, i) => out.writeUInt32LE(v, (sig.length + i) * 4));
  return out;
}

describe("article_analysis.record", () => {
  let w: Warehouse;
  beforeAll(async () => {
    w = await Warehouse.open(":memory:");
    // 2,500 articles: two stream chunks (2,048 rows each), so two batches.
    await writeCorpus(w, 2_500, { registryDir: FIXTURE_REGISTRY });
  }, 60_000);
  afterAll(async () => w.close());

  for (const workers of [0, 2]) {
    it(`holds each article's signature, then its shingle set, little-endian (${workers ? "worker threads" : "the analysis' thread"})`, async () => {
      const rules = { lexicon: defaultLexicon(), matcher: compileAgencies([]) };
      await analyse(w, {
        lexicon: rules.lexicon, agencies: [], overridesFile: null, now: NOW, full: true,
        ...(workers ? { parallel: { lexiconFile: DEFAULT_LEXICON, workers, minArticles: 0 } } : {}),
      });
      const rows = await w.all("SELECT a.title, a.body_text, lower(hex(s.record)) AS record FROM articles a JOIN article_analysis s USING (article_id) ORDER BY a.article_id");
      expect(rows.length).toBe(2_500);
      let nonEmpty = 0;
      for (const r of rows) {
        const { shingles } = analyseArticle(rules, {
          title: r.title as string, body_text: r.body_text as string, byline: null, published_day: null, first_seen_day: null, source_agency_id: null, channel: null,
        });
        if (shingles.length) nonEmpty++;
        const expected = expectedRecord(shingles).toString("hex");
        if (r.record !== expected) expect(r.record, `record of "${String(r.title)}"`).toBe(expected);
      }
      expect(nonEmpty).toBeGreaterThan(2_000);
    }, 120_000);
  }
});
