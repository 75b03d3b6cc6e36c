/**
 * The crawl's BatchWriter (pipelines/crawl/frontier.ts): `later` resolves once
 * its op is committed and rejects when its batch fails, also when the op is
 * the one that fills the batch (then `add` flushes at once); a local step (an
 * article handed to the batch's end) does not split the frontier writes around
 * it; the validators read for many URLs at once are each URL's own.
 */
import { afterEach, describe, expect, it } from "vitest";
import { BatchWriter, cachedValidators, cachedValidatorsOf, localStep, markRow, queueRows } from "../../pipelines/crawl/frontier.ts";
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

/** The statements `w.run` / `w.all` receive, counted by their first words. */
function countStatements(w: Warehouse): Map<string, number> {
  const counts = new Map<string, number>();
  for (const name of ["run", "all"] as const) {
    const original = w[name].bind(w) as (sql: string, params?: never) => Promise<never>;
    (w as unknown as Record<string, unknown>)[name] = (sql: string, params?: never) => {
      const key = sql.trim().split(/\s+/).slice(0, 3).join(" ");
      counts.set(key, (counts.get(key) ?? 0) + 1);
      return original(sql, params);
    };
  }
  return counts;
}

describe("BatchWriter local steps", () => {
  let w: Warehouse | null = null;
  afterEach(async () => {
    await w?.close();
    w = null;
  });

  const frontierRows = async (db: Warehouse) =>
    (await db.all("SELECT source_id, url, kind, state, depth, item_id, attempts, last_error FROM crawl_frontier ORDER BY source_id, url")).map((r) => JSON.stringify(r));

  /** Two listings' writes (their items queued, the listing marked done) with an article's step between them. */
  async function batch(db: Warehouse, local: boolean): Promise<{ statements: Map<string, number>; ran: string[] }> {
    const writer = new BatchWriter(db, 1_000, 60_000);
    await writer.prepare();
    await db.run("INSERT INTO crawl_frontier (source_id, url, kind, state, depth, attempts, run_id, updated_at) VALUES ('s', 'L1', 'listing', 'pending', 0, 0, 'r', now()), ('s', 'L2', 'listing', 'pending', 0, 0, 'r', now())");
    const statements = countStatements(db);
    const ran: string[] = [];
    const step = () => void ran.push("article");
    writer.add(queueRows([{ source_id: "s", url: "A1", kind: "article", depth: 0 }, { source_id: "s", url: "L2", kind: "listing", depth: 0 }], "r"), markRow("s", "L1", "done"));
    writer.add(local ? localStep(step) : async () => step());
    writer.add(queueRows([{ source_id: "s", url: "A2", kind: "article", depth: 0 }], "r"), markRow("s", "L2", "failed", "HTTP 500"));
    writer.done("s", "A1");
    await writer.flush();
    return { statements, ran };
  }

  it("run in their place without splitting the frontier writes around them, with the same rows", async () => {
    w = await Warehouse.open(":memory:");
    const asOp = await batch(w, false);
    const expected = await frontierRows(w);
    await w.close();
    w = await Warehouse.open(":memory:");
    const asStep = await batch(w, true);
    expect(await frontierRows(w)).toEqual(expected);
    expect(asStep.ran).toEqual(["article"]);
    expect(asOp.statements.get("INSERT INTO crawl_frontier")).toBe(2);
    expect(asStep.statements.get("INSERT INTO crawl_frontier")).toBe(1);
    expect(asStep.statements.get("UPDATE crawl_frontier SET")).toBe(3); // the done mark, the failed one, the done rows
    expect(expected).toContain(JSON.stringify({ source_id: "s", url: "L2", kind: "listing", state: "failed", depth: 0, item_id: null, attempts: 1, last_error: "HTTP 500" }));
  });
});

describe("cachedValidatorsOf", () => {
  it("gives each URL what cachedValidators gives it, for many URLs (over one statement's share), missing and repeated ones", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      const urls = Array.from({ length: 1_203 }, (_, i) => `http://h.test/p/${i}`);
      await w.run(
        `INSERT INTO crawl_http_cache (url, etag, last_modified, updated_at)
         SELECT 'http://h.test/p/' || i, CASE WHEN i % 3 = 0 THEN NULL ELSE 'e' || i END, CASE WHEN i % 2 = 0 THEN 'Mon, 01 Dec 2026 00:00:00 GMT' END, now()
         FROM range(0, 1203, 7) t(i)`,
      );
      const asked = [...urls, urls[7]!, "http://h.test/none"];
      const all = await cachedValidatorsOf(w, asked);
      for (const url of asked) expect(all.get(url), url).toEqual(await cachedValidators(w, url));
      expect(all.get(urls[14]!)).toEqual({ "if-none-match": "e14", "if-modified-since": "Mon, 01 Dec 2026 00:00:00 GMT" });
    } finally {
      await w.close();
    }
  });
});

describe("BatchWriter.whenCommitted", () => {
  it("resolves once what was added is committed by its batch's own time, without writing it sooner; rejects when that batch fails", async () => {
    const w = await Warehouse.open(":memory:");
    try {
      await w.run("CREATE TABLE t (i INTEGER)");
      const writer = new BatchWriter(w, 1_000, 300);
      await writer.prepare();
      expect(await outcome(writer.whenCommitted())).toBe("resolved"); // nothing pending
      writer.add(() => w.run("INSERT INTO t VALUES (1)"));
      const committed = writer.whenCommitted();
      expect(await outcome(committed, 100)).toBe("pending"); // not flushed before the batch's time
      expect(Number((await w.one("SELECT count(*) AS n FROM t"))?.n)).toBe(0);
      expect(await outcome(committed)).toBe("resolved");
      expect(Number((await w.one("SELECT count(*) AS n FROM t"))?.n)).toBe(1);
      writer.add(() => Promise.reject(new Error("No space left on device")));
      expect(await outcome(writer.whenCommitted())).toBe("rejected: No space left on device");
    } finally {
      await w.close();
    }
  });
});
