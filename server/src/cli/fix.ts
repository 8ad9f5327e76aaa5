import { readFileSync, writeFileSync } from "node:fs";
import { z } from "zod";
import { KEEPALIVED_VERSIONS, NEWEST_VERSION } from "../catalog/types.ts";
import type { Diagnostic } from "../checks/diagnostic.ts";
import { unifiedDiff } from "../fixes/diff.ts";
import { overlaps, sameEdit } from "../fixes/edit.ts";
import { applyEdits, fixesFor, preferredFix, type Fix, type TextEdit } from "../fixes/index.ts";
import { sourceFile } from "../model/source.ts";
import { DiskHost } from "../workspace/diskHost.ts";
import { parseCommandArgs } from "./args.ts";
import { peerGroup } from "./check.ts";
import { CliError, EXIT_OK, EXIT_PROBLEMS, type Command, type OptionSpec } from "./command.ts";
import { describeFsError } from "./discover.ts";
import { formatText } from "./format/text.ts";
import { commandHelp } from "./help.ts";
import { analyzePaths, relativeInside, reportOf, type CheckOptions, type PathsAnalysis } from "./report.ts";

const options = {
  "dry-run": { type: "boolean", description: "print the changes as a unified diff and write nothing" },
  "keepalived-version": {
    type: "string",
    valueName: KEEPALIVED_VERSIONS.join("|"),
    description: `keepalived version whose keywords apply (default: ${NEWEST_VERSION})`,
  },
  "config-id": { type: "string", valueName: "ID", description: "read `@ID` lines as the host with this config-id does" },
  peers: { type: "string", multiple: true, valueName: "A,B[,...]", description: "fix these files as one primary/standby cluster (repeatable)" },
  help: { type: "boolean", short: "h", description: "show this help" },
} satisfies Record<string, OptionSpec>;

const schema = z.object({
  "dry-run": z.boolean().default(false),
  "keepalived-version": z.enum(KEEPALIVED_VERSIONS).optional(),
  "config-id": z.string().min(1, { error: "must not be empty" }).optional(),
  peers: z.array(peerGroup).default([]),
  help: z.boolean().default(false),
  positionals: z.array(z.string().min(1, { error: "an empty path was given" })),
});

const details = `Checks the paths as \`keepalived-ha check\` does (pair checks included), then applies the preferred quick fix
of every problem that has exactly one: the one an editor's lightbulb marks preferred. A fix may edit several files
(a VRID aligned on the standby, one new auth_pass in both nodes' files); fixes that would touch the same text
as an earlier one are left for the next run. Only the words a fix is about change: comments, indentation,
line breaks and every other byte stay as they are.

A file with syntax errors or unfilled template placeholders is never touched, nor one that is not valid UTF-8
or changed since it was read.

Output: without --dry-run, one line per applied fix (file:line:col code: what it did); with --dry-run, a unified
diff (apply it with \`patch -p0\` from the current directory). Then what is left, on stderr.

Exit status, as check: 0 no errors left (warnings allowed), 1 errors left, 2 bad usage or unreadable path.`;

/** Codes that say a file does not read as its author meant: its offsets cannot be trusted for edits. */
const UNSAFE = new Set(["syntax-error", "template-placeholder"]);

interface Applied {
  diagnostic: Diagnostic;
  fix: Fix;
}

interface Plan {
  applied: Applied[];
  skipped: Array<{ diagnostic: Diagnostic; reason: string }>;
  texts: Map<string, { before: string; after: string; edits: TextEdit[] }>;
}

/** Picks the fixes to apply: preferred, in files safe to edit, not touching what an earlier fix touched. */
export function planFixes(analysis: PathsAnalysis, name: (file: string) => string = (f) => f, readBytes: (file: string) => Buffer | undefined = defaultRead): Plan {
  const { host, diagnostics } = analysis;
  const unsafe = new Set(diagnostics.filter((d) => UNSAFE.has(d.code)).map((d) => d.span.file));
  const accepted: TextEdit[] = [];
  const plan: Plan = { applied: [], skipped: [], texts: new Map() };
  const text = (file: string): string | undefined => host.load(file)?.text;
  const intact = new Map<string, boolean>();
  const roundTripsOnce = (file: string): boolean => {
    if (!intact.has(file)) intact.set(file, roundTrips(file, text(file), readBytes));
    return intact.get(file)!;
  };
  // Accepted edits by file, sorted by start, for the overlap test.
  const byFile = new Map<string, TextEdit[]>();
  const clashes = (edit: TextEdit): "same" | "overlap" | undefined => {
    for (const a of byFile.get(edit.file) ?? []) {
      if (sameEdit(a, edit)) return "same";
      if (overlaps(a, edit)) return "overlap";
    }
    return undefined;
  };
  const ordered = [...diagnostics].sort((a, b) => (a.span.file < b.span.file ? -1 : a.span.file > b.span.file ? 1 : a.span.start - b.span.start));
  for (const diagnostic of ordered) {
    const fix = preferredFix(fixesFor({ code: diagnostic.code, data: diagnostic.data, span: diagnostic.span }, { text }));
    if (fix === undefined) continue;
    const files = [...new Set(fix.edits.map((e) => e.file))];
    const blocked = files.find((f) => unsafe.has(f));
    if (blocked !== undefined) {
      plan.skipped.push({ diagnostic, reason: `${name(blocked)} does not parse cleanly (syntax errors or template placeholders)` });
      continue;
    }
    const unreadable = files.find((f) => !roundTripsOnce(f));
    if (unreadable !== undefined) {
      plan.skipped.push({ diagnostic, reason: `${name(unreadable)} is not valid UTF-8 or changed since it was read` });
      continue;
    }
    const verdicts = fix.edits.map(clashes);
    if (verdicts.includes("overlap")) continue;
    const fresh = fix.edits.filter((_, i) => verdicts[i] === undefined);
    if (fresh.length === 0) {
      // Another member's diagnostic already made this very edit (a pair fix seen from both files).
      plan.applied.push({ diagnostic, fix });
      continue;
    }
    accepted.push(...fresh);
    for (const e of fresh) (byFile.get(e.file) ?? byFile.set(e.file, []).get(e.file)!).push(e);
    plan.applied.push({ diagnostic, fix });
  }
  for (const file of new Set(accepted.map((e) => e.file))) {
    const before = text(file)!;
    const edits = accepted.filter((e) => e.file === file);
    plan.texts.set(file, { before, after: applyEdits(before, edits), edits });
  }
  return plan;
}

function defaultRead(file: string): Buffer | undefined {
  try {
    return readFileSync(file);
  } catch {
    return undefined;
  }
}

/** The text the analysis read is byte for byte the file on disk: writing the fixed text keeps every other byte. */
function roundTrips(file: string, text: string | undefined, readBytes: (file: string) => Buffer | undefined): boolean {
  const bytes = readBytes(file);
  return text !== undefined && bytes !== undefined && Buffer.from(text, "utf8").equals(bytes);
}

function where(analysis: PathsAnalysis, d: Diagnostic, cwd: string): string {
  const source = analysis.host.load(d.span.file);
  const p = source?.lines.positionAt(d.span.start) ?? { line: 0, character: 0 };
  return `${relativeInside(cwd, d.span.file) ?? d.span.file}:${p.line + 1}:${p.character + 1}`;
}

export const fixCommand: Command = {
  name: "fix",
  summary: "apply the preferred quick fix of each problem (pair problems included)",
  usage: "[--dry-run] [--keepalived-version 2.2|2.4] [--config-id ID] [--peers A,B]... PATH...",
  options,
  details,
  run(args, io) {
    const parsed = parseCommandArgs(args, options, schema);
    if (parsed.help) {
      io.stdout(commandHelp(fixCommand));
      return EXIT_OK;
    }
    if (parsed.positionals.length === 0 && parsed.peers.length === 0) {
      throw new CliError("no file or directory given (expected e.g. keepalived-ha fix --dry-run /etc/keepalived)");
    }
    const checkOptions: CheckOptions = {
      cwd: io.cwd,
      ...(parsed["keepalived-version"] === undefined ? {} : { version: parsed["keepalived-version"] }),
      ...(parsed["config-id"] === undefined ? {} : { configId: parsed["config-id"] }),
      peers: parsed.peers,
    };
    const analysis = analyzePaths(parsed.positionals, checkOptions);
    const name = (file: string): string => relativeInside(io.cwd, file) ?? file;
    const plan = planFixes(analysis, name);
    if (parsed["dry-run"]) {
      const files = [...plan.texts.keys()].sort();
      for (const file of files) io.stdout(unifiedDiff(plan.texts.get(file)!.before, plan.texts.get(file)!.edits, name(file), name(file)));
    } else {
      for (const [file, { after }] of plan.texts) {
        try {
          writeFileSync(file, after);
        } catch (error) {
          throw new CliError(`cannot write ${name(file)}: ${describeFsError(error)}`);
        }
      }
      for (const { diagnostic, fix } of plan.applied) io.stdout(`${where(analysis, diagnostic, io.cwd)} ${diagnostic.code}: ${fix.title}\n`);
    }
    for (const { diagnostic, reason } of plan.skipped) io.stderr(`${where(analysis, diagnostic, io.cwd)} ${diagnostic.code}: not fixed, ${reason}\n`);

    // What is left: the fixed texts checked again, as they are (or would be) on disk.
    const host = new DiskHost();
    for (const [file, { after }] of plan.texts) host.overlay.set(file, sourceFile(file, after));
    const report = reportOf(analyzePaths(parsed.positionals, checkOptions, host), io.cwd);
    const left = formatText(report).trimEnd().split("\n");
    const changed = plan.texts.size;
    io.stderr(
      `${plan.applied.length} ${plan.applied.length === 1 ? "problem" : "problems"} fixed, ${changed} ${changed === 1 ? "file" : "files"} ${parsed["dry-run"] ? "to change" : "changed"}${parsed["dry-run"] ? " (dry run: nothing written)" : ""}; left: ${left.at(-1)?.replace(/^\d+ files? checked: /, "") ?? ""}\n`,
    );
    const hasErrors = report.files.some((f) => f.diagnostics.some((d) => d.severity === "error"));
    return hasErrors ? EXIT_PROBLEMS : EXIT_OK;
  },
};
