/**
 * Site loaders and first chart (issue 7): loader time, bytes shipped and time to
 * first chart in Chromium with 100,000 articles. Not wired yet: the site's
 * loaders are still being built; when they expose a benchmark function, call it here.
 */
import type { Benchmark } from "./lib/types.ts";

export const siteBench: Benchmark = {
  name: "site",
  description: "Site loaders and time to first chart (100,000 articles)",
  async run() {
    return { skipped: "not wired yet: the site loader benchmark (issue 7) has no entry point; hook in bench/site-hook.ts" };
  },
};
