/**
 * The scorecard's items as parts (src/data/scorecard-items.zip.ts): per part of mart_scorecard_items_part, an
 * Arrow file of that part's rows of mart_scorecard_items. Every part from 0 to mart_scorecard_items_parts() − 1
 * is written, empty or not, so each FileAttachment the page names exists.
 */
import type { Warehouse } from "../warehouse/db.ts";
import { type ColumnKind, rowsToArrow } from "../site/loader-io.ts";
import { scorecardItemRows } from "./queries.ts";

export const SCORECARD_ITEM_COLUMNS: Record<string, ColumnKind> = {
  agency_id: "category",
  year: "number",
  items_part: "number",
  target_id: "category",
  period: "category",
  item_key: "string",
  amount: "number",
  title: "string",
  url: "string",
  archive_path: "string",
  published_at: "string",
  channel: "category",
  channel_label: "category",
  source_name: "category",
  is_demo: "boolean",
};

/** [file name in the archive, Arrow bytes] for each part, in part order. */
export async function scorecardItemPartFiles(w: Warehouse): Promise<[string, Uint8Array][]> {
  const parts = Number((await w.all("SELECT mart_scorecard_items_parts() AS n"))[0]!.n);
  const rows = await scorecardItemRows(w);
  const byPart = Array.from({ length: parts }, () => [] as typeof rows);
  for (const r of rows) {
    const part = Number(r.items_part);
    if (!(part >= 0 && part < parts)) throw new Error(`mart_scorecard_items: items_part ${r.items_part} outside 0…${parts - 1} (agency ${r.agency_id})`);
    byPart[part]!.push(r);
  }
  return byPart.map((partRows, part) => [`${part}.arrow`, rowsToArrow(partRows, SCORECARD_ITEM_COLUMNS)]);
}
