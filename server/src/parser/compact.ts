import { EmbeddedActionsParser, Lexer, type ILexingError, type IToken, type TokenType } from "chevrotain";
import { hasLineBreak, INCLUDE_KEYWORD } from "./chars.ts";
import { extraClose, lexerError, orphanOpen, parserCrash, unclosedBlock, unterminatedQuote, type SyntaxError } from "./syntax-errors.ts";
import {
  allTokens,
  Comment,
  Conditional,
  Definition,
  Head,
  LBrace,
  Line,
  parserTokens,
  RBrace,
  readingWith,
  Sequence,
  UnterminatedString,
  Word,
  type MatchedTokens,
} from "./tokens.ts";

/*
 * The parse of keepalived.conf as offsets in typed arrays. It reads text exactly as parse.ts does, with the same
 * Chevrotain lexer, token types and grammar (test/unit/parser/compact.test.ts compares the two on the corpus and on
 * generated texts), but makes no object per token, word or statement: a big file's parse is a few dozen arrays,
 * which the garbage collector does not walk. The analysis of a simple file read whole starts here (compact-tree.ts,
 * compact-build.ts; see README, Performance); the editor features, the incremental parse and files with expansions
 * read parse.ts's objects.
 */

/** Growable Int32Array columns. */
class Column {
  data: Int32Array;
  length = 0;

  constructor(capacity = 1024) {
    this.data = new Int32Array(capacity);
  }

  push(value: number): number {
    if (this.length === this.data.length) {
      const bigger = new Int32Array(this.data.length * 2);
      bigger.set(this.data);
      this.data = bigger;
    }
    this.data[this.length] = value;
    return this.length++;
  }

  get(index: number): number {
    return this.data[index]!;
  }

  clear(): void {
    this.length = 0;
  }

  /** The values, in an array of their own (for a column that is reused). */
  done(): Int32Array {
    return this.data.slice(0, this.length);
  }

  /** The values, as a view of the column's array (for a column made for one parse: nothing is copied). */
  view(): Int32Array {
    return this.data.subarray(0, this.length);
  }
}

/**
 * A column whose values are almost always `fallback`, given the room it will need: it makes no Column until another
 * value is pushed. Most files have no conditional, definition or sequence, and the columns about those then cost
 * nothing.
 */
class FallbackColumn {
  private column: Column | undefined = undefined;
  length = 0;
  private readonly fallback: number;
  private readonly capacity: number;

  constructor(fallback: number, capacity: number) {
    this.fallback = fallback;
    this.capacity = capacity;
  }

  push(value: number): number {
    if (this.column === undefined) {
      if (value === this.fallback) return this.length++;
      this.column = new Column(Math.max(this.capacity, this.length + 1));
      this.column.data.fill(this.fallback, 0, this.length);
      this.column.length = this.length;
    }
    this.length++;
    return this.column.push(value);
  }

  get(index: number): number {
    return this.column === undefined ? this.fallback : this.column.get(index);
  }

  view(): Int32Array {
    return this.column === undefined ? new Int32Array(this.length).fill(this.fallback) : this.column.view();
  }
}

const typeByIndex: TokenType[] = [];
for (const type of allTokens) typeByIndex[type.tokenTypeIdx!] = type;

/** The lexer's tokens, as offsets and types (every token but comments, which have their own columns). */
class TokenColumns implements MatchedTokens {
  readonly start = new Column(4096);
  readonly end = new Column(4096);
  readonly type = new Column(4096);
  readonly commentStart = new Column();
  readonly commentEnd = new Column();
  text = "";

  get length(): number {
    return this.start.length;
  }

  startOf(k: number): number {
    return this.start.get(k);
  }

  endOf(k: number): number {
    return this.end.get(k);
  }

  typeOf(k: number): TokenType {
    return typeByIndex[this.type.get(k)]!;
  }

  imageOf(k: number): string {
    return this.text.slice(this.start.get(k), this.end.get(k));
  }

  reset(text: string): void {
    this.text = text;
    for (const column of [this.start, this.end, this.type, this.commentStart, this.commentEnd]) column.clear();
  }
}

const COMMENT = Comment.tokenTypeIdx!;
/** What the factory returns: Chevrotain keeps nothing of it but for comments, whose group it is pushed onto. */
const NOTHING: IToken = Object.freeze({ image: "", startOffset: NaN, tokenTypeIdx: 0, tokenType: LBrace });

/** Chevrotain's lexer, its token factory writing offsets into columns instead of making objects (as tokens.ts's KeepalivedLexer makes words). */
class ColumnLexer extends Lexer {
  columns = new TokenColumns();

  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number): IToken {
    const columns = this.columns;
    if (tokenTypeIdx === COMMENT) {
      columns.commentStart.push(startOffset);
      columns.commentEnd.push(startOffset + image.length);
    } else {
      columns.start.push(startOffset);
      columns.end.push(startOffset + image.length);
      columns.type.push(tokenTypeIdx);
    }
    return NOTHING;
  }

  addTokenUsingPush(_tokens: IToken[], index: number): number {
    return index;
  }

  /** The lexer's errors for the last text: none, as every character starts some token (kept so that a defect shows). */
  errors: ILexingError[] = [];

  lexColumns(text: string): TokenColumns {
    this.columns.reset(text);
    const outer = readingWith(this.columns);
    try {
      this.errors = this.tokenize(text).errors;
    } finally {
      readingWith(outer);
    }
    return this.columns;
  }
}

const columnLexer = new ColumnLexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });

/** The parse of a text: words, statements (in file order, a block's statements right after the statement that opens it) and blocks. */
export interface CompactSyntax {
  text: string;
  file: string;
  /** Every word of every statement, in order: offsets [start, end) and the lexer's type (tokenTypeIdx; an include path joined across braces is a Word). */
  wordCount: number;
  wordStart: Int32Array;
  wordEnd: Int32Array;
  wordType: Int32Array;
  statementCount: number;
  /** Per statement: its first word and how many it has (0 for a definition, a lone prefix or a `{` no keyword owns). */
  firstWord: Int32Array;
  words: Int32Array;
  /** Per statement: the `@ID` prefix's offsets, or -1. */
  conditionalStart: Int32Array;
  conditionalEnd: Int32Array;
  /** Per statement: the `$NAME=value` definition's offsets, or -1. */
  definitionStart: Int32Array;
  definitionEnd: Int32Array;
  /** Per statement: its `~SEQ`/`~LST` prefixes, as [first, first + count) of sequenceStart/sequenceEnd. */
  firstSequence: Int32Array;
  sequences: Int32Array;
  sequenceStart: Int32Array;
  sequenceEnd: Int32Array;
  /** Per statement: the offset of the `{` of its block and of the `}` that closes it, or -1. */
  open: Int32Array;
  close: Int32Array;
  /** Per statement: the statement after its block (its own index + 1 without one); its children lie between. */
  blockEnd: Int32Array;
  /** Per statement: the statement whose block it is in, or -1 at the top level. */
  parent: Int32Array;
  /** Offsets of `}` with no block to close. */
  strayCloses: number[];
  /** Comments' offsets. */
  commentStart: Int32Array;
  commentEnd: Int32Array;
  /** [start, end) of each double quote never closed on its line, in pairs. */
  unterminated: number[];
  /** See ParseResult.simple. */
  simple: boolean;
  errors: SyntaxError[];
}

/** What the parser reads: one stand-in token of each type, shared by every statement and brace. */
const standIn = (type: TokenType): IToken => Object.freeze({ image: "", startOffset: NaN, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type });
const LINE = standIn(Line);
const HEAD = standIn(Head);
const OPEN = standIn(LBrace);
const CLOSE = standIn(RBrace);
const KIND_LINE = 0;
const KIND_HEAD = 1;
const KIND_OPEN = 2;
const KIND_CLOSE = 3;
const STAND_INS = [LINE, HEAD, OPEN, CLOSE];
const PARSER_SENTINELS = 8;

/** The scanner's state for one text: statements as columns, and the parser's items. */
class ColumnScanner {
  // Words and statements are at most as many as the lexer's tokens: columns made to that size never grow.
  readonly wordStart: Column;
  readonly wordEnd: Column;
  readonly wordType: Column;
  readonly firstWord: Column;
  readonly words: Column;
  readonly conditionalStart: FallbackColumn;
  readonly conditionalEnd: FallbackColumn;
  readonly definitionStart: FallbackColumn;
  readonly definitionEnd: FallbackColumn;
  readonly firstSequence: FallbackColumn;
  readonly sequences: FallbackColumn;
  readonly sequenceStart = new Column();
  readonly sequenceEnd = new Column();
  /**
   * Per item of the parser's input, its kind (KIND_*) and the statement it is (Line, Head, an orphan's LBrace) or the
   * `}`'s offset. The parser's input of stand-ins is made from the kinds at the end (pushing onto one big array is
   * slow in V8).
   */
  readonly kinds: Column;
  readonly item: Column;
  /** The offsets of the `{` of each Head and orphan, in order. */
  readonly openAt: Column;
  /** [start, end) of each double quote never closed on its line, in pairs. */
  readonly unterminated: number[] = [];
  simple = true;
  // The statement being read: where it starts (-1: none), its prefixes and its words so far.
  private start = -1;
  private conditional = -1;
  private sequenceFrom = -1;
  private firstWordOfLine = -1;
  private count = 0;
  /** The last finished statement with words (a `{` that comes next opens its block), or -1. */
  private pending = -1;
  private readonly tokens: TokenColumns;
  private readonly text: string;

  constructor(text: string, tokens: TokenColumns) {
    this.text = text;
    this.tokens = tokens;
    const size = tokens.length + 1;
    this.wordStart = new Column(size);
    this.wordEnd = new Column(size);
    this.wordType = new Column(size);
    this.firstWord = new Column(size);
    this.words = new Column(size);
    this.conditionalStart = new FallbackColumn(-1, size);
    this.conditionalEnd = new FallbackColumn(-1, size);
    this.definitionStart = new FallbackColumn(-1, size);
    this.definitionEnd = new FallbackColumn(-1, size);
    this.firstSequence = new FallbackColumn(0, size);
    this.sequences = new FallbackColumn(0, size);
    this.kinds = new Column(size);
    this.item = new Column(size);
    this.openAt = new Column(size);
  }

  run(): void {
    const tokens = this.tokens;
    const text = this.text;
    const n = tokens.length;
    let end = 0;
    let lineStart = true;
    for (let k = 0; k < n; k++) {
      const at = tokens.start.get(k);
      if (!lineStart && hasLineBreak(text, end, at)) {
        this.endStatement();
        lineStart = true;
      }
      const atLine = lineStart;
      lineStart = false;
      end = tokens.end.get(k);
      const type = typeByIndex[tokens.type.get(k)]!;
      if (type === RBrace) {
        this.closeBrace(at);
      } else if (type === LBrace) {
        this.openBrace(at);
      } else if (type === Conditional) {
        this.simple = false;
        this.start = at;
        this.conditional = k;
      } else if (type === Definition) {
        this.simple = false;
        if (this.start < 0) this.start = at;
        this.flushPending();
        this.item.push(this.finish(k));
        this.kinds.push(KIND_LINE);
      } else if (type === Sequence) {
        this.simple = false;
        if (this.start < 0) this.start = at;
        const index = this.sequenceStart.push(at);
        this.sequenceEnd.push(end);
        if (this.sequenceFrom < 0) this.sequenceFrom = index;
      } else {
        this.addWord(at, end, type);
        if (atLine && type === Word && text.charCodeAt(at) === 0x69 && INCLUDE_KEYWORD.test(text.slice(at, end))) {
          const last = this.includePath(k + 1);
          if (last > k) end = tokens.end.get(last);
          k = last;
        }
      }
    }
    this.endStatement();
    this.flushPending();
  }

  private flushPending(): void {
    if (this.pending >= 0) {
      this.item.push(this.pending);
      this.kinds.push(KIND_LINE);
    }
    this.pending = -1;
  }

  /** Makes what was read a statement; returns its index. */
  private finish(definition = -1): number {
    const tokens = this.tokens;
    const count = this.count;
    const index = this.firstWord.push(count > 0 ? this.firstWordOfLine : this.wordStart.length);
    this.words.push(count);
    const conditional = this.conditional;
    this.conditionalStart.push(conditional >= 0 ? tokens.start.get(conditional) : -1);
    this.conditionalEnd.push(conditional >= 0 ? tokens.end.get(conditional) : -1);
    this.definitionStart.push(definition >= 0 ? tokens.start.get(definition) : -1);
    this.definitionEnd.push(definition >= 0 ? tokens.end.get(definition) : -1);
    const sequences = this.sequenceFrom >= 0 ? this.sequenceStart.length - this.sequenceFrom : 0;
    this.firstSequence.push(sequences > 0 ? this.sequenceFrom : this.sequenceStart.length);
    this.sequences.push(sequences);
    this.count = 0;
    this.start = -1;
    this.conditional = -1;
    this.sequenceFrom = -1;
    return index;
  }

  private endStatement(): void {
    if (this.start < 0) return;
    this.flushPending();
    if (this.count > 0) {
      this.pending = this.finish();
      return;
    }
    // Prefixes with nothing after them: keepalived reads an empty line.
    this.item.push(this.finish());
    this.kinds.push(KIND_LINE);
  }

  private addWord(start: number, end: number, type: TokenType): void {
    if (this.start < 0) this.start = start;
    if (this.simple) for (let i = start; i < end; i++) if (this.text.charCodeAt(i) === 0x24) this.simple = false;
    const index = this.wordStart.push(start);
    this.wordEnd.push(end);
    this.wordType.push(type.tokenTypeIdx!);
    if (type === UnterminatedString) this.unterminated.push(start, end);
    if (this.count === 0) {
      this.firstWordOfLine = index;
      if (this.text.charCodeAt(start) === 0x69 && INCLUDE_KEYWORD.test(this.text.slice(start, end))) this.simple = false;
    }
    this.count++;
  }

  /** A `{` opens the block of the statement before it (a Head), or one of a statement of its own (an orphan). */
  private openBrace(at: number): void {
    if (this.start >= 0) {
      this.flushPending();
      this.pending = this.finish();
    }
    if (this.pending < 0) {
      // The parser opens the block of this statement without words, and reports the brace.
      this.item.push(this.finish());
      this.kinds.push(KIND_OPEN);
      this.openAt.push(at);
      return;
    }
    this.item.push(this.pending);
    this.kinds.push(KIND_HEAD);
    this.openAt.push(at);
    this.pending = -1;
  }

  private closeBrace(at: number): void {
    this.endStatement();
    this.flushPending();
    this.item.push(at);
    this.kinds.push(KIND_CLOSE);
  }

  /** As scanner.ts includePath: the tokens on an include line from `first`, pieces touching a brace joined into one word. */
  private includePath(first: number): number {
    const tokens = this.tokens;
    const text = this.text;
    let last = first - 1;
    for (let k = first; k < tokens.length; k++) {
      if (hasLineBreak(text, tokens.end.get(k - 1), tokens.start.get(k))) break;
      last = k;
    }
    const isBrace = (j: number): boolean => {
      const type = typeByIndex[tokens.type.get(j)];
      return type === LBrace || type === RBrace;
    };
    for (let k = first; k <= last; k++) {
      let end = k;
      let brace = isBrace(k);
      while (end + 1 <= last && tokens.start.get(end + 1) === tokens.end.get(end)) {
        end++;
        if (isBrace(end)) brace = true;
      }
      const type = typeByIndex[tokens.type.get(k)]!;
      if (brace && end > k) {
        // A piece that opens a quote is reported even inside the joined word (as scanner.ts reads each piece first).
        for (let j = k; j <= end; j++) if (tokens.type.get(j) === UnterminatedString.tokenTypeIdx) this.unterminated.push(tokens.start.get(j), tokens.end.get(j));
        this.addWord(tokens.start.get(k), tokens.end.get(end), Word);
        k = end;
      } else if (type === LBrace) {
        this.openBrace(tokens.start.get(k));
      } else if (type === RBrace) {
        this.closeBrace(tokens.start.get(k));
      } else {
        this.addWord(tokens.start.get(k), tokens.end.get(k), type);
      }
    }
    return last;
  }
}

/** The block structure, from the scanner's items: the same grammar as parser.ts, over stand-ins. */
class ColumnParser extends EmbeddedActionsParser {
  scanner: ColumnScanner | undefined = undefined;
  open = new Int32Array(0);
  close = new Int32Array(0);
  blockEnd = new Int32Array(0);
  parent = new Int32Array(0);
  strays: number[] = [];
  orphans: number[] = [];
  /** Statements whose block is open, outermost first (at the end: never closed). */
  owners: number[] = [];
  /** Items read so far, statements among them, and `{`s. */
  private read = 0;
  private statementsRead = 0;
  private opened = 0;
  private current = -1;

  constructor() {
    super(parserTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  document = this.RULE("document", () => {
    this.read = 0;
    this.statementsRead = 0;
    this.opened = 0;
    this.current = -1;
    this.owners = [];
    this.strays = [];
    this.orphans = [];
    this.MANY(() => this.OR(this.alternatives));
  });

  private readonly alternatives = [
    { ALT: (): void => this.line(this.CONSUME(Line)) },
    { ALT: (): void => this.head(this.CONSUME(Head)) },
    { ALT: (): void => this.head(this.CONSUME(LBrace)) },
    { ALT: (): void => this.closing(this.CONSUME(RBrace)) },
  ];

  /** A statement without block. (While Chevrotain records the grammar, tokens are its own stand-ins: ignored.) */
  private line(token: IToken): void {
    if (token !== LINE) return;
    const s = this.scanner!.item.get(this.read++);
    this.statementsRead++;
    this.parent[s] = this.current;
    this.blockEnd[s] = s + 1;
  }

  /** A statement and the `{` of its block (for an orphan, a statement without words). */
  private head(token: IToken): void {
    if (token !== HEAD && token !== OPEN) return;
    const scanner = this.scanner!;
    const s = scanner.item.get(this.read++);
    this.statementsRead++;
    this.parent[s] = this.current;
    this.open[s] = scanner.openAt.get(this.opened++);
    if (scanner.words.get(s) === 0 && scanner.definitionStart.get(s) < 0) this.orphans.push(s);
    this.owners.push(s);
    this.current = s;
  }

  private closing(token: IToken): void {
    if (token !== CLOSE) return;
    const at = this.scanner!.item.get(this.read++);
    const owner = this.owners.pop();
    if (owner === undefined) {
      this.strays.push(at);
      return;
    }
    this.close[owner] = at;
    // Statements are numbered as the scanner made them, which is the order they are read in.
    this.blockEnd[owner] = this.statementsRead;
    this.current = this.owners.length > 0 ? this.owners[this.owners.length - 1]! : -1;
  }

  parseItems(scanner: ColumnScanner): void {
    const statements = scanner.firstWord.length;
    this.scanner = scanner;
    this.open = new Int32Array(statements).fill(-1);
    this.close = new Int32Array(statements).fill(-1);
    this.blockEnd = new Int32Array(statements);
    this.parent = new Int32Array(statements).fill(-1);
    const n = scanner.kinds.length;
    const kinds = scanner.kinds.data;
    const input = new Array<IToken>(n + PARSER_SENTINELS);
    for (let i = 0; i < n; i++) input[i] = STAND_INS[kinds[i]!]!;
    // Shorter by less than half: V8 keeps the room for the sentinels Chevrotain pushes.
    input.length = n;
    this.input = input;
    this.document();
    for (const s of this.owners) this.blockEnd[s] = statements;
    this.scanner = undefined;
    this.input = [];
  }
}

const columnParser = new ColumnParser();

/** Parses keepalived.conf text into columns (`file` names it). Never throws: malformed input gives a partial structure and errors. */
export function parseCompact(text: string, file = ""): CompactSyntax {
  const tokens = columnLexer.lexColumns(text);
  const scanner = new ColumnScanner(text, tokens);
  scanner.run();
  const errors: SyntaxError[] = [];
  for (let i = 0; i < scanner.unterminated.length; i += 2) errors.push(unterminatedQuote(scanner.unterminated[i]!, scanner.unterminated[i + 1]!));
  for (const e of columnLexer.errors) errors.push(lexerError(e));
  try {
    columnParser.parseItems(scanner);
  } catch (e) {
    errors.push(parserCrash(e));
  }
  const p = columnParser;
  for (const at of p.strays) errors.push(extraClose(at));
  for (const s of p.orphans) errors.push(orphanOpen(p.open[s]!));
  for (const s of p.owners) {
    const open = p.open[s]!;
    if (scanner.words.get(s) === 0) {
      errors.push(unclosedBlock(undefined, open, open));
    } else {
      const head = scanner.firstWord.get(s);
      const start = scanner.wordStart.get(head);
      errors.push(unclosedBlock(text.slice(start, scanner.wordEnd.get(head)), start, open));
    }
  }
  errors.sort((a, b) => a.start - b.start);
  return {
    text,
    file,
    wordCount: scanner.wordStart.length,
    wordStart: scanner.wordStart.view(),
    wordEnd: scanner.wordEnd.view(),
    wordType: scanner.wordType.view(),
    statementCount: scanner.firstWord.length,
    firstWord: scanner.firstWord.view(),
    words: scanner.words.view(),
    conditionalStart: scanner.conditionalStart.view(),
    conditionalEnd: scanner.conditionalEnd.view(),
    definitionStart: scanner.definitionStart.view(),
    definitionEnd: scanner.definitionEnd.view(),
    firstSequence: scanner.firstSequence.view(),
    sequences: scanner.sequences.view(),
    sequenceStart: scanner.sequenceStart.view(),
    sequenceEnd: scanner.sequenceEnd.view(),
    open: p.open,
    close: p.close,
    blockEnd: p.blockEnd,
    parent: p.parent,
    strayCloses: p.strays,
    commentStart: tokens.commentStart.done(),
    commentEnd: tokens.commentEnd.done(),
    unterminated: scanner.unterminated,
    simple: scanner.simple,
    errors,
  };
}
