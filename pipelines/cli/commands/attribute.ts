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
import { evalAttribution, jsonLines } from "../messages.ts";

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

export function registerAttributeCommands(program: Command): void {
  program
    .command("attribute")
    .description("đọc các dòng JSON {title, text, date, byline, channel, source_id?, url?} từ stdin; ghi lại từng dòng kèm cơ quan được ghi nhận (agency_id, method, confidence, evidence, candidates, review)")
    .option("--registry <thư-mục>", "thư mục danh mục (mặc định: registry/)")
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
    .description("đánh giá việc xác định cơ quan trên các dòng JSON đã gán nhãn (expected_agency, acceptable): tỷ lệ đúng, ghi nhầm, chưa xác định, theo kênh, các mục sai")
    .option("--registry <thư-mục>", "thư mục danh mục (mặc định: registry/)")
    .option("--json", "in kết quả dạng JSON")
    .argument("<tệp>", "các dòng JSON đã gán nhãn")
    .action((file: string, opts) => {
      const registry = loadRegistry(opts.registry);
      const matcher = compileAgencies(fromRegistryAgencies(registry.agencies));
      const known = new Set(registry.agencies.map((a) => a.id));
      const rows = parseJsonLines(file, readFileSync(file, "utf-8"));
      const items: LabelledAttribution[] = rows.map(({ line, value }) => {
        const e = value.expected_agency;
        if (e !== null && typeof e !== "string") throw new Error(jsonLines.notAgencyOrNull(`${file}:${line}`, "expected_agency"));
        if (typeof e === "string" && !known.has(e)) throw new Error(jsonLines.unknownAgency(`${file}:${line}`, "expected_agency", e));
        const acc = value.acceptable ?? [];
        if (!Array.isArray(acc) || acc.some((x) => typeof x !== "string")) throw new Error(jsonLines.notAgencyList(`${file}:${line}`, "acceptable"));
        const parsed = readAttributionLine(file, line, value);
        return { id: typeof value.id === "string" ? value.id : null, title: parsed.title, channel: parsed.channel, expected_agency: e as string | null, acceptable: acc as string[] };
      });
      const outcomes = rows.map(({ line, value }) => attributeLine(registry, matcher, file, line, value));
      const r = evaluateAttribution(items, outcomes, rows.map((x) => x.line));
      if (opts.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      const names = new Map(registry.agencies.map((a) => [a.id, a.name]));
      for (const line of evalAttribution.lines(file, r, (id) => names.get(id) ?? id)) console.log(line);
    });
}
