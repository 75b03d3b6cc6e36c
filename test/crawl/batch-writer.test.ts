/**
 * The crawl's BatchWriter (pipelines/crawl/frontier.ts): `later` resolves once
 * its op is committed and rejects when its batch fails, also when the op is
 * the one that fills the batch (then `add` flushes at once).
 */
import { afterEach, describe, expect, it } from "vitest";
import { BatchWriter } from "../../pipelines/crawl/frontier.ts";
import { Warehouse } from "../../pipelines/warehouse/db.ts";

/** Settles with "resolved" / "rejected: …", or "pending" after `ms`. */
function outcome(p: Promise<void>, ms = 1_000): Promise<string> {
  return Promise.race([
    p.then(
      () => "resolved",
      (e: Error) => `rejected: ${e.message}`,
    ),
    new Promise<string>((r) => setTimeout(() => r("pending"), ms)),
  ]);
}

describe("BatchWriter.later", () => {
  let w: Warehouse | null = null;
  afterEach(async () => {
    await w?.close();
    w = null;
  });

  it("resolves when its op fills the batch and is flushed at once", async () => {
    w = await Warehouse.open(":memory:");
    await w.run("CREATE TABLE t (i INTEGER)");
    const writer = new BatchWriter(w, 2, 60_000); // batch of 2; the timer would fire only after a minute
    await writer.prepare();
    writer.add(() => w!.run("INSERT INTO t VALUES (1)"));
    const later = writer.later(() => w!.run("INSERT INTO t VALUES (2)"));
    expect(await outcome(later)).toBe("resolved");
    expect(Number((await w.one("SELECT count(*) AS n FROM t"))?.n)).toBe(2);
  });

  it("rejects when the batch its op filled fails", async () => {
    w = await Warehouse.open(":memory:");
    const writer = new BatchWriter(w, 2, 60_000);
    await writer.prepare();
    writer.add(() => Promise.resolve());
    const later = writer.later(() => Promise.reject(new Error("No space left on device")));
    expect(await outcome(later)).toBe("rejected: No space left on device");
  });
});
