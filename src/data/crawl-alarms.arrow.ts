// Completeness alarms of each source's last run (pipelines/crawl/completeness.ts), with the
// --since outcome of that run. See docs/site-data.md.
import { withLoaderWarehouse, writeArrow } from "../../pipelines/site/loader-io.ts";
import { label } from "../../pipelines/vocabulary/index.ts";

const ISO = (c: string) => `strftime(${c}, '%Y-%m-%dT%H:%M:%S+07:00')`;

const rows = await withLoaderWarehouse((w) =>
  w.all(`
    WITH last_run AS (
      SELECT run_id, source_id, started_at, since_at, since_reached FROM crawl_run_sources
      QUALIFY row_number() OVER (PARTITION BY source_id ORDER BY started_at DESC) = 1
    )
    SELECT a.source_id, s.name AS source_name, s.is_demo, a.kind, a.url, a.message, a.details_json,
           ${ISO("r.started_at")} AS run_at, ${ISO("r.since_at")} AS since_at, r.since_reached
    FROM crawl_alarms a
    JOIN last_run r ON r.run_id = a.run_id AND r.source_id = a.source_id
    JOIN sources s ON s.source_id = a.source_id
    ORDER BY s.is_demo DESC, s.name, a.kind, a.url`),
);

writeArrow(
  rows.map((r) => ({ ...r, kind_label: label("crawl_alarm", r.kind as string) })),
  {
    source_id: "string",
    source_name: "string",
    is_demo: "boolean",
    kind: "category",
    kind_label: "category",
    url: "string",
    message: "string",
    details_json: "string",
    run_at: "string",
    since_at: "string",
    since_reached: "boolean",
  },
);
