import { defineConfig } from "vitest/config";

export default defineConfig({
  // The site's components import htl as Observable Framework does ("npm:htl"); tests of them resolve it to the package.
  resolve: { alias: { "npm:htl": "htl" } },
  test: {
    include: ["test/**/*.test.ts"],
    testTimeout: 30_000,
    hookTimeout: 120_000,
    pool: "forks",
  },
});
