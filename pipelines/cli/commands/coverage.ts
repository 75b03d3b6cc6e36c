/**
 * `cchc coverage --year Y [--agency ID] [--target ID] [--format table|csv|json]`:
 * the coverage mart as the dashboard shows it — target, clause, agency, period,
 * actual, minimum, status and the items counted — so every number on the site
 * is also available from the CLI. Reads mart_coverage only; computes nothing.
 */
import type { Command } from "commander";
import { coverageTableRows } from "../../report/queries.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { UsageError } from "../index.ts";
import { type Format, print } from "./registry.ts";

export function registerCoverageCommands(program: Command): void {
  program
    .command("coverage")
    .description("print the coverage mart: every (target, agency, period) with actual, minimum, status and the items counted")
    .requiredOption("--year <year>", "year, e.g. 2024")
    .option("--agency <id>", "only this agency")
    .option("--target <id>", "only this target")
    .option("--format <format>", "table | csv | json", "table")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year: "${opts.year}" is not a year`);
      const format = opts.format as Format;
      if (!["table", "csv", "json"].includes(format)) throw new UsageError(`--format must be table, csv or json, not "${opts.format}"`);
      const rows = await withWarehouse(
        opts.db,
        async (w) => {
          const all = await coverageTableRows(w, { year, agencyId: opts.agency ?? null, targetId: opts.target ?? null });
          if (opts.agency && all.length === 0 && !(await w.one("SELECT 1 FROM agencies WHERE agency_id = $id", { id: opts.agency }))) {
            throw new UsageError(`--agency: no agency "${opts.agency}" in the warehouse's registry`);
          }
          return all;
        },
        { readOnly: true },
      );
      const out = rows.map((r) => ({
        target_id: r.target_id,
        plan: r.plan,
        clause: r.clause,
        target_label: r.target_label,
        agency_id: r.agency_id,
        agency_name: r.agency_name,
        period: r.period,
        period_label: r.period_label,
        actual: r.actual,
        minimum: r.minimum,
        measure: r.measure,
        measure_unit: r.measure_unit,
        status: r.status,
        status_label: r.status_label,
        items: r.items,
        item_keys: r.item_keys,
        provisional: r.provisional ?? false,
        provisional_label: r.provisional_label ?? null,
      }));
      const n = (v: unknown) => new Intl.NumberFormat("vi-VN").format(Number(v));
      print(
        out as never,
        [
          // A provisional target is printed with its "tạm tính theo <plan> <clause>" label, never as the plan's own number.
          { key: "clause", header: "căn cứ", show: (r) => (r.provisional_label as string | null) ?? `${r.plan} ${r.clause}` },
          { key: "agency_name", header: "cơ quan" },
          { key: "period_label", header: "kỳ" },
          { key: "actual", header: "thực hiện", show: (r) => `${n(r.actual)} ${r.measure_unit}` },
          { key: "minimum", header: "chỉ tiêu", show: (r) => n(r.minimum) },
          { key: "status_label", header: "trạng thái" },
          { key: "items", header: "số mục được tính", show: (r) => n(r.items) },
        ],
        format,
        `Chỉ tiêu năm ${year}${opts.agency ? ` của ${out[0]?.agency_name ?? opts.agency}` : ""}: ${out.length} dòng`,
      );
    });
}
