/**
 * `cchc attribute` (JSON lines on stdin → the same lines with agency_id, method,
 * confidence, evidence, candidates, review added) and `cchc eval-attribution FILE`
 * (accuracy, wrong credit, unattributed, per channel, misses).
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { attribute, compileAgencies, fromRegistryAgencies, type AgencyMatcher, type Attribution } from "../../attribute/attribute.ts";
import { evaluateAttribution, type LabelledAttribution } from "../../attribute/evaluate.ts";
import { readAttributionLine, sourceOf } from "../../attribute/input.ts";
import { loadRegistry } from "../../registry/load.ts";
import type { Registry } from "../../registry/types.ts";
import { parseJsonLine, parseJsonLines } from "./classify.ts";

function attributeLine(registry: Registry, matcher: AgencyMatcher, label: string, n: number, value: Record<string, unknown>): Attribution {
  const line = readAttributionLine(label, n, value);
  const source = sourceOf(registry.sources, line, label, n);
  return attribute(matcher, {
    source_agency_id: source?.agency_id ?? null,
    byline: line.byline,
    title: line.title,
    text: line.text,
    date: line.date,
    channel: source?.channel ?? line.channel,
  });
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function registerAttributeCommands(program: Command): void {
  program
    .command("attribute")
    .description("read JSON lines {title, text, date, byline, channel, source_id?, url?} on stdin; write them with agency_id, method, confidence, evidence, candidates, review added")
    .option("--registry <dir>", "registry directory (default: registry/)")
    .action(async (opts) => {
      const registry = loadRegistry(opts.registry);
      const matcher = compileAgencies(fromRegistryAgencies(registry.agencies));
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      const out: string[] = []; // written only when every line was valid
      let n = 0;
      for await (const raw of rl) {
        n++;
        if (!raw.trim()) continue;
        const value = parseJsonLine("stdin", n, raw);
        const a = attributeLine(registry, matcher, "stdin", n, value);
        out.push(JSON.stringify({ ...value, ...a }));
      }
      if (out.length) process.stdout.write(`${out.join("\n")}\n`);
    });

  program
    .command("eval-attribution")
    .description("measure attribution on labelled JSON lines (expected_agency, acceptable): accuracy, wrong credit, unattributed, per channel, misses")
    .option("--registry <dir>", "registry directory (default: registry/)")
    .option("--json", "print the report as JSON")
    .argument("<file>", "labelled JSON lines")
    .action((file: string, opts) => {
      const registry = loadRegistry(opts.registry);
      const matcher = compileAgencies(fromRegistryAgencies(registry.agencies));
      const known = new Set(registry.agencies.map((a) => a.id));
      const rows = parseJsonLines(file, readFileSync(file, "utf-8"));
      const items: LabelledAttribution[] = rows.map(({ line, value }) => {
        const e = value.expected_agency;
        if (e !== null && typeof e !== "string") throw new Error(`${file}:${line}: expected_agency: must be an agency id or null`);
        if (typeof e === "string" && !known.has(e)) throw new Error(`${file}:${line}: expected_agency: no agency "${e}" in the registry`);
        const acc = value.acceptable ?? [];
        if (!Array.isArray(acc) || acc.some((x) => typeof x !== "string")) throw new Error(`${file}:${line}: acceptable: must be a list of agency ids`);
        const parsed = readAttributionLine(file, line, value);
        return { id: typeof value.id === "string" ? value.id : null, title: parsed.title, channel: parsed.channel, expected_agency: e as string | null, acceptable: acc as string[] };
      });
      const outcomes = rows.map(({ line, value }) => attributeLine(registry, matcher, file, line, value));
      const r = evaluateAttribution(items, outcomes, rows.map((x) => x.line));
      if (opts.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      console.log(`${file}: ${r.n} items (${r.expected_n} with an expected agency, ${r.null_n} without)`);
      console.log(`accuracy      ${pct(r.accuracy)} (${r.right}/${r.expected_n} items with an expected agency credited to it or an acceptable id)`);
      console.log(`wrong credit  ${pct(r.wrong_credit)} (${r.wrong}/${r.n} items: ${r.wrong_on_expected} credited to another agency, ${r.wrong_on_null} null items credited)`);
      console.log(`unattributed  ${r.unattributed}/${r.n} items`);
      console.log("\nper channel:");
      for (const [c, f] of Object.entries(r.per_channel))
        console.log(`  ${c.padEnd(18)} ${String(f.n).padStart(4)} items  accuracy ${pct(f.accuracy)} (${f.right}/${f.expected_n})  wrong ${f.wrong}  unattributed ${f.unattributed}`);
      if (r.misses.length) {
        console.log("\nmisses:");
        for (const m of r.misses)
          console.log(`  ${file}:${m.line} ${m.id ?? ""} ${m.verdict}: expected ${m.expected ?? "none"}, got ${m.got ?? "none"} (${m.method})  ${m.title}\n      ${m.evidence}`);
      }
    });
}
