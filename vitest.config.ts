import { availableParallelism } from "node:os";
import { defineConfig } from "vitest/config";

export default defineConfig({
  // The site's components import htl as Observable Framework does ("npm:htl"); tests of them resolve it to the package.
  resolve: { alias: { "npm:htl": "htl" } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
    // Two files at a time at least: most files wait on subprocesses, servers and Chromium, and
    // vitest's default (cores − 1) runs one at a time on a 2-core machine.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    // One scratch folder per run, where shared fixtures (the built DEMO site) are made once: test/global-setup.ts.
    globalSetup: ["test/global-setup.ts"],
  },
});
