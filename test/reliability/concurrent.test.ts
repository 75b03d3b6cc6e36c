import { mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, describe, expect, it } from "vitest";
import { Warehouse } from "../../pipelines/warehouse/db.ts";
import { killHard, spawnFixture } from "./fixtures/spawn.ts";

const dir = mkdtempSync(join(tmpdir(), "cchc-lock-"));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

describe("concurrent warehouse writers", () => {
  it("a second process is refused with a clear message while the first holds the warehouse", async () => {
    const db = join(dir, "w.duckdb");
    const holder = spawnFixture("load-child.ts", [db, "--hold"]);
    try {
      await holder.waitFor(/^READY$/);
      await expect(Warehouse.open(db)).rejects.toThrow(`kho dữ liệu ${db} đang được một tiến trình khác sử dụng`);
      await expect(Warehouse.open(db, { readOnly: true })).rejects.toThrow(/đang được một tiến trình khác sử dụng/);
    } finally {
      await killHard(holder);
    }
    const w = await Warehouse.open(db);
    expect(await w.one("SELECT count(*) AS n FROM articles")).toEqual({ n: 0 });
    await w.close();
  });
});
