import { checkCommand } from "./check.ts";
import type { Command } from "./command.ts";
import { explainCommand } from "./explain.ts";
import { fixCommand } from "./fix.ts";
import { initCommand } from "./init.ts";

/**
 * Every subcommand, in help order. A new one (fix, init, explain) is a module exporting a `Command` and one
 * line here; `main` does the dispatch, `--help` and error handling for all of them.
 */
export const COMMANDS: readonly Command[] = [checkCommand, fixCommand, initCommand, explainCommand];
