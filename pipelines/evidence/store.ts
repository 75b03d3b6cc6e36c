/**
 * Writing validated evidence to the warehouse: one transaction per file, rows
 * keyed by their stable evidence_id, so a re-import inserts nothing twice.
 */
import { createHash, randomUUID } from "node:crypto";
import type { Warehouse } from "../warehouse/db.ts";
import type { EvidenceRow } from "./schema.ts";

export interface EvidenceImportSummary {
  import_id: string;
  file: string;
  rows: number;
  inserted: number;
  updated: number;
  unchanged: number;
}

const MUTABLE = ["agency_id", "channel", "published_text", "title", "url", "reference", "sessions", "quantity", "attendance", "media_kind", "reform_area", "target_id", "notes"] as const;
const signature = (r: Record<string, unknown>) => JSON.stringify(MUTABLE.map((k) => (r[k] === undefined ? null : r[k])));

/** Upsert all rows of one file, all or nothing. */
export async function storeEvidence(
  w: Warehouse,
  file: string,
  data: Buffer,
  rows: EvidenceRow[],
  now: Date,
): Promise<EvidenceImportSummary> {
  const importId = randomUUID();
  const at = now.toISOString();
  const summary: EvidenceImportSummary = { import_id: importId, file, rows: rows.length, inserted: 0, updated: 0, unchanged: 0 };
  await w.transaction(async () => {
    for (const r of rows) {
      const existing = await w.one(`SELECT ${MUTABLE.join(", ")} FROM evidence_items WHERE evidence_id = $id`, { id: r.evidence_id });
      const params = {
        id: r.evidence_id,
        agency: r.agency_id,
        channel: r.channel,
        published: r.published_at,
        ptext: r.published_text,
        title: r.title,
        url: r.url,
        reference: r.reference,
        sessions: r.sessions,
        quantity: r.quantity,
        attendance: r.attendance,
        media: r.media_kind,
        area: r.reform_area,
        target: r.target_id,
        notes: r.notes,
        file,
        line: r.line,
        at,
        import: importId,
      };
      if (!existing) {
        await w.run(
          `INSERT INTO evidence_items (evidence_id, agency_id, channel, published_at, published_text, title, url, reference,
             sessions, quantity, attendance, media_kind, reform_area, target_id, notes, source_file, source_line, first_imported_at, imported_at, import_id)
           VALUES ($id, $agency, $channel, $published::TIMESTAMPTZ, $ptext, $title, $url, $reference, $sessions, $quantity, $attendance, $media,
             $area, $target, $notes, $file, $line, $at::TIMESTAMPTZ, $at::TIMESTAMPTZ, $import)`,
          params,
        );
        summary.inserted++;
      } else if (signature(existing) === signature({ ...r })) {
        summary.unchanged++;
      } else {
        await w.run(
          `UPDATE evidence_items SET agency_id = $agency, channel = $channel, published_at = $published::TIMESTAMPTZ,
             published_text = $ptext, title = $title, url = $url, reference = $reference, sessions = $sessions,
             quantity = $quantity, attendance = $attendance, media_kind = $media, reform_area = $area, target_id = $target, notes = $notes, source_file = $file,
             source_line = $line, imported_at = $at::TIMESTAMPTZ, import_id = $import
           WHERE evidence_id = $id`,
          params,
        );
        summary.updated++;
      }
    }
    await w.run(
      `INSERT INTO evidence_imports (import_id, file, file_sha256, rows_read, inserted, updated, unchanged, imported_at)
       VALUES ($id, $file, $sha, $rows, $ins, $upd, $same, $at::TIMESTAMPTZ)`,
      {
        id: importId,
        file,
        sha: createHash("sha256").update(data).digest("hex"),
        rows: rows.length,
        ins: summary.inserted,
        upd: summary.updated,
        same: summary.unchanged,
        at,
      },
    );
  });
  return summary;
}
