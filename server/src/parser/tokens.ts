import { createToken, Lexer, type CustomPatternMatcherReturn, type IToken, type TokenType } from "chevrotain";

/**
 * Token vocabulary of keepalived.conf. One generic word token: the catalog, not the lexer, decides what a
 * keyword means, so a misspelt keyword is a diagnostic rather than a parse error.
 */

const SPACE = new Set([0x20, 0x09, 0x0b, 0x0c]);

/** True when only blanks separate `offset` from the start of its line. */
function atLineStart(text: string, offset: number): boolean {
  for (let i = offset - 1; i >= 0; i--) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
    if (!SPACE.has(c)) return false;
  }
  return true;
}

function match(text: string, start: number, end: number): CustomPatternMatcherReturn {
  return [text.slice(start, end)] as CustomPatternMatcherReturn;
}

/** End of the current line (index of its CR/LF, or text length). */
function lineEnd(text: string, from: number): number {
  let i = from;
  while (i < text.length) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) break;
    i++;
  }
  return i;
}

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

/** `@main $PRIORITY=240`: a definition may follow a conditional on its line. */
function afterConditional(text: string, offset: number, tokens: IToken[]): boolean {
  const previous = tokens[tokens.length - 1];
  if (previous === undefined || previous.tokenType.name !== "Conditional") return false;
  for (let i = previous.startOffset + previous.image.length; i < offset; i++) {
    if (!SPACE.has(text.charCodeAt(i))) return false;
  }
  return true;
}

const DEFINITION_HEAD = /\$[A-Za-z_][A-Za-z0-9_]*=/y;

/**
 * `$NAME=value` at the start of a line. A value whose line ends with `\` continues on the next line, so the
 * token may span several lines; a trailing comment stays outside the token.
 */
function matchDefinition(text: string, offset: number, tokens: IToken[]): CustomPatternMatcherReturn | null {
  if (!atLineStart(text, offset) && !afterConditional(text, offset, tokens)) return null;
  DEFINITION_HEAD.lastIndex = offset;
  if (!DEFINITION_HEAD.test(text)) return null;
  let end = DEFINITION_HEAD.lastIndex;
  let from = end;
  for (;;) {
    const eol = lineEnd(text, from);
    // keepalived strips a line's comment before it looks for the trailing `\`, so a comment may follow it.
    const stop = commentStart(text, from, eol);
    let last = stop - 1;
    while (last >= from && SPACE.has(text.charCodeAt(last))) last--;
    // An empty (or comment-only) line ends the definition and is not part of it.
    if (last < from) break;
    end = stop === eol ? last + 1 : eol;
    if (text.charCodeAt(last) !== 0x5c || eol >= text.length) {
      end = last + 1;
      break;
    }
    from = eol + (text.charCodeAt(eol) === 0x0d && text.charCodeAt(eol + 1) === 0x0a ? 2 : 1);
  }
  return match(text, offset, end);
}

const SEQUENCE_HEAD = /~(?:SEQx?|LST)\(/y;

/** `~SEQ(...)`, `~SEQx(...)` or `~LST(...)`, up to its balancing parenthesis on the same line. */
function matchSequence(text: string, offset: number): CustomPatternMatcherReturn | null {
  SEQUENCE_HEAD.lastIndex = offset;
  if (!SEQUENCE_HEAD.test(text)) return null;
  const eol = lineEnd(text, offset);
  let depth = 1;
  for (let i = SEQUENCE_HEAD.lastIndex; i < eol; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x28) depth++;
    else if (c === 0x29 && --depth === 0) return match(text, offset, i + 1);
  }
  return null;
}

const CONDITIONAL = /@\^?[\x00-\x08\x0e-\x1f\x24-\x7a\x7c\x7e-\uffff]*/y;

/** `@ID` or `@^ID` as the first word of a line (keepalived's config-id conditionals). */
function matchConditional(text: string, offset: number): CustomPatternMatcherReturn | null {
  if (!atLineStart(text, offset)) return null;
  CONDITIONAL.lastIndex = offset;
  return CONDITIONAL.test(text) ? match(text, offset, CONDITIONAL.lastIndex) : null;
}

/**
 * Blanks and line breaks are skipped: the parser needs line boundaries only where a statement starts, and
 * `markStatementHeads` records those by retyping the first word of each line as a `HeadWord`.
 */
export const Blank = createToken({ name: "Blank", pattern: /[ \t\f\v\r\n]+/, group: Lexer.SKIPPED, line_breaks: true });
export const Comment = createToken({ name: "Comment", pattern: /[#!][^\r\n]*/, group: "comments" });
export const Definition = createToken({
  name: "Definition",
  pattern: { exec: (text, offset, tokens) => matchDefinition(text, offset, tokens) },
  line_breaks: true,
  start_chars_hint: ["$"],
});
export const Sequence = createToken({
  name: "Sequence",
  pattern: { exec: (text, offset) => matchSequence(text, offset) },
  line_breaks: false,
  start_chars_hint: ["~"],
});
export const Conditional = createToken({
  name: "Conditional",
  pattern: { exec: (text, offset) => matchConditional(text, offset) },
  line_breaks: false,
  start_chars_hint: ["@"],
});

/** Any word-like token: what a directive is made of. */
export const Value = createToken({ name: "Value", pattern: Lexer.NA });
/** The first word of a line (or of the text after a brace, a conditional or a sequence): a statement's keyword. */
export const HeadWord = createToken({ name: "HeadWord", pattern: Lexer.NA });
/** A conditional with nothing after it on its line: keepalived drops the line. */
export const LoneConditional = createToken({ name: "LoneConditional", pattern: Lexer.NA });
/** `~SEQ(...)` prefixes with nothing after them on their line: keepalived repeats an empty line. */
export const LoneSequence = createToken({ name: "LoneSequence", pattern: Lexer.NA });
/** `{{ placeholder }}` of Jinja/Go templates: kept as one word so that a template file parses sanely. */
export const Template = createToken({ name: "Template", pattern: /\{\{[^{}\r\n]*\}\}/, categories: [Value] });
export const LBrace = createToken({ name: "LBrace", pattern: "{" });
export const RBrace = createToken({ name: "RBrace", pattern: "}" });
export const QuotedString = createToken({ name: "QuotedString", pattern: /"[^"\r\n]*"/, categories: [Value] });
/** A double quote never closed on its line: keepalived reports it; we keep the text as one word. */
export const UnterminatedString = createToken({
  name: "UnterminatedString",
  pattern: /"[^"\r\n]*/,
  categories: [Value],
});
/**
 * A run of non-blank characters. `\#` and `\!` are part of it (keepalived keeps them literally) and so is a
 * `${NAME ...}` reference, whose braces are not block braces; other braces and quotes end it. Written as
 * positive ranges so that Chevrotain can index the token by its first character: a complement class would
 * disable that optimisation for the whole lexer.
 */
export const Word = createToken({
  name: "Word",
  pattern: /(?:[\x00-\x08\x0e-\x1f%-\x5b\x5d-\x7a\x7c\x7e-\uffff]|\$(?:\{[A-Za-z_][^{}\r\n]*\})?|\\[#!]?)+/,
  categories: [Value],
});

export const allTokens: TokenType[] = [
  Blank,
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
];
