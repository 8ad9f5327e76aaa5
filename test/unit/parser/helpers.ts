import type { IToken } from "chevrotain";
import { parse, type ParseResult, type StatementNode } from "../../../server/src/parser/parse.ts";

/**
 * Compact views of a parse for assertions: a statement is the images of its words joined by a blank (prefixed
 * with its conditional, definition or sequences), followed by an array of its block's statements when it has a
 * block ("{...}" marks a block never closed).
 */
export type Shape = string | Shape[];

function head(statement: StatementNode): string {
  const parts: string[] = [];
  if (statement.conditional !== undefined) parts.push(statement.conditional.image);
  if (statement.definition !== undefined) parts.push(statement.definition.image);
  for (const s of statement.sequences) parts.push(s.image);
  for (const w of statement.words) parts.push(w.image);
  return parts.join(" ");
}

export function shapeOf(statements: StatementNode[]): Shape[] {
  const out: Shape[] = [];
  for (const statement of statements) {
    out.push(head(statement));
    const block = statement.block;
    if (block !== undefined) {
      const children = shapeOf(block.statements);
      out.push(block.close === undefined ? ["{...", ...children] : children);
    }
  }
  return out;
}

export function shape(text: string): Shape[] {
  return shapeOf(parse(text).tree.statements);
}

/** Errors as [kind, the text their range covers]. */
export function errorsOf(text: string, result: ParseResult = parse(text)): Array<[string, string]> {
  return result.errors.map((e) => [e.kind, text.slice(e.start, e.end)]);
}

/** The words of the first statement, as the token type and image. */
export function tokensOf(words: IToken[]): string[] {
  return words.map((t) => `${t.tokenType.name}:${t.image}`);
}
