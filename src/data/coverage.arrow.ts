// Coverage against targets: one row per (target, agency, period), with the items counted. See docs/site-data.md.
import { coverageTableRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse(coverageTableRows);

writeArrow(rows, {
  target_id: "string",
  plan: "string",
  clause: "string",
  target_label: "string",
  agency_id: "string",
  agency_name: "string",
  agency_kind: "string",
  channels: "string",
  topic: "string",
  measure: "string",
  period_kind: "string",
  period: "string",
  period_label: "string",
  period_start: "string",
  period_end: "string",
  year: "number",
  minimum: "number",
  has_minimum: "boolean",
  actual: "number",
  gap: "number",
  elapsed_share: "number",
  status: "string",
  item_keys: "string",
  is_demo: "boolean",
});
