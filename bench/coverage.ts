/**
 * The real coverage engine (pipelines/report coverageRows: every target window
 * of the real registry against every countable item) on synthetic items.
 * Baseline: the same call on a quarter of the items, so the ratio shows how
 * the rate holds as items grow (≈ 1: cost linear in items × target windows).
 */
import { targetWindowsOfYear } from "../pipelines/coverage/targets.ts";
import { loadRegistry } from "../pipelines/registry/load.ts";
import { coverageRows, type ReportItem } from "../pipelines/report/coverage.ts";
import { toVietnamIso } from "../pipelines/time/vietnam-time.ts";
import { timed } from "./lib/measure.ts";
import { prng } from "../pipelines/farm/content.ts";
import { type Benchmark, compare } from "./lib/types.ts";

const CHANNELS = ["own_portal", "newspaper", "meeting", "training", "social"];
const TODAY = new Date("2026-11-24T00:00:00+07:00");

export const coverageBench: Benchmark = {
  name: "coverage",
  description: "Coverage engine (coverageRows) with the real registry on synthetic items",
  async run({ quick }) {
    const registry = loadRegistry();
    const years = [...new Set(registry.targets.map((t) => t.year))].sort();
    const windows = years.reduce((n, y) => n + targetWindowsOfYear(registry, y).length, 0);
    const n = quick ? 20_000 : 80_000;
    const rnd = prng(11);
    const from = Date.UTC(years[0], 0, 1);
    const span = (years.length + 1) * 365 * 86_400_000;
    const items: ReportItem[] = Array.from({ length: n }, (_, i) => ({
      item_key: `item-${i}`,
      agency_id: registry.agencies[Math.floor(rnd() * registry.agencies.length)].id,
      channel: CHANNELS[Math.floor(rnd() * CHANNELS.length)],
      published_at: toVietnamIso(new Date(from + rnd() * span)),
      areas: ["thu-tuc"],
      title: "Cải cách hành chính",
      sessions: 1,
      attendance: null,
      quantity: null,
      media_kind: "text",
    }));
    const small = await timed(() => coverageRows(registry, items.slice(0, n / 4), TODAY));
    const full = await timed(() => coverageRows(registry, items, TODAY));
    const perItemWindowNs = (full.seconds * 1e9) / (n * windows);
    return {
      sizes: { items: n, target_windows: windows, agencies: registry.agencies.length },
      notes: [
        `${perItemWindowNs.toFixed(0)} ns per item × target window: 1,000,000 items with these ${windows} windows ≈ ${((perItemWindowNs * 1e6 * windows) / 1e9).toFixed(0)} s`,
      ],
      figures: [
        compare(
          { name: `coverageRows ${n.toLocaleString("en")} items × ${windows} target windows`, value: n / full.seconds, unit: "items/s" },
          { name: `same on ${(n / 4).toLocaleString("en")} items`, value: n / 4 / small.seconds, unit: "items/s" },
          { higherIsBetter: true },
        ),
      ],
    };
  },
};
