import { createToken, Lexer, type TokenType } from "chevrotain";

/**
 * Token vocabulary of keepalived.conf. One generic word token: the catalog, not the lexer, decides what a
 * keyword means, so a misspelt keyword is a diagnostic rather than a parse error.
 *
 * The scanner (scanner.ts) recognises them by hand in one pass over the text; the patterns that used to describe
 * them are in the comments. Word-level tokens make up each statement; the parser itself reads only one token per
 * statement (Line or Head) and the braces.
 */

const type = (name: string): TokenType => createToken({ name, pattern: Lexer.NA });

/** `#` or `!` to the end of the line, outside double quotes. */
export const Comment = type("Comment");
/** `$NAME=value` at the start of a line (or after `@ID`), continued over lines that end with `\`. */
export const Definition = type("Definition");
/** `~SEQ(...)`, `~SEQx(...)` or `~LST(...)` at the start of a statement, up to its balancing parenthesis. */
export const Sequence = type("Sequence");
/** `@ID` or `@^ID` as the first word of a line (keepalived's config-id conditionals). */
export const Conditional = type("Conditional");
/** Any word-like token: what a directive is made of. */
export const Value = type("Value");
/** The first word of a statement: its keyword. */
export const HeadWord = createToken({ name: "HeadWord", pattern: Lexer.NA, categories: [Value] });
/** A conditional with nothing after it on its line: keepalived drops the line. */
export const LoneConditional = type("LoneConditional");
/** `~SEQ(...)` prefixes with nothing after them on their line: keepalived repeats an empty line. */
export const LoneSequence = type("LoneSequence");
/** `{{ placeholder }}` of Jinja/Go templates: kept as one word so that a template file parses sanely. */
export const Template = createToken({ name: "Template", pattern: Lexer.NA, categories: [Value] });
export const LBrace = type("LBrace");
export const RBrace = type("RBrace");
export const QuotedString = createToken({ name: "QuotedString", pattern: Lexer.NA, categories: [Value] });
/** A double quote never closed on its line: keepalived reports it; we keep the rest of the line as one word. */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: Lexer.NA, categories: [Value] });
/**
 * A run of non-blank characters. `\#` and `\!` are part of it (keepalived keeps them literally) and so is a
 * `${NAME ...}` reference, whose braces are not block braces; other braces and quotes end it.
 */
export const Word = createToken({ name: "Word", pattern: Lexer.NA, categories: [Value] });

/** A statement with no block: its StatementNode is the token's `payload`. */
export const Line = type("Line");
/** A statement whose block follows: the next token is its `{`. */
export const Head = type("Head");

/** What the parser reads. */
export const parserTokens: TokenType[] = [Line, Head, LBrace, RBrace];

export const allTokens: TokenType[] = [
  Comment,
  Definition,
  Sequence,
  Conditional,
  Template,
  LBrace,
  RBrace,
  QuotedString,
  UnterminatedString,
  Word,
  Value,
  HeadWord,
  LoneConditional,
  LoneSequence,
  Line,
  Head,
];

/** Where a comment starts on [from, end): a # or ! outside double quotes and not escaped by a backslash. */
export function commentStart(text: string, from: number, end: number): number {
  let quoted = false;
  for (let i = from; i < end; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x22) quoted = !quoted;
    else if (!quoted && c === 0x5c && i + 1 < end) i++;
    else if (!quoted && (c === 0x23 || c === 0x21)) return i;
  }
  return end;
}
