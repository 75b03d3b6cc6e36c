/** Shared test helpers for the report step, the marts and the exports. */
import { join } from "node:path";

/** A frozen copy of the shipped registry (test/fixtures/README.md): tests never read the analyst-edited registry/. */
export const FIXTURE_REGISTRY = join(import.meta.dirname, "..", "fixtures", "registry");
