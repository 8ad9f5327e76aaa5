import { parse, type ParseResult } from "../parser/parse.ts";
import { LineIndex } from "./span.ts";

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
