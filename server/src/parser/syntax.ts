import type { IToken } from "chevrotain";

/** One line of keepalived.conf as written: its words and the block that follows it, if any. */
export interface StatementNode {
  /** The keyword and its arguments; empty for a definition, a lone conditional or an orphan `{`. */
  words: IToken[];
  /** `@ID` / `@^ID` prefix. */
  conditional?: IToken;
  /** `$NAME=value` (possibly continued over several lines). */
  definition?: IToken;
  /** `~SEQ(...)` / `~LST(...)` prefixes, outermost first. */
  sequences: IToken[];
  block?: BlockNode;
}

export interface BlockNode {
  open: IToken;
  statements: StatementNode[];
  /** Absent when the block is never closed. */
  close?: IToken;
}

export interface SyntaxTree {
  statements: StatementNode[];
  /** `}` with no open block. */
  strayCloses: IToken[];
}
