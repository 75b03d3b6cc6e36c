/** `cchc registry check|load`, `cchc agencies`, `cchc targets`: the registry from the command line. */
import type { Command } from "commander";
import { toCsv } from "../../export/csv.ts";
import { label, labels } from "../../vocabulary/index.ts";
import { agenciesAt, whoLabel } from "../../registry/agencies.ts";
import { DEFAULT_REGISTRY_DIR, expandChannels, loadRegistryDir } from "../../registry/load.ts";
import { AGENCY_KINDS, TASK_STATUSES, type AgencyKind, type Registry } from "../../registry/types.ts";
import { loadRegistryIntoWarehouse } from "../../registry/warehouse.ts";
import { formatIssue, parseRegistryDate } from "../../registry/yaml-source.ts";
import { targetWindowsOfYear } from "../../coverage/targets.ts";
import { DEFAULT_WAREHOUSE, withWarehouse } from "../../warehouse/db.ts";
import { UsageError } from "../index.ts";

export type Format = "table" | "csv" | "json";
type Row = Record<string, string | number | boolean | null>;

/** Load the registry; on any problem print every located message and fail (nothing is written). */
function loadOrFail(dir: string): Registry {
  const { registry, issues } = loadRegistryDir(dir);
  if (issues.length) {
    for (const issue of issues) console.error(formatIssue(issue));
    throw new Error(`registry in ${dir} has ${issues.length} problem${issues.length === 1 ? "" : "s"}; nothing was written`);
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

const viDate = (iso: string) => iso.split("-").reverse().join("/");

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
 * Plans whose targets a year's listing shows: the plans of that year and, for an
 * issuer without a plan that year, its latest earlier plan (shown with its own year).
 */
export function plansForYear(registry: Registry, year: number, carryForward: boolean): { id: string; carried: boolean }[] {
  const own = registry.plans.filter((p) => p.year === year);
  if (!carryForward) return own.map((p) => ({ id: p.id, carried: false }));
  const issuers = new Set(own.map((p) => p.issuer));
  const latest = new Map<string, (typeof registry.plans)[number]>();
  for (const p of registry.plans) {
    if (p.year >= year || issuers.has(p.issuer) || !registry.targets.some((t) => t.plan === p.id)) continue;
    const prev = latest.get(p.issuer);
    if (!prev || prev.year < p.year) latest.set(p.issuer, p);
  }
  return [...own.map((p) => ({ id: p.id, carried: false })), ...[...latest.values()].map((p) => ({ id: p.id, carried: true }))];
}

export function targetRows(registry: Registry, year: number, carryForward = true): Row[] {
  const shown = plansForYear(registry, year, carryForward);
  const carried = new Set(shown.filter((p) => p.carried).map((p) => p.id));
  const years = new Set(registry.targets.filter((t) => shown.some((p) => p.id === t.plan)).map((t) => t.year));
  const bound = new Map<string, Set<string>>();
  for (const y of years) {
    for (const tw of targetWindowsOfYear(registry, y)) {
      const set = bound.get(tw.target.id) ?? new Set<string>();
      set.add(tw.agency_id);
      bound.set(tw.target.id, set);
    }
  }
  const plans = new Map(registry.plans.map((p) => [p.id, p]));
  return registry.targets
    .filter((t) => shown.some((p) => p.id === t.plan) && (carried.has(t.plan) || t.year === year))
    .map((t) => ({
      plan: t.plan,
      clause: t.clause,
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
      latest_earlier_plan: carried.has(t.plan),
      target_id: t.id,
    }));
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
          `${r.plans.length} plans, ${r.targets.length} targets, ${r.tasks.length} plan tasks`,
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
        const s = await loadRegistryIntoWarehouse(w, r);
        console.log(
          `registry loaded into ${opts.db}: ${s.agencies} agencies (${s.aliases} names, ${s.lineage} lineage links), ` +
            `${s.sources} sources, ${s.plans} plans, ${s.targets} targets, ${s.plan_tasks} plan tasks`,
        );
      }, { create: Boolean(opts.create) });
    });

  program
    .command("agencies")
    .description("list the agencies that exist on a date")
    .requiredOption("--at <date>", "date, YYYY-MM-DD or DD/MM/YYYY")
    .option("--kind <kinds>", `comma-separated kinds (${AGENCY_KINDS.join(", ")})`)
    .option("--format <format>", "table | csv | json", "table")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const date = parseRegistryDate(opts.at);
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
    .description("list the plan targets in force in a year, each number with its plan clause")
    .requiredOption("--year <year>", "year, e.g. 2024")
    .option("--only-year", "only plans of that year (default: also the latest earlier plan of an issuer with none that year)")
    .option("--format <format>", "table | csv | json", "table")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const year = Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(`--year: "${opts.year}" is not a year`);
      const format = parseFormat(opts.format);
      const rows = targetRows(loadOrFail(opts.dir), year, !opts.onlyYear);
      const table = [
        { key: "plan", header: "kế hoạch" },
        { key: "clause", header: "mục" },
        { key: "min_count", header: "tối thiểu" },
        { key: "measure", header: "đơn vị", show: (r: Row) => label("measure", r.measure as string, "short") },
        { key: "period", header: "mỗi", show: (r: Row) => label("period_kind", r.period as string) },
        { key: "year", header: "năm" },
        { key: "who", header: "đối tượng" },
        { key: "agencies", header: "số cơ quan" },
        { key: "channels", header: "kênh", show: (r: Row) => labels("channel", String(r.channels).split(", "), ["channel_group"]) },
        { key: "topic", header: "chủ đề" },
        { key: "deadline", header: "hạn" },
      ];
      const own = rows.filter((r) => r.year === year).length;
      const carried = rows.length - own;
      const title =
        `Chỉ tiêu năm ${year}: ${own}` +
        (carried ? `; kèm ${carried} chỉ tiêu của kế hoạch gần nhất của cơ quan chưa có kế hoạch năm ${year} (cột "năm")` : "");
      print(rows, table, format, title);
    });

  program
    .command("tasks")
    .description("list plan tasks (registry/plan-tasks.yaml) with status, deadline and evidence")
    .option("--plan <id>", "only this plan")
    .option("--status <status>", `only this status (${TASK_STATUSES.join(", ")})`)
    .option("--format <format>", "table | csv | json", "table")
    .option("--dir <dir>", "registry directory", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      if (opts.status && !(TASK_STATUSES as readonly string[]).includes(opts.status)) throw new UsageError(`--status must be one of ${TASK_STATUSES.join(", ")}`);
      const rows = loadOrFail(opts.dir)
        .tasks.filter((t) => (!opts.plan || t.plan === opts.plan) && (!opts.status || t.status === opts.status))
        .map((t) => ({
          id: t.id,
          plan: t.plan,
          area: t.area,
          task: t.task,
          product: t.product,
          lead: t.lead,
          coordinating: t.coordinating,
          deadline_text: t.deadline_text || null,
          deadline: t.deadline,
          status: t.status,
          evidence: t.evidence.join(" "),
        }));
      const table = [
        { key: "id", header: "id" },
        { key: "area", header: "lĩnh vực", show: (r: Row) => label("reform_area", r.area as string, "short") },
        { key: "deadline", header: "hạn" },
        { key: "status", header: "trạng thái", show: (r: Row) => label("task_status", r.status as string) },
        { key: "task", header: "nhiệm vụ", show: (r: Row) => clip(String(r.task), 70) },
      ];
      print(rows, table, parseFormat(opts.format), `Nhiệm vụ theo kế hoạch: ${rows.length}`);
    });
}
