/**
 * The registry's value types: agencies (with lineage), sources and channels,
 * plans, targets and plan tasks. Dates are calendar dates "YYYY-MM-DD" in
 * Asia/Ho_Chi_Minh; `valid_to` is the last day an agency or source existed (inclusive).
 */

// Codes and their Vietnamese labels live in one place: pipelines/vocabulary/index.ts.
import { AGENCY_KINDS, CHANNELS, LINEAGE_RELATIONS, MEASURES, PERIOD_KINDS, REFORM_AREAS, TASK_STATUSES } from "../vocabulary/index.ts";
import type { AgencyKind, Channel, LineageRelation, Measure, ReformArea, TaskStatus } from "../vocabulary/index.ts";
export { AGENCY_KINDS, CHANNELS, LINEAGE_RELATIONS, MEASURES, REFORM_AREAS, TASK_STATUSES };
export type { AgencyKind, Channel, LineageRelation, Measure, ReformArea, TaskStatus };


export interface Successor {
  id: string;
  /** First day the successor holds the function. */
  date: string;
  relation: LineageRelation;
  note?: string;
}

export interface Agency {
  id: string;
  name: string;
  short_names: string[];
  aliases: string[];
  /** Names that begin with a place word ("Thành phố …") but name the agency itself, not the place (attribution credits them). */
  unambiguous: string[];
  kind: AgencyKind;
  parent: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successors: Successor[];
  /** Why the agency ended without successor, e.g. "district level abolished". */
  end_note?: string;
  note?: string;
  /** Where the facts of this entry were read (document number, page address), or "to confirm". */
  source?: string;
}


/** Channels whose evidence must say what the activity was (in the evidence notes). */
export const DESCRIBED_CHANNELS: readonly Channel[] = ["other"];

/** Channel groups a target may name instead of listing channels. */
export const CHANNEL_GROUPS: Record<string, readonly Channel[]> = {
  mass_media: ["newspaper", "broadcaster", "youtube", "facebook", "zalo", "provincial_portal", "own_portal", "city_portal"],
  social: ["youtube", "facebook", "zalo"],
};

export const PLATFORMS = ["nukeviet", "sharepoint", "baotayninh", "rss", "generic"] as const;
export type Platform = (typeof PLATFORMS)[number];

export type Attribution = "fixed" | "byline";

export interface Source {
  id: string;
  name: string;
  /** The agency credited with every item; null when the agency is found from the text (attribution: byline). */
  agency_id: string | null;
  attribution: Attribution;
  channel: Channel;
  crawlable: boolean;
  platform: Platform | null;
  base_url: string | null;
  start_urls: string[];
  /** Further hosts of the same source (host names or URLs): the only other hosts ever requested. */
  hosts: string[];
  date_order: "dmy" | "mdy";
  delay_ms: number;
  concurrency: number;
  /** Accept a broken TLS chain / legacy renegotiation for this source (a warning is logged on every run). */
  insecure_tls: boolean;
  /** Private networks (CIDR or address) an intranet deployment allows this source to connect to (logged on every run). */
  allow_addresses: string[];
  /** Overrides of the per-run crawl budget (pipelines/crawl/budgets.ts); {} for the defaults. */
  budget: { pages?: number; new_articles?: number; bytes?: number; time_ms?: number };
  /** Cron expression (5 or 6 fields, Asia/Ho_Chi_Minh). */
  schedule: string | null;
  valid_from: string | null;
  valid_to: string | null;
  is_demo: boolean;
  note?: string;
  /** Where the host / path was read, or "to confirm". */
  source?: string;
}

/** A DEMO source: bound to a farm portal (by key) when the farm starts. */
export interface DemoSource extends Omit<Source, "base_url" | "start_urls" | "hosts"> {
  portal: string;
  /** Paths relative to the farm site's origin; default: the site's listingPaths. */
  start_paths: string[] | null;
}


export const PERIODS = PERIOD_KINDS;
export type Period = (typeof PERIODS)[number];


export interface Plan {
  id: string;
  title: string;
  issuer: string;
  issued: string | null;
  year: number;
  source_file?: string;
}

/** Who a target binds: listed agencies, or every agency of some kinds (optionally under one parent) valid on the date. */
export type Who = { agencies: string[] } | { kinds: AgencyKind[]; parent: string | null };

export interface TopicFilter {
  areas: ReformArea[];
  keywords: string[];
}

export interface Target {
  id: string;
  plan: string;
  clause: string;
  who: Who;
  /** Channels as written in the registry (may include groups such as mass_media). */
  channels: string[];
  topic: TopicFilter | null;
  measure: Measure;
  /** Minimum count; null when the plan names the channels and deadline but no number. */
  min_count: number | null;
  period: Period;
  year: number;
  deadline: string | null;
  description: string;
  /** Set on a target carried from an earlier plan into a year with no plan of that issuer (pipelines/registry/provisional.ts). */
  provisional?: ProvisionalOrigin;
}

/** Where a provisional target comes from; `label` is what every page, export and briefing prints beside its number. */
export interface ProvisionalOrigin {
  plan: string;
  clause: string;
  /** The year of the plan it was carried from. */
  from_year: number;
  /** The carried target's id. */
  from_target: string;
  /** "tạm tính theo <plan> <clause>" */
  label: string;
  /** Kinds of the clause's selector that no longer exist in the year and that no confirmed mapping replaces (not bound). */
  unmapped_kinds: AgencyKind[];
  /** Kinds bound through an analyst-confirmed mapping, e.g. ubnd_huyen → ubnd_xa_phuong. */
  mapped_kinds: { from: AgencyKind; to: AgencyKind[] }[];
  /** Named agencies replaced through lineage, e.g. so-ke-hoach-dau-tu → so-tai-chinh. */
  mapped_agencies: { from: string; to: string[] }[];
}

/**
 * An analyst's confirmation that, when a plan's clauses are carried into a year
 * from `from_date` on, agencies of kind `from` (which no longer exist) are
 * replaced by the agencies of kinds `to` (registry/carry-forward.yaml).
 */
export interface KindMapping {
  from: AgencyKind;
  to: AgencyKind[];
  from_date: string;
  confirmed: boolean;
  confirmed_by: string | null;
  confirmed_on: string | null;
  note?: string;
}


/** What a plan task is: a task of the plan, a report the plan asks for, or a unit's own plan due by a date (codes and labels: pipelines/vocabulary). */
export { TASK_KINDS } from "../vocabulary/index.ts";
export type { TaskKind } from "../vocabulary/index.ts";
import type { TaskKind } from "../vocabulary/index.ts";

/** One deadline of a multi-deadline task (one per reporting period), with its own status and evidence. */
export interface TaskDeadline {
  period: string;
  deadline_text: string | null;
  deadline: string;
  status: TaskStatus;
  evidence: string[];
}

export interface PlanTask {
  id: string;
  plan: string;
  kind: TaskKind;
  area: ReformArea;
  group: string;
  task: string;
  product: string | null;
  lead: string;
  coordinating: string | null;
  deadline_text: string;
  deadline: string | null;
  status: TaskStatus;
  /** Proof of completion / submission: links (http/https) or document numbers ("125/BC-STC ngày 15/6/2024"). */
  evidence: string[];
  /** A task with one deadline per reporting period (split into dated rows by taskRows). */
  deadlines?: TaskDeadline[];
  note?: string;
}

export interface Registry {
  agencies: Agency[];
  sources: Source[];
  demo_sources: DemoSource[];
  plans: Plan[];
  targets: Target[];
  tasks: PlanTask[];
  /** Kind mappings for carrying plans forward (registry/carry-forward.yaml; empty when the file is absent). */
  kind_mappings: KindMapping[];
}
