/**
 * The performance docs name the benchmarks `npm run bench` has, and only
 * those (no benchmark run: names only). docs/performance.md's "What each
 * benchmark does" table lists every benchmark of bench/registry.ts once; the
 * README's Performance table has a row for each, measured with
 * `npm run bench … --only NAME`; every `--only` list in either file, and the
 * benchmark of each row of "Goals at a glance", is one the registry has.
 */
import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { BENCHMARKS } from "../../bench/registry.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const read = (path: string) => readFileSync(join(ROOT, path), "utf-8");
const registry = BENCHMARKS.map((b) => b.name).sort();

/** The body rows (cells trimmed) of the first table under the heading `title` (any level). */
function tableUnder(markdown: string, title: string): string[][] {
  const lines = markdown.split("\n");
  const at = lines.findIndex((l) => /^#+ /.test(l) && l.replace(/^#+ /, "").trim() === title);
  if (at < 0) throw new Error(`no heading "${title}"`);
  const rows: string[][] = [];
  for (let i = at + 1; i < lines.length && !/^#+ /.test(lines[i]); i++) {
    if (!lines[i].startsWith("|")) {
      if (rows.length) break;
      continue;
    }
    rows.push(lines[i].slice(1, -1).split(" | ").map((c) => c.trim()));
  }
  return rows.slice(2); // header and separator
}

/** Benchmark names in every `--only a,b` of a text. */
const onlyNames = (text: string) => [...text.matchAll(/--only ([\w-]+(?:,[\w-]+)*)/g)].flatMap((m) => m[1].split(","));
/** The first backticked word of a cell. */
const firstCode = (cell: string) => /`([^`]+)`/.exec(cell)?.[1] ?? "";

describe("performance docs and bench/registry.ts", () => {
  const perf = read("docs/performance.md");
  const readme = read("README.md");

  it("lists every benchmark once in docs/performance.md's table of what each does", () => {
    const names = tableUnder(perf, "What each benchmark does").map((row) => firstCode(row[0]));
    expect(names.slice().sort()).toEqual(registry);
  });

  it("has a README Performance row measured by npm run bench for each benchmark, and no other", () => {
    const rows = tableUnder(readme, "Performance");
    expect(rows.length).toBeGreaterThan(0);
    for (const row of rows) expect(row.join(" | ")).toMatch(/npm run bench\b.*--only [\w-]+/);
    expect([...new Set(rows.flatMap((row) => onlyNames(row.join(" | "))))].sort()).toEqual(registry);
  });

  it("names only registry benchmarks in the goals tables and in every --only", () => {
    // A goal row names its benchmark, or "all" for a goal about the benchmark itself.
    const goals = tableUnder(perf, "Goals at a glance").filter((row) => row[1] !== "all").map((row) => firstCode(row[1]));
    expect(goals.length).toBeGreaterThan(0);
    for (const name of [...goals, ...onlyNames(perf), ...onlyNames(readme)]) expect(registry).toContain(name);
  });
});
