import { parseArgs, type ParseArgsOptionsConfig } from "node:util";
import type { z } from "zod";
import { CliError, type OptionSpec } from "./command.ts";

/**
 * Parses a command's argv with node:util and validates it with zod, so that every command fails the same way:
 * one line naming the option, what was given and what is expected. Positionals arrive as `positionals`.
 */
export function parseCommandArgs<Schema extends z.ZodType>(
  args: readonly string[],
  options: Record<string, OptionSpec>,
  schema: Schema,
): z.output<Schema> {
  const config: ParseArgsOptionsConfig = {};
  for (const [name, spec] of Object.entries(options)) {
    config[name] = { type: spec.type, ...(spec.short === undefined ? {} : { short: spec.short }), ...(spec.multiple === true ? { multiple: true } : {}) };
  }
  let parsed;
  try {
    parsed = parseArgs({ args: [...args], options: config, allowPositionals: true, strict: true });
  } catch (error) {
    throw new CliError(describeParseError(error, options));
  }
  const result = schema.safeParse({ ...parsed.values, positionals: parsed.positionals }, { reportInput: true });
  if (!result.success) {
    const issue = result.error.issues[0];
    throw new CliError(issue === undefined ? "invalid arguments" : describeIssue(issue));
  }
  return result.data;
}

function optionList(options: Record<string, OptionSpec>): string {
  return Object.keys(options)
    .map((name) => `--${name}`)
    .join(", ");
}

function describeParseError(error: unknown, options: Record<string, OptionSpec>): string {
  const code = (error as { code?: unknown } | undefined)?.code;
  const message = error instanceof Error ? error.message : String(error);
  const quoted = /'([^']+)'/.exec(message)?.[1] ?? "";
  // node's messages name the option as '--format <value>' or '-h, --help': keep the long form.
  const option = /--[\w-]+/.exec(quoted)?.[0] ?? quoted.split(/[ ,]/)[0] ?? quoted;
  const spec = options[option.replace(/^--/, "")];
  switch (code) {
    case "ERR_PARSE_ARGS_UNKNOWN_OPTION":
      return `unknown option ${option} (expected ${optionList(options)})`;
    case "ERR_PARSE_ARGS_INVALID_OPTION_VALUE":
      if (spec?.type === "boolean") return `${option} takes no value`;
      return `${option} needs a value${spec?.valueName === undefined ? "" : ` (${spec.valueName})`}; write ${option}=VALUE if the value starts with '-'`;
    case "ERR_PARSE_ARGS_UNEXPECTED_POSITIONAL":
      return `unexpected argument '${quoted}'`;
    default:
      return message.split("\n")[0] ?? message;
  }
}

function describeIssue(issue: z.core.$ZodIssue): string {
  const [first] = issue.path;
  const field = first === undefined || first === "positionals" ? "" : `--${String(first)}: `;
  const got = "input" in issue && issue.input !== undefined ? ` (got '${String(issue.input)}')` : "";
  if (issue.code === "invalid_value") return `${field}expected one of ${issue.values.map(String).join(", ")}${got}`;
  return `${field}${issue.message}`;
}
