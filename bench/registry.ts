/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
import { classifyBench } from "./classify.ts";
import { coverageBench } from "./coverage.ts";
import { crawlBench } from "./crawl-hook.ts";
import { extractBench } from "./extract.ts";
import { nationalBench } from "./national.ts";
import { reportBench } from "./report.ts";
import { siteBench } from "./site.ts";
import type { Benchmark } from "./lib/types.ts";
import { warehouseBench } from "./warehouse.ts";

export const BENCHMARKS: Benchmark[] = [reportBench, warehouseBench, coverageBench, nationalBench, crawlBench, extractBench, classifyBench, siteBench];
