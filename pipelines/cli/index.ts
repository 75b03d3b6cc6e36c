/**
 * The `cchc` command. Subcommands are thin: parse flags, call one pipeline
 * function, print. Each area registers its own commands from commands/<area>.ts.
 */
import { Command, CommanderError } from "commander";
import { registerSiteCommands } from "./commands/site.ts";
import { registerCrawlCommands } from "./commands/crawl.ts";
import { registerExtractCommands } from "./commands/extract.ts";
import { registerEvidenceCommands } from "./commands/evidence.ts";
import { registerClassifyCommands } from "./commands/classify.ts";
import { registerRegistryCommands } from "./commands/registry.ts";
import { registerBriefingCommands } from "./commands/briefing.ts";
import { registerScorecardCommands } from "./commands/scorecard.ts";
import { registerReportCommands } from "./commands/report.ts";
import { registerPlanCommands } from "./commands/plan.ts";
import { registerSourceCommands } from "./commands/source.ts";
import { registerArticlesCommands } from "./commands/articles.ts";
import { registerServeCommands } from "./commands/serve.ts";
import { registerAttributeCommands } from "./commands/attribute.ts";
import { registerCoverageCommands } from "./commands/coverage.ts";
import { registerExportParquetCommand } from "./commands/export-parquet.ts";

export class UsageError extends Error {}

export function buildProgram(): Command {
  const program = new Command("cchc")
    .description("cchc-monitor: CCHC communication coverage of Tây Ninh agencies against plan targets")
    .showHelpAfterError();
  registerCrawlCommands(program);
  registerSiteCommands(program);
  registerExtractCommands(program);
  registerEvidenceCommands(program);
  registerClassifyCommands(program);
  registerRegistryCommands(program);
  registerBriefingCommands(program);
  registerScorecardCommands(program);
  registerReportCommands(program);
  registerPlanCommands(program);
  registerSourceCommands(program);
  registerArticlesCommands(program);
  registerServeCommands(program);
  registerAttributeCommands(program);
  registerCoverageCommands(program);
  registerExportParquetCommand(program);
  return program;
}

export async function main(argv: string[]): Promise<void> {
  const program = buildProgram();
  program.exitOverride();
  try {
    await program.parseAsync(argv);
  } catch (error) {
    if (error instanceof CommanderError) {
      process.exitCode = error.exitCode;
      return;
    }
    console.error(`cchc: ${(error as Error).message}`);
    if (process.env.CCHC_DEBUG) console.error(error);
    process.exitCode = 1;
  }
}
