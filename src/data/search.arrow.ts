// The item search (Tìm kiếm page): every countable item with its title's search key (pipelines/text/search-key.ts),
// agency, channel, date and the targets it counts toward. Fetched only when a reader searches. See docs/site-data.md.
import { itemSearchRows } from "../../pipelines/report/site-queries.ts";
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";
import { searchKey } from "../../pipelines/text/search-key.ts";

const rows = await withLoaderWarehouse(itemSearchRows);

writeArrow(
  rows.map((r) => ({ ...r, title_key: searchKey(r.title as string) })),
  {
    item_key: "string",
    title: "string",
    title_key: "string",
    url: "string",
    agency_name: "category",
    channel: "category",
    channel_label: "category",
    published_at: "string",
    year: "number",
    counted: "boolean",
    target_status: "category",
    worst_status: "category",
    uncounted_reason_label: "category",
    archive_path: "string", // the archived copy under the site (int_archived_copies), null when none
    is_demo: "boolean",
  },
);
