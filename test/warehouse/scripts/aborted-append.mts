// A bulk write that fails part-way inside a transaction (one value out of range after two full
// chunks), then garbage collection and a later transaction: prints the table's row count after
// each step as JSON. Run by test/warehouse/bulk-write.test.ts with --expose-gc.
import { appendRows } from "../../../pipelines/warehouse/bulk-write.ts";
import { Warehouse } from "../../../pipelines/warehouse/db.ts";

const w = await Warehouse.open(":memory:");
await w.run("CREATE TABLE t (k INTEGER, u UBIGINT)");
const count = async () => Number((await w.one("SELECT count(*) AS n FROM t"))?.n);
const rows = Array.from({ length: 5000 }, (_, k) => ({ k, u: k === 4500 ? -1 : k }));
let failed = false;
try {
  await w.transaction(() => appendRows(w, "t", rows));
} catch {
  failed = true;
}
const afterRollback = await count();
await w.run("BEGIN TRANSACTION");
await w.run("INSERT INTO t VALUES (-1, 0)");
for (let i = 0; i < 5; i++) {
  (globalThis as { gc?: () => void }).gc?.();
  await new Promise((r) => setTimeout(r, 20));
}
await w.run("COMMIT");
console.log(JSON.stringify({ failed, afterRollback, afterLaterTransaction: await count() }));
await w.close();
