import { readFileSync, statSync } from "node:fs";
import { isAbsolute, join, relative, resolve, sep } from "node:path";
import { analyzeFile, type FileAnalysis } from "../analysis.ts";
import type { KeepalivedVersion } from "../catalog/types.ts";
import type { DiagnosticCode, Severity } from "../checks/codes.ts";
import type { Diagnostic } from "../checks/diagnostic.ts";
import { sourceFile, type SourceFile } from "../model/source.ts";
import { checkWithPairs } from "../pair/combine.ts";
import type { PairResult } from "../pair/index.ts";
import type { Range } from "../model/span.ts";
import { DiskHost } from "../workspace/diskHost.ts";
import { CliError } from "./command.ts";
import { KEEPALIVED_NAMES_SHORT, WalkError, describeFsError, findKeepalivedConfigs } from "./discover.ts";

/** A check run, positions already resolved: what every output format prints. */
export interface CheckReport {
  /** Sorted by path. */
  files: ReportFile[];
}

export interface ReportFile {
  /** As the user wrote it (or found under a directory they wrote), else relative to cwd, else absolute. */
  path: string;
  absolutePath: string;
  /** Sorted by position. */
  diagnostics: ReportDiagnostic[];
}

export interface ReportDiagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  /** 0-based, as in LSP. */
  range: Range;
  related: ReportRelated[];
  /** The per-code payload of the quick fixes (server/src/checks/*), when the check gives one. */
  data?: Record<string, unknown>;
}

export interface ReportRelated {
  path: string;
  absolutePath: string;
  range: Range;
  message: string;
}

export interface CheckOptions {
  cwd: string;
  version?: KeepalivedVersion;
  configId?: string;
  /** Explicit peer groups (`--peers a.conf,b.conf`), paths as written: their files are checked too. */
  peers?: string[][];
}

interface Candidate {
  absolutePath: string;
  path: string;
}

/** Files named on the command line, directories expanded. Throws CliError for paths that cannot be read. */
export function collectCandidates(inputs: readonly string[], cwd: string): Candidate[] {
  const seen = new Map<string, Candidate>();
  for (const input of inputs) {
    const absolute = resolve(cwd, input);
    let stat;
    try {
      stat = statSync(absolute);
    } catch (error) {
      throw new CliError(`cannot read ${input}: ${describeFsError(error)} (expected a file or a directory)`);
    }
    if (stat.isDirectory()) {
      let found: string[];
      try {
        found = findKeepalivedConfigs(absolute);
      } catch (error) {
        if (error instanceof WalkError) throw new CliError(`${error.message} (while searching ${input})`);
        throw error;
      }
      if (found.length === 0) {
        throw new CliError(
          `no keepalived configuration found in ${input} (looked for ${KEEPALIVED_NAMES_SHORT}; see --help); name files to check them whatever their name`,
        );
      }
      for (const file of found) {
        if (!seen.has(file)) seen.set(file, { absolutePath: file, path: join(input, relative(absolute, file)) });
      }
    } else if (stat.isFile()) {
      if (!seen.has(absolute)) seen.set(absolute, { absolutePath: absolute, path: input });
    } else {
      throw new CliError(`cannot read ${input}: not a regular file or directory`);
    }
  }
  return [...seen.values()];
}

/** `absolute` relative to `cwd` when it lies below it, else undefined. */
export function relativeInside(cwd: string, absolute: string): string | undefined {
  const rel = relative(cwd, absolute);
  return rel === "" || rel === ".." || rel.startsWith(`..${sep}`) || isAbsolute(rel) ? undefined : rel;
}

/** Files reached through includes are shown in the style the user wrote the including file in. */
function displayPath(absolute: string, cwd: string, relativeStyle: boolean): string {
  return relativeStyle ? relative(cwd, absolute) : absolute;
}

function loadOrFail(host: DiskHost, candidate: Candidate): SourceFile {
  const source = host.load(candidate.absolutePath);
  if (source !== undefined) return source;
  // DiskHost hides the reason; read and parse again for a message worth printing.
  let text: string;
  try {
    text = readFileSync(candidate.absolutePath, "utf8");
  } catch (error) {
    throw new CliError(`cannot read ${candidate.path}: ${describeFsError(error)}`);
  }
  try {
    return sourceFile(candidate.absolutePath, text);
  } catch (error) {
    // The parser promises never to throw; when it does, say where, not how.
    const reason = error instanceof Error ? error.message : String(error);
    throw new CliError(`internal error while parsing ${candidate.path}: ${reason} (please report it with the file)`);
  }
}

/**
 * Picks the files to analyse as keepalived would read them: a file that another checked file includes is
 * checked through that file (a fragment alone lacks the scripts and definitions its parent gives it). Files
 * that only include each other are checked from the first one named (or found).
 */
function chooseRoots(analyses: Map<string, FileAnalysis>): FileAnalysis[] {
  const includedByAnother = new Set<string>();
  for (const analysis of analyses.values()) {
    for (const file of analysis.files) if (file.file !== analysis.file) includedByAnother.add(file.file);
  }
  const roots = [...analyses.values()].filter((a) => !includedByAnother.has(a.file));
  const covered = new Set(roots.flatMap((a) => a.files.map((f) => f.file)));
  for (const analysis of analyses.values()) {
    if (covered.has(analysis.file)) continue;
    roots.push(analysis);
    for (const f of analysis.files) covered.add(f.file);
  }
  return roots;
}

function byPosition(a: ReportDiagnostic, b: ReportDiagnostic): number {
  return (
    a.range.start.line - b.range.start.line ||
    a.range.start.character - b.range.start.character ||
    a.range.end.line - b.range.end.line ||
    a.range.end.character - b.range.end.character ||
    (a.code < b.code ? -1 : a.code > b.code ? 1 : 0)
  );
}

function diagnosticKey(d: Diagnostic): string {
  return [d.code, d.span.file, d.span.start, d.span.end, d.message].join("\u0000");
}

/** What checking paths found, before positions are resolved: `fix` works from this too. */
export interface PathsAnalysis {
  candidates: Candidate[];
  host: DiskHost;
  /** The files analysed as configurations of their own, in the order reported. */
  roots: FileAnalysis[];
  /** Single-file diagnostics of the roots (with the pair payloads) and then the pair diagnostics. */
  diagnostics: Diagnostic[];
  pairs: PairResult;
}

/** Reads and analyses the paths, runs the pair checks on the roots. Throws CliError for what the user must fix. */
export function analyzePaths(inputs: readonly string[], options: CheckOptions, host = new DiskHost()): PathsAnalysis {
  const peers = options.peers ?? [];
  const candidates = collectCandidates([...inputs, ...peers.flat()], options.cwd);
  const analyses = new Map<string, FileAnalysis>();
  for (const candidate of candidates) {
    const source = loadOrFail(host, candidate);
    let analysis: FileAnalysis;
    try {
      analysis = analyzeFile(source, host, {
        ...(options.version === undefined ? {} : { version: options.version }),
        ...(options.configId === undefined ? {} : { configId: options.configId }),
      });
    } catch (error) {
      // analyzeFile promises never to throw: name the file so that the bug can be reproduced.
      const reason = error instanceof Error ? error.message : String(error);
      throw new CliError(`internal error while checking ${candidate.path}: ${reason} (please report it with the file)`);
    }
    analyses.set(candidate.absolutePath, analysis);
  }
  const roots = chooseRoots(analyses);
  const groups = peers.map((group) => group.map((p) => resolve(options.cwd, p)));
  const { diagnostics, pairs } = checkWithPairs(roots, { groups });
  return { candidates, host, roots, diagnostics, pairs };
}

/** Reads, analyses and resolves positions. Throws CliError for what the user must fix (missing path...). */
export function checkPaths(inputs: readonly string[], options: CheckOptions): CheckReport {
  return reportOf(analyzePaths(inputs, options), options.cwd);
}

/** The report of an analysis: positions resolved, paths as the user wrote them, sorted. */
export function reportOf(analysis: PathsAnalysis, cwd: string): CheckReport {
  const { candidates, host, roots } = analysis;
  const sources = new Map<string, SourceFile>();
  for (const root of roots) for (const file of root.files) sources.set(file.file, file);

  const files = new Map<string, ReportFile>();
  let relativeStyle = true;
  const fileEntry = (absolutePath: string): ReportFile => {
    let entry = files.get(absolutePath);
    if (entry === undefined) {
      entry = { path: displayPath(absolutePath, cwd, relativeStyle), absolutePath, diagnostics: [] };
      files.set(absolutePath, entry);
    }
    return entry;
  };
  for (const candidate of candidates) files.set(candidate.absolutePath, { ...candidate, diagnostics: [] });

  const rangeIn = (file: string, start: number, end: number): Range => {
    const source = sources.get(file) ?? host.load(file);
    return source?.lines.rangeOf(start, end) ?? { start: { line: 0, character: 0 }, end: { line: 0, character: 0 } };
  };
  const rootOf = new Map<string, FileAnalysis>();
  for (const root of roots) for (const file of root.files) if (!rootOf.has(file.file)) rootOf.set(file.file, root);
  for (const root of roots) for (const file of root.files) {
    relativeStyle = !isAbsolute(files.get(root.file)?.path ?? "");
    fileEntry(file.file);
  }
  const seen = new Set<string>();
  for (const d of analysis.diagnostics) {
    const key = diagnosticKey(d);
    if (seen.has(key)) continue;
    seen.add(key);
    // Files reached through includes are shown in the style their including file was named in.
    relativeStyle = !isAbsolute(files.get(rootOf.get(d.span.file)?.file ?? "")?.path ?? "");
    fileEntry(d.span.file).diagnostics.push({
      code: d.code,
      severity: d.severity,
      message: d.message,
      range: rangeIn(d.span.file, d.span.start, d.span.end),
      related: (d.related ?? []).map((r) => ({
        path: fileEntry(r.span.file).path,
        absolutePath: r.span.file,
        range: rangeIn(r.span.file, r.span.start, r.span.end),
        message: r.message,
      })),
      ...(d.data === undefined ? {} : { data: d.data }),
    });
  }
  const sorted = [...files.values()].sort((a, b) => (a.path < b.path ? -1 : a.path > b.path ? 1 : 0));
  for (const file of sorted) file.diagnostics.sort(byPosition);
  return { files: sorted };
}

export function severityCounts(report: CheckReport): Record<Severity, number> {
  const counts: Record<Severity, number> = { error: 0, warning: 0, information: 0, hint: 0 };
  for (const file of report.files) for (const d of file.diagnostics) counts[d.severity]++;
  return counts;
}
