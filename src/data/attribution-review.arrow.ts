// The attribution review queue: items an analyst should confirm (tie, named but none acting, low confidence); see docs/classification.md §3.
import { attributionReviewRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

const rows = await withLoaderWarehouse(attributionReviewRows);

writeArrow(rows, {
  article_id: "string",
  title: "string",
  url: "string",
  source_id: "category",
  published_at: "string",
  agency_id: "category",
  agency_name: "category",
  method: "category",
  confidence: "number",
  review_kind: "category",
  candidates_json: "string",
  is_cchc: "boolean",
  archive_path: "string", // the archived copy under the site (int_archived_copies), null when none
});
