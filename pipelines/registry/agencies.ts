/**
 * Questions about agencies over time, pure: who existed on a date, what an
 * agency maps to on a date (following successors forward or predecessors
 * back), who a target binds on a date, and which agency a name means.
 */
import { validOn } from "./load.ts";
import { foldName } from "./names.ts";
import { labels } from "../vocabulary/index.ts";
import type { Agency, AgencyKind, Registry, Who } from "./types.ts";

export interface LineageEdge {
  from: string;
  to: string;
  date: string;
  relation: Agency["successors"][number]["relation"];
}

/** A registry's agencies by id, built once per list of agencies (a registry's list is never edited in place). */
const INDEX = new WeakMap<Agency[], Map<string, Agency>>();
export function agencyIndex(registry: Registry): Map<string, Agency> {
  let byId = INDEX.get(registry.agencies);
  if (!byId) INDEX.set(registry.agencies, (byId = new Map(registry.agencies.map((a) => [a.id, a]))));
  return byId;
}

/** Agencies valid on `date` (YYYY-MM-DD), optionally of some kinds, in registry order. */
export function agenciesAt(registry: Registry, date: string, kinds?: AgencyKind[]): Agency[] {
  return registry.agencies.filter((a) => validOn(a, date) && (!kinds || kinds.includes(a.kind)));
}

/** Every successor link of the registry, oldest first. */
export function lineageEdges(registry: Registry): LineageEdge[] {
  return registry.agencies
    .flatMap((a) => a.successors.map((s) => ({ from: a.id, to: s.id, date: s.date, relation: s.relation })))
    .sort((x, y) => x.date.localeCompare(y.date) || x.from.localeCompare(y.from));
}

/**
 * What agency `id` corresponds to on `date`: itself while it is valid; after it
 * ended, its successors valid on that date (transitively; "part_to" links only
 * when there is no main successor); before it began, its predecessors valid then.
 * An empty list means nothing corresponds (e.g. the district level after 2025).
 */
export function mapAgency(registry: Registry, id: string, date: string): string[] {
  const byId = agencyIndex(registry);
  const out = new Set<string>();
  const visit = (agencyId: string, seen: Set<string>) => {
    if (seen.has(agencyId)) return;
    seen.add(agencyId);
    const a = byId.get(agencyId);
    if (!a) throw new Error(`unknown agency id "${agencyId}"`);
    if (validOn(a, date)) {
      out.add(a.id);
      return;
    }
    if (a.valid_to && date > a.valid_to) {
      const due = a.successors.filter((s) => s.date <= date);
      const main = due.filter((s) => s.relation !== "part_to");
      for (const s of main.length ? main : due) visit(s.id, seen);
    } else if (a.valid_from && date < a.valid_from) {
      for (const p of registry.agencies) {
        if (p.successors.some((s) => s.id === a.id && s.relation !== "part_to")) visit(p.id, seen);
      }
    }
  };
  visit(id, new Set());
  return [...out];
}

/** The ids a target's `who` binds on `date`. */
export function resolveWho(registry: Registry, who: Who, date: string): string[] {
  if ("agencies" in who) {
    const byId = agencyIndex(registry);
    return who.agencies.filter((id) => {
      const a = byId.get(id);
      return a !== undefined && validOn(a, date);
    });
  }
  return agenciesAt(registry, date, who.kinds)
    .filter((a) => who.parent === null || a.parent === who.parent)
    .map((a) => a.id);
}

/** Vietnamese label of a `who`, e.g. "Tất cả: Sở, ban, ngành tỉnh; UBND huyện, thị xã, thành phố" or "so-ke-hoach-dau-tu". */
export function whoLabel(who: Who): string {
  if ("agencies" in who) return who.agencies.join(", ");
  return `Tất cả: ${labels("agency_kind", who.kinds)}${who.parent ? ` trực thuộc ${who.parent}` : ""}`;
}

/** Agencies valid on `date` whose name, short name or alias folds to the same key as `name`. */
export function findAgenciesByName(registry: Registry, name: string, date: string): Agency[] {
  const key = foldName(name);
  if (!key) return [];
  return agenciesAt(registry, date).filter((a) => [a.name, ...a.short_names, ...a.aliases].some((n) => foldName(n) === key));
}

/** Every name of an agency, each with its folded (diacritic-free) key. */
export function agencyNames(a: Agency): { alias: string; kind: "name" | "short_name" | "alias"; folded: string }[] {
  const rows = [
    { alias: a.name, kind: "name" as const },
    ...a.short_names.map((alias) => ({ alias, kind: "short_name" as const })),
    ...a.aliases.map((alias) => ({ alias, kind: "alias" as const })),
  ];
  const seen = new Set<string>();
  return rows.filter((r) => !seen.has(r.alias) && seen.add(r.alias)).map((r) => ({ ...r, folded: foldName(r.alias) }));
}
