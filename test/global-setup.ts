/**
 * Once per `vitest run` (vitest.config.ts globalSetup): a scratch folder shared by every test file
 * of the run, where expensive fixtures are made once on first use and found by the files after
 * (test/fixtures/demo-site.ts). It is removed when the run ends.
 */
import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import type { TestProject } from "vitest/node";

declare module "vitest" {
  export interface ProvidedContext {
    /** The run's shared scratch folder. */
    runDir: string;
  }
}

export default function setup(project: TestProject): () => void {
  const runDir = mkdtempSync(join(tmpdir(), "cchc-test-run-"));
  project.provide("runDir", runDir);
  return () => rmSync(runDir, { recursive: true, force: true });
}
