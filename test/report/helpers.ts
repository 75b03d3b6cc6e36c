/** Shared test helpers for the report step, the marts and the exports. */
import { join } from "node:path";
import { FIXTURE_REGISTRY } from "../fixtures/registries.ts";

/** A frozen copy of the shipped registry (test/fixtures/README.md): tests never read the analyst-edited registry/. */
export { FIXTURE_REGISTRY };

import { mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { evidenceCsv } from "../../pipelines/evidence/files.ts";
import { defaultLookups, importEvidenceFile } from "../../pipelines/evidence/import.ts";
import { EVIDENCE_KEYS, type EvidenceInput } from "../../pipelines/evidence/schema.ts";
import { refreshAfterCrawl } from "../../pipelines/report/refresh.ts";
import { upsertArticle, upsertSources } from "../../pipelines/warehouse/articles.ts";
import { withWarehouse } from "../../pipelines/warehouse/db.ts";

/** A reform story the classifier takes for CCHC (our own sentences). */
export const REFORM_BODY =
  "Sở tổ chức hội nghị tuyên truyền cải cách hành chính, hướng dẫn người dân nộp hồ sơ thủ tục hành chính qua dịch vụ công trực tuyến. " +
  "Lãnh đạo Sở đề nghị rút ngắn thời gian giải quyết thủ tục hành chính, không để hồ sơ trễ hạn tại bộ phận một cửa.";

export interface TestSource {
  id: string;
  agency_id: string;
  channel: string;
}
export interface TestArticle {
  source: string;
  id: string;
  title: string;
  published_at: string;
  body?: string;
  media_kind?: "text" | "video";
}

export const evidenceRow = (cells: Partial<EvidenceInput>): EvidenceInput => ({
  ...(Object.fromEntries(EVIDENCE_KEYS.map((k) => [k, ""])) as unknown as EvidenceInput),
  ...cells,
});

/**
 * A warehouse written only by the product's own writers: sources and articles
 * through the crawler's upserts, evidence through `cchc evidence import`'s
 * importer, then the report step (`cchc report`) with the fixture registry.
 */
export async function buildWarehouse(
  opts: { sources?: TestSource[]; articles?: TestArticle[]; evidence?: EvidenceInput[]; now: Date; registryDir?: string },
): Promise<string> {
  const dir = mkdtempSync(join(tmpdir(), "cchc-wh-"));
  const db = join(dir, "cchc.duckdb");
  const registryDir = opts.registryDir ?? FIXTURE_REGISTRY;
  await withWarehouse(db, async (w) => {
    await upsertSources(
      w,
      (opts.sources ?? []).map((s) => ({
        source_id: s.id, agency_id: s.agency_id, channel: s.channel, platform: "nukeviet", name: `Nguồn ${s.id}`,
        base_url: "http://127.0.0.1:9", start_urls: [], is_demo: true, delay_ms: 0, max_pages: 1,
      })) as never,
    );
    await w.transaction(async () => {
      for (const a of opts.articles ?? []) {
        await upsertArticle(
          w, a.source, `http://127.0.0.1:9/${a.source}/${a.id}.html`,
          {
            title: a.title, body_text: a.body ?? REFORM_BODY, canonical_url: `http://127.0.0.1:9/${a.source}/${a.id}.html`, item_id: a.id,
            published_at: a.published_at, published_text: a.published_at, date_source: "byline", date_confidence: 1, media_kind: a.media_kind ?? "text",
          },
          opts.now, null,
        );
      }
    });
    if (opts.evidence?.length) {
      const file = join(dir, "evidence.csv");
      writeFileSync(file, evidenceCsv(opts.evidence));
      await importEvidenceFile(w, file, opts.now, defaultLookups(registryDir));
    }
  }, { create: true });
  await refreshAfterCrawl(db, { registryDir, now: opts.now });
  return db;
}
