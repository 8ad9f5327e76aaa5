import { parseCompact, type CompactSyntax } from "../parser/compact.ts";
import { incrementable, reparse, type TextEdit } from "../parser/incremental.ts";
import { parse, type ParseResult } from "../parser/parse.ts";
import type { SyntaxError } from "../parser/syntax-errors.ts";
import { LineIndex } from "./span.ts";

export type { TextEdit } from "../parser/incremental.ts";

/** A file's text with its parse, shared by everything that reads the file. */
export interface SourceFile {
  file: string;
  text: string;
  /** The parse as objects (parse.ts): statements, words and blocks. */
  readonly parsed: ParseResult;
  lines: LineIndex;
}

/**
 * A file read whole. It is parsed when first asked: as objects (`parsed`, which the editor features, the incremental
 * parse and files with expansions need), or in typed arrays (compactSyntax, the analysis of a simple file), or both.
 */
class Source implements SourceFile {
  readonly file: string;
  readonly text: string;
  readonly lines: LineIndex;
  private objects: ParseResult | undefined = undefined;
  compact: CompactSyntax | undefined = undefined;

  constructor(file: string, text: string) {
    this.file = file;
    this.text = text;
    this.lines = new LineIndex(text);
  }

  get parsed(): ParseResult {
    return (this.objects ??= parse(this.text, this.file));
  }

  /** Whether the parse as objects was made. */
  get hasObjects(): boolean {
    return this.objects !== undefined;
  }
}

export function sourceFile(file: string, text: string): SourceFile {
  return new Source(file, text);
}

/**
 * Whether text may be simple (ParseResult.simple): none of `$`, `~SEQ`, `~LST`, `include` or a line starting with
 * `@` in it. Text with one of them is almost never simple, and its parse as objects is needed: a parse in arrays would
 * be made for nothing. (Either parse gives the same analysis; this only saves time. String searches, not one
 * regular expression, which took a millisecond per megabyte.)
 */
function maybeSimple(text: string): boolean {
  if (text.includes("$") || text.includes("~SEQ") || text.includes("~LST") || text.includes("include")) return false;
  return !text.includes("@") || !/^[ \t]*@/m.test(text);
}

/**
 * The parse of `source` in typed arrays (parser/compact.ts), for a file read whole whose parse as objects nobody has
 * asked for yet and whose text may be simple: the analysis of a simple file then needs no objects per word and
 * statement. Undefined otherwise (an edited document, whose incremental parse is kept as objects; a source whose
 * objects exist already, as they are read instead; text that will need them).
 */
export function compactSyntax(source: SourceFile): CompactSyntax | undefined {
  if (!(source instanceof Source)) return undefined;
  if (source.compact === undefined && !source.hasObjects && maybeSimple(source.text)) source.compact = parseCompact(source.text, source.file);
  return source.compact;
}

/** The syntax errors of a file, from whichever parse it has (both parsers report the same, a unit test checks). */
export function syntaxErrors(source: SourceFile): readonly SyntaxError[] {
  return source instanceof Source && source.compact !== undefined ? source.compact.errors : source.parsed.errors;
}

/** Where the `#` / `!` comments of a file are, [start, end) each, in order, from whichever parse it has. */
export function commentRanges(source: SourceFile): Array<{ start: number; end: number }> {
  if (source instanceof Source && source.compact !== undefined) {
    const { commentStart, commentEnd } = source.compact;
    const out: Array<{ start: number; end: number }> = [];
    for (let i = 0; i < commentStart.length; i++) out.push({ start: commentStart[i]!, end: commentEnd[i]! });
    return out;
  }
  return source.parsed.comments.map((c) => ({ start: c.startOffset, end: c.startOffset + c.image.length }));
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
