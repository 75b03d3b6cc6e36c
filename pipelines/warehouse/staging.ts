/**
 * Staged set-based writes: a batch's rows go through the Appender into a
 * temporary table (not logged, no statement to parse per row), one statement
 * moves them where they belong (`INSERT … SELECT … ON CONFLICT`, `UPDATE …
 * FROM`), and the table is emptied, all in the caller's transaction. DuckDB
 * parses and plans a multi-row `VALUES` statement once per row and call; a
 * staged write costs about the same for 10 rows as for 500.
 */
import { appendRows, type BulkValue } from "./bulk-write.ts";
import type { Warehouse } from "./db.ts";

/** Staging tables created outside a transaction, per warehouse: they outlast any rollback. */
const READY = new WeakMap<Warehouse, Set<string>>();

export class StagingTable {
  /**
   * `name` is the temporary table's name (without "temp."); its `columns`, named as the rows' keys,
   * are those of the warehouse table `like` (their types come from its migration, never a copy).
   */
  constructor(
    readonly name: string,
    private readonly like: string,
    private readonly columns: readonly string[],
  ) {}

  /**
   * Create the table now if the warehouse is outside a transaction, so that no batch creates it
   * again (a table created inside a transaction that is rolled back is gone with it; then the
   * next write creates it again).
   */
  async prepare(w: Warehouse): Promise<void> {
    let ready = READY.get(w);
    if (ready?.has(this.name)) return;
    await w.run(`CREATE TEMP TABLE IF NOT EXISTS ${this.name} AS SELECT ${this.columns.join(", ")} FROM main.${this.like} LIMIT 0`);
    if (w.inTransaction) return;
    if (!ready) READY.set(w, (ready = new Set()));
    ready.add(this.name);
  }

  /** Stage `rows`, run `sql` (which reads `temp.<name>`) with `params`, and empty the table again. */
  async write(w: Warehouse, rows: Iterable<Record<string, BulkValue>>, sql: string, params?: Record<string, string | number | null>): Promise<void> {
    await this.prepare(w);
    if ((await appendRows(w, `temp.${this.name}`, rows)) === 0) return;
    try {
      await w.run(sql, params);
    } finally {
      // Emptied even when `sql` failed: staged rows never reach another caller's statement.
      await w.run(`DELETE FROM temp.${this.name}`);
    }
  }
}
