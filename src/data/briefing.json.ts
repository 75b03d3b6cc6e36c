// The monthly briefing's mart (mart_briefing_month): items, agencies, and the quarter's agencies met / behind. See docs/site-data.md.
import { briefingRows } from "../../pipelines/report/queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(briefingRows)));
