/**
 * `keepalived-ha`: the engine's checks from the command line. `main` is what bin/keepalived-ha.js (or a bundled
 * dist/cli.cjs, built by scripts/build.ts) calls; running this file directly with Node 24 works too.
 */
import { CliError, EXIT_OK, EXIT_USAGE, type CliIo, type Command } from "./cli/command.ts";
import { COMMANDS } from "./cli/commands.ts";
import { commandHelp, mainHelp } from "./cli/help.ts";
import { TOOL_NAME, TOOL_VERSION } from "./cli/meta.ts";

export type { CliIo } from "./cli/command.ts";

export function processIo(): CliIo {
  return {
    stdout: (text) => void process.stdout.write(text),
    stderr: (text) => void process.stderr.write(text),
    cwd: process.cwd(),
  };
}

function findCommand(name: string): Command | undefined {
  return COMMANDS.find((c) => c.name === name);
}

const commandNames = (): string => COMMANDS.map((c) => c.name).join(", ");

/** Runs one command line and returns the exit code. Never throws, never prints a stack trace. */
export async function main(argv: readonly string[], io: CliIo = processIo()): Promise<number> {
  const [first, ...rest] = argv;
  let prefix = TOOL_NAME;
  try {
    if (first === undefined) throw new CliError(`no command given (expected one of: ${commandNames()}; see ${TOOL_NAME} --help)`);
    if (first === "-h" || first === "--help" || first === "help") {
      const topic = first === "help" ? rest[0] : undefined;
      const command = topic === undefined ? undefined : findCommand(topic);
      if (topic !== undefined && command === undefined) throw new CliError(`unknown command '${topic}' (expected one of: ${commandNames()})`);
      io.stdout(command === undefined ? mainHelp(COMMANDS) : commandHelp(command));
      return EXIT_OK;
    }
    if (first === "-v" || first === "--version") {
      io.stdout(`${TOOL_VERSION}\n`);
      return EXIT_OK;
    }
    if (first.startsWith("-")) throw new CliError(`unknown option ${first} (expected a command: ${commandNames()}; or --help, --version)`);
    const command = findCommand(first);
    if (command === undefined) throw new CliError(`unknown command '${first}' (expected one of: ${commandNames()}; see ${TOOL_NAME} --help)`);
    prefix = `${TOOL_NAME} ${command.name}`;
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof CliError) {
      io.stderr(`${prefix}: ${error.message}\n`);
    } else {
      // A bug of ours, not the user's input: say so in one line; the stack only on request.
      const message = error instanceof Error ? error.message : String(error);
      io.stderr(`${prefix}: internal error: ${message} (set KEEPALIVED_HA_DEBUG=1 for details)\n`);
      if (process.env["KEEPALIVED_HA_DEBUG"] && error instanceof Error && error.stack) io.stderr(`${error.stack}\n`);
    }
    return EXIT_USAGE;
  }
}

/** Entry for launchers: runs argv and sets the exit code, leaving Node to flush stdout before it exits. */
export async function run(argv: readonly string[] = process.argv.slice(2)): Promise<void> {
  // A closed pipe (`| head`) is the reader's choice, not an error worth a stack trace.
  process.stdout.on("error", (error: NodeJS.ErrnoException) => {
    if (error.code === "EPIPE") process.exit(process.exitCode ?? 0);
    throw error;
  });
  process.exitCode = await main(argv);
}

if (import.meta.main) await run();
