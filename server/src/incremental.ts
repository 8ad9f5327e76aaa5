import type { AnalyzeOptions, FileAnalysis } from "./analysis.ts";
import type { KeepalivedVersion } from "./catalog/types.ts";
import { diagnosticKey, type Diagnostic } from "./checks/diagnostic.ts";
import { assemble, DirectiveRunner, EMPTY_SEGMENT, moved, runInstanceChecksKeeping, type Segment } from "./checks/run.ts";
import { buildStatements, type BuildResult } from "./model/build.ts";
import { buildConfig, type Config } from "./model/config.ts";
import type { SourceFile, SourceHost } from "./model/source.ts";
import type { Directive } from "./model/types.ts";
import { incrementable } from "./parser/incremental.ts";
import type { StatementNode } from "./parser/syntax.ts";

/**
 * The incremental analysis of one file, for the language server: after an edit, the directives, model objects
 * and directive-check diagnostics of the top-level blocks the edit did not touch are taken over from the previous
 * analysis; the touched blocks are built and checked again, and the configuration checks (names, VRIDs, sync
 * groups, global settings...) run on the whole model as always. The result is the analysis a full run gives.
 *
 * It applies to a file whose parse is simple (ParseResult.simple: no includes, definitions, conditionals or
 * sequences, so a top-level statement means the same wherever it stands) with balanced braces. Blocks are matched
 * by identity: the incremental parse (parser/incremental.ts) keeps the statement objects of untouched blocks and
 * moves them in place, so the statements shared by the old and new parse, from either end, are the untouched ones.
 */

/** A top-level block's directive-check diagnostics, with the offset its statement started at when they were made. */
interface CachedSegment {
  base: number;
  segment: Segment;
}

interface IncrementalState {
  version: KeepalivedVersion;
  configId: AnalyzeOptions["configId"];
  /** The root's top-level statements as analysed, and the top-level directive each gave. */
  statements: readonly StatementNode[];
  directives: readonly Directive[];
  /** Where each statement's directives start in BuildResult.all and its problems in BuildResult.problems (one more entry: the ends). */
  allStarts: readonly number[];
  problemStarts: readonly number[];
  segments: readonly CachedSegment[];
}

const states = new WeakMap<FileAnalysis, IncrementalState>();

/** Past this share of new top-level blocks, a full analysis costs as little. */
const MAX_CHANGED_SHARE = 0.5;

function startOf(statement: StatementNode): number {
  return statement.words[0]!.startOffset;
}

function detachedSegment(segment: Segment, delta = 0): Segment {
  if (segment.diagnostics.length === 0) return EMPTY_SEGMENT;
  return { diagnostics: segment.diagnostics.map((d) => moved(d, delta)), checks: segment.checks };
}

/** One of each diagnostic, the first reported (as analyzeFile keeps them). */
export function unique(list: readonly Diagnostic[]): Diagnostic[] {
  const seen = new Set<string>();
  const out: Diagnostic[] = [];
  for (const d of list) {
    const key = diagnosticKey(d);
    if (seen.has(key)) continue;
    seen.add(key);
    out.push(d);
  }
  return out;
}

/**
 * Where each top-level statement's directives and problems start, or undefined when the build is not one the
 * incremental analysis can take apart (each statement one top-level directive, nothing beyond the root file).
 */
function layoutOf(root: SourceFile, build: BuildResult): { allStarts: number[]; problemStarts: number[] } | undefined {
  const statements = root.parsed.tree.statements;
  if (!incrementable(root.parsed) || build.files.length !== 1 || build.directives.length !== statements.length) return undefined;
  if (build.problems.some((p) => p.directive === undefined)) return undefined;
  const allStarts: number[] = [];
  const indexOf = new Map<Directive, number>();
  build.all.forEach((directive, i) => {
    if (directive.parent !== undefined) return;
    indexOf.set(directive, allStarts.length);
    allStarts.push(i);
  });
  if (allStarts.length !== statements.length || build.directives.some((d, k) => d.keyword !== statements[k]!.words[0])) return undefined;
  allStarts.push(build.all.length);
  const problemStarts = new Array<number>(statements.length + 1).fill(build.problems.length);
  for (let i = build.problems.length - 1; i >= 0; i--) {
    let top = build.problems[i]!.directive!;
    while (top.parent !== undefined) top = top.parent;
    const k = indexOf.get(top);
    if (k === undefined) return undefined;
    for (let j = k; j >= 0 && problemStarts[j]! > i; j--) problemStarts[j] = i;
  }
  return { allStarts, problemStarts };
}

function segmentsOf(config: Config, version: KeepalivedVersion, allStarts: readonly number[], statements: readonly StatementNode[], from: number, to: number): CachedSegment[] {
  const runner = new DirectiveRunner(config, version);
  const out: CachedSegment[] = [];
  for (let k = from; k < to; k++) out.push({ base: startOf(statements[k]!), segment: detachedSegment(runner.run(config.build.all, allStarts[k]!, allStarts[k + 1]!)) });
  return out;
}

/**
 * Every single-file check of `config`, the root's only reading, with what a later incremental analysis needs;
 * undefined when the root does not qualify (analyzeFile then checks it as a whole).
 */
export function checkIncrementally(root: SourceFile, config: Config, version: KeepalivedVersion, configId: AnalyzeOptions["configId"]): { diagnostics: Diagnostic[]; keep(analysis: FileAnalysis): void } | undefined {
  const layout = layoutOf(root, config.build);
  if (layout === undefined) return undefined;
  const statements = root.parsed.tree.statements;
  const segments = segmentsOf(config, version, layout.allStarts, statements, 0, statements.length);
  const diagnostics = assemble(config, version, segments.map((s) => s.segment), runInstanceChecksKeeping(config, version));
  const state: IncrementalState = { version, configId, statements, directives: config.build.directives, ...layout, segments };
  return { diagnostics, keep: (analysis) => void states.set(analysis, state) };
}

/**
 * The analysis of `root` made from `previous`, the analysis of an earlier version of the same file, by checking
 * again only the top-level blocks that changed. Undefined when the incremental analysis does not apply: the
 * caller then runs analyzeFile.
 */
export function updateAnalysis(previous: FileAnalysis, root: SourceFile, host: SourceHost, options: AnalyzeOptions, version: KeepalivedVersion): FileAnalysis | undefined {
  const state = states.get(previous);
  const rendering = previous.renderings[0];
  if (state === undefined || rendering === undefined || previous.file !== root.file || state.version !== version || state.configId !== options.configId) return undefined;
  if (!incrementable(root.parsed)) return undefined;
  const old = state.statements;
  const next = root.parsed.tree.statements;
  let prefix = 0;
  const shorter = Math.min(old.length, next.length);
  while (prefix < shorter && old[prefix] === next[prefix]) prefix++;
  let suffix = 0;
  while (suffix < shorter - prefix && old[old.length - 1 - suffix] === next[next.length - 1 - suffix]) suffix++;
  const oldEnd = old.length - suffix;
  const nextEnd = next.length - suffix;
  if (nextEnd - prefix > Math.max(8, next.length * MAX_CHANGED_SHARE)) return undefined;

  const fresh = buildStatements(root, host, { version, configId: rendering.configId }, next.slice(prefix, nextEnd));
  if (fresh.directives.length !== nextEnd - prefix || fresh.includes.length > 0 || fresh.problems.some((p) => p.directive === undefined)) return undefined;
  const before = rendering.config.build;
  const oldAll = state.allStarts;
  const oldProblems = state.problemStarts;
  const build: BuildResult = {
    root: root.file,
    directives: spliced(state.directives, prefix, oldEnd, fresh.directives),
    files: [root],
    includes: [],
    definitions: [],
    undefinedRefs: [],
    problems: spliced(before.problems, oldProblems[prefix]!, oldProblems[oldEnd]!, fresh.problems),
    configIds: [],
    negatedConditionals: false,
    all: spliced(before.all, oldAll[prefix]!, oldAll[oldEnd]!, fresh.all),
  };
  const config = buildConfig(build, rendering.config);

  // The layout of the new build: the kept statements' entries, the fresh ones' counted from their first directive.
  const allStarts = [...oldAll.slice(0, prefix)];
  const problemStarts = [...oldProblems.slice(0, prefix)];
  const freshAt = oldAll[prefix]!;
  const freshProblemsAt = oldProblems[prefix]!;
  const freshStarts = new Map<Directive, number>();
  fresh.all.forEach((d, i) => d.parent === undefined && freshStarts.set(d, i));
  let problem = 0;
  for (const directive of fresh.directives) {
    allStarts.push(freshAt + freshStarts.get(directive)!);
    problemStarts.push(freshProblemsAt + problem);
    while (problem < fresh.problems.length && topOf(fresh.problems[problem]!.directive!) === directive) problem++;
  }
  const allShift = freshAt + fresh.all.length - oldAll[oldEnd]!;
  const problemShift = freshProblemsAt + fresh.problems.length - oldProblems[oldEnd]!;
  for (let k = oldEnd; k <= old.length; k++) {
    allStarts.push(oldAll[k]! + allShift);
    problemStarts.push(oldProblems[k]! + problemShift);
  }

  const keep = (cached: CachedSegment, statement: StatementNode): CachedSegment => {
    const delta = startOf(statement) - cached.base;
    return delta === 0 ? cached : { base: startOf(statement), segment: detachedSegment(cached.segment, delta) };
  };
  const segments: CachedSegment[] = [
    ...state.segments.slice(0, prefix).map((s, k) => keep(s, next[k]!)),
    ...segmentsOf(config, version, allStarts, next, prefix, nextEnd),
    ...state.segments.slice(oldEnd).map((s, i) => keep(s, next[nextEnd + i]!)),
  ];
  const diagnostics = unique(assemble(config, version, segments.map((s) => s.segment), runInstanceChecksKeeping(config, version)));
  const analysis: FileAnalysis = { file: root.file, renderings: [{ configId: rendering.configId, config }], diagnostics, files: [root] };
  states.set(analysis, { version, configId: options.configId, statements: next, directives: build.directives, allStarts, problemStarts, segments });
  return analysis;
}

/** `list` with [from, to) replaced by `items`, as a new array. */
function spliced<T>(list: readonly T[], from: number, to: number, items: readonly T[]): T[] {
  return list.slice(0, from).concat(items, list.slice(to));
}

function topOf(directive: Directive): Directive {
  let top = directive;
  while (top.parent !== undefined) top = top.parent;
  return top;
}
