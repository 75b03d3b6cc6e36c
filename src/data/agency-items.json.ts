// CCHC items per agency (mart_items): the agency page's picker and list headings; the items load when a list is opened.
import { agencyItemCountRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse } from "../../pipelines/site/loader-io.ts";

process.stdout.write(JSON.stringify(await withLoaderWarehouse(agencyItemCountRows)));
