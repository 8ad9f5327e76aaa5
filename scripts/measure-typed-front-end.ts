/**
 * A measurement, not part of the engine: what the front end (lexer, statements, parser) of the 44k-line benchmark
 * file costs as it is, and as a typed-array engine would do it (see README, Performance). The prototype uses the
 * same Chevrotain lexer and token types, writing each token's offset, length and type into typed arrays instead of
 * making an object, finds statements in those arrays, and runs a Chevrotain parser of the same four-token grammar
 * over one shared token per type, keeping each statement's block as an index. It reads only what the benchmark
 * file holds (words, quotes, braces, comments): no conditionals, definitions, sequences or includes.
 *
 *   node scripts/measure-typed-front-end.ts
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { EmbeddedActionsParser, Lexer, type IToken } from "chevrotain";
import { parser } from "../server/src/parser/parser.ts";
import { scan } from "../server/src/parser/scanner.ts";
import { allTokens, Head, keepalivedLexer, LBrace, Line, parserTokens, RBrace } from "../server/src/parser/tokens.ts";
import { benchConfig, instancesForLines } from "./gen-bench-config.ts";

const text = benchConfig(instancesForLines(44010));
const CAPACITY = 1 << 18;
const tokenStart = new Int32Array(CAPACITY);
const tokenLength = new Int32Array(CAPACITY);
const tokenType = new Uint8Array(CAPACITY);
let tokens = 0;
const SHARED: IToken = { image: "", startOffset: 0, tokenTypeIdx: 0, tokenType: LBrace };

/** Chevrotain's lexer, its token factory writing into the arrays above (as tokens.ts overrides it to make words). */
class ArrayLexer extends Lexer {
  createOffsetOnlyToken(image: string, startOffset: number, tokenTypeIdx: number): IToken {
    tokenStart[tokens] = startOffset;
    tokenLength[tokens] = image.length;
    tokenType[tokens] = tokenTypeIdx;
    tokens++;
    return SHARED;
  }

  addTokenUsingPush(_tokens: IToken[], index: number): number {
    return index;
  }
}
const arrayLexer = new ArrayLexer(allTokens, { positionTracking: "onlyOffset", ensureOptimizations: true });

const statementFirst = new Int32Array(CAPACITY);
const statementCount = new Int32Array(CAPACITY);
let statements = 0;
const standIn = (type: typeof Line): IToken => Object.freeze({ image: "", startOffset: NaN, tokenTypeIdx: type.tokenTypeIdx!, tokenType: type });
const LINE = standIn(Line);
const HEAD = standIn(Head);
const OPEN = standIn(LBrace);
const CLOSE = standIn(RBrace);
const WORD_TYPES = new Set(allTokens.filter((t) => t.name !== "Blank" && t.name !== "Comment" && t !== LBrace && t !== RBrace).map((t) => t.tokenTypeIdx!));

function lineBreak(from: number, to: number): boolean {
  for (let i = from; i < to; i++) {
    const c = text.charCodeAt(i);
    if (c === 0x0a || c === 0x0d) return true;
  }
  return false;
}

/** Statements as (first token, word count), and the parser's input of stand-ins. */
function statementsOf(input: IToken[]): void {
  statements = 0;
  let first = -1;
  let count = 0;
  let end = 0;
  let pending = false;
  const flush = (): void => {
    if (pending) input.push(LINE);
    pending = false;
  };
  const endStatement = (): void => {
    if (count > 0) {
      flush();
      statementFirst[statements] = first;
      statementCount[statements++] = count;
      pending = true;
    }
    count = 0;
  };
  for (let k = 0; k < tokens; k++) {
    const at = tokenStart[k]!;
    if (k > 0 && lineBreak(end, at)) endStatement();
    end = at + tokenLength[k]!;
    const type = tokenType[k]!;
    if (type === RBrace.tokenTypeIdx) {
      endStatement();
      flush();
      input.push(CLOSE);
    } else if (type === LBrace.tokenTypeIdx) {
      endStatement();
      input.push(pending ? HEAD : OPEN);
      pending = false;
    } else if (WORD_TYPES.has(type)) {
      if (count++ === 0) first = k;
    }
  }
  endStatement();
  flush();
}

const parent = new Int32Array(CAPACITY);

/** The same grammar as parser.ts, over stand-ins: each statement's enclosing block as an index. */
class ArrayParser extends EmbeddedActionsParser {
  private index = 0;
  private open: number[] = [];
  private current = -1;

  constructor() {
    super(parserTokens, { recoveryEnabled: true });
    this.performSelfAnalysis();
  }

  document = this.RULE("document", () => {
    this.index = 0;
    this.open = [];
    this.current = -1;
    this.MANY(() => this.OR(this.alternatives));
    return this.index;
  });

  private readonly alternatives = [
    {
      ALT: (): void => {
        this.CONSUME(Line);
        parent[this.index++] = this.current;
      },
    },
    {
      ALT: (): void => {
        this.CONSUME(Head);
        parent[this.index] = this.current;
        this.open.push(this.current);
        this.current = this.index++;
      },
    },
    { ALT: (): void => void this.CONSUME(LBrace) },
    {
      ALT: (): void => {
        this.CONSUME(RBrace);
        if (this.open.length > 0) this.current = this.open.pop()!;
      },
    },
  ];
}
const arrayParser = new ArrayParser();

function median(samples: number[]): string {
  return samples.sort((a, b) => a - b)[samples.length >> 1]!.toFixed(2);
}

function time(rounds: number, steps: Array<() => void>): string[] {
  const samples = steps.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    steps.forEach((step, i) => {
      const start = performance.now();
      step();
      if (round >= rounds / 4) samples[i]!.push(performance.now() - start);
    });
  }
  return samples.map(median);
}

/** The engine as it is. */
function measureNow(): string {
  let scanned: ReturnType<typeof scan> | undefined;
  const [lexer, both, parse] = time(200, [
    () => keepalivedLexer.lex(text, "/bench.conf"),
    () => (scanned = scan(text, "/bench.conf")),
    () => {
      parser.input = scanned!.tokens;
      parser.document();
      parser.release();
    },
  ]);
  return `as it is:     lexer ${lexer} ms, lexer + statements ${both} ms, parser ${parse} ms`;
}

/** The typed-array prototype. */
function measureArrays(): string {
  let input: IToken[] = [];
  const [lexer, found, parse] = time(200, [
    () => {
      tokens = 0;
      arrayLexer.tokenize(text);
    },
    () => statementsOf((input = [])),
    () => {
      arrayParser.input = input;
      arrayParser.document();
    },
  ]);
  return `typed arrays: lexer ${lexer} ms, statements ${found} ms, parser ${parse} ms (${tokens} tokens, ${statements} statements)`;
}

// Each in a process of its own: sharing one, Chevrotain's lexer loop would be compiled for two token factories.
const mode = process.argv[2];
if (mode === "now") console.log(measureNow());
else if (mode === "arrays") console.log(measureArrays());
else {
  console.log(`${text.split("\n").length - 1} lines; medians:`);
  for (const round of [1, 2, 3]) {
    for (const which of ["now", "arrays"]) {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), which], { encoding: "utf8" });
      process.stdout.write(`  ${round}. ${run.stdout.trim() || run.stderr.trim()}\n`);
    }
  }
}
