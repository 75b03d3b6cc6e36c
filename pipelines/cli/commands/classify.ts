/**
 * `cchc classify` (JSON lines on stdin → same lines with the classification added),
 * `cchc eval FILE` (metrics against labelled lines), `cchc analyse`, `cchc override`.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { classify, defaultLexicon, loadLexicon, type Lexicon } from "../../classify/index.ts";
import { evaluate, type Labelled } from "../../classify/evaluate.ts";

function lexiconFrom(path: string | undefined): Lexicon {
  return path ? loadLexicon(path) : defaultLexicon();
}

/** Parse one JSON line holding an object; a bad line is an error naming label:line. */
export function parseJsonLine(label: string, line: number, raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(`${label}:${line}: (line): not JSON (${(error as Error).message})`);
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(`${label}:${line}: (line): expected a JSON object`);
  return value as Record<string, unknown>;
}

/** Parse a JSON-lines file's text, skipping blank lines. */
export function parseJsonLines(label: string, text: string): { line: number; value: Record<string, unknown> }[] {
  const out: { line: number; value: Record<string, unknown> }[] = [];
  text.split("\n").forEach((raw, i) => {
    if (raw.trim()) out.push({ line: i + 1, value: parseJsonLine(label, i + 1, raw) });
  });
  return out;
}

function checkText(label: string, line: number, v: Record<string, unknown>): void {
  for (const field of ["title", "text"]) {
    if (v[field] !== undefined && v[field] !== null && typeof v[field] !== "string") throw new Error(`${label}:${line}: ${field}: must be a string`);
  }
  if (typeof v.title !== "string" && typeof v.text !== "string") throw new Error(`${label}:${line}: title: a line needs "title" or "text"`);
}

const pct = (x: number) => `${(x * 100).toFixed(1)} %`;

export function registerClassifyCommands(program: Command): void {
  program
    .command("classify")
    .description("read JSON lines {title, text} on stdin; write them with is_cchc, score, areas, indices, tthc_fields, matched added")
    .option("--lexicon <file>", "lexicon file (default: registry/lexicon.yaml)")
    .action(async (opts) => {
      const lexicon = lexiconFrom(opts.lexicon);
      const rl = createInterface({ input: process.stdin, crlfDelay: Infinity });
      let n = 0;
      for await (const raw of rl) {
        n++;
        if (!raw.trim()) continue;
        const value = parseJsonLine("stdin", n, raw);
        checkText("stdin", n, value);
        const c = classify({ title: value.title as string, text: value.text as string }, lexicon);
        const out = { ...value, is_cchc: c.is_cchc, score: c.score, areas: c.areas, primary_area: c.primary_area, indices: c.indices, tthc_fields: c.tthc_fields, matched: c.matched };
        process.stdout.write(`${JSON.stringify(out)}\n`);
      }
    });

  program
    .command("eval")
    .description("measure the classifier on labelled JSON lines (is_cchc, cchc_area): precision, recall, F1, area accuracy, misclassified titles")
    .option("--lexicon <file>", "lexicon file (default: registry/lexicon.yaml)")
    .option("--json", "print the report as JSON")
    .argument("<file>", "labelled JSON lines")
    .action((file: string, opts) => {
      const lexicon = lexiconFrom(opts.lexicon);
      const rows = parseJsonLines(file, readFileSync(file, "utf-8"));
      const items: Labelled[] = rows.map(({ line, value }) => {
        checkText(file, line, value);
        if (typeof value.is_cchc !== "boolean") throw new Error(`${file}:${line}: is_cchc: must be true or false`);
        if (value.cchc_area !== undefined && value.cchc_area !== null && typeof value.cchc_area !== "string") throw new Error(`${file}:${line}: cchc_area: must be a string or null`);
        return value as unknown as Labelled;
      });
      const predictions = items.map((it) => classify({ title: it.title, text: it.text }, lexicon));
      const r = evaluate(items, predictions, rows.map((x) => x.line));
      if (opts.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      console.log(`${file}: ${r.n} items (${r.tp + r.fn} CCHC, ${r.tn + r.fp} not)`);
      console.log(`is_cchc   precision ${pct(r.precision)}  recall ${pct(r.recall)}  F1 ${pct(r.f1)}   (tp ${r.tp}, fp ${r.fp}, fn ${r.fn}, tn ${r.tn})`);
      console.log(`area      accuracy ${pct(r.area_accuracy)} (${r.area_correct}/${r.area_n} CCHC items with a labelled area; a missed item counts as wrong)`);
      if (r.misclassified.length) {
        console.log("\nMisclassified (is_cchc):");
        for (const m of r.misclassified) console.log(`  ${file}:${m.line}  expected ${m.expected}, got ${m.got} (score ${m.score})  ${m.title}`);
      }
      if (r.wrong_area.length) {
        console.log("\nWrong primary area:");
        for (const m of r.wrong_area) console.log(`  ${file}:${m.line}  expected ${m.expected}, got ${m.got} (score ${m.score})  ${m.title}`);
      }
    });
}
