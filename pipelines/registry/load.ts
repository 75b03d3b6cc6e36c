/**
 * Loading and validating the registry directory. Every problem is collected
 * as `file:line: field: what is wrong`; a registry with any problem is not
 * returned (callers write nothing).
 */
import { existsSync, readFileSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { Cron } from "croner";
import {
  AGENCY_KINDS,
  CHANNEL_GROUPS,
  CHANNELS,
  LINEAGE_RELATIONS,
  MEASURES,
  PERIODS,
  PLATFORMS,
  REFORM_AREAS,
  TASK_KINDS,
  TASK_STATUSES,
  type Agency,
  type AgencyKind,
  type Attribution,
  type Channel,
  type DemoSource,
  type KindMapping,
  type Plan,
  type PlanTask,
  type Registry,
  type ReformArea,
  type Source,
  type Successor,
  type Target,
  type Who,
} from "./types.ts";
import { Fields, listAt, registryIssue, RegistryValidationError, urlProblem, YamlFile, type RegistryIssue } from "./yaml-source.ts";
import { foldName } from "./names.ts";
import { deadlineFromText, isDocumentNumber, isLink } from "./tasks.ts";
import { allowanceProblem, AddressGuard, registryUrlAddressProblem } from "../crawl/address-guard.ts";

/** The registry shipped with the product (registry/), edited by the province's analysts. */
export const SHIPPED_REGISTRY_DIR = join(dirname(fileURLToPath(import.meta.url)), "..", "..", "registry");

/**
 * The registry every command reads unless told otherwise (`--dir`, `--registry`): the shipped one, or
 * the folder `CCHC_REGISTRY_DIR` names (another province's deployment; tests point it at a fixture).
 */
export const DEFAULT_REGISTRY_DIR = process.env.CCHC_REGISTRY_DIR ? resolve(process.env.CCHC_REGISTRY_DIR) : SHIPPED_REGISTRY_DIR;

export const REGISTRY_FILES = {
  agencies: "agencies.yaml",
  sources: "sources.yaml",
  targets: "targets.yaml",
  tasks: "plan-tasks.yaml",
  carry: "carry-forward.yaml",
  demo: join("demo", "sources.yaml"),
} as const;

/** Read a file of the registry; a missing required file is an issue at line 1. */
function open(dir: string, name: string, issues: RegistryIssue[], label: string, required: boolean): YamlFile | null {
  const path = join(dir, name);
  if (!existsSync(path)) {
    if (required) issues.push(registryIssue(label, 1, "(tệp)", "reg.file_missing"));
    return null;
  }
  return YamlFile.parse(label, readFileSync(path, "utf-8"), issues);
}

export type RegistryPart = keyof typeof REGISTRY_FILES;
const ALL_PARTS = Object.keys(REGISTRY_FILES) as RegistryPart[];
const OPTIONAL_PARTS: RegistryPart[] = ["tasks", "carry", "demo"];

/**
 * Load and validate a registry directory (or only some of its files: agencies are
 * always read, since every other file refers to them). Returns the registry and
 * every problem found.
 */
export function loadRegistryDir(dir: string = DEFAULT_REGISTRY_DIR, parts: RegistryPart[] = ALL_PARTS): { registry: Registry; issues: RegistryIssue[] } {
  const issues: RegistryIssue[] = [];
  const read = (part: RegistryPart) => {
    if (part !== "agencies" && !parts.includes(part)) return null;
    const name = REGISTRY_FILES[part];
    const rel = relative(process.cwd(), join(dir, name));
    return open(dir, name, issues, rel.startsWith("..") ? join(dir, name) : rel, !OPTIONAL_PARTS.includes(part));
  };
  const files = { agencies: read("agencies"), sources: read("sources"), targets: read("targets"), tasks: read("tasks"), carry: read("carry"), demo: read("demo") };
  return { registry: parseRegistry(files), issues };
}

/** Load a registry directory (or some of its files) or throw RegistryValidationError listing every problem. */
export function loadRegistry(dir: string = DEFAULT_REGISTRY_DIR, parts: RegistryPart[] = ALL_PARTS): Registry {
  const { registry, issues } = loadRegistryDir(dir, parts);
  if (issues.length) throw new RegistryValidationError(issues);
  return registry;
}

interface Files {
  agencies: YamlFile | null;
  sources: YamlFile | null;
  targets: YamlFile | null;
  tasks: YamlFile | null;
  carry?: YamlFile | null;
  demo: YamlFile | null;
}

/** Parse already-read files; problems go to the files' shared issue list. */
export function parseRegistry(files: Files): Registry {
  const agencies = files.agencies ? readAgencies(files.agencies) : [];
  const byId = new Map(agencies.map((a) => [a.id, a]));
  const sourceIds = new Map<string, string>();
  const sources = files.sources ? readSources(files.sources, byId, sourceIds) : [];
  const demo_sources = files.demo ? readDemoSources(files.demo, byId, sourceIds) : [];
  const plans = files.targets ? readPlans(files.targets, byId) : [];
  const targets = files.targets ? readTargets(files.targets, byId, new Set(plans.map((p) => p.id))) : [];
  const tasks = files.tasks ? readTasks(files.tasks, new Set(plans.map((p) => p.id))) : [];
  const kind_mappings = files.carry ? readKindMappings(files.carry) : [];
  return { agencies, sources, demo_sources, plans, targets, tasks, kind_mappings };
}

const ID = /^[a-z0-9]+(-[a-z0-9]+)*$/;

/** Read an id: kebab-case ASCII, not seen before (`seen` maps ids to where they were first, file:line). */
function checkId(f: Fields, seen: Map<string, string>, what: string): string {
  const id = f.reqStr("id");
  if (id && !ID.test(id)) f.error("id", "reg.id_format", { id });
  if (id && seen.has(id)) f.error("id", "reg.id_duplicate", { what, id, first: seen.get(id) });
  else if (id) seen.set(id, `${f.src.file}:${f.src.line(f.at("id"))}`);
  return id;
}

function checkPeriod(f: Fields, from: string | null, to: string | null): void {
  if (from && to && to < from) f.error("valid_to", "reg.period_reversed", { from, to });
}

const overlaps = (aFrom: string | null, aTo: string | null, bFrom: string | null, bTo: string | null) =>
  (aFrom ?? "0000") <= (bTo ?? "9999") && (bFrom ?? "0000") <= (aTo ?? "9999");

export const validOn = (x: { valid_from: string | null; valid_to: string | null }, date: string) =>
  (x.valid_from ?? "0000-00-00") <= date && date <= (x.valid_to ?? "9999-99-99");

function readAgencies(src: YamlFile): Agency[] {
  const seen = new Map<string, string>();
  const out: { agency: Agency; f: Fields }[] = [];
  for (const f of listAt(src, "agencies")) {
    const id = checkId(f, seen, "agency");
    const valid_from = f.date("valid_from");
    const valid_to = f.date("valid_to");
    checkPeriod(f, valid_from, valid_to);
    const successors: Successor[] = [];
    const rawSucc = f.obj.successors;
    if (rawSucc !== undefined && rawSucc !== null) {
      if (!Array.isArray(rawSucc)) f.error("successors", "reg.not_list");
      else
        rawSucc.forEach((item, i) => {
          const s = Fields.of(src, [...f.at("successors"), i], item);
          if (!s) return;
          const succ: Successor = {
            id: s.reqStr("id"),
            date: s.date("date", true) ?? "",
            relation: s.oneOf("relation", LINEAGE_RELATIONS, { required: true, fallback: "merged_into" })!,
          };
          const note = s.str("note");
          if (note) succ.note = note;
          s.rejectUnknown();
          successors.push(succ);
        });
    }
    const agency: Agency = {
      id,
      name: f.reqStr("name"),
      short_names: f.strList("short_names"),
      aliases: f.strList("aliases"),
      unambiguous: f.strList("unambiguous"),
      kind: f.oneOf("kind", AGENCY_KINDS, { required: true, fallback: "so_ban_nganh" }) as AgencyKind,
      parent: f.str("parent"),
      valid_from,
      valid_to,
      successors,
    };
    const end_note = f.str("end_note");
    const note = f.str("note");
    const source = f.str("source");
    if (end_note) agency.end_note = end_note;
    if (note) agency.note = note;
    if (source) agency.source = source;
    f.mark("successors");
    f.rejectUnknown();
    checkCommaSplits(src, f, agency);
    out.push({ agency, f });
  }
  const byId = new Map(out.map((o) => [o.agency.id, o.agency]));
  // Cross-checks: parents, successors (no overlap with the predecessor), aliases unambiguous while valid.
  const aliasOwners = new Map<string, { agency: Agency; f: Fields }[]>();
  for (const { agency: a, f } of out) {
    const parent = a.parent ? byId.get(a.parent) : undefined;
    if (a.parent && !parent) f.error("parent", "reg.unknown_agency", { id: a.parent });
    if (parent && ((parent.valid_from ?? "0000") > (a.valid_from ?? "0000") || (parent.valid_to ?? "9999") < (a.valid_to ?? "9999")))
      f.error("parent", "reg.parent_outlived", { id: a.id, from: a.valid_from, to: a.valid_to, parent: parent.id, parent_from: parent.valid_from, parent_to: parent.valid_to });
    a.successors.forEach((s, i) => {
      const path = [...f.at("successors"), i];
      const succ = byId.get(s.id);
      if (!s.id) return;
      if (!succ) return src.error([...path, "id"], "reg.unknown_agency", { id: s.id });
      if (s.id === a.id) return src.error([...path, "id"], "reg.successor_self");
      if (!s.date) return;
      if (a.valid_to && a.valid_to >= s.date && s.relation !== "part_to")
        src.error([...path, "date"], "reg.successor_overlap", { id: a.id, valid_to: a.valid_to, successor: s.id, date: s.date });
      if (!validOn(succ, s.date)) src.error([...path, "date"], "reg.successor_not_valid", { successor: s.id, date: s.date, from: succ.valid_from, to: succ.valid_to });
    });
    if (a.successors.some((x) => x.relation !== "part_to") && !a.valid_to) f.error("valid_to", "reg.successors_need_valid_to");
    for (const name of new Set([a.name, ...a.short_names, ...a.aliases, ...a.unambiguous].map(foldName))) {
      if (!name) continue;
      const owners = aliasOwners.get(name) ?? [];
      for (const other of owners) {
        if (other.agency.id !== a.id && overlaps(a.valid_from, a.valid_to, other.agency.valid_from, other.agency.valid_to))
          f.error("aliases", "reg.name_overlap", { name, other: other.agency.id, line: other.f.src.line(other.f.path) });
      }
      owners.push({ agency: a, f });
      aliasOwners.set(name, owners);
    }
  }
  return out.map((o) => o.agency);
}

/**
 * A name split by a YAML flow-list comma: `short_names: [Sở Văn hóa, Thể thao và Du lịch]` gives two
 * names, "Sở Văn hóa" and "Thể thao và Du lịch". Two neighbours whose "a, b" is part of another name of
 * the agency were one name: report them, pointing at the list item, with the fix (quote it).
 */
function checkCommaSplits(src: YamlFile, f: Fields, a: Agency): void {
  const others = [a.name, ...a.short_names, ...a.aliases, ...a.unambiguous].map((n) => ` ${foldName(n)} `);
  for (const field of ["short_names", "aliases", "unambiguous"] as const) {
    const list = a[field];
    for (let i = 0; i + 1 < list.length; i++) {
      const joined = `${list[i]}, ${list[i + 1]}`;
      const key = ` ${foldName(joined)} `;
      if (others.some((n) => n.includes(key)))
        src.error([...f.at(field), i + 1], "reg.comma_split", { a: list[i], b: list[i + 1], joined });
    }
  }
}

const cronChecks = new Map<string, string | null>();

/** Why croner rejects a cron expression, or null when it accepts it (memoised: sources share a few schedules). */
function checkCron(expression: string): string | null {
  if (!cronChecks.has(expression)) {
    try {
      new Cron(expression, { paused: true }).stop();
      cronChecks.set(expression, null);
    } catch (error) {
      cronChecks.set(expression, (error as Error).message);
    }
  }
  return cronChecks.get(expression)!;
}

function readSourceCommon(f: Fields, agencies: Map<string, Agency>, ids: Map<string, string>, demo: boolean) {
  const id = checkId(f, ids, "source");
  const agency_id = f.str("agency_id");
  const valid_from = f.date("valid_from");
  const valid_to = f.date("valid_to");
  checkPeriod(f, valid_from, valid_to);
  if (agency_id) {
    const a = agencies.get(agency_id);
    if (!a) f.error("agency_id", "reg.unknown_agency", { id: agency_id });
    else if (!overlaps(a.valid_from, a.valid_to, valid_from, valid_to))
      f.error("valid_from", "reg.source_never_valid", { agency: agency_id });
  }
  const attribution = f.oneOf<Attribution>("attribution", ["fixed", "byline"], { fallback: agency_id ? "fixed" : "byline" })!;
  if (attribution === "fixed" && !agency_id) f.error("agency_id", "reg.fixed_needs_agency");
  if (attribution === "byline" && agency_id) f.error("attribution", "reg.byline_with_agency");
  const channel = f.oneOf("channel", CHANNELS, { required: true, fallback: "own_portal" }) as Channel;
  const crawlable = f.bool("crawlable", demo);
  const platform = f.oneOf("platform", PLATFORMS);
  if (crawlable && !platform) f.error("platform", "reg.crawlable_needs_platform");
  const date_order = f.oneOf<"dmy" | "mdy">("date_order", ["dmy", "mdy"], { fallback: "dmy" })!;
  const defaultDelay = demo ? 0 : 2000;
  const politeness = f.has("politeness") ? Fields.of(f.src, f.at("politeness"), f.obj.politeness) : null;
  const delay_ms = politeness?.int("delay_ms", { min: 0, fallback: defaultDelay }) ?? defaultDelay;
  const concurrency = politeness?.int("concurrency", { min: 1, fallback: 1 }) ?? 1;
  // A government server with a broken TLS chain or legacy renegotiation, allowed knowingly (warned on every run).
  const insecure_tls = politeness?.bool("insecure_tls", false) ?? false;
  // An intranet deployment names the private networks it crawls (warned on every run and by `registry check`).
  const allow_addresses = politeness?.strList("allow_addresses") ?? [];
  allow_addresses.forEach((entry, i) => {
    const problem = allowanceProblem(entry);
    if (problem) f.src.problem([...politeness!.at("allow_addresses"), i], problem);
  });
  politeness?.rejectUnknown();
  f.mark("politeness");
  // per-run budget overrides (pipelines/crawl/budgets.ts holds the defaults)
  const budgetFields = f.has("budget") ? Fields.of(f.src, f.at("budget"), f.obj.budget) : null;
  const budget: Source["budget"] = {};
  if (budgetFields) {
    const pages = budgetFields.int("pages", { min: 1 });
    const newArticles = budgetFields.int("new_articles", { min: 1 });
    const mib = budgetFields.int("mib", { min: 1 });
    const minutes = budgetFields.int("minutes", { min: 1 });
    if (pages !== null) budget.pages = pages;
    if (newArticles !== null) budget.new_articles = newArticles;
    if (mib !== null) budget.bytes = mib * 1024 * 1024;
    if (minutes !== null) budget.time_ms = minutes * 60_000;
    budgetFields.rejectUnknown();
  }
  f.mark("budget");
  const schedule = f.str("schedule");
  const cronProblem = schedule ? checkCron(schedule) : null;
  if (cronProblem) f.error("schedule", "reg.bad_cron", { expression: schedule, detail: cronProblem });
  const note = f.str("note");
  const source = f.str("source");
  return {
    id,
    name: f.reqStr("name"),
    agency_id,
    attribution,
    channel,
    crawlable,
    platform,
    date_order,
    delay_ms,
    concurrency,
    insecure_tls,
    allow_addresses: allow_addresses.filter((e) => !allowanceProblem(e)),
    budget,
    schedule,
    valid_from,
    valid_to,
    is_demo: demo || f.bool("is_demo", false),
    ...(note ? { note } : {}),
    ...(source ? { source } : {}),
  };
}

function readSources(src: YamlFile, agencies: Map<string, Agency>, ids: Map<string, string>): Source[] {
  const byBase = new Map<string, { source: Source; line: number }[]>();
  return listAt(src, "sources").map((f) => {
    const common = readSourceCommon(f, agencies, ids, false);
    const base = f.str("base_url");
    const base_url = base ? f.url("base_url", base) : null;
    const start_urls = f.strList("start_urls").flatMap((u, i) => {
      const path = [...f.at("start_urls"), i];
      if (!/^[a-z][a-z0-9+.-]*:/i.test(u)) {
        if (base_url) return [new URL(u, base_url).href];
        if (!base) src.error(path, "reg.relative_without_base", { url: u });
        return []; // relative to an invalid base_url: that error is reported once, on base_url
      }
      return f.url("start_urls", u, path) ? [u] : [];
    });
    // an IP literal (any notation) or a loopback name the address guard would refuse, unless the source allows it
    const guard = new AddressGuard({ loopback: false, allow: common.allow_addresses });
    const baseProblem = base_url ? registryUrlAddressProblem(base_url, guard) : null;
    if (baseProblem) f.src.problem(f.at("base_url"), baseProblem);
    start_urls.forEach((u, i) => {
      const problem = registryUrlAddressProblem(u, guard);
      if (problem && !(baseProblem && new URL(u).host === new URL(base_url!).host)) src.problem([...f.at("start_urls"), i], problem);
    });
    // further hosts of the same source (listing links, next pages and redirects may go there; nothing else is ever requested)
    const hosts = f.strList("hosts").flatMap((h, i) => {
      const path = [...f.at("hosts"), i];
      const url = /^[a-z][a-z0-9+.-]*:\/\//i.test(h) ? h : `https://${h}`;
      const problem = urlProblem(url) ?? registryUrlAddressProblem(url, guard);
      if (problem) {
        src.problem(path, problem);
        return [];
      }
      return [h];
    });
    if (common.crawlable && !base_url) f.error("base_url", "reg.crawlable_needs_base_url");
    if (common.crawlable && start_urls.length === 0 && !f.obj.start_urls) f.error("start_urls", "reg.crawlable_needs_start_urls");
    f.rejectUnknown();
    const source = { ...common, base_url, start_urls, hosts } as Source;
    if (base_url && source.crawlable) {
      const key = new URL(base_url).origin;
      for (const other of byBase.get(key) ?? []) {
        if (overlaps(source.valid_from, source.valid_to, other.source.valid_from, other.source.valid_to))
          f.error("base_url", "reg.base_url_overlap", { origin: key, other: other.source.id, line: other.line });
      }
      byBase.set(key, [...(byBase.get(key) ?? []), { source, line: src.line(f.at("id")) }]);
    }
    return source;
  });
}

function readDemoSources(src: YamlFile, agencies: Map<string, Agency>, ids: Map<string, string>): DemoSource[] {
  return listAt(src, "sources").map((f) => {
    const common = readSourceCommon(f, agencies, ids, true);
    const portal = f.reqStr("portal");
    const paths = f.has("start_paths") ? f.strList("start_paths") : null;
    paths?.forEach((p, i) => {
      if (!p.startsWith("/")) src.error([...f.at("start_paths"), i], "reg.path_not_absolute", { path: p });
    });
    f.mark("start_paths");
    if (!common.platform) f.error("platform", "reg.required");
    f.rejectUnknown();
    return { ...common, portal, start_paths: paths } as DemoSource;
  });
}

function readPlans(src: YamlFile, agencies: Map<string, Agency>): Plan[] {
  const seen = new Map<string, string>();
  return listAt(src, "plans").map((f) => {
    const id = f.reqStr("id");
    if (id && seen.has(id)) f.error("id", "reg.id_duplicate", { what: "plan", id, first: seen.get(id) });
    else if (id) seen.set(id, `${src.file}:${src.line(f.at("id"))}`);
    const issuer = f.reqStr("issuer");
    if (issuer && !agencies.has(issuer)) f.error("issuer", "reg.unknown_agency", { id: issuer });
    const plan: Plan = { id, title: f.reqStr("title"), issuer, issued: f.date("issued"), year: f.int("year", { required: true, min: 2000 }) ?? 0 };
    const file = f.str("source_file");
    if (file) plan.source_file = file;
    f.rejectUnknown();
    return plan;
  });
}

/** Channels of a target with groups (mass_media, social) expanded. */
export function expandChannels(channels: string[]): Channel[] {
  return [...new Set(channels.flatMap((c) => (CHANNEL_GROUPS[c] ? [...CHANNEL_GROUPS[c]] : [c as Channel])))];
}

function readWho(f: Fields, agencies: Map<string, Agency>): Who {
  const raw = f.obj.who;
  f.mark("who");
  if (typeof raw === "string" || Array.isArray(raw)) {
    const ids = f.strList("who", true);
    ids.forEach((id, i) => {
      if (!agencies.has(id)) f.src.error(Array.isArray(raw) ? [...f.at("who"), i] : f.at("who"), "reg.unknown_agency", { id });
    });
    return { agencies: ids };
  }
  const w = Fields.of(f.src, f.at("who"), raw ?? null);
  if (!w) return { agencies: [] };
  const kinds = w.strList("kinds", true);
  kinds.forEach((k, i) => {
    if (!(AGENCY_KINDS as readonly string[]).includes(k)) f.src.error([...w.at("kinds"), i], "reg.unknown_kind", { kind: k, allowed: AGENCY_KINDS.join(", ") });
  });
  const parent = w.str("parent");
  if (parent && !agencies.has(parent)) w.error("parent", "reg.unknown_agency", { id: parent });
  w.rejectUnknown();
  return { kinds: kinds as AgencyKind[], parent };
}

/** A target must bind someone: listed agencies valid during its year, or a selector that selects at least one. */
function checkWhoInYear(f: Fields, who: Who, agencies: Map<string, Agency>, year: number): void {
  const [from, to] = [`${year}-01-01`, `${year}-12-31`];
  if ("agencies" in who) {
    who.agencies.forEach((id) => {
      const a = agencies.get(id);
      if (a && !overlaps(a.valid_from, a.valid_to, from, to)) f.error("who", "reg.agency_not_in_year", { id, year, from: a.valid_from, to: a.valid_to });
    });
    return;
  }
  const any = [...agencies.values()].some(
    (a) => who.kinds.includes(a.kind) && (who.parent === null || a.parent === who.parent) && overlaps(a.valid_from, a.valid_to, from, to),
  );
  if (who.kinds.length && !any) f.error("who", "reg.who_selects_none", { year });
}

function readTargets(src: YamlFile, agencies: Map<string, Agency>, plans: Set<string>): Target[] {
  const seen = new Map<string, string>();
  return listAt(src, "targets").map((f) => {
    const id = checkId(f, seen, "target");
    const plan = f.reqStr("plan");
    if (plan && !plans.has(plan)) f.error("plan", "reg.unknown_plan", { plan });
    const who = readWho(f, agencies);
    const channels = f.strList("channels", true);
    channels.forEach((c, i) => {
      if (!(CHANNELS as readonly string[]).includes(c) && !CHANNEL_GROUPS[c])
        src.error([...f.at("channels"), i], "reg.unknown_channel", { channel: c, channels: CHANNELS.join(", "), groups: Object.keys(CHANNEL_GROUPS).join(", ") });
    });
    let topic: Target["topic"] = null;
    if (f.has("topic")) {
      const t = Fields.of(src, f.at("topic"), f.obj.topic);
      if (t) {
        const areas = t.strList("areas");
        areas.forEach((a, i) => {
          if (!(REFORM_AREAS as readonly string[]).includes(a)) src.error([...t.at("areas"), i], "reg.unknown_area", { area: a, allowed: REFORM_AREAS.join(", ") });
        });
        topic = { areas: areas as ReformArea[], keywords: t.strList("keywords") };
        if (!areas.length && !topic.keywords.length) t.error("areas", "reg.topic_empty");
        t.rejectUnknown();
      }
    }
    f.mark("topic");
    const min_count = f.int("min_count", { min: 1 });
    const deadline = f.date("deadline");
    if (min_count === null && !deadline && !f.has("min_count")) f.error("min_count", "reg.target_needs_measure");
    const target: Target = {
      id,
      plan,
      clause: f.reqStr("clause"),
      who,
      channels,
      topic,
      measure: f.oneOf("measure", MEASURES, { fallback: "items" })!,
      min_count,
      period: f.oneOf("period", PERIODS, { required: true, fallback: "year" })!,
      year: f.int("year", { required: true, min: 2000 }) ?? 0,
      deadline,
      description: f.str("description") ?? "",
    };
    if (deadline && target.year && Number(deadline.slice(0, 4)) < target.year) f.error("deadline", "reg.deadline_before_year", { deadline, year: target.year });
    if (target.year) checkWhoInYear(f, who, agencies, target.year);
    f.rejectUnknown();
    return target;
  });
}

/** Evidence entries: each a link (http/https) or a document number; located errors for anything else. */
function readEvidence(f: Fields, key = "evidence"): string[] {
  return f.strList(key).filter((v, i) => {
    const path = [...f.at(key), i];
    if (isLink(v) || /^[a-z][a-z0-9+.-]*:/i.test(v)) return f.url(key, v, path) !== null;
    if (isDocumentNumber(v)) return true;
    f.src.error(path, "reg.bad_evidence", { value: v });
    return false;
  });
}

/** A deadline written as a day must match the wording it comes from ("trước ngày D" is the day before D). */
function checkDeadline(f: Fields, text: string | null, deadline: string | null, key = "deadline"): void {
  if (!text || !deadline) return;
  const meant = deadlineFromText(text, Number(deadline.slice(0, 4)));
  if (meant && meant !== deadline)
    f.error(key, "reg.deadline_mismatch", { deadline, text, meant, before_day: /tr[ưu][ớo]c ng[àa]y/i.test(text) ? 1 : 0 });
}

function readTasks(src: YamlFile, plans: Set<string>): PlanTask[] {
  const seen = new Map<string, string>();
  return listAt(src, "tasks").map((f) => {
    const id = checkId(f, seen, "task");
    const plan = f.reqStr("plan");
    if (plan && !plans.has(plan)) f.error("plan", "reg.unknown_plan", { plan, where: REGISTRY_FILES.targets });
    const evidence = readEvidence(f);
    const deadline_text = f.str("deadline_text") ?? "";
    let deadline = f.date("deadline");
    if (deadline) checkDeadline(f, deadline_text, deadline);
    else if (deadline_text && !f.has("deadline")) deadline = deadlineFromText(deadline_text);
    const task: PlanTask = {
      id,
      plan,
      kind: f.oneOf("kind", TASK_KINDS, { fallback: "task" })!,
      area: f.oneOf("area", REFORM_AREAS, { required: true, fallback: "chi_dao_dieu_hanh" })!,
      group: f.str("group") ?? "",
      task: f.reqStr("task"),
      product: f.str("product"),
      lead: f.reqStr("lead"),
      coordinating: f.str("coordinating"),
      deadline_text,
      deadline,
      status: f.oneOf("status", TASK_STATUSES, { fallback: "todo" })!,
      evidence,
    };
    if (f.has("deadlines")) {
      const raw = f.obj.deadlines;
      if (!Array.isArray(raw) || raw.length === 0) f.error("deadlines", "reg.deadlines_not_list");
      else {
        task.deadlines = raw.flatMap((item, i) => {
          const d = Fields.of(src, [...f.at("deadlines"), i], item);
          if (!d) return [];
          const text = d.str("deadline_text");
          const day = d.date("deadline", true) ?? "";
          checkDeadline(d, text ?? deadline_text, day);
          const row = { period: d.reqStr("period"), deadline_text: text, deadline: day, status: d.oneOf("status", TASK_STATUSES, { fallback: "todo" })!, evidence: readEvidence(d) };
          d.rejectUnknown();
          return [row];
        });
        if (deadline) f.error("deadline", "reg.deadline_with_deadlines");
        if (evidence.length) f.error("evidence", "reg.evidence_with_deadlines");
      }
      f.mark("deadlines");
    }
    const note = f.str("note");
    if (note) task.note = note;
    f.rejectUnknown();
    return task;
  });
}

function readKindMappings(src: YamlFile): KindMapping[] {
  return listAt(src, "kind_mappings").map((f) => {
    const from = f.oneOf("from", AGENCY_KINDS, { required: true, fallback: "ubnd_huyen" }) as AgencyKind;
    const to = f.strList("to", true);
    to.forEach((k, i) => {
      if (!(AGENCY_KINDS as readonly string[]).includes(k)) src.error([...f.at("to"), i], "reg.unknown_kind", { kind: k, allowed: AGENCY_KINDS.join(", ") });
    });
    const confirmed = f.bool("confirmed", false);
    const mapping: KindMapping = {
      from,
      to: to as AgencyKind[],
      from_date: f.date("from_date", true) ?? "",
      confirmed,
      confirmed_by: f.str("confirmed_by"),
      confirmed_on: f.date("confirmed_on"),
    };
    if (confirmed && (!mapping.confirmed_by || !mapping.confirmed_on)) f.error("confirmed", "reg.confirmed_needs_who");
    const note = f.str("note");
    if (note) mapping.note = note;
    f.rejectUnknown();
    return mapping;
  });
}
