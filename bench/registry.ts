/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
import { analysisBench } from "./analysis.ts";
import { attributionBench } from "./attribution.ts";
import { classifyBench } from "./classify.ts";
import { corpusBench } from "./corpus.ts";
import { coverageBench } from "./coverage.ts";
import { crawlBench } from "./crawl-hook.ts";
import { dedupeBench } from "./dedupe.ts";
import { extractBench } from "./extract.ts";
import { nationalBench } from "./national.ts";
import { parseBench } from "./parse.ts";
import { reportBench } from "./report.ts";
import { siteBench } from "./site.ts";
import { storeBench } from "./store.ts";
import type { Benchmark } from "./lib/types.ts";

export const BENCHMARKS: Benchmark[] = [corpusBench, reportBench, dedupeBench, storeBench, classifyBench, analysisBench, attributionBench, parseBench, extractBench, coverageBench, nationalBench, crawlBench, siteBench];
