import { z } from "zod";
import { KEEPALIVED_VERSIONS, NEWEST_VERSION } from "../catalog/types.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError, EXIT_OK, EXIT_PROBLEMS, type Command, type OptionSpec } from "./command.ts";
import { KEEPALIVED_FILE_RULE } from "./discover.ts";
import { formatJson } from "./format/json.ts";
import { formatSarif } from "./format/sarif.ts";
import { formatText } from "./format/text.ts";
import { commandHelp } from "./help.ts";
import { checkPaths } from "./report.ts";

export const CHECK_FORMATS = ["text", "json", "sarif"] as const;

const options = {
  format: { type: "string", valueName: CHECK_FORMATS.join("|"), description: "output format (default: text)" },
  "keepalived-version": {
    type: "string",
    valueName: KEEPALIVED_VERSIONS.join("|"),
    description: `keepalived version whose keywords apply (default: ${NEWEST_VERSION})`,
  },
  "config-id": {
    type: "string",
    valueName: "ID",
    description: "read `@ID` lines as the host with this config-id does (default: every id the file names)",
  },
  peers: {
    type: "string",
    multiple: true,
    valueName: "A,B[,...]",
    description: "check these files as one primary/standby cluster, whatever their addresses say (repeatable)",
  },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies Record<string, OptionSpec>;

/** `--peers a.conf,b.conf`: two or more paths, comma-separated. */
export const peerGroup = z
  .string()
  .transform((v) => v.split(",").map((p) => p.trim()).filter((p) => p !== ""))
  .refine((list) => list.length >= 2, { error: "expects two or more files separated by commas, e.g. --peers primary.conf,standby.conf" });

const schema = z.object({
  format: z.enum(CHECK_FORMATS).default("text"),
  "keepalived-version": z.enum(KEEPALIVED_VERSIONS).optional(),
  "config-id": z.string().min(1, { error: "must not be empty" }).optional(),
  peers: z.array(peerGroup).default([]),
  help: z.boolean().default(false),
  positionals: z.array(z.string().min(1, { error: "an empty path was given" })),
});

const details = `Directories are searched recursively (node_modules and .git skipped) for keepalived configurations:
${KEEPALIVED_FILE_RULE}
Files named on the command line are checked whatever their name. A file that another checked file includes is
checked as part of it, as keepalived reads it; problems in included files are printed under their own path.

Primary/standby pairs: the configurations checked together are matched into VRRP clusters (one's
unicast_src_ip in the other's unicast_peer; for multicast, the same instance name, interface and a shared
virtual address; a file with @ID lines is one node per config-id) and checked against each other (VRID,
authentication, advert_int, addresses, priorities, preempt, weights). Each problem is printed on every
member's file with the peer's line under "related". Name the files of one cluster with --peers when their
addresses do not tell; see docs/pairs.md.

Output:
  text   file:line:col severity code message   (1-based), sorted by file and position, then a summary line
  json   {"version":1,"files":[{"path","diagnostics":[{"code","severity","message",
         "range":{"start":{"line","character"},"end":{...}},"related":[{"path","range","message"}],"data"?}]}]}
         0-based lines and characters as in LSP; every checked file is listed; "data" (optional) is the
         per-code payload the quick fixes use, e.g. "candidates" of unknown-keyword
  sarif  SARIF 2.1.0, one rule per diagnostic code, paths relative to the current directory

Exit status: 0 no errors (warnings allowed), 1 errors found, 2 bad usage or unreadable path.`;

export const checkCommand: Command = {
  name: "check",
  summary: "check keepalived configurations and report problems",
  usage: "[--format text|json|sarif] [--keepalived-version 2.2|2.4] [--config-id ID] [--peers A,B]... PATH...",
  options,
  details,
  run(args, io) {
    const parsed = parseCommandArgs(args, options, schema);
    if (parsed.help) {
      io.stdout(commandHelp(checkCommand));
      return EXIT_OK;
    }
    if (parsed.positionals.length === 0 && parsed.peers.length === 0) {
      throw new CliError("no file or directory given (expected e.g. keepalived-ha check /etc/keepalived)");
    }
    const report = checkPaths(parsed.positionals, {
      cwd: io.cwd,
      ...(parsed["keepalived-version"] === undefined ? {} : { version: parsed["keepalived-version"] }),
      ...(parsed["config-id"] === undefined ? {} : { configId: parsed["config-id"] }),
      peers: parsed.peers,
    });
    const output =
      parsed.format === "json" ? formatJson(report) : parsed.format === "sarif" ? formatSarif(report, io.cwd) : formatText(report);
    io.stdout(output);
    const hasErrors = report.files.some((f) => f.diagnostics.some((d) => d.severity === "error"));
    return hasErrors ? EXIT_PROBLEMS : EXIT_OK;
  },
};
