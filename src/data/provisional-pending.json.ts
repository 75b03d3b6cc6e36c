// Provisional targets of the current year that leave out an agency kind until an analyst
// confirms a mapping (registry/carry-forward.yaml; docs/registry.md). The Kế hoạch page lists
// them and, under `cchc serve`, offers the confirmation. See docs/site-data.md.
import { loadRegistry } from "../../pipelines/registry/load.ts";
import { targetsInForce } from "../../pipelines/registry/provisional.ts";
import { vietnamParts } from "../../pipelines/time/vietnam-time.ts";

const year = vietnamParts(new Date()).year;
const pending = targetsInForce(loadRegistry(), year)
  .targets.filter((t) => t.provisional && t.provisional.unmapped_kinds.length)
  .map((t) => ({ target_id: t.id, year, clause: t.clause, description: t.description, label: t.provisional!.label, unmapped_kinds: t.provisional!.unmapped_kinds }));
process.stdout.write(JSON.stringify(pending));
