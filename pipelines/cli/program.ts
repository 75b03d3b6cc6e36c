/**
 * The one place the `cchc` program and its commands are built: a Command whose help and whose
 * parse errors (commander's own, English by default) read in Vietnamese. Every subcommand made
 * with `.command()` is a CchcCommand too (createCommand), and inherits the help option, the help
 * command and the help configuration of the program (commander's copyInheritedSettings).
 */
import { type Argument, Command, type ErrorOptions, Help, type Option } from "commander";
import { commanderError, help } from "./messages.ts";

/** Commander's help, with Vietnamese titles, usage words and option notes (default, choices). */
export class VietnameseHelp extends Help {
  override styleTitle(title: string): string {
    return help.title(title);
  }

  override commandUsage(cmd: Command): string {
    return help.usage(super.commandUsage(cmd));
  }

  override subcommandTerm(cmd: Command): string {
    return help.usage(super.subcommandTerm(cmd));
  }

  override optionDescription(option: Option): string {
    return help.withNotes(option.description, super.optionDescription(option));
  }

  override argumentDescription(argument: Argument): string {
    return help.withNotes(argument.description, super.argumentDescription(argument));
  }
}

/** A command whose help and parse errors are Vietnamese (see the module comment). */
export class CchcCommand extends Command {
  override createCommand(name?: string): Command {
    return new CchcCommand(name);
  }

  override createHelp(): Help {
    return Object.assign(new VietnameseHelp(), this.configureHelp());
  }

  /** Commander reports every parse error here, with a code naming which one: said in Vietnamese. */
  override error(message: string, errorOptions?: ErrorOptions): never {
    return super.error(commanderError(message, errorOptions?.code), errorOptions);
  }
}

/** The `cchc` program, without its commands (index.ts registers them). */
export function newProgram(): Command {
  return new CchcCommand("cchc")
    .description(help.programDescription)
    .helpOption("-h, --help", help.helpOption)
    .helpCommand("help [lệnh]", help.helpCommand)
    .showHelpAfterError();
}
