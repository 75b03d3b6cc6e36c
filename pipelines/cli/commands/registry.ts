/** `cchc registry check|load`, `cchc agencies`, `cchc targets`: the registry from the command line. */
import type { Command } from "commander";
import { toCsv } from "../../export/csv.ts";
import { formatDate } from "../../../src/components/format.js";
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
import { help, registry as say, usage } from "../messages.ts";

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
  if (value !== "table" && value !== "csv" && value !== "json") throw new UsageError(usage.format("--format", value, ["table", "csv", "json"]));
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
  if (!day) throw new UsageError(usage.notRealDate("--today", value));
  return day;
}

export function registerRegistryCommands(program: Command): void {
  const registry = program.command("registry").description("kiểm tra hoặc nạp danh mục (registry/*.yaml)");

  registry
    .command("check")
    .description("kiểm tra các tệp danh mục; in mọi lỗi dạng tệp:dòng: trường: nội dung")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const r = loadOrFail(opts.dir);
      for (const s of r.sources) {
        if (s.allow_addresses.length) console.warn(say.privateAddresses(s.id, s.allow_addresses));
      }
      console.log(
        say.checked({
          agencies: r.agencies.length,
          sources: r.sources.length,
          demo_sources: r.demo_sources.length,
          plans: r.plans.length,
          targets: r.targets.length,
          tasks: r.tasks.length,
          kind_mappings: r.kind_mappings.length,
          confirmed_mappings: r.kind_mappings.filter((m) => m.confirmed).length,
        }),
      );
    });

  registry
    .command("load")
    .description("kiểm tra danh mục rồi thay các bảng danh mục của kho dữ liệu trong một giao dịch")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--create", "tạo kho dữ liệu nếu tệp chưa có (mặc định: báo lỗi khi thiếu tệp)")
    .action(async (opts) => {
      const r = loadOrFail(opts.dir);
      await withWarehouse(opts.db, async (w) => {
        // Like the report step: the targets table holds the targets in force through the current year, provisional ones marked.
        const s = await loadRegistryIntoWarehouse(w, withTargetsInForce(r, Number(todayOption(undefined).slice(0, 4))));
        console.log(say.loaded(opts.db, s));
      }, { create: Boolean(opts.create) });
    });

  program
    .command("agencies")
    .description("liệt kê các cơ quan, đơn vị có hiệu lực vào một ngày")
    .option("--at <ngày>", "ngày, YYYY-MM-DD hoặc DD/MM/YYYY (mặc định: hôm nay, giờ Việt Nam)")
    .option("--kind <loại>", `các loại cơ quan, cách nhau bằng dấu phẩy: ${help.codes("agency_kind", AGENCY_KINDS)}`)
    .option("--format <định-dạng>", "table (bảng) | csv | json", "table")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const date = opts.at ? parseRegistryDate(opts.at) : todayOption(undefined);
      if (!date) throw new UsageError(usage.notRealDate("--at", opts.at));
      const kinds = opts.kind ? (opts.kind as string).split(",").map((k) => k.trim()) : undefined;
      const bad = kinds?.find((k) => !(AGENCY_KINDS as readonly string[]).includes(k));
      if (bad) throw new UsageError(usage.oneOf("--kind", bad, AGENCY_KINDS));
      const rows = agencyRows(loadOrFail(opts.dir), date, kinds as AgencyKind[] | undefined);
      const table = [
        { key: "id", header: "id" },
        { key: "name", header: "tên" },
        { key: "kind", header: "loại", show: (r: Row) => label("agency_kind", r.kind as string) },
        { key: "parent", header: "trực thuộc" },
        { key: "valid_from", header: "từ ngày", show: (r: Row) => (r.valid_from ? viDate(String(r.valid_from)) : null) },
        { key: "valid_to", header: "đến ngày", show: (r: Row) => (r.valid_to ? viDate(String(r.valid_to)) : null) },
      ];
      print(rows, table, parseFormat(opts.format), say.agenciesTitle(date, rows.length));
    });

  program
    .command("targets")
    .description("liệt kê các chỉ tiêu kế hoạch áp dụng trong một năm, mỗi số kèm điều khoản của kế hoạch (đánh dấu chỉ tiêu tạm tính)")
    .option("--year <năm>", "năm, ví dụ 2026 (mặc định: năm hiện tại, giờ Việt Nam)")
    .option("--only-year", "chỉ chỉ tiêu của các kế hoạch đã nhập cho năm đó (bỏ chỉ tiêu tạm tính)")
    .option("--format <định-dạng>", "table (bảng) | csv | json", "table")
    .option("--dir <thư-mục>", "thư mục danh mục", DEFAULT_REGISTRY_DIR)
    .action((opts) => {
      const year = opts.year === undefined ? Number(todayOption(undefined).slice(0, 4)) : Number(opts.year);
      if (!Number.isInteger(year) || year < 2000 || year > 2100) throw new UsageError(usage.notYear("--year", opts.year));
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
        { key: "deadline", header: "hạn", show: (r: Row) => (r.deadline ? viDate(String(r.deadline)) : null) },
        { key: "not_bound_kinds", header: "chưa áp dụng cho", show: (r: Row) => (r.not_bound_kinds ? labels("agency_kind", String(r.not_bound_kinds).split(", ")) : "—") },
      ];
      if (!rows.length) {
        if (format === "table") console.log(noTargetsReason(registry, year, Boolean(opts.onlyYear)));
        else print(rows, table, format, "");
        return;
      }
      const provisional = rows.filter((r) => r.provisional).length;
      const from = [...new Set(rows.filter((r) => r.provisional).map((r) => r.plan))].join(", ");
      print(rows, table, format, say.targetsTitle(year, rows.length, provisional, from));
    });

  program
    .command("tasks")
    .description("liệt kê nhiệm vụ và chế độ báo cáo theo kế hoạch (từ kho dữ liệu), mỗi hạn một dòng, kèm trạng thái vào một ngày")
    .option("--plan <mã>", "chỉ kế hoạch này")
    .option("--kind <loại>", `chỉ loại nhiệm vụ này: ${help.codes("task_kind", TASK_KINDS)}`)
    .option("--status <trạng-thái>", `chỉ trạng thái này: ${help.codes("task_state", TASK_STATES)}`)
    .option("--today <ngày>", "ngày dùng để tính trạng thái (mặc định: hôm nay, giờ Việt Nam)")
    .option("--format <định-dạng>", "table (bảng) | csv | json", "table")
    .option("--db <tệp>", "tệp kho dữ liệu (danh mục của nó: cchc registry load / cchc report)", DEFAULT_WAREHOUSE)
    .action(async (opts) => {
      if (opts.status && !(TASK_STATES as readonly string[]).includes(opts.status)) throw new UsageError(usage.oneOf("--status", opts.status, TASK_STATES));
      if (opts.kind && !(TASK_KINDS as readonly string[]).includes(opts.kind)) throw new UsageError(usage.oneOf("--kind", opts.kind, TASK_KINDS));
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
      print(rows as Row[], table, format, say.tasksTitle(rows.length, today, overdue));
    });
}
