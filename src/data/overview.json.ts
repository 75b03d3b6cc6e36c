// The overview page's marts (mart_overview, mart_overview_targets): every figure the page shows. See docs/site-data.md.
import { overviewRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(overviewRows)));
