// Coverage against targets: one row per (target, agency, period) and how many items it counts; which items is
// coverage-items.arrow, fetched when a list is opened (page-shaped: this file does not grow with the articles). See docs/site-data.md.
import { coverageTableRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse(coverageTableRows);

writeArrow(rows, {
  target_id: "category",
  plan: "category",
  clause: "category",
  target_label: "category",
  agency_id: "category",
  agency_name: "category",
  agency_kind: "category",
  channels: "category",
  topic: "category",
  measure: "category",
  period_kind: "category",
  period: "category",
  period_label: "category",
  period_start: "category",
  period_end: "category",
  year: "number",
  minimum: "number",
  has_minimum: "boolean",
  actual: "number",
  gap: "number",
  elapsed_share: "number",
  status: "category",
  status_label: "category",
  behind: "boolean",
  measure_label: "category",
  measure_unit: "category",
  agency_kind_label: "category",
  items: "number",
  provisional: "boolean",
  provisional_label: "string",
  is_demo: "boolean",
});
