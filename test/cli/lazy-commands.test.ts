import { spawnSync } from "node:child_process";
import { join } from "node:path";
import { Command } from "commander";
import { describe, expect, it } from "vitest";
import { COMMAND_MODULES, commandNamed } from "../../pipelines/cli/index.ts";

const ROOT = join(import.meta.dirname, "..", "..");
const PROBE = join(ROOT, "test", "fixtures", "loaded-packages.cjs");

/** Run `cchc args` and say which of `packages` the process loaded. */
function packagesLoaded(args: string[], packages: string[]): { status: number | null; stdout: string; loaded: string[] } {
  const r = spawnSync(process.execPath, ["--require", PROBE, "bin/cchc.mjs", ...args], {
    cwd: ROOT,
    encoding: "utf-8",
    env: { ...process.env, LOADED_PACKAGES: packages.join(",") },
  });
  const line = /loaded-packages: (\[.*\])/.exec(r.stderr);
  if (!line) throw new Error(`no report of the loaded packages: ${r.stderr}`);
  return { status: r.status, stdout: r.stdout, loaded: JSON.parse(line[1]) as string[] };
}

describe("cchc loads only the command it runs", () => {
  it("each module registers exactly the commands the table names for it", async () => {
    for (const m of COMMAND_MODULES) {
      const program = new Command("cchc");
      (await m.load())(program);
      expect(program.commands.map((c) => c.name()).sort()).toEqual([...m.names].sort());
    }
  });

  it("finds the command a command line names", () => {
    expect(commandNamed(["node", "cchc", "report", "--db", "x"])).toBe("report");
    expect(commandNamed(["node", "cchc", "help", "export"])).toBe("export");
    expect(commandNamed(["node", "cchc", "--help"])).toBeNull();
    expect(commandNamed(["node", "cchc"])).toBeNull();
  });

  it("`cchc report` loads neither exceljs, fastify nor the archived copies' decoding (iconv-lite); the commands that need them do", () => {
    const report = packagesLoaded(["report", "--help"], ["exceljs", "fastify", "iconv-lite"]);
    expect(report.status).toBe(0);
    expect(report.stdout).toContain("Cách dùng: cchc report");
    expect(report.loaded).toEqual([]);
    // the probe sees them when a command needs them
    expect(packagesLoaded(["serve", "--help"], ["fastify"]).loaded).toEqual(["fastify"]);
    expect(packagesLoaded(["export", "evidence", "--help"], ["exceljs"]).loaded).toEqual(["exceljs"]);
    expect(packagesLoaded(["crawl", "--help"], ["iconv-lite"]).loaded).toEqual(["iconv-lite"]);
  });

  it("`cchc --help` lists every command, in the table's order; `export` has both its subcommands", () => {
    const r = packagesLoaded(["--help"], []);
    expect(r.status).toBe(0);
    const listed = [...r.stdout.matchAll(/^ {2}([a-z-]+)[ [<]/gm)].map((m) => m[1]).filter((n) => n !== "help");
    expect(listed).toEqual([...new Set(COMMAND_MODULES.flatMap((m) => m.names))]);
    const exp = packagesLoaded(["export", "--help"], []);
    expect(exp.stdout).toMatch(/^ {2}evidence /m);
    expect(exp.stdout).toMatch(/^ {2}parquet /m);
  });
});
