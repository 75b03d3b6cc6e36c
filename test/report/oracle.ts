/**
 * An independent coverage oracle: recounts every coverage row from
 * report_items and the registry tables as loaded into the warehouse (targets,
 * agencies, agency_lineage), with its own, deliberately simple code — day
 * strings instead of instants, its own lineage walk, its own diacritic
 * folding. It shares nothing with pipelines/coverage or pipelines/report.
 */
import { type Warehouse, withWarehouse } from "../../pipelines/warehouse/db.ts";

interface Item {
  key: string;
  agency: string;
  channel: string;
  day: string;
  areas: string[];
  hay: string;
  sessions: number;
  attendance: number | null;
  quantity: number | null;
  media: string;
}

export interface OracleRow {
  target_id: string;
  agency_id: string;
  period: string;
  actual: number;
  item_keys: string[];
  status: string;
}

const fold = (s: string) =>
  ` ${s
    .normalize("NFD")
    .replace(/\p{M}/gu, "")
    .replace(/[đĐ]/g, "d")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, " ")
    .trim()} `;

const pad = (n: number) => String(n).padStart(2, "0");
const nextDay = (day: string) => {
  const d = new Date(`${day}T12:00:00Z`);
  d.setUTCDate(d.getUTCDate() + 1);
  return d.toISOString().slice(0, 10);
};

/** [first day, exclusive end day) of a period key: 2024-Q2, 2024-H1, 2024-M03, 2024-9M, 2024. */
export function windowOf(key: string): [string, string] {
  const y = Number(key.slice(0, 4));
  let m: RegExpExecArray | null;
  if ((m = /^\d{4}-Q([1-4])$/.exec(key))) {
    const q = Number(m[1]);
    return [`${y}-${pad(q * 3 - 2)}-01`, q === 4 ? `${y + 1}-01-01` : `${y}-${pad(q * 3 + 1)}-01`];
  }
  if ((m = /^\d{4}-M(\d{2})$/.exec(key)) || (m = /^\d{4}-(\d{2})$/.exec(key))) {
    const mo = Number(m[1]);
    return [`${y}-${pad(mo)}-01`, mo === 12 ? `${y + 1}-01-01` : `${y}-${pad(mo + 1)}-01`];
  }
  if (key.endsWith("-H1")) return [`${y}-01-01`, `${y}-07-01`];
  if (key.endsWith("-H2")) return [`${y}-07-01`, `${y + 1}-01-01`];
  if (key.endsWith("-9M")) return [`${y}-01-01`, `${y}-10-01`];
  if (/^\d{4}$/.test(key)) return [`${y}-01-01`, `${y + 1}-01-01`];
  throw new Error(`oracle: unknown period key ${key}`);
}

export async function oracleCoverage(w: Warehouse, today: Date): Promise<OracleRow[]> {
  const items: Item[] = (
    await w.all(`SELECT item_key, agency_id, channel, strftime(published_at, '%Y-%m-%d') AS day, areas, title, text,
                        sessions, attendance, quantity, media_kind
                 FROM report_items WHERE agency_id IS NOT NULL AND published_at IS NOT NULL`)
  ).map((r) => ({
    key: String(r.item_key),
    agency: String(r.agency_id),
    channel: String(r.channel),
    day: String(r.day),
    areas: r.areas ? String(r.areas).split(",") : [],
    hay: fold(`${r.title}\n${r.text ?? ""}`),
    sessions: Number(r.sessions),
    attendance: r.attendance === null ? null : Number(r.attendance),
    quantity: r.quantity === null || r.quantity === undefined ? null : Number(r.quantity),
    media: String(r.media_kind ?? "text"),
  }));
  const agencies = new Map(
    (await w.all("SELECT agency_id, strftime(valid_from, '%Y-%m-%d') AS f, strftime(valid_to, '%Y-%m-%d') AS t FROM agencies")).map((r) => [
      String(r.agency_id),
      { from: r.f as string | null, to: r.t as string | null },
    ]),
  );
  const links = await w.all("SELECT from_id, to_id, strftime(effective, '%Y-%m-%d') AS day, relation FROM agency_lineage");
  const validOn = (id: string, day: string) => {
    const a = agencies.get(id);
    return Boolean(a && (!a.from || a.from <= day) && (!a.to || day <= a.to));
  };
  const successorsOn = (id: string, day: string, seen = new Set<string>()): string[] => {
    if (seen.has(id)) return [];
    seen.add(id);
    const due = links.filter((l) => l.from_id === id && String(l.day) <= day);
    const main = due.filter((l) => l.relation !== "part_to");
    const out: string[] = [];
    for (const l of main.length ? main : due) {
      const to = String(l.to_id);
      if (validOn(to, day)) out.push(to);
      else out.push(...successorsOn(to, day, seen));
    }
    return out;
  };
  const credited = (item: Item, agency: string) => {
    if (item.agency === agency) return true;
    const a = agencies.get(item.agency);
    if (!a || validOn(item.agency, item.day) || !a.to || item.day <= a.to) return false;
    return successorsOn(item.agency, item.day).includes(agency);
  };
  const targets = new Map(
    (
      await w.all(`SELECT target_id, channels_expanded, topic_areas, topic_keywords, measure, min_count,
                          strftime(deadline, '%Y-%m-%d') AS deadline FROM targets`)
    ).map((t) => [String(t.target_id), t]),
  );
  const rows = await w.all("SELECT target_id, agency_id, period FROM coverage ORDER BY ALL");
  return rows.map((r) => {
    const t = targets.get(String(r.target_id))!;
    const [start, windowEnd] = windowOf(String(r.period));
    const deadlineEnd = t.deadline ? nextDay(String(t.deadline)) : null;
    let end = deadlineEnd && deadlineEnd < windowEnd ? deadlineEnd : windowEnd;
    if (end < start) end = start;
    const channels = t.channels_expanded as unknown as string[];
    const areas = (t.topic_areas as unknown as string[] | null) ?? [];
    const keywords = ((t.topic_keywords as unknown as string[] | null) ?? []).map(fold);
    const matched = items.filter(
      (i) =>
        channels.includes(i.channel) &&
        i.day >= start &&
        i.day < end &&
        credited(i, String(r.agency_id)) &&
        (t.measure !== "video" || i.media === "video") &&
        (!areas.length || i.areas.some((a) => areas.includes(a))) &&
        (!keywords.length || keywords.some((k) => i.hay.includes(k))),
    );
    const amount = (i: Item) =>
      t.measure === "visits" ? (i.quantity ?? 0) : t.measure === "sessions" ? i.sessions : t.measure === "staff_informed" ? (i.attendance ?? 0) : 1;
    const actual = matched.reduce((n, i) => n + amount(i), 0);
    const required = t.min_count === null ? 1 : Number(t.min_count);
    const s = new Date(`${start}T00:00:00+07:00`).getTime();
    const e = new Date(`${end}T00:00:00+07:00`).getTime();
    const now = today.getTime();
    const elapsed = e <= s ? 1 : Math.min(1, Math.max(0, (now - s) / (e - s)));
    let status: string;
    if (actual >= required) status = "met";
    else if (now < s) status = "not_started";
    else if (elapsed >= 1) status = "missed";
    else if (actual < Math.floor(required * elapsed + 1e-9) || elapsed >= 0.8) status = "at_risk";
    else status = "on_track";
    return {
      target_id: String(r.target_id),
      agency_id: String(r.agency_id),
      period: String(r.period),
      actual,
      item_keys: matched.map((i) => i.key).sort(),
      status,
    };
  });
}

/** The engine's coverage rows (with their items from coverage_items) and the oracle's, for toEqual. */
export async function compareWithOracle(db: string, today: Date) {
  return withWarehouse(
    db,
    async (w) => {
      const expected = await oracleCoverage(w, today);
      const actual = await w.all(
        `SELECT c.target_id, c.agency_id, c.period, c.actual, c.status,
                coalesce((SELECT list(item_key ORDER BY item_key) FROM coverage_items ci
                          WHERE ci.target_id = c.target_id AND ci.agency_id = c.agency_id AND ci.period = c.period), []) AS item_keys
         FROM coverage c ORDER BY ALL`,
      );
      return { expected, actual: actual.map((r) => ({ ...r, item_keys: r.item_keys as unknown as string[] })) as Record<string, unknown>[] };
    },
    { readOnly: true },
  );
}

