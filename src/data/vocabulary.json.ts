// Every code the warehouse can hold with its Vietnamese labels (pipelines/vocabulary): the site's only source of labels.
import { vocabularyRows } from "../../pipelines/vocabulary/index.ts";

const out: Record<string, Record<string, { label: string; short: string; description: string }>> = {};
for (const t of vocabularyRows()) (out[t.domain] ??= {})[t.code] = { label: t.label, short: t.short, description: t.description };
process.stdout.write(JSON.stringify(out));
