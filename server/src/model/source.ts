import { incrementable, reparse, type TextEdit } from "../parser/incremental.ts";
import { parse, type ParseResult } from "../parser/parse.ts";
import { LineIndex } from "./span.ts";

export type { TextEdit } from "../parser/incremental.ts";

/** A file's text with its parse, shared by everything that reads the file. */
export interface SourceFile {
  file: string;
  text: string;
  parsed: ParseResult;
  lines: LineIndex;
}

export function sourceFile(file: string, text: string): SourceFile {
  return { file, text, parsed: parse(text, file), lines: new LineIndex(text) };
}

/** Sources whose parse an incremental parse took over (and moved): they are stale. */
const superseded = new WeakSet<SourceFile>();

/** Whether an incremental parse took over this source's parse (see editedSource). */
export function isSuperseded(source: SourceFile): boolean {
  return superseded.has(source);
}

/**
 * The source of `text`, which is `previous.text` with `edit` applied: parsed incrementally when it can be
 * (parser/incremental.ts; `previous` is then stale and must not be read again), else in full.
 */
export function editedSource(previous: SourceFile, edit: TextEdit, text: string): SourceFile {
  if (!superseded.has(previous) && incrementable(previous.parsed)) {
    const parsed = reparse(previous.text, previous.parsed, previous.file, edit, text);
    if (parsed !== undefined) {
      superseded.add(previous);
      return { file: previous.file, text, parsed, lines: LineIndex.edited(previous.lines, edit.start, edit.end, edit.text.length, text) };
    }
  }
  return { file: previous.file, text, parsed: parse(text, previous.file), lines: LineIndex.edited(previous.lines, edit.start, edit.end, edit.text.length, text) };
}

/**
 * What the model builder needs from the outside world, injected so that the builder stays pure: the CLI reads
 * the disk, the language server prefers open documents, tests use an in-memory map.
 */
export interface SourceHost {
  /** The file parsed, or undefined when it cannot be read. */
  load(file: string): SourceFile | undefined;
  /** Files an include pattern names, as keepalived's glob(3) would list them (sorted, existing only). */
  resolveInclude(pattern: string, fromFile: string): string[];
  isAbsolute(pattern: string): boolean;
  dirname(file: string): string;
}
