/**
 * Everything `cchc` prints reads in Vietnamese: the help of every command, commander's own parse
 * errors, the errors main() prints, and the output of `report` and `eval` on small fixtures. The
 * check is independent of pipelines/cli/messages.ts: a list of English words that must not be
 * left in what a user reads (after removing what is typed, not read: flags, paths, codes, quoted
 * values), and Vietnamese diacritics that must be there. `--json` parses and carries the numbers
 * the Vietnamese line shows.
 */
import { spawnSync } from "node:child_process";
import { rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join } from "node:path";
import type { Command } from "commander";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { COMMAND_MODULES } from "../../pipelines/cli/index.ts";
import { crawl, files, help, pct1, report, site } from "../../pipelines/cli/messages.ts";
import { newProgram } from "../../pipelines/cli/program.ts";
import { readAttributionLine } from "../../pipelines/attribute/input.ts";
import { parseMonth } from "../../pipelines/briefing/briefing.ts";
import { parseFaultList } from "../../pipelines/farm/faults.ts";
import { groupByCron } from "../../pipelines/schedule/schedule.ts";
import { buildWarehouse, FIXTURE_REGISTRY } from "../report/helpers.ts";
import { writeLabelledItems } from "../fixtures/labelled-items.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const cchc = (...args: string[]) => spawnSync(process.execPath, [join(ROOT, "bin", "cchc.mjs"), ...args], { cwd: ROOT, encoding: "utf-8" });

/** English words a Vietnamese sentence of the CLI never needs (technical terms such as F1 or "precision" are not listed). */
const ENGLISH = [
  "the", "and", "or", "of", "to", "with", "without", "from", "into", "for", "on", "at", "by", "is", "are", "was", "be",
  "not", "no", "none", "only", "this", "these", "that", "each", "every", "when", "must", "cannot", "did", "you", "mean",
  "error", "warning", "unknown", "option", "options", "command", "commands", "usage", "arguments", "argument", "display",
  "missing", "required", "allowed", "choices", "default", "too", "many", "expected", "got", "file", "folder", "directory",
  "warehouse", "agencies", "agency", "targets", "target", "articles", "article", "items", "item", "rows", "row", "new",
  "written", "wrote", "print", "prints", "write", "writes", "read", "reads", "run", "runs", "per",
  "countable", "unattributed", "attributed", "analysed", "clusters", "overridden", "misclassified", "misses", "changed",
  "unchanged", "failed", "pages", "titles", "sources", "plans", "tasks", "loaded", "validate", "year", "month", "day",
];
const ENGLISH_WORD = new RegExp(`(?<![\\p{L}\\p{N}_./-])(${ENGLISH.join("|")})(?![\\p{L}\\p{N}_/-])`, "giu");

/**
 * What a user reads of `text`: without command names (typed, as in "cchc report" or the help's
 * list of commands), flags, paths, URLs, codes, placeholders and quoted or bracketed values.
 */
function readable(text: string): string {
  return withoutCommandNames(text)
    .replace(/`[^`]*`/g, " ")
    .replace(/\bcchc(?: [a-z][a-z-]*){1,2}/g, " ")
    .replace(/"[^"\n]*"|'[^'\n]*'|“[^”\n]*”/g, " ")
    .replace(/\{[^}\n]*\}|<[^>\n]*>|\[[^\]\n]*\]/g, " ")
    .replace(/\w+:\/\/\S*/g, " ")
    .replace(/(^|\s)--?[\w-]+/g, " ")
    .replace(/\S*\w[/_.@]\w\S*/g, " ")
    .replace(/\S*:\d+\S*/g, " ");
}

/** The help's list of commands ("Lệnh:" up to a blank line) without the command name at the start of each of its lines. */
function withoutCommandNames(text: string): string {
  let inCommands = false;
  return text
    .split("\n")
    .map((line) => {
      if (line === "Lệnh:") inCommands = true;
      else if (line.trim() === "") inCommands = false;
      else if (inCommands) return line.replace(/^ {2}[a-z][a-z-]*(?= |$)/, " ");
      return line;
    })
    .join("\n");
}

/** The English words left in `text` (none: it reads in Vietnamese). */
const englishIn = (text: string): string[] => [...readable(text).matchAll(ENGLISH_WORD)].map((m) => m[1]);

const VIETNAMESE = /[àáảãạăằắẳẵặâầấẩẫậđèéẻẽẹêềếểễệìíỉĩịòóỏõọôồốổỗộơờớởỡợùúủũụưừứửữựỳýỷỹỵ]/iu;

function expectVietnamese(text: string, what: string): void {
  expect(text.trim(), what).not.toBe("");
  expect(englishIn(text), `${what}:\n${text}`).toEqual([]);
  expect(text, what).toMatch(VIETNAMESE);
}

/** The program with every command of COMMAND_MODULES registered, as bin/cchc.mjs builds it. */
async function builtProgram(): Promise<Command> {
  const program = newProgram();
  for (const m of COMMAND_MODULES) (await m.load())(program);
  return program;
}

/** Every command of the program with its path, subcommands included (`export evidence`). */
async function allCommands(program?: Command): Promise<{ path: string[]; command: Command }[]> {
  program ??= await builtProgram();
  const out: { path: string[]; command: Command }[] = [];
  const walk = (c: Command, path: string[]) => {
    for (const sub of c.commands) {
      out.push({ path: [...path, sub.name()], command: sub });
      walk(sub, [...path, sub.name()]);
    }
  };
  walk(program, []);
  return out;
}

describe("the English-word check itself", () => {
  it("finds English sentences and leaves flags, paths, codes and Vietnamese alone", () => {
    expect(englishIn("registry: 3 agencies, 5 targets; analysis: 10 articles")).toEqual(["agencies", "targets", "articles"]);
    expect(englishIn("error: unknown option '--x'")).toEqual(["error", "unknown", "option"]);
    expect(englishIn("tệp kho dữ liệu (mặc định: \"data/cchc.duckdb\") --db <tệp> registry/sources.yaml is_cchc; chạy cchc report")).toEqual([]);
    expect(englishIn("Lệnh:\n  agencies [tùy chọn]   liệt kê các cơ quan")).toEqual([]);
    // outside the list of commands, a line indented by two spaces keeps its first word
    expect(englishIn("Tùy chọn:\n  --db <tệp>  tệp kho\n\n  the warehouse")).toEqual(["the", "warehouse"]);
  });
});

describe("sentences of commands that run until stopped (schedule) or need the network (crawl)", () => {
  it("read in Vietnamese with vi-VN numbers and dates (Asia/Ho_Chi_Minh)", () => {
    const sources = ["demo-sotuphap", "demo-sonoivu"];
    const lines = [
      crawl.scheduleEvent({ type: "scheduled", cron: "*/30 * * * *", sources, next: "2026-12-04T19:00:00.000Z" }),
      crawl.scheduleEvent({ type: "run_start", cron: "*/30 * * * *", sources }),
      crawl.scheduleEvent({ type: "run_done", cron: "*/30 * * * *", sources, new_articles: 1234 }),
      crawl.scheduleEvent({ type: "run_failed", cron: "*/30 * * * *", sources, message: "kho dữ liệu đang bận" }),
      crawl.scheduleEvent({ type: "step_done", step: "build --no-crawl", code: 0 }),
      crawl.scheduleEvent({ type: "step_done", step: "build --no-crawl", code: 1 }),
      crawl.summary("r1", "data/cchc.duckdb", {
        a: { status: "ok", new_articles: 1000, corrections: 0, rechecked: 0, alarm_list: [] },
        b: { status: "partial", new_articles: 200, corrections: 2, rechecked: 3, alarm_list: [] },
      }),
      report.summary({ registry: { agencies: 1200, targets: 30 }, analysis: { articles: 1_000_000, cchc: 5, attributed: 4, unattributed: 1, clusters: 2, countable: 3, overridden: 0, overrides_imported: 0 }, coverage_rows: 7 }),
    ];
    for (const line of lines) expectVietnamese(line, line);
    expect(lines[0]).toContain("05/12/2026 02:00");
    expect(lines[2]).toContain("1.234 tin, bài mới");
    expect(lines[6]).toContain("1.200 tin, bài mới");
    expect(lines[6]).toContain("b (thành công một phần)");
    expect(lines[7]).toContain("1.000.000 tin, bài");
  });
});

describe("numbers, sizes and code lists in sentences", () => {
  it("one decimal for percentages, one MB rule (1 MB = 1.000.000 byte), plain labels in a list of codes", () => {
    expect(pct1(0.9234)).toBe("92,3%");
    expect(pct1(1)).toBe("100%");
    expect(site.copies({ written: 3, bytes: 1_500_000, missing: [] })).toBe("bản lưu: 3 trang (1,5 MB) trong ban-luu/");
    expect(files.parquetMart("items", 10, 2, 1_500_000)).toBe("items: 10 dòng, 2 tệp, 1,5 MB");
    expect(help.codes("task_state", ["done", "no_deadline"])).toBe("done (Hoàn thành), no_deadline (Chưa thực hiện, không có hạn cụ thể)");
  });
});

describe("every command registered in COMMAND_MODULES (drift guard)", () => {
  it("has a Vietnamese description, and so has each of its options and arguments", async () => {
    const commands = await allCommands();
    expect(commands.length).toBeGreaterThan(30);
    for (const { path, command } of commands) {
      const name = `cchc ${path.join(" ")}`;
      expectVietnamese(command.description(), name);
      for (const o of command.options.filter((x) => !x.hidden)) expectVietnamese(o.description, `${name} ${o.flags}`);
      for (const a of command.registeredArguments) expectVietnamese(a.description, `${name} <${a.name()}>`);
    }
  });
});

describe("cchc --help of every command", () => {
  it("reads in Vietnamese: titles, usage, descriptions, defaults and choices (the built program's help of each command)", async () => {
    const program = await builtProgram();
    const all = [{ path: [] as string[], command: program }, ...(await allCommands(program))];
    for (const { path, command } of all) {
      const name = `cchc ${[...path, "--help"].join(" ")}`;
      const text = command.helpInformation();
      expect(text, name).toMatch(/^Cách dùng: cchc/);
      expectVietnamese(text, name);
    }
  });

  it("is what the real CLI prints (a few commands run as a child process)", () => {
    for (const path of [[], ["report"], ["evidence", "template"], ["schedule"]]) {
      const run = cchc(...path, "--help");
      const name = `cchc ${[...path, "--help"].join(" ")}`;
      expect(run.status, `${name}: ${run.stderr}`).toBe(0);
      expect(run.stdout, name).toMatch(/^Cách dùng: cchc/);
      expectVietnamese(run.stdout, name);
    }
    const report = cchc("report", "--help").stdout;
    expect(report).toContain("Tùy chọn:");
    expect(report).toContain('(mặc định: "data/cchc.duckdb")');
    expect(report).toContain("hiển thị trợ giúp của lệnh");
    expect(cchc("evidence", "template", "--help").stdout.replace(/\s+/g, " ")).toContain('(lựa chọn: "csv", "xlsx", mặc định: "xlsx")');
    expect(cchc("--help").stdout).toMatch(/^Lệnh:$/m);
  }, 120_000);
});

describe("commander's errors and main()'s errors", () => {
  const cases: { args: string[]; says: string }[] = [
    { args: ["report", "--bogus"], says: "lỗi: không có tùy chọn '--bogus'" },
    { args: ["report", "--jsn"], says: "(Có phải ý bạn là --json?)" },
    { args: ["reprot"], says: "lỗi: không có lệnh 'reprot'\n(Có phải ý bạn là report?)" },
    { args: ["eval"], says: "lỗi: thiếu đối số bắt buộc 'tệp'" },
    { args: ["coverage"], says: "lỗi: thiếu tùy chọn bắt buộc '--year <năm>'" },
    { args: ["report", "--db"], says: "lỗi: tùy chọn '--db <tệp>' cần một giá trị" },
    { args: ["evidence", "template", "--format", "pdf", "--out", "x.pdf"], says: "lỗi: giá trị 'pdf' của tùy chọn '--format <định-dạng>' không hợp lệ; chỉ nhận: csv, xlsx" },
    { args: ["eval", "a.jsonl", "b.jsonl"], says: "lỗi: thừa đối số cho lệnh 'eval': lệnh nhận 1 đối số, đã nhập 2" },
    { args: ["coverage", "--year", "hai nghìn"], says: 'cchc: --year: "hai nghìn" không phải là năm' },
    { args: ["crawl", "--recheck-days", "-1", "--db", join(tmpdir(), "cchc-vi-never.duckdb")], says: 'cchc: --recheck-days: "-1" không phải số ngày nguyên ≥ 0' },
    { args: ["eval", join(tmpdir(), "cchc-vi-khong-co.jsonl")], says: `cchc: ${join(tmpdir(), "cchc-vi-khong-co.jsonl")}: không có tệp hoặc thư mục này` },
    { args: ["farm", "--faults", "bogus"], says: 'cchc: --faults: "bogus" không hợp lệ (chỉ nhận: ' },
    { args: ["crawl", "--farm", join(tmpdir(), "cchc-vi-khong-co.json"), "--db", join(tmpdir(), "cchc-vi-never.duckdb")], says: `cchc: ${join(tmpdir(), "cchc-vi-khong-co.json")}: không có tệp hoặc thư mục này` },
    { args: ["report", "--db", join(tmpdir(), "cchc-vi-khong-co.duckdb")], says: `cchc: kho dữ liệu ${join(tmpdir(), "cchc-vi-khong-co.duckdb")} không tồn tại` },
  ];
  for (const { args, says } of cases) {
    it(`cchc ${args.join(" ")}`, () => {
      const run = cchc(...args);
      expect(run.status, run.stderr).toBe(1);
      expect(run.stderr).toContain(says);
      // the first lines are the error (then, for a parse error, the command's help)
      const error = run.stderr.split("\n\nCách dùng:")[0];
      expectVietnamese(error, args.join(" "));
    });
  }
});

describe("errors raised by the pipelines for an option value or an input line", () => {
  const message = (f: () => unknown): string => {
    try {
      f();
    } catch (error) {
      return (error as Error).message;
    }
    throw new Error("did not throw");
  };
  it("read in Vietnamese (--month, --faults, a source's cron, attribution JSON lines)", () => {
    const cases: [() => unknown, string][] = [
      [() => parseMonth("2024-13"), '--month: "2024-13" không phải tháng dạng YYYY-MM'],
      [() => parseFaultList("bogus"), '--faults: "bogus" không hợp lệ (chỉ nhận: '],
      [() => groupByCron([{ source_id: "x", schedule: "mỗi ngày" } as never], "0 * * * *"), 'nguồn x: schedule: "mỗi ngày" không phải biểu thức cron'],
      [() => readAttributionLine("in.jsonl", 3, { title: 5 }), "in.jsonl:3: title: phải là chuỗi văn bản hoặc null"],
      [() => readAttributionLine("in.jsonl", 3, {}), 'in.jsonl:3: title: mỗi dòng cần có "title" hoặc "text"'],
      [() => readAttributionLine("in.jsonl", 3, { title: "a", date: "2024-13-01" }), 'in.jsonl:3: date: "2024-13-01" không phải ngày dạng YYYY-MM-DD'],
    ];
    for (const [f, says] of cases) {
      const text = message(f);
      expect(text).toContain(says);
      expectVietnamese(text, says);
    }
  });
});

describe("cchc report and cchc eval on small fixtures", () => {
  let db: string;
  beforeAll(async () => {
    db = await buildWarehouse({
      now: new Date(),
      sources: [{ id: "stp", agency_id: "so-tu-phap", channel: "provincial_portal" }],
      articles: [
        { source: "stp", id: "1", title: "Sở Tư pháp cải cách thủ tục hành chính", published_at: "2024-02-10T09:00:00+07:00" },
        { source: "stp", id: "2", title: "Giải bóng đá thiếu niên", published_at: "2024-02-12T09:00:00+07:00", body: "Các đội thi đấu sôi nổi trên sân vận động tỉnh." },
      ],
    });
  });
  afterAll(() => rmSync(dirname(db), { recursive: true, force: true }));

  /** The numbers of a sentence, vi-VN ("1.234" is 1234), in order. */
  const numbers = (line: string) => [...line.matchAll(/\d{1,3}(?:\.\d{3})*(?!\d)/g)].map((m) => Number(m[0].replaceAll(".", "")));

  it("`cchc report` prints one Vietnamese line, and `--json` the same numbers as JSON", () => {
    const run = cchc("report", "--db", db, "--registry", FIXTURE_REGISTRY);
    expect(run.status, run.stderr).toBe(0);
    expectVietnamese(run.stdout, "cchc report");
    const line = run.stdout.trim().split("\n").at(-1)!;
    expect(line).toMatch(/^danh mục: \d+ cơ quan, \d+ chỉ tiêu; phân tích: \d+ tin, bài, /);
    const json = cchc("report", "--db", db, "--registry", FIXTURE_REGISTRY, "--json");
    expect(json.status, json.stderr).toBe(0);
    const s = JSON.parse(json.stdout) as { registry: { agencies: number; targets: number }; analysis: Record<string, number>; coverage_rows: number };
    expect(s.analysis.articles).toBe(2);
    expect(numbers(line)).toEqual([s.registry.agencies, s.registry.targets, s.analysis.articles, s.analysis.cchc, s.analysis.unattributed, s.analysis.countable, s.coverage_rows]);
  }, 120_000);

  it("`cchc eval` prints its metrics in Vietnamese, and `--json` the same counts", () => {
    const file = writeLabelledItems("cchc-vi-eval-");
    try {
      const run = cchc("eval", file);
      expect(run.status, run.stderr).toBe(0);
      expectVietnamese(run.stdout, "cchc eval");
      const json = JSON.parse(cchc("eval", "--json", file).stdout) as { n: number; tp: number; fp: number; fn: number; tn: number };
      expect(run.stdout).toContain(`${file}: ${json.n} mục (${json.tp + json.fn} CCHC, ${json.tn + json.fp} không phải CCHC)`);
      expect(run.stdout).toContain(`(đúng CCHC ${json.tp}, nhận nhầm ${json.fp}, bỏ sót ${json.fn}, đúng là không phải CCHC ${json.tn})`);
      writeFileSync(
        file,
        [
          { id: "r1", title: "Sở Tư pháp tổ chức hội thi", text: "", date: "2024-01-02", channel_hint: "newspaper", expected_agency: "so-tu-phap", acceptable: [] },
          { id: "r2", title: "Lễ hội trái cây", text: "", date: null, channel_hint: "newspaper", expected_agency: "so-cong-thuong", acceptable: [] },
          { id: "r3", title: "Sở Y tế tổ chức khám bệnh", text: "", date: "2024-01-02", channel_hint: "newspaper", expected_agency: null, acceptable: [] },
        ]
          .map((x) => JSON.stringify(x))
          .join("\n"),
      );
      const attribution = cchc("eval-attribution", file);
      expect(attribution.status, attribution.stderr).toBe(0);
      // A miss's second line is the attribution's evidence trace (pipelines/attribute, stored as is in the warehouse): not checked here.
      const read = attribution.stdout.split("\n").filter((l) => !l.startsWith("      ")).join("\n");
      expectVietnamese(read, "cchc eval-attribution");
      expect(read).toContain("ghi nhầm: cần không cơ quan nào, kết quả Sở Y tế tỉnh Tây Ninh (so-y-te)");
    } finally {
      rmSync(dirname(file), { recursive: true, force: true });
    }
  }, 60_000);
});
