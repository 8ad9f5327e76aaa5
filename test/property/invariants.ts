/**
 * Invariants every parse and every analysis must keep, whatever the input. Each function returns the list of
 * broken ones (empty when all hold) so that a property can print all of them for its counterexample.
 */
import type { FileAnalysis } from "../../server/src/analysis.ts";
import type { Diagnostic } from "../../server/src/checks/diagnostic.ts";
import type { ParseResult } from "../../server/src/parser/parse.ts";
import type { LineIndex, Span } from "../../server/src/model/span.ts";
import type { Directive, Word } from "../../server/src/model/types.ts";
import type { SourceFile } from "../../server/src/model/source.ts";
import { allDirectives } from "../../server/src/checks/util.ts";

/** Offsets [start, end) inside a text of `length`, and a valid LSP range for them. */
export function rangeProblems(what: string, start: number, end: number, text: string, lines: LineIndex): string[] {
  if (!Number.isInteger(start) || !Number.isInteger(end)) return [`${what}: offsets ${start}..${end} are not integers`];
  if (start < 0 || start > end || end > text.length) return [`${what}: offsets ${start}..${end} outside 0..${text.length}`];
  const problems: string[] = [];
  const range = lines.rangeOf(start, end);
  for (const [name, position, offset] of [["start", range.start, start], ["end", range.end, end]] as const) {
    if (position.line < 0 || position.line >= lines.lineCount) {
      problems.push(`${what}: ${name} line ${position.line} outside 0..${lines.lineCount - 1}`);
      continue;
    }
    const lineStart = lines.lineStart(position.line);
    const nextStart = position.line + 1 < lines.lineCount ? lines.lineStart(position.line + 1) : text.length;
    if (position.character < 0 || lineStart + position.character > nextStart) {
      problems.push(`${what}: ${name} character ${position.character} past line ${position.line}`);
    }
    if (lines.offsetAt(position) !== offset) problems.push(`${what}: ${name} offset ${offset} does not survive offset -> position -> offset`);
  }
  const { start: s, end: e } = range;
  if (s.line > e.line || (s.line === e.line && s.character > e.character)) problems.push(`${what}: range ends before it starts`);
  return problems;
}

export function parseProblems(text: string, result: ParseResult, lines: LineIndex): string[] {
  const problems: string[] = [];
  for (const error of result.errors) {
    problems.push(...rangeProblems(`syntax error "${error.message.slice(0, 60)}"`, error.start, error.end, text, lines));
    if (error.message.startsWith("Internal parser error")) problems.push(`parser gave up: ${error.message}`);
  }
  for (const comment of result.comments) {
    problems.push(...rangeProblems("comment", comment.startOffset, comment.startOffset + comment.image.length, text, lines));
  }
  return problems;
}

function spanProblems(what: string, span: Span | undefined, files: ReadonlyMap<string, SourceFile>): string[] {
  if (span === undefined) return [];
  const file = files.get(span.file);
  if (file === undefined) return [`${what}: span names ${span.file}, which the analysis did not read`];
  return rangeProblems(`${what} in ${span.file}`, span.start, span.end, file.text, file.lines);
}

function wordProblems(what: string, word: Word, files: ReadonlyMap<string, SourceFile>): string[] {
  return spanProblems(`${what} '${word.raw.slice(0, 40)}'`, word.span, files);
}

function directiveProblems(directive: Directive, files: ReadonlyMap<string, SourceFile>): string[] {
  const what = `directive '${directive.keyword.raw.slice(0, 40)}'`;
  return [
    ...spanProblems(what, directive.span, files),
    ...wordProblems(`${what} keyword`, directive.keyword, files),
    ...directive.args.flatMap((arg) => wordProblems(`${what} argument`, arg, files)),
    ...spanProblems(`${what} block open`, directive.block?.open, files),
    ...spanProblems(`${what} block close`, directive.block?.close, files),
    ...(directive.conditional ? wordProblems(`${what} conditional`, directive.conditional, files) : []),
    ...spanProblems(`${what} expandedFrom`, directive.expandedFrom, files),
    ...spanProblems(`${what} includedBy`, directive.includedBy, files),
  ];
}

function diagnosticProblems(d: Diagnostic, files: ReadonlyMap<string, SourceFile>): string[] {
  const what = `diagnostic ${d.code} "${d.message.slice(0, 60)}"`;
  return [...spanProblems(what, d.span, files), ...(d.related ?? []).flatMap((r) => spanProblems(`${what} related`, r.span, files))];
}

/** Every span of the diagnostics and of each rendering's model lies in the file it names, as a valid range. */
export function analysisProblems(analysis: FileAnalysis): string[] {
  const files = new Map(analysis.files.map((f) => [f.file, f] as const));
  const problems: string[] = [];
  for (const file of analysis.files) problems.push(...parseProblems(file.text, file.parsed, file.lines).map((p) => `${file.file}: ${p}`));
  for (const d of analysis.diagnostics) problems.push(...diagnosticProblems(d, files));
  for (const { config } of analysis.renderings) {
    const build = config.build;
    for (const directive of allDirectives(config)) problems.push(...directiveProblems(directive, files));
    for (const p of build.problems) problems.push(...spanProblems(`build problem ${p.kind}`, p.span, files));
    for (const u of build.undefinedRefs) problems.push(...spanProblems(`undefined reference ${u.name}`, u.span, files));
    for (const d of build.definitions) problems.push(...spanProblems(`definition ${d.name}`, d.span, files));
  }
  return [...new Set(problems)];
}
