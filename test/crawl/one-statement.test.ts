import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { crawl } from "../../pipelines/crawl/crawl.ts";
import { demoSources } from "../../pipelines/farm/demo-sources.ts";
import { type Farm, startFarm } from "../../pipelines/farm/server.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

/**
 * A DuckDB connection runs one statement at a time: a read started while a batch's Appender
 * writes (or another statement) is under way on the same connection breaks one of them
 * ("Attempting to execute an unsuccessful or closed pending query result"). The crawl's reads
 * (conditional-GET validators, a source's stored items and frontier, the recheck) must wait for
 * the write batch in progress. Observed here on the connection itself: statements in flight at
 * once, and Appender calls made while a statement is in flight.
 */
function watch(w: Warehouse): { maxInFlight: number; appenderOverlaps: number } {
  const seen = { maxInFlight: 0, appenderOverlaps: 0 };
  let inFlight = 0;
  const connection = w.connection as unknown as Record<string, (...args: unknown[]) => unknown>;
  // runAndReadAll runs through run; stream does not
  for (const name of ["run", "stream"]) {
    const original = connection[name]!.bind(connection);
    connection[name] = async (...args: unknown[]) => {
      inFlight++;
      seen.maxInFlight = Math.max(seen.maxInFlight, inFlight);
      try {
        return await original(...args);
      } finally {
        inFlight--;
      }
    };
  }
  const createAppender = connection.createAppender!.bind(connection);
  connection.createAppender = async (...args: unknown[]) => {
    const appender = (await createAppender(...args)) as Record<string, (...a: unknown[]) => unknown>;
    for (const name of ["appendDataChunk", "flushSync", "closeSync"]) {
      const original = appender[name]!.bind(appender);
      appender[name] = (...a: unknown[]) => {
        if (inFlight > 0) seen.appenderOverlaps++;
        return original(...a);
      };
    }
    return appender;
  };
  return seen;
}

describe("the crawl's statements on its DuckDB connection", () => {
  let farm: Farm;
  beforeAll(async () => {
    farm = await startFarm({ only: ["sonoivu", "sotuphap", "trangbang", "tayninh"] });
  });
  afterAll(() => farm.close());

  it("run one at a time, Appender writes included, over several sources at once (a first crawl and a re-run)", async () => {
    const db = join(mkdtempSync(join(tmpdir(), "cchc-one-statement-")), "w.duckdb");
    const sources = demoSources(farm.portals);
    for (const recheckBudget of [0, 5]) {
      const w = await Warehouse.open(db);
      try {
        const seen = watch(w);
        // small batches: many commits while the sources' reads go on
        await crawl(w, sources, { limits: { delayMs: 0, batchSize: 5, batchMaxMs: 20 }, archiveDir: join(db, "..", "archive"), recheckBudget });
        expect(seen).toEqual({ maxInFlight: 1, appenderOverlaps: 0 });
      } finally {
        await w.close();
      }
    }
  });
});
