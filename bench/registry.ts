/** Every benchmark `npm run bench` runs, in order. Add new ones here. */
import { classifyBench } from "./classify.ts";
import { crawlBench } from "./crawl-hook.ts";
import { nationalBench } from "./national.ts";
import { siteBench } from "./site-hook.ts";
import type { Benchmark } from "./lib/types.ts";
import { warehouseBench } from "./warehouse.ts";

export const BENCHMARKS: Benchmark[] = [warehouseBench, nationalBench, crawlBench, classifyBench, siteBench];
