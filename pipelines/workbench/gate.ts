/**
 * The server's access to the warehouse. DuckDB lets one process write a file
 * (the warehouse's single-writer lock); the server opens it only for the time
 * of one request, one request at a time, so `cchc crawl`, `cchc schedule` and
 * the site's loaders can use it in between. Busy (another process holds it):
 * WarehouseBusyError, answered 503 with Retry-After.
 */
import { existsSync } from "node:fs";
import { type Warehouse, WarehouseInUseError, withWarehouse } from "../warehouse/db.ts";

export class WarehouseBusyError extends Error {}

export class WarehouseGate {
  private chain: Promise<unknown> = Promise.resolve();

  constructor(readonly db: string) {}

  /** Run `fn` after every earlier call of this gate has finished. */
  exclusive<T>(fn: () => Promise<T>): Promise<T> {
    const next = this.chain.then(fn, fn);
    this.chain = next.catch(() => undefined);
    return next;
  }

  /** Open the warehouse for `fn` (read-only when asked), close it after. */
  use<T>(fn: (w: Warehouse) => Promise<T>, options: { readOnly?: boolean } = {}): Promise<T> {
    return this.exclusive(async () => {
      // Never create a new empty store behind a mistyped path.
      if (!existsSync(this.db)) throw new Error(`warehouse ${this.db} does not exist`);
      try {
        return await withWarehouse(this.db, fn, options);
      } catch (error) {
        if (error instanceof WarehouseInUseError) throw new WarehouseBusyError(error.message);
        throw error;
      }
    });
  }
}
