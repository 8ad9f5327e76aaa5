import type { Loc, WordSite } from "./schemas.ts";
import type { FixContext, TextEdit } from "./types.ts";

/**
 * Text edits that keep everything around them: a word is replaced and nothing else, a removed line takes its
 * own line break with it only when it stood alone, a new line copies the indentation and line breaks of the
 * file. Every helper checks that the text still says what the diagnostic saw and returns undefined otherwise,
 * so a stale fix is dropped rather than applied in the wrong place.
 */

const BLANK_OR_COMMENT = /^[ \t]*([#!].*)?$/;

/** A file's indentation unit, by text: scanning a big file once per fix would make `fix` quadratic. */
const units = new Map<string, { text: string; unit: string }>();
const INDENT_OR_CONDITIONAL = /^[ \t]*(@\^?[^ \t]+[ \t]+)?$/;

export class Editor {
  private readonly ctx: FixContext;
  private readonly texts = new Map<string, string | undefined>();

  constructor(ctx: FixContext) {
    this.ctx = ctx;
  }

  text(file: string): string | undefined {
    if (!this.texts.has(file)) this.texts.set(file, this.ctx.text(file));
    return this.texts.get(file);
  }

  /** The text at a location, or undefined when the file cannot be read or is shorter. */
  at(loc: Loc): string | undefined {
    const text = this.text(loc.file);
    return text === undefined || loc.end > text.length ? undefined : text.slice(loc.start, loc.end);
  }

  eol(file: string): string {
    return this.text(file)?.includes("\r\n") === true ? "\r\n" : "\n";
  }

  lineStart(text: string, offset: number): number {
    return Math.max(text.lastIndexOf("\n", offset - 1), text.lastIndexOf("\r", offset - 1)) + 1;
  }

  lineEnd(text: string, offset: number): number {
    let end = offset;
    while (end < text.length && text[end] !== "\n" && text[end] !== "\r") end++;
    return end;
  }

  indentAt(text: string, offset: number): string {
    const start = this.lineStart(text, offset);
    let end = start;
    while (text[end] === " " || text[end] === "\t") end++;
    return text.slice(start, end);
  }

  /** One level of indentation: a tab when the file indents with tabs, else its smallest space step (4 if none). */
  unit(file: string): string {
    const text = this.text(file) ?? "";
    const known = units.get(file);
    if (known !== undefined && known.text === text) return known.unit;
    const unit = this.measureUnit(text);
    units.set(file, { text, unit });
    return unit;
  }

  private measureUnit(text: string): string {
    const indents = [...text.matchAll(/^([ \t]+)\S/gm)].map((m) => m[1]!);
    if (indents.some((i) => i.startsWith("\t"))) return "\t";
    const step = Math.min(...indents.map((i) => i.length).filter((n) => n > 0));
    return " ".repeat(Number.isFinite(step) && step <= 8 ? step : 4);
  }

  /**
   * Replaces a word. For one host of a file with `@ID` lines (`host`), a line shared by every host is split: an
   * `@ID` line with the new word, and the old line for the others (one `@OTHER` line each when the file names
   * them all, else one `@^ID` line).
   */
  replaceWord(word: WordSite, raw: string, host?: { configId?: string; otherIds?: string[] }): TextEdit | undefined {
    const configId = host?.configId;
    const text = this.text(word.file);
    if (text === undefined || text.slice(word.start, word.end) !== word.raw) return undefined;
    if (configId === undefined || word.conditional) return { file: word.file, start: word.start, end: word.end, newText: raw };
    const start = this.lineStart(text, word.start);
    const end = this.lineEnd(text, word.end);
    const line = text.slice(start, end);
    if (/[{}]/.test(line)) return undefined;
    const indent = /^[ \t]*/.exec(line)![0];
    const rest = line.slice(indent.length);
    const at = word.start - start - indent.length;
    const changed = rest.slice(0, at) + raw + rest.slice(at + word.raw.length);
    const eol = this.eol(word.file);
    const others = host?.otherIds !== undefined && host.otherIds.length > 0 ? host.otherIds.map((id) => `${eol}${indent}@${id} ${rest}`).join("") : `${eol}${indent}@^${configId} ${rest}`;
    return { file: word.file, start: start + indent.length, end, newText: `@${configId} ${changed}${others}` };
  }

  /** Removes a directive: its whole lines when nothing else is on them (a trailing comment goes too). */
  remove(loc: Loc): TextEdit | undefined {
    const text = this.text(loc.file);
    if (text === undefined || loc.end > text.length) return undefined;
    const start = this.lineStart(text, loc.start);
    const end = this.lineEnd(text, loc.end);
    if (INDENT_OR_CONDITIONAL.test(text.slice(start, loc.start)) && BLANK_OR_COMMENT.test(text.slice(loc.end, end))) {
      const breakLength = text.startsWith("\r\n", end) ? 2 : end < text.length ? 1 : 0;
      // The last line of a file without a final line break: take the break before it instead.
      const from = breakLength === 0 && start > 0 ? start - (text.slice(0, start).endsWith("\r\n") ? 2 : 1) : start;
      return { file: loc.file, start: from, end: end + breakLength, newText: "" };
    }
    let from = loc.start;
    while (from > start && (text[from - 1] === " " || text[from - 1] === "\t")) from--;
    return { file: loc.file, start: from, end: loc.end, newText: "" };
  }

  private prefixed(lines: readonly string[], base: string, unit: string, configId?: string): string[] {
    return lines.map((line) => {
      const depth = /^\t*/.exec(line)![0].length;
      return `${base}${unit.repeat(depth)}${configId !== undefined ? `@${configId} ` : ""}${line.slice(depth)}`;
    });
  }

  /**
   * New lines after the line of `loc`, indented like it. A leading tab in a given line means one level deeper
   * (in the file's own unit). For one host of an `@ID` file, each line gets `@ID`.
   */
  insertAfter(loc: Loc, lines: readonly string[], configId?: string): TextEdit | undefined {
    const text = this.text(loc.file);
    if (text === undefined || loc.end > text.length) return undefined;
    const end = this.lineEnd(text, loc.end);
    const eol = this.eol(loc.file);
    const body = this.prefixed(lines, this.indentAt(text, loc.start), this.unit(loc.file), configId);
    return { file: loc.file, start: end, end, newText: body.map((l) => eol + l).join("") };
  }

  /** New lines at the top of a block, after the line of its `{`, indented like the block's first line. */
  insertInBlock(brace: Loc, lines: readonly string[], configId?: string): TextEdit | undefined {
    const text = this.text(brace.file);
    if (text === undefined || text.slice(brace.start, brace.end) !== "{") return undefined;
    const end = this.lineEnd(text, brace.end);
    if (text.slice(brace.end, end).includes("}")) return undefined;
    const eol = this.eol(brace.file);
    const unit = this.unit(brace.file);
    let indent = this.indentAt(text, brace.start) + unit;
    for (let at = end; at < text.length; ) {
      const lineEnd = this.lineEnd(text, at);
      const line = text.slice(at, lineEnd);
      if (line.trim() !== "") {
        if (!line.trim().startsWith("}")) indent = this.indentAt(text, at);
        break;
      }
      at = lineEnd + 1;
    }
    const body = this.prefixed(lines, indent, unit, configId);
    return { file: brace.file, start: end, end, newText: body.map((l) => eol + l).join("") };
  }
}

/** Whether two edits touch the same text (insertions at one point count as touching). */
export function overlaps(a: TextEdit, b: TextEdit): boolean {
  if (a.file !== b.file) return false;
  if (a.start === a.end && b.start === b.end) return a.start === b.start;
  return a.start < b.end && b.start < a.end;
}

export function sameEdit(a: TextEdit, b: TextEdit): boolean {
  return a.file === b.file && a.start === b.start && a.end === b.end && a.newText === b.newText;
}

/** Applies non-overlapping edits of one file to its text, in one pass. */
export function applyEdits(text: string, edits: readonly TextEdit[]): string {
  const sorted = [...edits].sort((a, b) => a.start - b.start || a.end - b.end);
  const parts: string[] = [];
  let at = 0;
  for (const e of sorted) {
    parts.push(text.slice(at, e.start), e.newText);
    at = e.end;
  }
  parts.push(text.slice(at));
  return parts.join("");
}

/** "a.conf", "a.conf and b.conf", "a.conf, b.conf and c.conf". */
export function labels(items: readonly string[]): string {
  const unique = [...new Set(items)];
  if (unique.length <= 1) return unique[0] ?? "";
  return `${unique.slice(0, -1).join(", ")} and ${unique[unique.length - 1]}`;
}
