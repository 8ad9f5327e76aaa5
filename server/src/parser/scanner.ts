import type { ILexingError, IToken, TokenType } from "chevrotain";
import type { BraceToken, StatementNode, WordToken } from "./syntax.ts";
import { ChunkedList } from "./chunked-list.ts";
import { hasLineBreak, INCLUDE_KEYWORD, intern, wordEnd, wordHadBackslash } from "./chars.ts";
import {
  Conditional,
  Definition,
  Head,
  HeadWord,
  keepalivedLexer,
  LBrace,
  newWordToken,
  Line,
  LoneConditional,
  LoneSequence,
  RBrace,
  Sequence,
  Template,
  UnterminatedString,
  Word,
} from "./tokens.ts";

/*
 * The scanner turns the Chevrotain lexer's tokens (tokens.ts) into statements: per statement a StatementNode (its
 * words and prefixes as word-level tokens), and for the parser one token per statement plus the braces. keepalived
 * reads a line at a time and splits it at braces, so a statement is the words of one line up to a brace (the lexer
 * skips blanks and line breaks; line ends are found in the gaps between tokens); whether a block follows is known
 * once the next token is seen.
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
  /** The lexer's: none, as every character starts some token (kept so that a defect would show, not vanish). */
  errors: ILexingError[];
}

/** The value keepalived reads from a word as written: quotes removed, `\#` and `\!` unescaped outside them. */
export function valueOf(raw: string): string {
  if (raw.charCodeAt(0) === 0x22) return raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined);
  return raw.includes("\\") ? raw.replace(/\\([#!])/g, "$1") : raw;
}

const WORD = Word.tokenTypeIdx!;
const TEMPLATE = Template.tokenTypeIdx!;

/**
 * The value keepalived reads from a word as written, `type` the lexer's (tokenTypeIdx): a plain word's is itself
 * unless a backslash outside `${...}` escapes (wordEnd says whether it had one), a template placeholder's is itself,
 * a quoted word's is valueOf's. Both parsers read words with it.
 */
export function wordValue(raw: string, type: number): string {
  if (type === WORD) return raw.includes("\\") && (wordEnd(raw, 0), wordHadBackslash) ? valueOf(raw) : raw;
  return type === TEMPLATE ? raw : valueOf(raw);
}

/** Whether a word of the lexer's type `type` (tokenTypeIdx) is a double-quoted one, closed or not. */
export function isQuotedWord(type: number): boolean {
  return type !== WORD && type !== TEMPLATE;
}

/** A word as read; `text` is its value when the caller knows it (see valueOf). */
export function wordToken(raw: string, start: number, type: TokenType, file: string, text = valueOf(raw)): WordToken {
  const word = newWordToken(raw, start, type.tokenTypeIdx!, type, file, start);
  word.text = text;
  word.quoted = raw.charCodeAt(0) === 0x22;
  return word;
}

export function retype(token: IToken, type: TokenType): void {
  token.tokenType = type;
  token.tokenTypeIdx = type.tokenTypeIdx!;
}

/** Room for the end-of-input tokens Chevrotain's parser pushes onto its input (maxLookahead + 1 of them, 4 here). */
const PARSER_SENTINELS = 8;

/** Shared by every statement without prefixes; never written to. */
const NO_SEQUENCES: IToken[] = Object.freeze([]) as unknown as IToken[];

/**
 * Lexes `text` and reads its statements; `file` names it in the spans of words and braces (empty for text that is no file). With `from` and
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
  /** The parser's tokens (a ChunkedList: there are tens of thousands in a big file). */
  private readonly tokens = new ChunkedList<IToken>();
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
    // The lexer reads [from, to) as a text of its own: offsets are moved back into the whole text as tokens are used.
    const source = from === 0 && to === this.text.length ? this.text : this.text.slice(from, to);
    const lexed = keepalivedLexer.lex(source, this.file, from);
    const comments = lexed.comments;
    if (from !== 0) for (const comment of comments) comment.startOffset += from;
    // The lexer makes every token a WordToken (tokens.ts): words and braces are used as they are.
    const tokens = lexed.tokens;
    const n = tokens.length;
    /** End of the last token read, in `source`. */
    let end = 0;
    /** No token since the last line break. */
    let lineStart = true;
    for (let k = 0; k < n; k++) {
      const t = tokens.at(k);
      const at = t.startOffset;
      if (!lineStart && hasLineBreak(source, end, at)) {
        this.endStatement();
        lineStart = true;
      }
      const atLine = lineStart;
      lineStart = false;
      end = at + t.image.length;
      const type = t.tokenType;
      t.startOffset = at + from;
      if (type === RBrace) {
        this.closeBrace(t);
      } else if (type === LBrace) {
        this.openBrace(t);
      } else if (type === Conditional) {
        this.simple = false;
        this.start = at + from;
        // Its value as read, like any word's (an id may hold a `\#`).
        if (t.image.includes("\\")) t.text = valueOf(t.image);
        this.conditional = t;
      } else if (type === Definition) {
        this.simple = false;
        if (this.start < 0) this.start = at + from;
        this.flushPending();
        this.tokens.push(this.finish(Line, t));
      } else if (type === Sequence) {
        this.simple = false;
        if (this.start < 0) this.start = at + from;
        if (this.sequences === NO_SEQUENCES) this.sequences = [];
        this.sequences.push(t);
      } else {
        this.addWord(this.word(t));
        if (atLine && type === Word && t.image.charCodeAt(0) === 0x69 && INCLUDE_KEYWORD.test(t.image)) {
          const last = this.includePath(source, tokens, k + 1, from);
          if (last > k) end = tokens.at(last).startOffset - from + tokens.at(last).image.length;
          k = last;
        }
      }
    }
    this.endStatement();
    this.flushPending();
    if (from !== 0) for (const error of lexed.errors) error.offset += from;
    return { tokens: this.tokens.toArray(PARSER_SENTINELS), comments, unterminated: this.unterminated, simple: this.simple, errors: lexed.errors };
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
      if (word.image.charCodeAt(0) === 0x69 && INCLUDE_KEYWORD.test(word.image)) this.simple = false;
    }
    this.words[this.count++] = word;
  }

  /** A `{` opens the block of the statement before it (a Head, which carries it), or stands alone. */
  private openBrace(brace: BraceToken): void {
    if (this.start >= 0) {
      this.flushPending();
      this.pending = this.finish(Head);
    }
    const owner = this.pending;
    if (owner === undefined) {
      this.tokens.push(brace);
      return;
    }
    retype(owner, Head);
    owner.opening = brace;
    this.flushPending();
  }

  private closeBrace(brace: BraceToken): void {
    this.endStatement();
    this.flushPending();
    this.tokens.push(brace);
  }

  /**
   * A lexer token as a word (its offset already in the whole text): the lexer made it with its image as its value,
   * which is right but for quoted words and words with `\#` or `\!`.
   */
  private word(t: WordToken): WordToken {
    const type = t.tokenType;
    const raw = t.image;
    // A `$` anywhere may be a use of a definition (see ParseResult.simple).
    if (raw.includes("$")) this.simple = false;
    t.text = wordValue(raw, t.tokenTypeIdx);
    if (isQuotedWord(t.tokenTypeIdx)) {
      t.quoted = true;
      if (type === UnterminatedString) this.unterminated.push(t);
    }
    return t;
  }

  /**
   * keepalived recognises an include line before it splits lines at braces, and globs its path with GLOB_BRACE:
   * `include conf.d/{a,b}.conf` names two files. Pieces of the line that touch a brace are joined into one word;
   * a brace standing alone is still a brace. Reads the tokens from `first` that are on the include's line; returns
   * the index of the last one read (first - 1 when there are none).
   */
  private includePath(source: string, tokens: ChunkedList<WordToken>, first: number, from: number): number {
    const text = this.text;
    const pieces: WordToken[] = [];
    let last = first - 1;
    for (let k = first; k < tokens.length; k++) {
      const t = tokens.at(k);
      const previous = tokens.at(k - 1);
      if (hasLineBreak(source, previous.startOffset - from + previous.image.length, t.startOffset)) break;
      t.startOffset += from;
      pieces.push(t.tokenType === LBrace || t.tokenType === RBrace ? t : this.word(t));
      last = k;
    }
    for (let k = 0; k < pieces.length; k++) {
      const piece = pieces[k]!;
      let end = k;
      let brace = piece.tokenType === LBrace || piece.tokenType === RBrace;
      while (end + 1 < pieces.length && pieces[end + 1]!.startOffset === pieces[end]!.startOffset + pieces[end]!.image.length) {
        end++;
        const type = pieces[end]!.tokenType;
        if (type === LBrace || type === RBrace) brace = true;
      }
      if (brace && end > k) {
        const stop = pieces[end]!.startOffset + pieces[end]!.image.length;
        this.addWord(wordToken(text.slice(piece.startOffset, stop), piece.startOffset, Word, this.file));
        k = end;
      } else if (piece.tokenType === LBrace) {
        this.openBrace(piece);
      } else if (piece.tokenType === RBrace) {
        this.closeBrace(piece);
      } else {
        this.addWord(piece);
      }
    }
    return last;
  }
}
