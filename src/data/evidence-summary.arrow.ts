// The Minh chứng page's filters and counts (mart_evidence_summary); its rows (evidence.arrow) load when opened.
import { evidenceSummaryRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";

writeArrow(await withLoaderWarehouse(evidenceSummaryRows), {
  year: "number",
  period: "category",
  agency_name: "category",
  targets: "category",
  counted: "boolean",
  uncounted_reason_label: "category",
  items: "number",
});
