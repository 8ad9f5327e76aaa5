import { createToken, Lexer, type CustomPatternMatcherReturn, type ILexingError, type ILexingResult, type IToken, type TokenType } from "chevrotain";
import { ChunkedList } from "./chunked-list.ts";
import type { WordToken } from "./syntax.ts";
import { definitionEnd, definitionHead, hasLineBreak, INCLUDE_KEYWORD, isBlank, isIdChar, sequenceEnd, sliceShared, wordEnd } from "./chars.ts";

export { commentStart } from "./chars.ts";

/**
 * Token vocabulary of keepalived.conf, the Chevrotain lexer's patterns for it and the lexer itself (at the end). One
 * generic word token: the catalog, not the lexer, decides what a keyword means, so a misspelt keyword is a
 * diagnostic rather than a parse error.
 *
 * keepalived's lexical rules are partly context sensitive: `@ID` counts only first on a line, `$NAME=` only there or
 * after `@ID`, `~SEQ(...)` only where a statement starts. Those tokens are custom patterns (Chevrotain's mechanism
 * for this) that look at the tokens already matched; the character-level pieces are in chars.ts. The scanner
 * (scanner.ts) turns the lexer's tokens into statements, and the parser reads one token per statement (Line or
 * Head) and the braces.
 */

const type = (name: string, categories?: TokenType[]): TokenType => createToken({ name, pattern: Lexer.NA, ...(categories !== undefined ? { categories } : {}) });

/**
 * The tokens a lexer has matched so far in the text it is reading, as the context-sensitive patterns read them:
 * the lexer of word objects (KeepalivedLexer) and the lexer of offsets in typed arrays (compact.ts) each give theirs.
 */
export interface MatchedTokens {
  readonly length: number;
  startOf(k: number): number;
  endOf(k: number): number;
  typeOf(k: number): TokenType;
  imageOf(k: number): string;
}

/** The word objects KeepalivedLexer has made so far, as MatchedTokens. */
class MatchedWords implements MatchedTokens {
  readonly list = new ChunkedList<WordToken>();

  get length(): number {
    return this.list.length;
  }

  startOf(k: number): number {
    return this.list.at(k).startOffset;
  }

  endOf(k: number): number {
    const t = this.list.at(k);
    return t.startOffset + t.image.length;
  }

  typeOf(k: number): TokenType {
    return this.list.at(k).tokenType;
  }

  imageOf(k: number): string {
    return this.list.at(k).image;
  }
}

/** What the lexer now reading has matched (see MatchedTokens). */
let matchedSoFar: MatchedTokens = new MatchedWords();

/** Makes `tokens` what the context patterns read, for the lexer about to read a text; returns the one it replaces. */
export function readingWith(tokens: MatchedTokens): MatchedTokens {
  const previous = matchedSoFar;
  matchedSoFar = tokens;
  return previous;
}

/** The last token matched so far, when it is on the line of `offset`: its index, or -1 (at the start of a line). */
function previousOnLine(text: string, offset: number, tokens: MatchedTokens): number {
  const last = tokens.length - 1;
  if (last < 0 || hasLineBreak(text, tokens.endOf(last), offset)) return -1;
  return last;
}

/** Nothing but blanks between the start of the line (or of the text) and `offset`. */
function atLineStart(text: string, offset: number, tokens: MatchedTokens): boolean {
  if (tokens.length > 0) return previousOnLine(text, offset, tokens) < 0;
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
    if (!isBlank(c)) return false;
  }
  return true;
}

/**
 * What a custom pattern returns. Chevrotain reads the image out of it at once and keeps nothing, so one array serves
 * every match: a word costs no array of its own.
 */
const MATCH = [""] as unknown as CustomPatternMatcherReturn;

function matched(text: string, start: number, end: number): CustomPatternMatcherReturn {
  MATCH[0] = sliceShared(text, start, end);
  return MATCH;
}

/** `@ID` or `@^ID` as the first word of a line (keepalived's config-id conditionals). */
function matchConditional(text: string, offset: number, tokens: MatchedTokens): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x40 || !atLineStart(text, offset, tokens)) return null;
  let end = offset + 1;
  while (end < text.length && isIdChar(text.charCodeAt(end))) end++;
  return matched(text, offset, end);
}

/**
 * `$NAME=value` at the start of a line or right after its `@ID`. A value whose line ends with `\` continues on the
 * next line, so the token may span several lines; a trailing comment stays outside it.
 */
function matchDefinition(text: string, offset: number, tokens: MatchedTokens): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x24) return null;
  if (!atLineStart(text, offset, tokens)) {
    const previous = previousOnLine(text, offset, tokens);
    if (previous < 0 || tokens.typeOf(previous) !== Conditional) return null;
  }
  const valueStart = definitionHead(text, offset);
  return valueStart < 0 ? null : matched(text, offset, definitionEnd(text, valueStart));
}

/**
 * `~SEQ(...)`, `~SEQx(...)` or `~LST(...)` up to its balancing parenthesis on the line, where a statement starts:
 * first on a line, after `@ID`, another prefix or a brace. On an include line the braces belong to the path (see
 * scanner.ts), so there it is a word.
 */
function matchSequence(text: string, offset: number, tokens: MatchedTokens): CustomPatternMatcherReturn | null {
  if (text.charCodeAt(offset) !== 0x7e) return null;
  const previous = previousOnLine(text, offset, tokens);
  if (previous >= 0) {
    const kind = tokens.typeOf(previous);
    if (kind !== Conditional && kind !== Sequence && kind !== LBrace && kind !== RBrace) return null;
    if ((kind === LBrace || kind === RBrace) && onIncludeLine(text, tokens)) return null;
  } else if (!atLineStart(text, offset, tokens)) {
    return null;
  }
  const end = sequenceEnd(text, offset);
  return end < 0 ? null : matched(text, offset, end);
}

/** Whether the line of the last token starts with an include keyword (its first token is first on the line). */
function onIncludeLine(text: string, tokens: MatchedTokens): boolean {
  let k = tokens.length - 1;
  while (k > 0 && !hasLineBreak(text, tokens.endOf(k - 1), tokens.startOf(k))) k--;
  return tokens.typeOf(k) === Word && INCLUDE_KEYWORD.test(tokens.imageOf(k));
}

/** A run of word characters (chars.ts `wordEnd`). A function rather than a RegExp: a regular expression with the
 * `${...}` and `\#` alternatives backtracks recursively and overflows the stack on a word of some megabytes. */
function matchWord(text: string, offset: number): CustomPatternMatcherReturn | null {
  const end = wordEnd(text, offset);
  return end > offset ? matched(text, offset, end) : null;
}

/**
 * Every character a word may start with, for Chevrotain's first-character index: all but blanks, line breaks,
 * `"`, `#`, `!`, `{` and `}`. Above 255 Chevrotain indexes characters in buckets of 255, so one character of each
 * bucket stands for all of them.
 */
const WORD_START: number[] = [];
for (let c = 0; c < 256; c++) {
  if (!isBlank(c) && c !== 0x0a && c !== 0x0d && c !== 0x22 && c !== 0x23 && c !== 0x21 && c !== 0x7b && c !== 0x7d) WORD_START.push(c);
}
for (let c = 256; c < 65536; c += 255) WORD_START.push(c);
WORD_START.push(65535);

/** Blanks and line breaks: skipped. The scanner finds line ends in the gaps between tokens. */
export const Blank = createToken({ name: "Blank", pattern: /[ \t\v\f\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
/** `#` or `!` to the end of the line, outside double quotes. */
export const Comment = createToken({ name: "Comment", pattern: /[#!][^\r\n]*/, group: "comments" });
/** `@ID` or `@^ID` as the first word of a line (keepalived's config-id conditionals). */
export const Conditional: TokenType = createToken({
  name: "Conditional",
  pattern: { exec: (text, offset) => matchConditional(text, offset, matchedSoFar) },
  line_breaks: false,
  start_chars_hint: ["@"],
});
/** `$NAME=value` at the start of a line (or after `@ID`), continued over lines that end with `\`. */
export const Definition = createToken({
  name: "Definition",
  pattern: { exec: (text, offset) => matchDefinition(text, offset, matchedSoFar) },
  line_breaks: true,
  start_chars_hint: ["$"],
});
/** `~SEQ(...)`, `~SEQx(...)` or `~LST(...)` at the start of a statement, up to its balancing parenthesis. */
export const Sequence: TokenType = createToken({
  name: "Sequence",
  pattern: { exec: (text, offset) => matchSequence(text, offset, matchedSoFar) },
  line_breaks: false,
  start_chars_hint: ["~"],
});
/** Any word-like token: what a directive is made of. */
export const Value = type("Value");
/** The first word of a statement: its keyword. */
export const HeadWord = type("HeadWord", [Value]);
/** A conditional with nothing after it on its line: keepalived drops the line. */
export const LoneConditional = type("LoneConditional");
/** `~SEQ(...)` prefixes with nothing after them on their line: keepalived repeats an empty line. */
export const LoneSequence = type("LoneSequence");
/** `{{ placeholder }}` of Jinja/Go templates on one line: kept as one word so that a template file parses sanely. */
export const Template = createToken({ name: "Template", pattern: /\{\{[^{}\r\n]*\}\}/, categories: [Value] });
export const LBrace: TokenType = createToken({ name: "LBrace", pattern: "{" });
export const RBrace: TokenType = createToken({ name: "RBrace", pattern: "}" });
export const QuotedString = createToken({ name: "QuotedString", pattern: /"[^"\r\n]*"/, categories: [Value] });
/** A double quote never closed on its line: keepalived reports it; we keep the rest of the line as one word. */
export const UnterminatedString = createToken({ name: "UnterminatedString", pattern: /"[^"\r\n]*/, categories: [Value] });
/**
 * A run of non-blank characters. `\#` and `\!` are part of it (keepalived keeps them literally) and so is a
 * `${NAME ...}` reference, whose braces are not block braces; other braces and quotes end it. `@`, `$` and `~`
 * words that are not prefixes where they stand are words too.
 */
export const Word: TokenType = createToken({
  name: "Word",
  pattern: { exec: (text, offset) => matchWord(text, offset) },
  line_breaks: false,
  start_chars_hint: WORD_START,
  categories: [Value],
});

/** A statement with no block (the scanner's StatementToken). */
export const Line = type("Line");
/** A statement whose block follows: it carries its `{`. */
export const Head = type("Head");

/** What the parser reads. */
export const parserTokens: TokenType[] = [Line, Head, LBrace, RBrace];

/** What the lexer matches, in the order it tries them; then the types the scanner gives tokens afterwards. */
export const allTokens: TokenType[] = [
  Blank,
  Comment,
  Conditional,
  Definition,
  Sequence,
  RBrace,
  Template,
  LBrace,
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

/**
 * A token in the one shape every word has, whoever makes it (the lexer, or the scanner joining an include path):
 * its value is its image until the scanner reads it otherwise; `start` is its place in `file`.
 */
export function newWordToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType, file: string, start: number): WordToken {
  return { image, startOffset, tokenTypeIdx, tokenType, text: image, raw: image, quoted: false, span: { file, start, end: start + image.length } };
}

/** What KeepalivedLexer.lex returns: the tokens as a ChunkedList. */
export interface Lexed {
  tokens: ChunkedList<WordToken>;
  /** `#` / `!` comments. */
  comments: IToken[];
  errors: ILexingError[];
}

/**
 * The lexer, making each token in its final shape and keeping the tokens in a ChunkedList. Chevrotain's Lexer picks
 * its token factory and its way of adding tokens by name when it is built (`createOffsetOnlyToken` for
 * positionTracking "onlyOffset", `addTokenUsingPush` with custom patterns):
 * - this one makes every token a WordToken at once, with its span in the file, so that the scanner uses the lexer's
 *   objects as the words and braces of its statements instead of copying each (a word is one object and its span);
 * - it adds tokens to a ChunkedList rather than pushing them onto one array, which is slow in V8 for big files.
 * Those methods are Chevrotain's, not part of its typed API: the lexer's unit tests fail if a Chevrotain version
 * stops calling them.
 */
class KeepalivedLexer extends Lexer {
  /** The file the text being lexed is from, and the offset of that text in it. */
  private file = "";
  private base = 0;
  /** The tokens of the text being read. */
  private matched = new MatchedWords();

  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number, tokenType: TokenType): WordToken {
    return newWordToken(image, startOffset, tokenTypeIdx, tokenType, this.file, startOffset + this.base);
  }

  addTokenUsingPush(_chevrotains: IToken[], index: number, token: WordToken): number {
    this.matched.list.push(token);
    return index;
  }

  /** The tokens of `text`, the text at `base` in `file`: their startOffsets are relative to `text`, their spans are in the file. */
  lex(text: string, file = "", base = 0): Lexed {
    this.file = file;
    this.base = base;
    const matched = (this.matched = new MatchedWords());
    const outer = readingWith(matched);
    const result = super.tokenize(text);
    readingWith(outer);
    this.matched = new MatchedWords();
    return { tokens: matched.list, comments: result.groups["comments"] ?? [], errors: result.errors };
  }

  /** Chevrotain's API, for tools and tests that want an array. */
  override tokenize(text: string): ILexingResult {
    const { tokens, comments, errors } = this.lex(text);
    return { tokens: tokens.toArray(), groups: { comments }, errors };
  }
}

/**
 * The one lexer of the process (building it validates the token set and indexes the patterns by first character).
 * Every character starts some token, so it reports no errors.
 */
export const keepalivedLexer = new KeepalivedLexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });
