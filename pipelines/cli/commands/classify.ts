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
import { refreshAfterCrawl } from "../../report/refresh.ts";
import { refreshLiveSite } from "../../site/build.ts";
import { evalClassifier, jsonLines, override as say, report, usage } from "../messages.ts";

function lexiconFrom(path: string | undefined): Lexicon {
  return path ? loadLexicon(path) : defaultLexicon();
}

/** Parse one JSON line holding an object; a bad line is an error naming label:line. */
export function parseJsonLine(label: string, line: number, raw: string): Record<string, unknown> {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch (error) {
    throw new Error(jsonLines.notJson(`${label}:${line}`, (error as Error).message));
  }
  if (value === null || typeof value !== "object" || Array.isArray(value)) throw new Error(jsonLines.notObject(`${label}:${line}`));
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
    if (v[field] !== undefined && v[field] !== null && typeof v[field] !== "string") throw new Error(jsonLines.notStringOrNull(`${label}:${line}`, field));
  }
  if (typeof v.title !== "string" && typeof v.text !== "string") throw new Error(jsonLines.needsText(`${label}:${line}`));
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
    if (typeof value.id !== "string") throw new Error(jsonLines.notString(`${labelsFile}:${line}`, "id"));
    const item = byId.get(value.id);
    if (!item) throw new Error(jsonLines.noItem(`${labelsFile}:${line}`, value.id, file));
    out.push({ line: item.line, value: { ...item.value, is_cchc: value.is_cchc, cchc_area: value.cchc_area ?? null } });
  }
  return out;
}

export function registerClassifyCommands(program: Command): void {
  program
    .command("classify")
    .description("đọc các dòng JSON {title, text} từ stdin; ghi lại từng dòng kèm kết quả phân loại (is_cchc, score, areas, indices, tthc_fields, matched)")
    .option("--lexicon <tệp>", "tệp từ điển phân loại (mặc định: registry/lexicon.yaml)")
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
    .description("đánh giá bộ phân loại trên các dòng JSON đã gán nhãn (is_cchc, cchc_area): độ chính xác (precision), độ nhạy (recall), F1, tỷ lệ đúng lĩnh vực, các tiêu đề phân loại sai")
    .option("--lexicon <tệp>", "tệp từ điển phân loại (mặc định: registry/lexicon.yaml)")
    .option("--json", "in kết quả dạng JSON")
    .option("--labels <tệp>", "các dòng JSON {id, is_cchc, cchc_area?} gán nhãn cho các mục của TỆP theo id (bỏ qua nhãn trong TỆP; mục không có nhãn bị loại)")
    .argument("<tệp>", "các dòng JSON đã gán nhãn")
    .action((file: string, opts) => {
      const lexicon = lexiconFrom(opts.lexicon);
      let rows = parseJsonLines(file, readFileSync(file, "utf-8"));
      if (opts.labels) rows = withLabels(file, rows, opts.labels);
      const items: Labelled[] = rows.map(({ line, value }) => {
        checkText(file, line, value);
        if (typeof value.is_cchc !== "boolean") throw new Error(jsonLines.notBoolean(`${file}:${line}`, "is_cchc"));
        if (value.cchc_area !== undefined && value.cchc_area !== null && typeof value.cchc_area !== "string") throw new Error(jsonLines.notStringOrNull(`${file}:${line}`, "cchc_area"));
        return value as unknown as Labelled;
      });
      const predictions = items.map((it) => classify({ title: it.title, text: it.text }, lexicon));
      const r = evaluate(items, predictions, rows.map((x) => x.line));
      if (opts.json) {
        console.log(JSON.stringify(r, null, 2));
        return;
      }
      for (const line of evalClassifier.lines(file, r)) console.log(line);
    });

  program
    .command("analyse")
    .description("phân loại, xác định cơ quan và gộp tin trùng cho mọi tin, bài, áp dụng điều chỉnh của cán bộ rồi tính lại độ phủ (toàn bộ bước báo cáo), để mọi số liệu phản ánh các điều chỉnh đó")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--lexicon <tệp>", "tệp từ điển phân loại (mặc định: registry/lexicon.yaml)")
    .option("--registry <thư-mục>", "thư mục danh mục (cơ quan để xác định nguồn tin; mặc định: registry/)")
    .option("--overrides <tệp>", "tệp điều chỉnh nhập trước (mặc định: overrides.jsonl cạnh kho dữ liệu)")
    .option("--full", "phân tích lại mọi tin, bài (mặc định: chỉ tin, bài mới hoặc đã đổi, trừ khi từ điển phân loại, danh sách cơ quan, nguồn tin hoặc cách phân tích của phần mềm đã đổi)")
    .action(async (opts) => {
      const s = await refreshAfterCrawl(opts.db, { lexicon: opts.lexicon, registryDir: opts.registry, overridesFile: opts.overrides, full: Boolean(opts.full) });
      if (await refreshLiveSite(opts.db)) console.log(report.liveSiteRefreshes);
      console.log(report.analysisScope(s.analysis));
      console.log(report.analysed(s));
    });

  program
    .command("override")
    .description("ghi một điều chỉnh của cán bộ cho một tin, bài (giữ qua các lần thu thập và phân tích lại) và đưa nó vào mọi số liệu: tính lại phân tích và độ phủ")
    .requiredOption("--article <mã>", "mã tin, bài (<source_id>:<item_id>)")
    .option("--include", "tính mục này là tin, bài CCHC")
    .option("--exclude", "không tính mục này")
    .option("--areas <danh-sách>", "lĩnh vực cải cách, cách nhau bằng dấu phẩy, lĩnh vực chính trước")
    .option("--agency <mã>", "ghi nhận mục cho cơ quan này ('none' = chưa xác định cơ quan)")
    .requiredOption("--by <tên>", "người điều chỉnh")
    .requiredOption("--why <lý-do>", "lý do điều chỉnh")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--overrides <tệp>", "tệp điều chỉnh (mặc định: overrides.jsonl cạnh kho dữ liệu)")
    .option("--registry <thư-mục>", "thư mục danh mục (để kiểm tra --agency)")
    .action(async (opts) => {
      if (opts.include && opts.exclude) throw new Error(say.includeAndExclude);
      const base = { article_id: opts.article as string, by: opts.by as string, why: opts.why as string };
      const requests: OverrideRequest[] = [];
      if (opts.include) requests.push({ ...base, action: "include" });
      if (opts.exclude) requests.push({ ...base, action: "exclude" });
      if (opts.areas !== undefined) requests.push({ ...base, action: "areas", areas: String(opts.areas).split(",").map((a) => a.trim()).filter(Boolean) });
      if (opts.agency !== undefined) {
        const agency = opts.agency === "none" ? null : String(opts.agency);
        if (agency && !loadRegistry(opts.registry).agencies.some((a) => a.id === agency)) throw new Error(usage.noAgency("--agency", agency, "danh mục"));
        requests.push({ ...base, action: "agency", agency_id: agency });
      }
      if (!requests.length) throw new Error(say.nothingToDo);
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
        for (const o of overrides) console.log(say.recorded(o, file));
        return rows;
      });
      // One command takes the override to every number: analysis, coverage and every mart.
      const s = await refreshAfterCrawl(opts.db, { registryDir: opts.registry, overridesFile: file });
      if (await refreshLiveSite(opts.db)) console.log(report.liveSiteRefreshes);
      const after = await withWarehouse(opts.db, countedIn, { readOnly: true });
      console.log(say.recomputed(s.coverage_rows, after.length, before.length));
      const left = before.filter((b) => !after.some((a) => a.row === b.row));
      for (const r of left) console.log(say.noLongerCounted(String(r.row)));
      for (const r of after.filter((a) => !before.some((b) => b.row === a.row))) console.log(say.nowCounted(String(r.row), Number(r.actual)));
    });

  program
    .command("overrides-export")
    .description("ghi mọi điều chỉnh của cán bộ trong kho dữ liệu ra tệp JSON lines mà trang đọc")
    .option("--db <tệp>", "tệp kho dữ liệu", DEFAULT_WAREHOUSE)
    .option("--out <tệp>", "tệp kết quả (mặc định: overrides.jsonl cạnh kho dữ liệu)")
    .action(async (opts) => {
      await withWarehouse(opts.db, async (w) => {
        const out = opts.out ?? defaultOverridesFile(opts.db);
        const n = await exportOverridesFile(w, out);
        console.log(say.exported(n, out));
      });
    });
}
