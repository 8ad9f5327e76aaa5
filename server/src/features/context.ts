import type { Position } from "vscode-languageserver";
import type { FileAnalysis } from "../analysis.ts";
import type { Config } from "../model/config.ts";
import type { SourceFile } from "../model/source.ts";
import type { Directive, Word } from "../model/types.ts";
import { fileOfUri } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";

export interface Located {
  file: string;
  source: SourceFile;
  offset: number;
  /** The analysis the file is judged in: its includer's, or its own. */
  analysis?: FileAnalysis;
  config?: Config;
  /** The directive whose line holds the offset. */
  directive?: Directive;
  /** The word under the offset (touching its end counts). */
  word?: Word;
  /** The innermost directive whose block holds the offset. */
  container?: Directive;
}

/** The analysis a file belongs to: the first configuration that includes it, else its own. */
export function ownerAnalysis(workspace: Workspace, file: string): FileAnalysis | undefined {
  const owner = workspace.includers().get(file)?.[0];
  return workspace.analysis(owner ?? file) ?? workspace.analysis(file);
}

function inside(d: Directive, file: string, offset: number, textLength: number): boolean {
  const block = d.block;
  if (block === undefined || block.open.file !== file) return false;
  const end = block.close?.start ?? textLength;
  return offset > block.open.start && offset <= end;
}

/** Finds what is at a position in an open or on-disk file. */
export function locate(workspace: Workspace, uri: string, position: Position): Located | undefined {
  const file = fileOfUri(uri);
  const source = workspace.source(file);
  if (source === undefined) return undefined;
  const offset = source.lines.offsetAt(position);
  const located: Located = { file, source, offset };
  const analysis = ownerAnalysis(workspace, file);
  if (analysis === undefined) return located;
  located.analysis = analysis;
  const config = analysis.renderings[0]?.config;
  if (config === undefined) return located;
  located.config = config;
  let level: Directive[] = config.directives;
  for (;;) {
    let descended = false;
    for (const d of level) {
      if (d.span.file === file && d.expandedFrom === undefined && offset >= d.span.start && offset <= d.span.end) {
        located.directive = d;
        located.word = [d.keyword, ...d.args].find((w) => offset >= w.span.start && offset <= w.span.end);
      }
      if (inside(d, file, offset, source.text.length) || (d.span.file !== file && d.block !== undefined && containsFile(d, file, offset))) {
        located.container = d;
        level = d.block!.children;
        descended = true;
        break;
      }
    }
    if (!descended) return located;
  }
}

/** A block from another file (an includer) whose children come from `file` around `offset`. */
function containsFile(d: Directive, file: string, offset: number): boolean {
  const children = d.block?.children ?? [];
  const mine = children.filter((c) => c.span.file === file);
  if (mine.length === 0) return false;
  return offset >= mine[0]!.span.start && offset <= mine[mine.length - 1]!.span.end + 1;
}

/** Every directive of a configuration, depth first. */
export function* walk(directives: Directive[]): Generator<Directive> {
  for (const d of directives) {
    yield d;
    if (d.block !== undefined) yield* walk(d.block.children);
  }
}
