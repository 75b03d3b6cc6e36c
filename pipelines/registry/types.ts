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
  kind: AgencyKind;
  parent: string | null;
  valid_from: string | null;
  valid_to: string | null;
  successors: Successor[];
  /** Why the agency ended without successor, e.g. "district level abolished". */
  end_note?: string;
  note?: string;
}



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
}


export interface PlanTask {
  id: string;
  plan: string;
  area: ReformArea;
  group: string;
  task: string;
  product: string | null;
  lead: string;
  coordinating: string | null;
  deadline_text: string;
  deadline: string | null;
  status: TaskStatus;
  evidence: string[];
  note?: string;
}

export interface Registry {
  agencies: Agency[];
  sources: Source[];
  demo_sources: DemoSource[];
  plans: Plan[];
  targets: Target[];
  tasks: PlanTask[];
}
