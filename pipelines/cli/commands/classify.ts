/**
 * `cchc classify` (JSON lines on stdin → same lines with the classification added),
 * `cchc eval FILE` (metrics against labelled lines), `cchc analyse`, `cchc override`,
 * `cchc overrides-export`.
 */
import { readFileSync } from "node:fs";
import { createInterface } from "node:readline";
import type { Command } from "commander";
import { classify, defaultLexicon, loadLexicon, type Lexicon } from "../../classify/index.ts";
import { evaluate, type Labelled } from "../../classify/evaluate.ts";
import { makeOverride, type OverrideRequest } from "../../overrides/overrides.ts";
import { defaultOverridesFile, exportOverridesFile, importOverridesFile, recordOverride } from "../../overrides/store.ts";
import { loadRegistry } from "../../registry/load.ts";
import { DEFAULT_WAREHOUSE, type Warehouse, withWarehouse } from "../../warehouse/db.ts";
import { analysisScopeMessage } from "../../analyse/fingerprint.ts";
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { refreshLiveSite } from "../../site/build.ts";

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

/**
 * Labels kept apart from the texts (e.g. the project's own topic labels for a shared set whose texts
 * must not be copied): each label line {id, is_cchc, cchc_area?} replaces the labels of FILE's item
 * with that id. A label whose id FILE lacks is an error; items without a label are left out.
 */
export function withLabels(file: string, rows: { line: number; value: Record<string, unknown> }[], labelsFile: string) {
  const byId = new Map(rows.map((r) => [String(r.value.id ?? ""), r]));
  const out: { line: number; value: Record<string, unknown> }[] = [];
  for (const { line, value } of parseJsonLines(labelsFile, readFileSync(labelsFile, "utf-8"))) {
    if (typeof value.id !== "string") throw new Error(`${labelsFile}:${line}: id: must be a string`);
    const item = byId.get(value.id);
    if (!item) throw new Error(`${labelsFile}:${line}: id: no item "${value.id}" in ${file}`);
    out.push({ line: item.line, value: { ...item.value, is_cchc: value.is_cchc, cchc_area: value.cchc_area ?? null } });
  }
  return out;
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
      // Output is written only when every line was valid: a bad line leaves nothing half-written.
      const out: string[] = [];
      let n = 0;
      for await (const raw of rl) {
        n++;
        if (!raw.trim()) continue;
        const value = parseJsonLine("stdin", n, raw);
        checkText("stdin", n, value);
        const c = classify({ title: value.title as string, text: value.text as string }, lexicon);
        out.push(JSON.stringify({ ...value, is_cchc: c.is_cchc, score: c.score, areas: c.areas, primary_area: c.primary_area, indices: c.indices, tthc_fields: c.tthc_fields, matched: c.matched }));
      }
      if (out.length) process.stdout.write(`${out.join("\n")}\n`);
    });

  program
    .command("eval")
    .description("measure the classifier on labelled JSON lines (is_cchc, cchc_area): precision, recall, F1, area accuracy, misclassified titles")
    .option("--lexicon <file>", "lexicon file (default: registry/lexicon.yaml)")
    .option("--json", "print the report as JSON")
    .option("--labels <file>", "JSON lines {id, is_cchc, cchc_area?} that label FILE's items by id (FILE's own labels are ignored; unlabelled items are left out)")
    .argument("<file>", "labelled JSON lines")
    .action((file: string, opts) => {
      const lexicon = lexiconFrom(opts.lexicon);
      let rows = parseJsonLines(file, readFileSync(file, "utf-8"));
      if (opts.labels) rows = withLabels(file, rows, opts.labels);
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

  program
    .command("analyse")
    .description("classify, attribute and cluster every article, apply analyst overrides, then recompute coverage (the whole report step), so every number reflects them")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--lexicon <file>", "lexicon file (default: registry/lexicon.yaml)")
    .option("--registry <dir>", "registry directory (agencies for attribution; default: registry/)")
    .option("--overrides <file>", "overrides file to import first (default: overrides.jsonl next to the warehouse)")
    .option("--full", "analyse every article again (default: only new and changed articles, unless the lexicon, agencies, sources or analysis code changed)")
    .action(async (opts) => {
      const s = await refreshAfterCrawl(opts.db, { lexicon: opts.lexicon, registryDir: opts.registry, overridesFile: opts.overrides, full: Boolean(opts.full) });
      if (await refreshLiveSite(opts.db)) console.log("trang đang chạy (cchc start) sẽ hiện số liệu mới khi tải lại trang");
      console.log(analysisScopeMessage(s.analysis));
      const a = s.analysis;
      console.log(
        `analysed ${a.articles} articles: ${a.cchc} CCHC, ${a.attributed} attributed, ${a.unattributed} unattributed, ` +
          `${a.clusters} clusters, ${a.countable} countable items, ${a.overridden} overridden (${a.overrides_imported} overrides imported from file); ` +
          `coverage: ${s.coverage_rows} rows`,
      );
    });

  program
    .command("override")
    .description("record an analyst override for one article (kept across re-crawls and re-analysis) and take it to every number: analysis and coverage are recomputed")
    .requiredOption("--article <id>", "article id (<source_id>:<item_id>)")
    .option("--include", "count the item as CCHC")
    .option("--exclude", "do not count the item")
    .option("--areas <list>", "reform areas, comma-separated, primary first")
    .option("--agency <id>", "credit the item to this agency ('none' = unattributed)")
    .requiredOption("--by <name>", "who made the change")
    .requiredOption("--why <text>", "why")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--overrides <file>", "overrides file (default: overrides.jsonl next to the warehouse)")
    .option("--registry <dir>", "registry directory (to check --agency)")
    .action(async (opts) => {
      if (opts.include && opts.exclude) throw new Error("--include and --exclude: choose one");
      const base = { article_id: opts.article as string, by: opts.by as string, why: opts.why as string };
      const requests: OverrideRequest[] = [];
      if (opts.include) requests.push({ ...base, action: "include" });
      if (opts.exclude) requests.push({ ...base, action: "exclude" });
      if (opts.areas !== undefined) requests.push({ ...base, action: "areas", areas: String(opts.areas).split(",").map((a) => a.trim()).filter(Boolean) });
      if (opts.agency !== undefined) {
        const agency = opts.agency === "none" ? null : String(opts.agency);
        if (agency && !loadRegistry(opts.registry).agencies.some((a) => a.id === agency)) throw new Error(`--agency: no agency "${agency}" in the registry`);
        requests.push({ ...base, action: "agency", agency_id: agency });
      }
      if (!requests.length) throw new Error("nothing to do: give --include, --exclude, --areas or --agency");
      const now = new Date();
      const overrides = requests.map((r) => makeOverride(r, now));
      const file = opts.overrides ?? defaultOverridesFile(opts.db);
      const countedIn = (w: Warehouse) =>
        w.all(
          `SELECT c.plan || ' ' || c.clause || ' · ' || coalesce(a.name, c.agency_id) || ' · ' || c.period_label AS row, c.actual
           FROM coverage_items ci JOIN coverage c USING (target_id, agency_id, period) LEFT JOIN agencies a ON a.agency_id = c.agency_id
           WHERE ci.item_key = $key ORDER BY 1`,
          { key: `article:${opts.article}` },
        );
      const before = await withWarehouse(opts.db, async (w) => {
        const rows = await countedIn(w);
        await importOverridesFile(w, file); // entries made against another copy of the warehouse
        await w.transaction(async () => {
          for (const o of overrides) await recordOverride(w, o);
        });
        await exportOverridesFile(w, file);
        for (const o of overrides) console.log(`override ${o.override_id}: ${o.action} ${o.article_id} by ${o.by} at ${o.at} (written to ${file})`);
        return rows;
      });
      // One command takes the override to every number: analysis, coverage and every mart.
      const s = await refreshAfterCrawl(opts.db, { registryDir: opts.registry, overridesFile: file });
      if (await refreshLiveSite(opts.db)) console.log("trang đang chạy (cchc start) sẽ hiện số liệu mới khi tải lại trang");
      const after = await withWarehouse(opts.db, countedIn, { readOnly: true });
      console.log(`đã tính lại số liệu: ${s.coverage_rows} dòng chỉ tiêu; bài này hiện được tính ở ${after.length} dòng (trước đó: ${before.length})`);
      const left = before.filter((b) => !after.some((a) => a.row === b.row));
      for (const r of left) console.log(`  không còn được tính: ${r.row}`);
      for (const r of after.filter((a) => !before.some((b) => b.row === a.row))) console.log(`  nay được tính: ${r.row} (${r.actual})`);
    });

  program
    .command("overrides-export")
    .description("write every analyst override in the warehouse to the JSON-lines file the site reads")
    .option("--db <file>", "warehouse file", DEFAULT_WAREHOUSE)
    .option("--out <file>", "output file (default: overrides.jsonl next to the warehouse)")
    .action(async (opts) => {
      await withWarehouse(opts.db, async (w) => {
        const out = opts.out ?? defaultOverridesFile(opts.db);
        const n = await exportOverridesFile(w, out);
        console.log(`wrote ${n} overrides to ${out}`);
      });
    });
}
