import type { ILexingError, IToken } from "chevrotain";
import { scan, type StatementToken } from "./scanner.ts";
import type { StatementNode } from "./syntax.ts";
import { LBrace, RBrace } from "./tokens.ts";

export interface LexResult {
  /** Word-level tokens in order: prefixes, definitions, words (the first of each statement a HeadWord), braces. */
  tokens: IToken[];
  comments: IToken[];
  /** The Chevrotain lexer's: always empty, as every character starts some token. */
  errors: ILexingError[];
  /** Unterminated double quotes. */
  unterminated: IToken[];
}

function pushStatement(out: IToken[], statement: StatementNode): void {
  if (statement.conditional !== undefined) out.push(statement.conditional);
  if (statement.definition !== undefined) out.push(statement.definition);
  for (const s of statement.sequences) out.push(s);
  for (const w of statement.words) out.push(w);
}

/**
 * The word-level tokens of a text, for tools that look at its tokens rather than its statements (formatting): the
 * Chevrotain lexer's (tokens.ts), as the scanner placed them in statements (first words retyped as HeadWord,
 * include paths joined).
 */
export function lex(text: string): LexResult {
  const scanned = scan(text);
  const tokens: IToken[] = [];
  for (const t of scanned.tokens) {
    if (t.tokenType === LBrace || t.tokenType === RBrace) {
      tokens.push(t);
    } else {
      const statement = t as StatementToken;
      pushStatement(tokens, statement);
      if (statement.opening !== undefined) tokens.push(statement.opening);
    }
  }
  return { tokens, comments: scanned.comments, errors: scanned.errors, unterminated: scanned.unterminated };
}
