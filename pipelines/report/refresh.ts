/**
 * The steps that follow a crawl, in order, on one warehouse: load the registry,
 * analyse (classify, attribute, cluster, apply overrides), materialise coverage.
 * Used by `cchc report`, `cchc build`/`start` and the scheduler.
 */
import { existsSync } from "node:fs";
import { analyse, type AnalyseSummary } from "../analyse/index.ts";
import { fromRegistryAgencies } from "../attribute/attribute.ts";
import { DEFAULT_LEXICON, type Lexicon, loadLexicon } from "../classify/lexicon.ts";
import { defaultAnalysisWorkers } from "../analyse/pool.ts";
import { defaultOverridesFile } from "../overrides/store.ts";
import { loadRegistry } from "../registry/load.ts";
import { withTargetsInForce } from "../registry/provisional.ts";
import { vietnamParts } from "../time/vietnam-time.ts";
import { loadRegistryIntoWarehouse, type RegistryLoadSummary } from "../registry/warehouse.ts";
import { requireWarehouse, type Warehouse, withWarehouse } from "../warehouse/db.ts";
import type { Registry } from "../registry/types.ts";
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
  /** Analyse every article, not only the new and changed ones (`--full`; pipelines/analyse/fingerprint.ts). */
  full?: boolean;
}

export interface RefreshSummary {
  registry: RegistryLoadSummary;
  analysis: AnalyseSummary;
  coverage_rows: number;
}

/** The inputs of a refresh, read and validated before the warehouse is touched. */
export interface RefreshInputs {
  registry: Registry;
  lexicon: Lexicon;
  /** The lexicon's file (the analysis' worker threads load it). */
  lexiconFile: string;
  /** Overrides file to import first (null: none). */
  overridesFile: string | null;
}

export function readRefreshInputs(db: string, options: RefreshOptions = {}): RefreshInputs {
  const overridesFile = options.overridesFile ?? defaultOverridesFile(db);
  return {
    registry: loadRegistry(options.registryDir),
    lexicon: loadLexicon(options.lexicon ?? DEFAULT_LEXICON),
    lexiconFile: options.lexicon ?? DEFAULT_LEXICON,
    overridesFile: existsSync(overridesFile) ? overridesFile : null,
  };
}

/** The steps on an open warehouse, in one transaction (joins the caller's, e.g. a workbench write). */
export async function refreshWarehouse(w: Warehouse, inputs: RefreshInputs, now: Date, options: { full?: boolean } = {}): Promise<RefreshSummary> {
  return await w.transaction(async () => {
    // The targets table lists the targets in force, provisional ones included (marked), as the coverage does.
    const registrySummary = await loadRegistryIntoWarehouse(w, withTargetsInForce(inputs.registry, vietnamParts(now).year));
    const analysis = await analyse(w, {
      lexicon: inputs.lexicon,
      agencies: fromRegistryAgencies(inputs.registry.agencies),
      overridesFile: inputs.overridesFile,
      now,
      full: options.full,
      // Worker threads pay for their start-up (~0.5 s) from a few thousand articles on.
      parallel: { lexiconFile: inputs.lexiconFile, workers: defaultAnalysisWorkers(), minArticles: PARALLEL_FROM_ARTICLES },
    });
    const rows = await materialiseCoverage(w, inputs.registry, now);
    return { registry: registrySummary, analysis, coverage_rows: rows.length };
  });
}

export async function refreshAfterCrawl(db: string, options: RefreshOptions = {}): Promise<RefreshSummary> {
  const now = options.now ?? new Date();
  requireWarehouse(db, options.create);
  // Validate every input before touching the warehouse: a bad file writes nothing.
  const inputs = readRefreshInputs(db, options);
  // One transaction: the warehouse shows either the previous refresh or this one.
  return await withWarehouse(db, (w) => refreshWarehouse(w, inputs, now, { full: options.full }), { create: options.create, memoryLimit: REPORT_MEMORY_LIMIT });
  // (The analysis streams the articles once: DuckDB need not keep them in its buffer pool.)
}

/** From this many articles the analysis runs its per-article work in worker threads (pipelines/analyse/pool.ts). */
export const PARALLEL_FROM_ARTICLES = 5_000;

/** DuckDB's share of the report step's memory: the analysis streams the texts with no sort and keeps no table of them in DuckDB, so its buffer pool need not hold more (docs/performance.md). */
export const REPORT_MEMORY_LIMIT = "512MB";
