/**
 * The steps that follow a crawl, in order, on one warehouse: load the registry,
 * analyse (classify, attribute, cluster, apply overrides), materialise coverage.
 * Used by `cchc report`, `cchc build`/`start` and the scheduler.
 */
import { existsSync } from "node:fs";
import { analyse, type AnalyseSummary } from "../analyse/index.ts";
import { fromRegistryAgencies } from "../attribute/attribute.ts";
import { loadLexicon } from "../classify/lexicon.ts";
import { defaultOverridesFile } from "../overrides/store.ts";
import { loadRegistry } from "../registry/load.ts";
import { withTargetsInForce } from "../registry/provisional.ts";
import { vietnamParts } from "../time/vietnam-time.ts";
import { loadRegistryIntoWarehouse, type RegistryLoadSummary } from "../registry/warehouse.ts";
import { requireWarehouse, withWarehouse } from "../warehouse/db.ts";
import { materialiseCoverage } from "./index.ts";

export interface RefreshOptions {
  /** Registry folder (default: registry/). */
  registryDir?: string;
  /** Lexicon file (default: registry/lexicon.yaml). */
  lexicon?: string;
  /** "Now" for statuses and timestamps. */
  now?: Date;
  /** Overrides file to import and apply (default: overrides.jsonl next to the warehouse, when it exists). */
  overridesFile?: string;
  /** Create the warehouse when the file does not exist (default: refuse; only a crawl or --create creates one). */
  create?: boolean;
}

export interface RefreshSummary {
  registry: RegistryLoadSummary;
  analysis: AnalyseSummary;
  coverage_rows: number;
}

export async function refreshAfterCrawl(db: string, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const now = options.now ?? new Date();
  requireWarehouse(db, options.create);
  // Validate every input before touching the warehouse: a bad file writes nothing.
  const registry = loadRegistry(options.registryDir);
  const lexicon = loadLexicon(options.lexicon);
  const overridesFile = options.overridesFile ?? defaultOverridesFile(db);
  return await withWarehouse(db, async (w) => {
    // One transaction: the warehouse shows either the previous refresh or this one.
    return await w.transaction(async () => {
      // The targets table lists the targets in force, provisional ones included (marked), as the coverage does.
      const registrySummary = await loadRegistryIntoWarehouse(w, withTargetsInForce(registry, vietnamParts(now).year));
      const analysis = await analyse(w, {
        lexicon,
        agencies: fromRegistryAgencies(registry.agencies),
        overridesFile: existsSync(overridesFile) ? overridesFile : null,
        now,
      });
      const rows = await materialiseCoverage(w, registry, now);
      return { registry: registrySummary, analysis, coverage_rows: rows.length };
    });
  }, { create: options.create });
}
