import type { IToken } from "chevrotain";
import { parseRange, type ParseResult, type SyntaxError } from "./parse.ts";
import type { StatementToken } from "./scanner.ts";
import type { BraceToken, StatementNode } from "./syntax.ts";

/**
 * The incremental parse: after an edit, only the lines of the top-level statements it touches are read again.
 * The other statements are kept as they are, the objects themselves, and those after the edit are moved by its
 * length difference in place (their offsets and spans, which the model's directives share), so that a one
 * character edit in a file of 44,000 lines costs the reading of one block and a walk that adds a number to each
 * word, brace and comment that follows.
 *
 * It applies only where the lines an edit touches mean the same whatever comes before them
 * (ParseResult.simple) and braces balance before and after: otherwise the caller parses the whole text.
 */

/** [start, end) of the old text replaced by `text`. */
export interface TextEdit {
  start: number;
  end: number;
  text: string;
}

/** What the incremental parse can take over: a simple parse whose only errors are unterminated quotes (line-local). */
export function incrementable(parsed: ParseResult): boolean {
  return parsed.simple && parsed.tree.strayCloses.length === 0 && parsed.errors.every((e) => e.kind === "unterminated-quote");
}

function isLineBreak(c: number): boolean {
  return c === 0x0a || c === 0x0d;
}

function lineStartAt(text: string, i: number): number {
  while (i > 0 && !isLineBreak(text.charCodeAt(i - 1))) i--;
  return i;
}

function lineEndAt(text: string, i: number): number {
  while (i < text.length && !isLineBreak(text.charCodeAt(i))) i++;
  return i;
}

/** Where a statement of a simple parse starts: its first word (it has no prefix). */
function startOf(statement: StatementNode): number {
  return statement.words[0]!.startOffset;
}

/** Where it ends: after its `}`, or after its last word. */
function endOf(statement: StatementNode): number {
  const close = statement.block?.close;
  if (close !== undefined) return close.startOffset + 1;
  const last = statement.words[statement.words.length - 1]!;
  return last.startOffset + last.image.length;
}

/** The first index in [0, n) for which `test` holds (it holds for all indexes after it), or n. */
function firstWhere(n: number, test: (i: number) => boolean): number {
  let low = 0;
  let high = n;
  while (low < high) {
    const mid = (low + high) >> 1;
    if (test(mid)) high = mid;
    else low = mid + 1;
  }
  return low;
}

/**
 * The old lines to read again: whole lines from the edit's, widened until no top-level statement crosses their
 * bounds, and the statements [first, last) they hold.
 */
function regionOf(text: string, statements: readonly StatementNode[], edit: TextEdit): { from: number; to: number; first: number; last: number } {
  let from = lineStartAt(text, edit.start);
  let to = lineEndAt(text, edit.end);
  for (;;) {
    const f = from;
    const t = to;
    const first = firstWhere(statements.length, (i) => endOf(statements[i]!) > f);
    const last = firstWhere(statements.length, (i) => startOf(statements[i]!) > t);
    if (first >= last) return { from, to, first, last };
    from = Math.min(from, lineStartAt(text, startOf(statements[first]!)));
    to = Math.max(to, lineEndAt(text, endOf(statements[last - 1]!) - 1));
    if (from === f && to === t) return { from, to, first, last };
  }
}

function shiftBrace(brace: BraceToken, delta: number): void {
  brace.startOffset += delta;
  brace.span.start += delta;
  brace.span.end += delta;
}

/**
 * Moves statements and everything in them by `delta`, in place, in text order (the order they lie in memory); nested
 * blocks wait on a stack rather than a recursion (blocks nest deeply).
 */
function shiftStatements(statements: readonly StatementNode[], delta: number): void {
  const pending: Array<readonly StatementNode[]> = [];
  for (const top of statements) {
    shiftStatement(top, delta, pending);
    while (pending.length > 0) for (const child of pending.pop()!) shiftStatement(child, delta, pending);
  }
}

function shiftStatement(statement: StatementNode, delta: number, pending: Array<readonly StatementNode[]>): void {
  (statement as StatementToken).startOffset += delta;
  const words = statement.words;
  // A one-word statement shares its word's span.
  const span = statement.span;
  if (span !== undefined && span !== words[0]?.span) {
    span.start += delta;
    span.end += delta;
  }
  for (const word of words) {
    word.startOffset += delta;
    word.span.start += delta;
    word.span.end += delta;
  }
  const block = statement.block;
  if (block === undefined) return;
  shiftBrace(block.open, delta);
  if (block.close !== undefined) shiftBrace(block.close, delta);
  pending.push(block.statements);
}

/**
 * A copy of `value` that refers to no other string. V8 keeps a substring of 13 or more characters as a view of the
 * string it was cut from: a word read from one version of a 44,000-line text would keep that whole text alive for as
 * long as its statement is kept, one text per edit. The lines read again are cut loose with this.
 */
function own(value: string): string {
  return value.length < 13 ? value : Buffer.from(value, "utf16le").toString("utf16le");
}

/** Cuts the strings of freshly read statements and comments loose from the text (see `own`). */
function ownStrings(statements: readonly StatementNode[], comments: readonly IToken[]): void {
  const stack: StatementNode[] = [...statements];
  while (stack.length > 0) {
    const statement = stack.pop()!;
    for (const word of statement.words) {
      const image = own(word.image);
      word.text = word.text === word.image ? image : own(word.text);
      word.raw = word.raw === word.image ? image : own(word.raw);
      word.image = image;
    }
    const first = statement.words[0];
    if (first !== undefined) (statement as StatementToken).image = first.image;
    if (statement.block !== undefined) for (const child of statement.block.statements) stack.push(child);
  }
  for (const comment of comments) comment.image = own(comment.image);
}

function firstFrom<T>(list: readonly T[], offset: number, at: (item: T) => number): number {
  return firstWhere(list.length, (i) => at(list[i]!) >= offset);
}

/**
 * The parse of `text`, the old text with `edit` applied, made from `previous` (the old text's parse, which must
 * be incrementable) by reading again only the lines the edit touched. Undefined when that is not possible: the
 * new lines are not simple, or their braces do not balance. On success the statements after the edit are moved
 * in place: `previous` must not be used afterwards.
 */
export function reparse(previousText: string, previous: ParseResult, file: string, edit: TextEdit, text: string): ParseResult | undefined {
  const statements = previous.tree.statements;
  const delta = edit.text.length - (edit.end - edit.start);
  if (previousText.length + delta !== text.length) return undefined;
  const region = regionOf(previousText, statements, edit);
  const lines = parseRange(text, file, region.from, region.to + delta);
  if (!incrementable(lines)) return undefined;
  ownStrings(lines.tree.statements, lines.comments);
  const after = statements.slice(region.last);
  shiftStatements(after, delta);
  const comments = previous.comments;
  const commentsFrom = firstFrom(comments, region.from, (c) => c.startOffset);
  const commentsAfter = firstFrom(comments, region.to, (c) => c.startOffset);
  const movedComments = comments.slice(commentsAfter);
  for (const comment of movedComments) comment.startOffset += delta;
  const errors = previous.errors;
  const errorsFrom = firstFrom(errors, region.from, (e) => e.start);
  const errorsAfter = firstFrom(errors, region.to, (e) => e.start);
  const movedErrors: SyntaxError[] = errors.slice(errorsAfter).map((e) => ({ ...e, start: e.start + delta, end: e.end + delta }));
  const merged: StatementNode[] = [...statements.slice(0, region.first), ...lines.tree.statements, ...after];
  const mergedComments: IToken[] = [...comments.slice(0, commentsFrom), ...lines.comments, ...movedComments];
  return {
    tree: { statements: merged, strayCloses: [] },
    comments: mergedComments,
    errors: [...errors.slice(0, errorsFrom), ...lines.errors, ...movedErrors],
    simple: true,
  };
}
