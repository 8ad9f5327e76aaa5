import type { IToken } from "chevrotain";
import { parser } from "./parser.ts";
import { scan } from "./scanner.ts";
import { extraClose, lexerError, orphanOpen, parserCrash, unclosedBlock, unterminatedQuote, type SyntaxError } from "./syntax-errors.ts";
import type { SyntaxTree } from "./syntax.ts";

export type { BlockNode, StatementNode, SyntaxTree } from "./syntax.ts";

export type { SyntaxError, SyntaxErrorKind } from "./syntax-errors.ts";

export interface ParseResult {
  tree: SyntaxTree;
  /** Every `#` / `!` comment, in order: tools that rewrite text keep them. */
  comments: IToken[];
  errors: SyntaxError[];
  /**
   * No `@ID` conditional, `$NAME=` definition, `~SEQ` line, include line or `$` in a word: every statement means
   * the same whatever comes before it, so an edit changes the meaning of the lines it touches only (the
   * incremental parse and analysis rely on it).
   */
  simple: boolean;
}

const EMPTY_TREE: SyntaxTree = { statements: [], strayCloses: [] };

/** Lexes and parses keepalived.conf text (`file` names it in the words' spans). Never throws: malformed input gives a partial tree and errors. */
export function parse(text: string, file = ""): ParseResult {
  return parseRange(text, file, 0, text.length);
}

/** Parses the lines [from, to) of `text` as if they were the whole text (offsets stay those of `text`). */
export function parseRange(text: string, file: string, from: number, to: number): ParseResult {
  const lexed = scan(text, file, from, to);
  const errors: SyntaxError[] = [];
  for (const token of lexed.unterminated) errors.push(unterminatedQuote(token.startOffset, token.startOffset + token.image.length));
  for (const e of lexed.errors) errors.push(lexerError(e));
  parser.input = lexed.tokens;
  let tree: SyntaxTree;
  try {
    tree = parser.document() ?? EMPTY_TREE;
  } catch (e) {
    errors.push(parserCrash(e));
    tree = EMPTY_TREE;
    parser.orphans = [];
    parser.unclosed = [];
  }
  for (const e of parser.errors) {
    const start = Number.isNaN(e.token.startOffset) ? to : e.token.startOffset;
    errors.push({ kind: "other", message: e.message, start, end: start + (e.token.image?.length ?? 0) });
  }
  collectBraceErrors(tree, errors);
  parser.release();
  errors.sort((a, b) => a.start - b.start);
  return { tree, comments: lexed.comments, errors, simple: lexed.simple };
}

function collectBraceErrors(tree: SyntaxTree, errors: SyntaxError[]): void {
  for (const close of tree.strayCloses) errors.push(extraClose(close.startOffset));
  for (const statement of parser.orphans) errors.push(orphanOpen(statement.block!.open.startOffset));
  for (const statement of parser.unclosed) {
    const head = statement.words[0];
    const open = statement.block!.open.startOffset;
    errors.push(unclosedBlock(head?.image, head?.startOffset ?? open, open));
  }
}
