/**
 * The `cchc` command. Subcommands are thin: parse flags, call one pipeline
 * function, print. Each area registers its own commands from commands/<area>.ts.
 */
import { type Command, CommanderError } from "commander";
import { cliError } from "./messages.ts";
import { newProgram } from "./program.ts";

type Register = (program: Command) => void;

/**
 * Each area's module of commands, in the order the help lists them, with the top-level commands it
 * registers. A run imports only the modules of the command it names (each module loads its own
 * pipelines, and some load exceljs, fastify or the site builder): `cchc report` does not pay for
 * the workbench or the spreadsheet exports. Without a known command (`cchc`, `cchc --help`, a
 * mistyped name) every module is loaded, so the help and commander's suggestions list them all.
 * test/cli/lazy-commands.test.ts checks that the names match what each module registers.
 */
export const COMMAND_MODULES: readonly { names: readonly string[]; load: () => Promise<Register> }[] = [
  { names: ["farm", "crawl", "reextract", "crawl-health", "schedule"], load: async () => (await import("./commands/crawl.ts")).registerCrawlCommands },
  { names: ["build", "start"], load: async () => (await import("./commands/site.ts")).registerSiteCommands },
  { names: ["extract"], load: async () => (await import("./commands/extract.ts")).registerExtractCommands },
  { names: ["evidence"], load: async () => (await import("./commands/evidence.ts")).registerEvidenceCommands },
  { names: ["classify", "eval", "analyse", "override", "overrides-export"], load: async () => (await import("./commands/classify.ts")).registerClassifyCommands },
  { names: ["registry", "agencies", "targets", "tasks"], load: async () => (await import("./commands/registry.ts")).registerRegistryCommands },
  { names: ["briefing"], load: async () => (await import("./commands/briefing.ts")).registerBriefingCommands },
  { names: ["scorecard"], load: async () => (await import("./commands/scorecard.ts")).registerScorecardCommands },
  { names: ["report"], load: async () => (await import("./commands/report.ts")).registerReportCommands },
  { names: ["export"], load: async () => (await import("./commands/export-evidence.ts")).registerExportEvidenceCommand },
  { names: ["plan"], load: async () => (await import("./commands/plan.ts")).registerPlanCommands },
  { names: ["source"], load: async () => (await import("./commands/source.ts")).registerSourceCommands },
  { names: ["articles"], load: async () => (await import("./commands/articles.ts")).registerArticlesCommands },
  { names: ["serve", "user", "audit"], load: async () => (await import("./commands/serve.ts")).registerServeCommands },
  { names: ["attribute", "eval-attribution"], load: async () => (await import("./commands/attribute.ts")).registerAttributeCommands },
  { names: ["coverage"], load: async () => (await import("./commands/coverage.ts")).registerCoverageCommands },
  { names: ["export"], load: async () => (await import("./commands/export-parquet.ts")).registerExportParquetCommand },
];

/** The command a command line names (`cchc help X` names X), or null (none, an option first). */
export function commandNamed(argv: readonly string[]): string | null {
  const [first, second] = argv.slice(2);
  const word = first === "help" ? second : first;
  return word === undefined || word.startsWith("-") ? null : word;
}

export class UsageError extends Error {}

/**
 * The program with the commands `argv` needs: only the modules registering the command it names,
 * or every module when it names none that is known (see COMMAND_MODULES).
 */
export async function buildProgram(argv: readonly string[] = []): Promise<Command> {
  const program = newProgram();
  const name = commandNamed(argv);
  const named = COMMAND_MODULES.filter((m) => name !== null && m.names.includes(name));
  const modules = named.length ? named : COMMAND_MODULES;
  // imported together, registered in the table's order (the help's)
  for (const register of await Promise.all(modules.map((m) => m.load()))) register(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = await buildProgram(argv);
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`cchc: ${cliError(error as Error)}`);
    if (process.env.CCHC_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
