import type { IToken } from "chevrotain";
import type { Span } from "../model/span.ts";

/**
 * A word as the scanner read it. It is also what the model calls a Word (text, raw, quoted, span), so the
 * model's directives use the parse's words as they are instead of copying each one.
 */
export interface WordToken extends IToken {
  /** The value keepalived reads: quotes removed, `\#` and `\!` unescaped outside them. */
  text: string;
  /** As written (the same string as `image`). */
  raw: string;
  quoted: boolean;
  span: Span;
}

/** A brace, with its place as a span for the model's blocks. */
export interface BraceToken extends IToken {
  span: Span;
}

/** One line of keepalived.conf as written: its words and the block that follows it, if any. */
export interface StatementNode {
  /** The keyword and its arguments; empty for a definition, a lone conditional or an orphan `{`. */
  words: WordToken[];
  /** From the first word to the last; absent without words. */
  span?: Span;
  /** `@ID` / `@^ID` prefix. */
  conditional?: WordToken;
  /** `$NAME=value` (possibly continued over several lines). */
  definition?: IToken;
  /** `~SEQ(...)` / `~LST(...)` prefixes, outermost first. */
  sequences: IToken[];
  block?: BlockNode;
}

export interface BlockNode {
  open: BraceToken;
  statements: StatementNode[];
  /** Absent when the block is never closed. */
  close?: BraceToken;
}

export interface SyntaxTree {
  statements: StatementNode[];
  /** `}` with no open block. */
  strayCloses: IToken[];
}
