import type { Command } from "./command.ts";
import { TOOL_NAME } from "./meta.ts";

/** Help of one command, built from its table entry so that options and help cannot disagree. */
export function commandHelp(command: Command): string {
  const rows = Object.entries(command.options).map(([name, spec]) => {
    const flags = `${spec.short === undefined ? "    " : `-${spec.short}, `}--${name}${spec.valueName === undefined ? "" : ` ${spec.valueName}`}`;
    return [flags, spec.description] as const;
  });
  const width = Math.max(...rows.map(([flags]) => flags.length));
  const lines = [
    `Usage: ${TOOL_NAME} ${command.name} ${command.usage}`,
    "",
    `${command.summary[0]?.toUpperCase() ?? ""}${command.summary.slice(1)}.`,
    "",
    "Options:",
    ...rows.map(([flags, description]) => `  ${flags.padEnd(width)}  ${description}`),
  ];
  if (command.details !== undefined) lines.push("", command.details);
  return lines.join("\n") + "\n";
}

export function mainHelp(commands: readonly Command[]): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    `Usage: ${TOOL_NAME} <command> [options]`,
    "",
    "Checks keepalived.conf high-availability configurations.",
    "",
    "Commands:",
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    "",
    "Options:",
    "  -h, --help     show this help (or `<command> --help` for one command)",
    "  -v, --version  print the version",
    "",
  ].join("\n");
}
