import { Lexer, tokenMatcher, type ILexingError, type IToken } from "chevrotain";
import {
  allTokens,
  Conditional,
  HeadWord,
  LBrace,
  LoneConditional,
  LoneSequence,
  RBrace,
  Sequence,
  UnterminatedString,
  Value,
  Word,
} from "./tokens.ts";

/** One lexer for the process: building it validates and optimises the token set, which is not free. */
export const keepalivedLexer = new Lexer(allTokens, {
  positionTracking: "onlyOffset",
  ensureOptimizations: true,
});

export interface LexResult {
  tokens: IToken[];
  comments: IToken[];
  errors: ILexingError[];
  /** Unterminated double quotes, found before their tokens are retyped as statement heads. */
  unterminated: IToken[];
}

export function lex(text: string): LexResult {
  const result = keepalivedLexer.tokenize(text);
  const unterminated = result.tokens.filter((t) => t.tokenType === UnterminatedString);
  markStatementHeads(text, result.tokens);
  return { tokens: result.tokens, comments: result.groups["comments"] ?? [], errors: result.errors, unterminated };
}

function hasLineBreak(text: string, from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/**
 * keepalived splits a line at each brace and reads what follows as a new line, so a statement starts at the
 * first word of a line or after a brace, conditional or sequence prefix. Retyping that word as a HeadWord
 * gives the parser its statement boundaries without a token per line break.
 */
function markStatementHeads(text: string, tokens: IToken[]): void {
  let lineStart = true;
  let prevEnd = 0;
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (!lineStart && hasLineBreak(text, prevEnd, token.startOffset)) lineStart = true;
    const type = token.tokenType;
    if (type === Conditional) {
      const next = tokens[i + 1];
      const nextEnd = next === undefined ? text.length : next.startOffset;
      // `@ID }` has nothing a statement could start with after the id: the `}` is read on its own.
      if (next === undefined || next.tokenType === RBrace || hasLineBreak(text, token.startOffset + token.image.length, nextEnd)) {
        retype(token, LoneConditional);
      }
      lineStart = true;
    } else if (type === Sequence) {
      const next = tokens[i + 1];
      const nextEnd = next === undefined ? text.length : next.startOffset;
      if (next === undefined || next.tokenType === RBrace || hasLineBreak(text, token.startOffset + token.image.length, nextEnd)) {
        // The whole run of prefixes has nothing to repeat.
        for (let j = i; j >= 0 && tokens[j]!.tokenType === Sequence; j--) retype(tokens[j]!, LoneSequence);
      }
      lineStart = true;
    } else if (type === LBrace || type === RBrace) {
      lineStart = true;
    } else if (lineStart && tokenMatcher(token, Value)) {
      retype(token, HeadWord);
      if (INCLUDE.test(token.image) && (i === 0 || hasLineBreak(text, prevEnd, token.startOffset))) joinIncludePaths(text, tokens, i + 1);
      lineStart = false;
    } else {
      lineStart = false;
    }
    prevEnd = token.startOffset + token.image.length;
  }
}

const INCLUDE = /^include[rmwba]?$/;

/**
 * keepalived recognises an include line before it splits lines at braces, and globs its path with GLOB_BRACE:
 * `include conf.d/{a,b}.conf` names two files. The pieces the lexer cut at the braces are joined back into words.
 */
function joinIncludePaths(text: string, tokens: IToken[], from: number): void {
  for (let k = from; k < tokens.length; k++) {
    const first = tokens[k]!;
    if (hasLineBreak(text, endOf(tokens[k - 1]!), first.startOffset)) return;
    let last = k;
    let brace = first.tokenType === LBrace || first.tokenType === RBrace;
    while (last + 1 < tokens.length && tokens[last + 1]!.startOffset === endOf(tokens[last]!)) {
      last++;
      const type = tokens[last]!.tokenType;
      if (type === LBrace || type === RBrace) brace = true;
    }
    if (!brace || last === k) continue;
    const joined: IToken = { ...first, image: text.slice(first.startOffset, endOf(tokens[last]!)) };
    retype(joined, Word);
    tokens.splice(k, last - k + 1, joined);
  }
}

function endOf(token: IToken): number {
  return token.startOffset + token.image.length;
}

function retype(token: IToken, type: typeof HeadWord): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}
