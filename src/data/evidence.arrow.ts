// Evidence rows for every year with items (the same rows as `cchc export evidence`). See docs/site-data.md.
import { presentable } from "../../pipelines/export/evidence.ts";
import { EVIDENCE_COLUMNS, evidenceRows } from "../../pipelines/report/queries.ts";
import { itemTargetRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse(async (w) => {
  const years = await w.all(
    `SELECT DISTINCT year(published_at) AS y FROM countable_items WHERE published_at IS NOT NULL
     UNION SELECT DISTINCT year(published_at) FROM evidence_items ORDER BY 1`,
  );
  const all = [];
  for (const { y } of years) all.push(...(await evidenceRows(w, { year: Number(y) })));
  // Whether each row counts toward a target in force, and if not why (mart_item_targets): the page lists them apart.
  const status = new Map((await itemTargetRows(w)).map((r) => [r.item_key, r]));
  return presentable(all).map((r) => ({ ...r, counted: status.get(r.item_key)?.counted ?? false, uncounted_reason_label: status.get(r.item_key)?.uncounted_reason_label ?? null }));
});

const columns = Object.fromEntries(EVIDENCE_COLUMNS.map((c) => [c.key, "string" as const]));
writeArrow(rows, { ...columns, target_ids: "string", period: "string", channel: "string", reform_area: "string", item_key: "string", counted: "boolean", uncounted_reason_label: "string" });
