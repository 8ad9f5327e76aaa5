/** What every subcommand shares: where it writes, how it fails, how it describes itself. */

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** Paths on the command line are read relative to this, and printed relative to it. */
  cwd: string;
}

/** Exit codes of every command: 0 clean, 1 problems found, 2 the command itself could not do its job. */
export const EXIT_OK = 0;
export const EXIT_PROBLEMS = 1;
export const EXIT_USAGE = 2;

/**
 * A failure the user can fix (bad option, unreadable path): printed as one line, never with a stack.
 * Thrown anywhere below a command; `main` turns it into exit code 2.
 */
export class CliError extends Error {
  override readonly name = "CliError";
}

export interface OptionSpec {
  type: "string" | "boolean";
  short?: string;
  /** May be given several times: the values arrive as an array. */
  multiple?: boolean;
  /** Placeholder shown in help, e.g. `text|json|sarif`. */
  valueName?: string;
  description: string;
}

export interface Command {
  name: string;
  /** One line for the top-level help. */
  summary: string;
  /** `keepalived-ha NAME` is followed by this in the usage line. */
  usage: string;
  options: Record<string, OptionSpec>;
  /** Paragraphs after the option list (file rules, output formats). */
  details?: string;
  run(args: string[], io: CliIo): Promise<number> | number;
}
