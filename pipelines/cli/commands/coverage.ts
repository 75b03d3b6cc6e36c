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
import { registry as say, usage } from "../messages.ts";
import { type Format, print } from "./registry.ts";

export function registerCoverageCommands(program: Command): void {
  program
    .command("coverage")
    .description("in bảng độ phủ: mỗi (chỉ tiêu, cơ quan, kỳ) với số thực hiện, mức tối thiểu, trạng thái và các mục được tính")
    .requiredOption("--year <năm>", "năm, ví dụ 2024")
    .option("--agency <mã>", "chỉ cơ quan này")
    .option("--target <mã>", "chỉ chỉ tiêu này")
    .option("--format <định-dạng>", "table (bảng) | csv | json", "table")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(usage.notYear("--year", opts.year));
      const format = opts.format as Format;
      if (!["table", "csv", "json"].includes(format)) throw new UsageError(usage.format("--format", opts.format, ["table", "csv", "json"]));
      const rows = await withWarehouse(
        opts.db,
        async (w) => {
          const all = await coverageTableRows(w, { year, agencyId: opts.agency ?? null, targetId: opts.target ?? null });
          if (opts.agency && all.length === 0 && !(await w.one("SELECT 1 FROM agencies WHERE agency_id = $id", { id: opts.agency }))) {
            throw new UsageError(usage.noAgency("--agency", opts.agency, "danh mục của kho dữ liệu"));
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
        say.coverageTitle(year, opts.agency ? (out[0]?.agency_name ?? opts.agency) : null, out.length),
      );
    });
}
