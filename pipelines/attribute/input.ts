/**
 * Reading one attribution line (JSON object) and finding the source it comes
 * from, pure. Fields: `title`, `text`, `date` (YYYY-MM-DD or null), `byline`,
 * `channel` (or `channel_hint`), optional `source_id`, optional `url`.
 * A bad field is an error naming the label, the line and the field.
 */
import { jsonLines } from "../cli/messages.ts";
import { validOn } from "../registry/load.ts";
import type { Source } from "../registry/types.ts";

export interface AttributionLine {
  title: string;
  text: string;
  date: string | null;
  byline: string | null;
  channel: string | null;
  source_id: string | null;
  url: string | null;
}

const DATE = /^\d{4}-\d{2}-\d{2}$/;

function optionalString(label: string, line: number, v: Record<string, unknown>, field: string): string | null {
  const x = v[field];
  if (x === undefined || x === null) return null;
  if (typeof x !== "string") throw new Error(jsonLines.notStringOrNull(`${label}:${line}`, field));
  return x;
}

export function readAttributionLine(label: string, line: number, v: Record<string, unknown>): AttributionLine {
  const title = optionalString(label, line, v, "title");
  const text = optionalString(label, line, v, "text");
  if (title === null && text === null) throw new Error(jsonLines.needsText(`${label}:${line}`));
  const date = optionalString(label, line, v, "date");
  if (date !== null && (!DATE.test(date) || Number.isNaN(Date.parse(`${date}T00:00:00Z`))))
    throw new Error(jsonLines.notDateOrNull(`${label}:${line}`, "date", date));
  return {
    title: title ?? "",
    text: text ?? "",
    date,
    byline: optionalString(label, line, v, "byline"),
    channel: optionalString(label, line, v, "channel") ?? optionalString(label, line, v, "channel_hint"),
    source_id: optionalString(label, line, v, "source_id"),
    url: optionalString(label, line, v, "url"),
  };
}

const hostOf = (url: string): string | null => {
  try {
    return new URL(url).host.toLowerCase().replace(/^www\./, "");
  } catch {
    return null;
  }
};

/**
 * The registry source of a line: by `source_id`, else the source whose base_url
 * has the line's URL host (www. ignored) and is valid on the line's date (any
 * validity when undated). Null when neither names a registered source.
 */
export function sourceOf(sources: Source[], line: { source_id: string | null; url: string | null; date: string | null }, label = "stdin", n = 0): Source | null {
  if (line.source_id) {
    const s = sources.find((x) => x.id === line.source_id);
    if (!s) throw new Error(`${label}:${n}: source_id: no source "${line.source_id}" in the registry`);
    return s;
  }
  const host = line.url ? hostOf(line.url) : null;
  if (!host) return null;
  const same = sources.filter((s) => s.base_url && hostOf(s.base_url) === host && (line.date === null || validOn(s, line.date)));
  return same.find((s) => s.agency_id) ?? same[0] ?? null;
}
