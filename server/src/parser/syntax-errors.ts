import type { ILexingError } from "chevrotain";

/*
 * The syntax errors a parse reports, made in one place for both parsers (parse.ts, which makes objects, and
 * compact.ts, which fills typed arrays): same kinds, same words, same ranges.
 */

export type SyntaxErrorKind = "unterminated-quote" | "unclosed-block" | "extra-close" | "orphan-open" | "other";

export interface SyntaxError {
  kind: SyntaxErrorKind;
  message: string;
  /** Offsets into the text: [start, end). */
  start: number;
  end: number;
}

/** A double quote never closed on its line, [start, end) the word it opens. */
export function unterminatedQuote(start: number, end: number): SyntaxError {
  return { kind: "unterminated-quote", message: "Unterminated quote: keepalived reports the line and takes the rest of it, quote included, as one word", start, end };
}

/** A `}` at `at` with no block to close. */
export function extraClose(at: number): SyntaxError {
  return { kind: "extra-close", message: "Extra '}': there is no block to close here; keepalived reports it and ignores the brace", start: at, end: at + 1 };
}

/** A `{` at `at` that no keyword owns. */
export function orphanOpen(at: number): SyntaxError {
  return { kind: "orphan-open", message: "Unexpected '{': no keyword before it on this line or the one above; keepalived ignores the brace", start: at, end: at + 1 };
}

/** A block never closed: `head` is its keyword as written (undefined for an orphan `{`), from `start`; its `{` at `open`. */
export function unclosedBlock(head: string | undefined, start: number, open: number): SyntaxError {
  const what = head === undefined ? "this block" : `'${head}'`;
  return {
    kind: "unclosed-block",
    message: `Missing '}': the block of ${what} is never closed; keepalived reports missing '}'s and reads every later line as part of it`,
    start,
    end: open + 1,
  };
}

/** What the lexer reported: nothing, as every character starts some token (kept so that a defect would show). */
export function lexerError(e: ILexingError): SyntaxError {
  return { kind: "other", message: `Internal lexer error: ${e.message}`, start: e.offset, end: e.offset + e.length };
}

/** The parser threw: a defect of ours (the grammar accepts every token sequence); the caller still gets a result. */
export function parserCrash(e: unknown): SyntaxError {
  return { kind: "other", message: `Internal parser error: ${String(e)}`, start: 0, end: 0 };
}
