import type { IToken } from "chevrotain";
import { parser } from "./parser.ts";
import { scan } from "./scanner.ts";
import type { BlockNode, StatementNode, SyntaxTree } from "./syntax.ts";

export type { BlockNode, StatementNode, SyntaxTree } from "./syntax.ts";

export type SyntaxErrorKind = "unterminated-quote" | "unclosed-block" | "extra-close" | "orphan-open" | "other";

export interface SyntaxError {
  kind: SyntaxErrorKind;
  message: string;
  /** Offsets into the text: [start, end). */
  start: number;
  end: number;
}

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
  for (const token of lexed.unterminated) {
    errors.push({
      kind: "unterminated-quote",
      message: "Unterminated quote: keepalived reports the line and takes the rest of it, quote included, as one word",
      start: token.startOffset,
      end: token.startOffset + token.image.length,
    });
  }
  for (const e of lexed.errors) {
    errors.push({ kind: "other", message: `Internal lexer error: ${e.message}`, start: e.offset, end: e.offset + e.length });
  }
  parser.input = lexed.tokens;
  let tree: SyntaxTree;
  try {
    tree = parser.document() ?? EMPTY_TREE;
  } catch (e) {
    // The grammar accepts every token sequence, so this is a defect of ours; the caller still gets a result.
    errors.push({ kind: "other", message: `Internal parser error: ${String(e)}`, start: 0, end: 0 });
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
  for (const close of tree.strayCloses) {
    errors.push({
      kind: "extra-close",
      message: "Extra '}': there is no block to close here; keepalived reports it and ignores the brace",
      start: close.startOffset,
      end: close.startOffset + 1,
    });
  }
  for (const statement of parser.orphans) {
    const open = statement.block!.open;
    errors.push({
      kind: "orphan-open",
      message: "Unexpected '{': no keyword before it on this line or the one above; keepalived ignores the brace",
      start: open.startOffset,
      end: open.startOffset + 1,
    });
  }
  for (const statement of parser.unclosed) errors.push(unclosed(statement, statement.block!));
}

function unclosed(statement: StatementNode, block: BlockNode): SyntaxError {
  const head = statement.words[0];
  const what = head === undefined ? "this block" : `'${head.image}'`;
  return {
    kind: "unclosed-block",
    message: `Missing '}': the block of ${what} is never closed; keepalived reports missing '}'s and reads every later line as part of it`,
    start: head?.startOffset ?? block.open.startOffset,
    end: block.open.startOffset + 1,
  };
}
