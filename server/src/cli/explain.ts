import { z } from "zod";
import { analyzeFile, type FileAnalysis } from "../analysis.ts";
import { KEEPALIVED_VERSIONS } from "../catalog/types.ts";
import { analyzePairs } from "../pair/index.ts";
import { explainLines, timelineJson, timelineOf, type PairTimeline } from "../timeline/index.ts";
import { DiskHost } from "../workspace/diskHost.ts";
import { parseCommandArgs } from "./args.ts";
import { CliError, EXIT_OK, EXIT_PROBLEMS, type Command, type OptionSpec } from "./command.ts";
import { KEEPALIVED_FILE_RULE } from "./discover.ts";
import { commandHelp } from "./help.ts";
import { collectCandidates } from "./report.ts";

export const EXPLAIN_FORMATS = ["text", "json"] as const;

const options = {
  format: { type: "string", valueName: EXPLAIN_FORMATS.join("|"), description: "output format (default: text)" },
  "keepalived-version": { type: "string", valueName: KEEPALIVED_VERSIONS.join("|"), description: "keepalived version whose keywords apply" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies Record<string, OptionSpec>;

const schema = z.object({
  format: z.enum(EXPLAIN_FORMATS).default("text"),
  "keepalived-version": z.enum(KEEPALIVED_VERSIONS).optional(),
  help: z.boolean().default(false),
  positionals: z.array(z.string().min(1, { error: "an empty path was given" })),
});

const details = `Finds the primary/standby pairs among the files (as \`check\` does: unicast peers, or instance name, interface
and VIP) and prints, for each pair, when the VIP moves: after each health check of the primary fails (and comes
back after it recovers), after keepalived stops or starts on the primary, after its link goes or comes back.
Each time is a window, earliest to latest, counted from the cause, with the steps that make it up: the check's
interval x fall (or rise), the standby's master-down timer (3 adverts + skew, from the last advert it accepted),
preempt_delay, nopreempt. The HA lab (docs/lab.md) measures these windows on real keepalived.

Files: ${KEEPALIVED_FILE_RULE.split("\n")[0]} ... (see check --help).
Name both nodes' files (or a directory holding them): a file without its peer has nothing to explain.

Output:
  text   per pair: each event, its window and its steps
  json   {"version":1,"pairs":[{"instance","primary","standby","checks":[{"name","timers","effect",
         "failover","failoverIfHung","failback"?}],"keepalivedStops","keepalivedStarts","linkLost","linkBack",
         "notes"}],"alone":[paths]}; an event is {"moves":true,"to","window":{"min","max"},"steps"} or
         {"moves":false,"stays","reason"}; times in seconds

Exit status: 0 explained, 1 no pair found among the files, 2 bad usage or unreadable path.`;

export interface Explanation {
  timelines: PairTimeline[];
  /** Files (as given) that belong to no pair. */
  alone: string[];
}

/** Reads the files and computes every pair's timeline. Throws CliError for paths that cannot be read. */
export function explainPaths(inputs: readonly string[], cwd: string, version?: (typeof KEEPALIVED_VERSIONS)[number]): Explanation {
  const candidates = collectCandidates(inputs, cwd);
  const host = new DiskHost();
  const analyses: FileAnalysis[] = [];
  for (const candidate of candidates) {
    const source = host.load(candidate.absolutePath);
    if (source === undefined) throw new CliError(`cannot read ${candidate.path}`);
    analyses.push(analyzeFile(source, host, version === undefined ? {} : { version }));
  }
  // A file another one includes is part of that configuration, not a node of its own.
  const included = new Set(analyses.flatMap((a) => a.files.slice(1).map((f) => f.file)));
  const roots = analyses.filter((a) => !included.has(a.file));
  const result = analyzePairs(roots, {}, roots.flatMap((a) => a.diagnostics));
  const timelines = result.clusters.map(timelineOf).filter((t): t is PairTimeline => t !== undefined);
  const paired = new Set(result.clusters.flatMap((c) => c.members.map((m) => m.node.file)));
  const alone = candidates.filter((c) => !included.has(c.absolutePath) && !paired.has(c.absolutePath)).map((c) => c.path);
  return { timelines, alone };
}

export const explainCommand: Command = {
  name: "explain",
  summary: "predict when the VIP of each primary/standby pair moves (failover and failback timeline)",
  usage: "[--format text|json] PATH...",
  options,
  details,
  run(args, io) {
    const parsed = parseCommandArgs(args, options, schema);
    if (parsed.help) {
      io.stdout(commandHelp(explainCommand));
      return EXIT_OK;
    }
    if (parsed.positionals.length === 0) throw new CliError("no file or directory given (expected both nodes' files, e.g. keepalived-ha explain primary.conf standby.conf)");
    const { timelines, alone } = explainPaths(parsed.positionals, io.cwd, parsed["keepalived-version"]);
    if (parsed.format === "json") {
      io.stdout(`${JSON.stringify({ version: 1, pairs: timelines.map(timelineJson), alone }, null, 2)}\n`);
    } else {
      const blocks = timelines.map((t) => explainLines(t).join("\n"));
      if (alone.length > 0) blocks.push(`No peer found for ${alone.join(", ")}: name the other node's file too.`);
      io.stdout(`${blocks.join("\n\n")}\n`);
    }
    if (timelines.length > 0) return EXIT_OK;
    io.stderr("keepalived-ha explain: no primary/standby pair among these files (name both nodes' configurations)\n");
    return EXIT_PROBLEMS;
  },
};
