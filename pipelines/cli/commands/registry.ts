/** `cchc registry check|load`, `cchc agencies`, `cchc targets`: the registry from the command line. */
import type { Command } from "commander";
import { toCsv } from "../../export/csv.ts";
import { label, labels } from "../../vocabulary/index.ts";
import { agenciesAt, whoLabel } from "../../registry/agencies.ts";
import { DEFAULT_REGISTRY_DIR, expandChannels, loadRegistryDir } from "../../registry/load.ts";
import { AGENCY_KINDS, TASK_KINDS, type AgencyKind, type Registry } from "../../registry/types.ts";
import { planTaskRows } from "../../report/plan-tasks.ts";
import { TASK_STATES } from "../../vocabulary/index.ts";
import { loadRegistryIntoWarehouse } from "../../registry/warehouse.ts";
import { formatIssue, parseRegistryDate } from "../../registry/yaml-source.ts";
import { registryInvalidSummary } from "../../registry/messages.ts";
import { viDate } from "../../vocabulary/messages.ts";
import { targetWindowsOfYear } from "../../coverage/targets.ts";
import { vietnamDay } from "../../coverage/periods.ts";
import { noTargetsReason, targetsInForce, withTargetsInForce } from "../../registry/provisional.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { UsageError } from "../index.ts";

export type Format = "table" | "csv" | "json";
type Row = Record<string, string | number | boolean | null>;

/** Load the registry; on any problem print every located message and fail (nothing is written). */
function loadOrFail(dir: string): Registry {
  const { registry, issues } = loadRegistryDir(dir);
  if (issues.length) {
    for (const issue of issues) console.error(formatIssue(issue));
    throw new Error(registryInvalidSummary(dir, issues.length));
  }
  return registry;
}

function parseFormat(value: string): Format {
  if (value !== "table" && value !== "csv" && value !== "json") throw new UsageError(`--format must be table, csv or json, not "${value}"`);
  return value;
}

const width = (s: string) => [...s.normalize("NFC")].length;

/** Plain-text table: one header row, columns padded to their widest cell. */
export function formatTable(rows: Row[], columns: { key: string; header: string }[]): string {
  const text = (v: Row[string]) => (v === null || v === undefined ? "—" : String(v));
  const widths = columns.map((c) => Math.max(width(c.header), ...rows.map((r) => width(text(r[c.key])))));
  const line = (cells: string[]) => cells.map((cell, i) => cell + " ".repeat(widths[i] - width(cell))).join("  ").trimEnd();
  return [line(columns.map((c) => c.header)), line(widths.map((w) => "─".repeat(w))), ...rows.map((r) => line(columns.map((c) => text(r[c.key]))))].join("\n");
}

interface TableColumn {
  key: string;
  header: string;
  /** How the table shows the cell (default: the value). */
  show?: (row: Row) => Row[string];
}

/** JSON and CSV carry every field under its key; the table shows `table` columns under Vietnamese headers. */
export function print(rows: Row[], table: TableColumn[], format: Format, title: string): void {
  if (format === "json") return void process.stdout.write(JSON.stringify(rows, null, 2) + "\n");
  if (format === "csv") {
    const keys = Object.keys(rows[0] ?? Object.fromEntries(table.map((c) => [c.key, null])));
    return void process.stdout.write(toCsv(rows, keys.map((key) => ({ key, header: key })) as never));
  }
  const shown = rows.map((r) => Object.fromEntries(table.map((c) => [c.key, c.show ? c.show(r) : r[c.key]])));
  console.log(`${title}\n\n${formatTable(shown, table)}`);
}

/** At most `n` characters, with an ellipsis when cut. */
const clip = (text: string, n: number) => ([...text].length > n ? `${[...text].slice(0, n - 1).join("")}…` : text);

export function agencyRows(registry: Registry, date: string, kinds?: AgencyKind[]): Row[] {
  return agenciesAt(registry, date, kinds).map((a) => ({
    id: a.id,
    name: a.name,
    kind: a.kind,
    parent: a.parent,
    valid_from: a.valid_from,
    valid_to: a.valid_to,
  }));
}

/**
 * The targets in force in a year, one row each (the same set the report step
 * evaluates, so this listing and the site agree): the year's entered targets
 * and, for an issuer without a plan that year, provisional targets carried from
 * its latest plan, marked "tạm tính theo <plan> <clause>". `entered only` drops
 * the provisional ones.
 */
export function targetRows(registry: Registry, year: number, includeProvisional = true): Row[] {
  const inForce = targetsInForce(registry, year);
  const targets = inForce.targets.filter((t) => includeProvisional || !t.provisional);
  const bound = new Map<string, Set<string>>();
  for (const tw of targetWindowsOfYear({ ...registry, targets }, year)) {
    const set = bound.get(tw.target.id) ?? new Set<string>();
    set.add(tw.agency_id);
    bound.set(tw.target.id, set);
  }
  const plans = new Map(registry.plans.map((p) => [p.id, p]));
  return targets.map((t) => ({
    plan: t.plan,
    clause: t.clause,
    basis: t.provisional?.label ?? `${t.plan} ${t.clause}`,
    provisional: t.provisional !== undefined,
    min_count: t.min_count,
    measure: t.measure,
    period: t.period,
    year: t.year,
    who: whoLabel(t.who),
    agencies: bound.get(t.id)?.size ?? 0,
    channels: t.channels.join(", "),
    channels_expanded: expandChannels(t.channels).join(", "),
    topic: t.topic ? [...t.topic.areas, ...t.topic.keywords].join(", ") : null,
    deadline: t.deadline,
    description: t.description,
    plan_title: plans.get(t.plan)?.title ?? null,
    not_bound_kinds: t.provisional?.unmapped_kinds.join(", ") || null,
    target_id: t.id,
  }));
}

/** Today's calendar day in Asia/Ho_Chi_Minh, or the --today the user gave. */
export function todayOption(value: string | undefined): string {
  if (!value) return vietnamDay(new Date());
  const day = parseRegistryDate(value);
  if (!day) throw new UsageError(`--today: "${value}" is not a real date`);
  return day;
}

export function registerRegistryCommands(program: Command): void {
  const registry = program.command("registry").description("check or load the registry (registry/*.yaml)");

  registry
    .command("check")
    .description("validate the registry files; print every problem as file:line: field: message")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const r = loadOrFail(opts.dir);
      for (const s of r.sources) {
        if (s.allow_addresses.length) console.warn(`warning: ${s.id} may connect to private addresses ${s.allow_addresses.join(", ")} (politeness.allow_addresses)`);
      }
      console.log(
        `registry OK: ${r.agencies.length} agencies, ${r.sources.length} sources (+${r.demo_sources.length} DEMO), ` +
          `${r.plans.length} plans, ${r.targets.length} targets, ${r.tasks.length} plan tasks, ` +
          `${r.kind_mappings.length} kind mappings for provisional targets (${r.kind_mappings.filter((m) => m.confirmed).length} confirmed)`,
      );
    });

  registry
    .command("load")
    .description("validate the registry and replace the registry tables of the warehouse in one transaction")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--create", "create the warehouse if the file does not exist (default: refuse a missing file)")
    .action(async (opts) => {
      const r = loadOrFail(opts.dir);
      await withWarehouse(opts.db, async (w) => {
        // Like the report step: the targets table holds the targets in force through the current year, provisional ones marked.
        const s = await loadRegistryIntoWarehouse(w, withTargetsInForce(r, Number(todayOption(undefined).slice(0, 4))));
        console.log(
          `registry loaded into ${opts.db}: ${s.agencies} agencies (${s.aliases} names, ${s.lineage} lineage links), ` +
            `${s.sources} sources, ${s.plans} plans, ${s.targets} targets, ${s.plan_tasks} plan tasks`,
        );
      }, { create: Boolean(opts.create) });
    });

  program
    .command("agencies")
    .description("list the agencies that exist on a date")
    .option("--at <date>", "date, YYYY-MM-DD or DD/MM/YYYY (default: today, Asia/Ho_Chi_Minh)")
    .option("--kind <kinds>", `comma-separated kinds (${AGENCY_KINDS.join(", ")})`)
    .option("--format <format>", "table | csv | json", "table")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const date = opts.at ? parseRegistryDate(opts.at) : todayOption(undefined);
      if (!date) throw new UsageError(`--at: "${opts.at}" is not a real date`);
      const kinds = opts.kind ? (opts.kind as string).split(",").map((k) => k.trim()) : undefined;
      const bad = kinds?.find((k) => !(AGENCY_KINDS as readonly string[]).includes(k));
      if (bad) throw new UsageError(`--kind: unknown kind "${bad}" (expected ${AGENCY_KINDS.join(", ")})`);
      const rows = agencyRows(loadOrFail(opts.dir), date, kinds as AgencyKind[] | undefined);
      const table = [
        { key: "id", header: "id" },
        { key: "name", header: "tên" },
        { key: "kind", header: "loại", show: (r: Row) => label("agency_kind", r.kind as string) },
        { key: "parent", header: "trực thuộc" },
        { key: "valid_from", header: "từ ngày" },
        { key: "valid_to", header: "đến ngày" },
      ];
      print(rows, table, parseFormat(opts.format), `Cơ quan, đơn vị có hiệu lực ngày ${viDate(date)}: ${rows.length}`);
    });

  program
    .command("targets")
    .description("list the plan targets in force in a year, each number with its plan clause (provisional ones marked)")
    .option("--year <year>", "year, e.g. 2026 (default: the current year, Asia/Ho_Chi_Minh)")
    .option("--only-year", "only targets of plans entered for that year (leave out provisional targets)")
    .option("--format <format>", "table | csv | json", "table")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const year = opts.year === undefined ? Number(todayOption(undefined).slice(0, 4)) : Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year: "${opts.year}" is not a year`);
      const format = parseFormat(opts.format);
      const registry = loadOrFail(opts.dir);
      const rows = targetRows(registry, year, !opts.onlyYear);
      const table = [
        { key: "basis", header: "căn cứ" },
        { key: "min_count", header: "tối thiểu" },
        { key: "measure", header: "đơn vị", show: (r: Row) => label("measure", r.measure as string, "short") },
        { key: "period", header: "mỗi", show: (r: Row) => label("period_kind", r.period as string) },
        { key: "who", header: "đối tượng" },
        { key: "agencies", header: "số cơ quan" },
        { key: "channels", header: "kênh", show: (r: Row) => labels("channel", String(r.channels).split(", "), ["channel_group"]) },
        { key: "topic", header: "chủ đề" },
        { key: "deadline", header: "hạn" },
        { key: "not_bound_kinds", header: "chưa áp dụng cho", show: (r: Row) => (r.not_bound_kinds ? labels("agency_kind", String(r.not_bound_kinds).split(", ")) : "—") },
      ];
      if (!rows.length) {
        if (format === "table") console.log(noTargetsReason(registry, year, Boolean(opts.onlyYear)));
        else print(rows, table, format, "");
        return;
      }
      const provisional = rows.filter((r) => r.provisional).length;
      const from = [...new Set(rows.filter((r) => r.provisional).map((r) => r.plan))].join(", ");
      const title =
        `Chỉ tiêu năm ${year}: ${rows.length}` +
        (provisional ? `, trong đó ${provisional} chỉ tiêu tạm tính theo kế hoạch gần nhất của cơ quan chưa có kế hoạch năm ${year} (${from}); chưa phải số liệu của kế hoạch năm ${year}` : "");
      print(rows, table, format, title);
    });

  program
    .command("tasks")
    .description("list plan tasks and reporting duties from the warehouse's plan-task mart, one dated row per deadline, with the status on a day")
    .option("--plan <id>", "only this plan")
    .option("--kind <kind>", `only this kind (${TASK_KINDS.join(", ")})`)
    .option("--status <status>", `only this status (${TASK_STATES.join(", ")})`)
    .option("--today <date>", "the day statuses are computed for (default: today, Asia/Ho_Chi_Minh)")
    .option("--format <format>", "table | csv | json", "table")
    .option("--db <file>", "warehouse file (its registry: cchc registry load / cchc report)", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      if (opts.status && !(TASK_STATES as readonly string[]).includes(opts.status)) throw new UsageError(`--status must be one of ${TASK_STATES.join(", ")}`);
      if (opts.kind && !(TASK_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(`--kind must be one of ${TASK_KINDS.join(", ")}`);
      const format = parseFormat(opts.format);
      const today = todayOption(opts.today);
      const rows = await withWarehouse(opts.db, (w) => planTaskRows(w, today, { plan: opts.plan, kind: opts.kind, status: opts.status }), { readOnly: true });
      const table = [
        { key: "task_id", header: "id" },
        { key: "kind_label", header: "loại" },
        { key: "area_short", header: "lĩnh vực" },
        { key: "deadline", header: "hạn", show: (r: Row) => (r.deadline ? viDate(String(r.deadline)) : "—") },
        { key: "status_label", header: "trạng thái" },
        { key: "evidence", header: "minh chứng", show: (r: Row) => [r.evidence_links, r.evidence_documents].filter(Boolean).join("; ") || "—" },
        { key: "task", header: "nhiệm vụ", show: (r: Row) => clip(`${r.period_label ? `[${r.period_label}] ` : ""}${r.task}`, 70) },
      ];
      const overdue = rows.filter((r) => r.status === "overdue").length;
      print(rows as Row[], table, format, `Nhiệm vụ theo kế hoạch: ${rows.length} (tính đến ngày ${viDate(today)}; quá hạn: ${overdue})`);
    });
}
