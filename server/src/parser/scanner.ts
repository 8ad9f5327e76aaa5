import type { IToken, TokenType } from "chevrotain";
import type { BraceToken, StatementNode, WordToken } from "./syntax.ts";
import { definitionEnd, definitionHead, intern, isBlank, isIdChar, lineEnd, quoteEnd, sequenceEnd, templateEnd, wordEnd, wordHadBackslash, wordHadDollar } from "./chars.ts";
import {
  Comment,
  Conditional,
  Definition,
  Head,
  HeadWord,
  LBrace,
  Line,
  LoneConditional,
  LoneSequence,
  QuotedString,
  RBrace,
  Sequence,
  Template,
  UnterminatedString,
  Word,
} from "./tokens.ts";

/*
 * A hand-written scanner for keepalived.conf: one pass over the characters that yields, per statement, a
 * StatementNode (its words and prefixes as word-level tokens), and for the parser one token per statement plus the
 * braces. keepalived reads a line at a time and splits it at braces, so a statement is the words of one line up to a
 * brace; whether a block follows is known once the next token is seen.
 */

/** A statement that is also the parser's token for it. */
export interface StatementToken extends IToken, StatementNode {
  /** For a Head: the `{` of its block, which has no token of its own in the parser's input. */
  opening: BraceToken | undefined;
}

export interface ScanResult {
  /** Statements (as Line / Head tokens, see StatementToken), LBrace (a `{` no statement owns) and RBrace. */
  tokens: IToken[];
  /** Every `#` / `!` comment, in order. */
  comments: IToken[];
  /** Words that open a double quote never closed on their line. */
  unterminated: IToken[];
  /** See ParseResult.simple. */
  simple: boolean;
}

function token(image: string, startOffset: number, type: TokenType): IToken {
  return { image, startOffset, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type };
}

/** The value keepalived reads from a word as written: quotes removed, `\#` and `\!` unescaped outside them. */
export function valueOf(raw: string): string {
  if (raw.charCodeAt(0) === 0x22) return raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined);
  return raw.includes("\\") ? raw.replace(/\\([#!])/g, "$1") : raw;
}

/** A word as read; `text` is its value when the caller knows it (see valueOf). */
export function wordToken(raw: string, start: number, type: TokenType, file: string, text = valueOf(raw)): WordToken {
  return {
    image: raw,
    startOffset: start,
    tokenTypeIdx: type.tokenTypeIdx!,
    tokenType: type,
    text,
    raw,
    quoted: raw.charCodeAt(0) === 0x22,
    span: { file, start, end: start + raw.length },
  };
}

function braceToken(image: string, start: number, type: TokenType, file: string): BraceToken {
  return { image, startOffset: start, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type, span: { file, start, end: start + 1 } };
}

export function retype(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}

const INCLUDE = /^include[rmwba]?$/;

/** Shared by every statement without prefixes; never written to. */
const NO_SEQUENCES: IToken[] = Object.freeze([]) as unknown as IToken[];

/**
 * Scans `text`; `file` names it in the spans of words and braces (empty for text that is no file). With `from` and
 * `to`, only [from, to) is read, as the whole text would be read there: `from` must start a line and `to` end one
 * (the incremental parse reads the lines an edit touched).
 */
export function scan(text: string, file = "", from = 0, to = text.length): ScanResult {
  return new Scanner(text, file).run(from, to);
}

/**
 * The scanner's state for one text. A class rather than closures so that the functions the optimizing compiler
 * inlines stay the same from one text to the next.
 */
class Scanner {
  private readonly text: string;
  private readonly file: string;
  private readonly tokens: IToken[] = [];
  private readonly comments: IToken[] = [];
  private readonly unterminated: IToken[] = [];
  // The statement being read on this line: where it starts (-1: none), its prefixes and its words so far.
  private start = -1;
  private conditional: WordToken | undefined = undefined;
  private sequences = NO_SEQUENCES;
  private readonly words: WordToken[] = [];
  private count = 0;
  /** The last finished statement with words: a `{` that comes next (on any later line) opens its block. */
  private pending: StatementToken | undefined = undefined;
  /** No conditional, definition, sequence, include line or `$` was read (see ParseResult.simple). */
  private simple = true;

  constructor(text: string, file: string) {
    this.text = text;
    this.file = file;
  }

  run(from: number, to: number): ScanResult {
    const text = this.text;
    const n = to;
    let i = from;
    /** Only blanks since the last line break. */
    let lineStart = true;
    while (i < n) {
      const c = text.charCodeAt(i);
      if (isBlank(c)) {
        i++;
        continue;
      }
      if (c === 0x0a || c === 0x0d) {
        this.endStatement();
        lineStart = true;
        i++;
        continue;
      }
      if (c === 0x23 || c === 0x21) {
        const end = lineEnd(text, i);
        this.comments.push(token(text.slice(i, end), i, Comment));
        i = end;
        continue;
      }
      const atLine = lineStart;
      lineStart = false;
      if (c === 0x7d) {
        this.closeBrace(i++);
        continue;
      }
      if (c === 0x7b && templateEnd(text, i) < 0) {
        this.openBrace(i++);
        continue;
      }
      // Prefixes, only where a statement starts: `@ID` first on a line, `$NAME=` first or after `@ID`, `~SEQ(...)`.
      if (c === 0x40 && atLine) {
        let end = i + 1;
        while (end < n && isIdChar(text.charCodeAt(end))) end++;
        this.simple = false;
        this.start = i;
        this.conditional = wordToken(text.slice(i, end), i, Conditional, this.file);
        i = end;
        continue;
      }
      if (c === 0x24 && (atLine || (this.start >= 0 && this.conditional !== undefined && this.count === 0 && this.sequences.length === 0))) {
        const valueStart = definitionHead(text, i);
        if (valueStart >= 0) {
          const end = definitionEnd(text, valueStart);
          this.simple = false;
          if (this.start < 0) this.start = i;
          this.flushPending();
          this.tokens.push(this.finish(Line, token(text.slice(i, end), i, Definition)));
          i = end;
          continue;
        }
      }
      if (c === 0x7e && this.count === 0) {
        const end = sequenceEnd(text, i);
        if (end >= 0) {
          this.simple = false;
          if (this.start < 0) this.start = i;
          if (this.sequences === NO_SEQUENCES) this.sequences = [];
          this.sequences.push(token(text.slice(i, end), i, Sequence));
          i = end;
          continue;
        }
      }
      const word = this.readWord(i, c);
      i = word.startOffset + word.image.length;
      this.addWord(word);
      if (atLine && c === 0x69 && INCLUDE.test(word.image)) i = this.includePath(i);
    }
    this.endStatement();
    this.flushPending();
    return { tokens: this.tokens, comments: this.comments, unterminated: this.unterminated, simple: this.simple };
  }

  private flushPending(): void {
    if (this.pending !== undefined) this.tokens.push(this.pending);
    this.pending = undefined;
  }

  /**
   * Turns what was read into a statement. The statement is its own token for the parser (Head when its block
   * follows, else Line): one object per statement rather than two.
   */
  private finish(type: TokenType, definition?: IToken): StatementToken {
    const count = this.count;
    const first = count > 0 ? this.words[0]! : undefined;
    const last = count > 0 ? this.words[count - 1]! : undefined;
    const statement: StatementToken = {
      image: first?.image ?? this.text.slice(this.start, this.start + 1),
      startOffset: this.start,
      tokenTypeIdx: type.tokenTypeIdx!,
      tokenType: type,
      words: this.words.slice(0, count),
      span: first === undefined ? undefined : first === last ? first.span : { file: this.file, start: first.startOffset, end: last!.span.end },
      conditional: this.conditional,
      definition,
      sequences: this.sequences,
      block: undefined,
      opening: undefined,
    };
    this.count = 0;
    this.start = -1;
    this.conditional = undefined;
    this.sequences = NO_SEQUENCES;
    return statement;
  }

  /** Ends the statement of this line at a line break, a `}` or the end of the text. */
  private endStatement(): void {
    if (this.start < 0) return;
    this.flushPending();
    if (this.count > 0) {
      this.pending = this.finish(Line);
      return;
    }
    // Prefixes with nothing after them: keepalived reads an empty line.
    if (this.sequences.length > 0) for (const s of this.sequences) retype(s, LoneSequence);
    else if (this.conditional !== undefined) retype(this.conditional, LoneConditional);
    this.tokens.push(this.finish(Line));
  }

  private addWord(word: WordToken): void {
    if (this.start < 0) this.start = word.startOffset;
    if (this.count === 0) {
      retype(word, HeadWord);
      if (word.text === word.raw) word.text = word.raw = word.image = intern(word.image);
      // The model builder reads any statement that starts with an include word as an include.
      if (word.image.charCodeAt(0) === 0x69 && INCLUDE.test(word.image)) this.simple = false;
    }
    this.words[this.count++] = word;
  }

  /** A `{` opens the block of the statement before it (a Head, which carries it), or stands alone. */
  private openBrace(at: number): void {
    if (this.start >= 0) {
      this.flushPending();
      this.pending = this.finish(Head);
    }
    const brace = braceToken("{", at, LBrace, this.file);
    const owner = this.pending;
    if (owner === undefined) {
      this.tokens.push(brace);
      return;
    }
    retype(owner, Head);
    owner.opening = brace;
    this.flushPending();
  }

  private closeBrace(at: number): void {
    this.endStatement();
    this.flushPending();
    this.tokens.push(braceToken("}", at, RBrace, this.file));
  }

  /** The word-level token at `at` (a quote, `{{...}}` or a word). */
  private readWord(at: number, c: number): WordToken {
    const text = this.text;
    if (c === 0x22) {
      const q = quoteEnd(text, at);
      const t = wordToken(text.slice(at, q.end), at, q.closed ? QuotedString : UnterminatedString, this.file);
      if (!q.closed) this.unterminated.push(t);
      if (t.image.includes("$")) this.simple = false;
      return t;
    }
    if (c === 0x7b) {
      const raw = text.slice(at, templateEnd(text, at));
      if (raw.includes("$")) this.simple = false;
      return wordToken(raw, at, Template, this.file, raw);
    }
    const raw = text.slice(at, wordEnd(text, at));
    if (wordHadDollar) this.simple = false;
    return wordToken(raw, at, Word, this.file, wordHadBackslash ? valueOf(raw) : raw);
  }

  /**
   * keepalived recognises an include line before it splits lines at braces, and globs its path with GLOB_BRACE:
   * `include conf.d/{a,b}.conf` names two files. Pieces of the line that touch a brace are joined into one word;
   * a brace standing alone is still a brace. Returns where the line's content ends.
   */
  private includePath(from: number): number {
    const text = this.text;
    const n = text.length;
    const pieces: Array<WordToken | BraceToken> = [];
    let j = from;
    while (j < n) {
      const c = text.charCodeAt(j);
      if (isBlank(c)) {
        j++;
        continue;
      }
      if (c === 0x0a || c === 0x0d || c === 0x23 || c === 0x21) break;
      let piece: WordToken | BraceToken;
      if (c === 0x7b && templateEnd(text, j) < 0) piece = braceToken("{", j, LBrace, this.file);
      else if (c === 0x7d) piece = braceToken("}", j, RBrace, this.file);
      else piece = this.readWord(j, c);
      pieces.push(piece);
      j = piece.startOffset + piece.image.length;
    }
    for (let k = 0; k < pieces.length; k++) {
      const first = pieces[k]!;
      let last = k;
      let brace = first.tokenType === LBrace || first.tokenType === RBrace;
      while (last + 1 < pieces.length && pieces[last + 1]!.startOffset === pieces[last]!.startOffset + pieces[last]!.image.length) {
        last++;
        const type = pieces[last]!.tokenType;
        if (type === LBrace || type === RBrace) brace = true;
      }
      if (brace && last > k) {
        const end = pieces[last]!.startOffset + pieces[last]!.image.length;
        this.addWord(wordToken(text.slice(first.startOffset, end), first.startOffset, Word, this.file));
        k = last;
      } else if (first.tokenType === LBrace) {
        this.openBrace(first.startOffset);
      } else if (first.tokenType === RBrace) {
        this.closeBrace(first.startOffset);
      } else {
        this.addWord(first as WordToken);
      }
    }
    return j;
  }
}
