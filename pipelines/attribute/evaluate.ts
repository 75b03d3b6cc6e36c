/**
 * Measuring attribution against labelled lines (`expected_agency`, `acceptable`;
 * see docs/classification.md §3): accuracy on items that have an expected
 * agency, wrong credit over all items (the costlier error), unattributed, the
 * same per channel, and every miss with its evidence. Pure.
 */

export interface LabelledAttribution {
  id?: string | null;
  title?: string | null;
  channel?: string | null;
  /** The registry id whose own work the item reports, or null when no single registered agency is the actor. */
  expected_agency: string | null;
  /** Other ids that are also defensible (for a null item: the only credits that are not wrong). */
  acceptable?: string[] | null;
}

export interface AttributionOutcome {
  agency_id: string | null;
  method: string;
  evidence: string;
  candidates?: { agency_id: string; score: number }[];
}

export type Verdict = "right" | "wrong" | "unattributed" | "null_ok";

export interface AttributionMiss {
  line: number;
  id: string | null;
  title: string;
  channel: string;
  expected: string | null;
  got: string | null;
  verdict: Verdict;
  method: string;
  evidence: string;
}

export interface ChannelFigures {
  n: number;
  expected_n: number;
  right: number;
  wrong: number;
  unattributed: number;
  accuracy: number;
  wrong_credit: number;
}

export interface AttributionReport extends ChannelFigures {
  null_n: number;
  /** Wrong credits on items whose expected agency is another one. */
  wrong_on_expected: number;
  /** Credits on null items to an agency that is not acceptable. */
  wrong_on_null: number;
  per_channel: Record<string, ChannelFigures>;
  /** Every item that is not right: wrong credits first, then unattributed items with an expected agency. */
  misses: AttributionMiss[];
}

/** The verdict on one item (the labelling rules' reading, ATTRIBUTION.md). */
export function verdict(item: LabelledAttribution, got: string | null): Verdict {
  const ok = new Set([...(item.expected_agency ? [item.expected_agency] : []), ...(item.acceptable ?? [])]);
  if (item.expected_agency) {
    if (got === null) return "unattributed";
    return ok.has(got) ? "right" : "wrong";
  }
  return got === null || ok.has(got) ? "null_ok" : "wrong";
}

function figures(rows: { item: LabelledAttribution; v: Verdict; got: string | null }[]): ChannelFigures {
  const expected = rows.filter((r) => r.item.expected_agency);
  const right = rows.filter((r) => r.v === "right").length;
  const wrong = rows.filter((r) => r.v === "wrong").length;
  const unattributed = rows.filter((r) => r.got === null).length;
  return {
    n: rows.length,
    expected_n: expected.length,
    right,
    wrong,
    unattributed,
    accuracy: expected.length ? right / expected.length : 1,
    wrong_credit: rows.length ? wrong / rows.length : 0,
  };
}

export function evaluateAttribution(items: LabelledAttribution[], outcomes: AttributionOutcome[], lines?: number[]): AttributionReport {
  if (items.length !== outcomes.length) throw new Error(`evaluateAttribution: ${items.length} items but ${outcomes.length} outcomes`);
  const rows = items.map((item, i) => ({ item, got: outcomes[i].agency_id, v: verdict(item, outcomes[i].agency_id), o: outcomes[i], line: lines?.[i] ?? i + 1 }));
  const per_channel: Record<string, ChannelFigures> = {};
  for (const channel of [...new Set(rows.map((r) => r.item.channel ?? "(none)"))].sort()) {
    per_channel[channel] = figures(rows.filter((r) => (r.item.channel ?? "(none)") === channel));
  }
  const misses = rows
    .filter((r) => r.v === "wrong" || r.v === "unattributed")
    .sort((a, b) => (a.v === b.v ? a.line - b.line : a.v === "wrong" ? -1 : 1))
    .map((r) => ({
      line: r.line,
      id: r.item.id ?? null,
      title: (r.item.title ?? "").slice(0, 100),
      channel: r.item.channel ?? "(none)",
      expected: r.item.expected_agency,
      got: r.got,
      verdict: r.v,
      method: r.o.method,
      evidence: r.o.evidence,
    }));
  return {
    ...figures(rows),
    null_n: rows.filter((r) => !r.item.expected_agency).length,
    wrong_on_expected: rows.filter((r) => r.v === "wrong" && r.item.expected_agency).length,
    wrong_on_null: rows.filter((r) => r.v === "wrong" && !r.item.expected_agency).length,
    per_channel,
    misses,
  };
}
