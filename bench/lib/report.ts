/** Machine description and the printed table of a benchmark run. */
import { readFileSync } from "node:fs";
import { cpus, totalmem, platform, release } from "node:os";
import type { BenchResult, Figure } from "./types.ts";

export function machineInfo() {
  let cpuModel = cpus()[0]?.model ?? "unknown";
  try {
    cpuModel = /model name\s*:\s*(.+)/.exec(readFileSync("/proc/cpuinfo", "utf-8"))?.[1]?.trim() ?? cpuModel;
  } catch {
    // not Linux: keep os.cpus()
  }
  return {
    cpu_model: cpuModel,
    cores: cpus().length,
    memory_gb: Math.round((totalmem() / 1024 ** 3) * 10) / 10,
    node: process.version,
    platform: `${platform()} ${release()}`,
  };
}

const fmt = (v: number) => (v >= 100 ? Math.round(v).toLocaleString("en") : v >= 10 ? v.toFixed(1) : v.toFixed(2));

function figureCells(f: Figure): string[] {
  const ratio = f.ratio === null ? "—" : `${fmt(f.ratio)}×`;
  const baseline = f.baseline ? `${f.baseline.name}: ${fmt(f.baseline.value)} ${f.baseline.unit}` : "—";
  const met = !f.target || f.targetMet === undefined ? "" : f.targetMet ? "✓ met" : "✗ not met";
  return [`${f.name}: ${fmt(f.value)} ${f.unit}`, baseline, ratio, f.target ?? "", met];
}

/** "goals: N of M met; not met: …", over the figures that declare a goal. */
function goalSummary(results: BenchResult[]): string {
  const judged = results.flatMap((r) => r.figures.filter((f) => f.target && f.targetMet !== undefined).map((f) => ({ bench: r.name, f })));
  const missed = judged.filter((x) => !x.f.targetMet);
  const skipped = results.filter((r) => r.status !== "ok").map((r) => `${r.name} (${r.status})`);
  return [
    `goals: ${judged.length - missed.length} of ${judged.length} met`,
    missed.length ? `; not met: ${missed.map((x) => `${x.bench}: ${x.f.name} (${x.f.target})`).join("; ")}` : "",
    skipped.length ? `; not measured: ${skipped.join(", ")}` : "",
  ].join("");
}

/** One plain-text table: benchmark | figure | baseline | ratio (> 1 favours ours) | goal | met?. */
export function renderTable(report: { date: string; mode: string; machine: ReturnType<typeof machineInfo>; results: BenchResult[] }): string {
  const rows: string[][] = [["benchmark", "figure", "baseline (same run)", "ratio", "goal", "met?"]];
  for (const r of report.results) {
    if (r.status !== "ok") {
      rows.push([r.name, `${r.status.toUpperCase()}: ${r.reason ?? ""}`, "", "", "", ""]);
      continue;
    }
    r.figures.forEach((f, i) => rows.push([i === 0 ? `${r.name} (${r.seconds.toFixed(0)} s, ${r.peak_rss_mb} MB)` : "", ...figureCells(f)]));
  }
  const widths = rows[0].map((_, c) => Math.max(...rows.map((row) => [...row[c]].length)));
  const line = (row: string[]) => row.map((cell, c) => cell + " ".repeat(widths[c] - [...cell].length)).join(" │ ");
  const m = report.machine;
  return [
    `cchc-monitor benchmarks — ${report.mode} — ${report.date}`,
    `${m.cpu_model}, ${m.cores} cores, ${m.memory_gb} GB, Node ${m.node}`,
    "ratio > 1 means ours is better than the baseline (rates: ours/baseline; times: baseline/ours)",
    "",
    line(rows[0]),
    widths.map((w) => "─".repeat(w)).join("─┼─"),
    ...rows.slice(1).map(line),
    "",
    goalSummary(report.results),
    ...report.results.flatMap((r) => r.notes.map((n) => `note (${r.name}): ${n}`)),
    "",
  ].join("\n");
}
