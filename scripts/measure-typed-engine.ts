/**
 * A measurement, not part of the engine: what an analysis of the 44k-line benchmark file costs as the engine is, and
 * what a typed-array engine would cost (see README, Performance).
 *
 * - front end: the lexer, the statements and the parser, as they are and as a prototype that uses the same
 *   Chevrotain lexer and token types, writing each token's offset, length and type into typed arrays instead of
 *   making an object, finds statements in those arrays, and runs a Chevrotain parser of the same four-token grammar
 *   over one shared token per type, keeping each statement's enclosing block as an index;
 * - whole analysis: `analyzeFile` as it is, against the prototype's front end followed by a directive tree (role and
 *   catalog entry per statement, in arrays), the instances of a model and checks that do the work the real ones do
 *   on this file (every argument read against the catalog with the engine's own validators, unknown keywords,
 *   repeated settings per block, `;` and `\` endings, value-block addresses, track_script references, auth_pass
 *   length, unicast peers against the source address, VRID clashes per interface). The prototype reads only what
 *   the benchmark file holds (words, quotes, braces, comments): no conditionals, definitions, sequences or
 *   includes; its checks make a diagnostic object only for what they find, as the real ones do.
 *
 * Each variant runs in a process of its own: sharing one, Chevrotain's lexer loop would be compiled for two token
 * factories.
 *
 *   node scripts/measure-typed-engine.ts
 */
import { spawnSync } from "node:child_process";
import { fileURLToPath } from "node:url";
import { dirname } from "node:path";
import { EmbeddedActionsParser, Lexer, type IToken } from "chevrotain";
import { analyzeFile } from "../server/src/analysis.ts";
import { lookupKeyword, type KeywordSpec } from "../server/src/catalog/catalog.ts";
import { NEWEST_VERSION } from "../server/src/catalog/types.ts";
import { valueProblem } from "../server/src/checks/value-kinds.ts";
import { sourceFile, type SourceHost } from "../server/src/model/source.ts";
import { canonicalAddress, parseAddress, parseDecimal, parseInteger } from "../server/src/model/values.ts";
import { intern, sliceShared } from "../server/src/parser/chars.ts";
import { parser } from "../server/src/parser/parser.ts";
import { scan } from "../server/src/parser/scanner.ts";
import { allTokens, Head, keepalivedLexer, LBrace, Line, parserTokens, QuotedString, RBrace } from "../server/src/parser/tokens.ts";
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
/** The statement after a statement's block (its own index + 1 without a block): its children are those between. */
const blockEnd = new Int32Array(CAPACITY);

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
    while (this.current >= 0) {
      blockEnd[this.current] = this.index;
      this.current = this.open.pop() ?? -1;
    }
    return this.index;
  });

  private readonly alternatives = [
    {
      ALT: (): void => {
        this.CONSUME(Line);
        parent[this.index] = this.current;
        blockEnd[this.index] = this.index + 1;
        this.index++;
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
        if (this.current >= 0) {
          blockEnd[this.current] = this.index;
          this.current = this.open.pop() ?? -1;
        }
      },
    },
  ];
}
const arrayParser = new ArrayParser();


// ---- The prototype's directive tree, model and checks, over the arrays. ----

const QUOTED = QuotedString.tokenTypeIdx!;
const ROLE_UNKNOWN = 0;
const ROLE_KEYWORD = 1;
const ROLE_ITEM = 2;
const role = new Uint8Array(CAPACITY);
/** Per statement, its catalog entry (keyword) or its value block's (item); one array of references to the catalog. */
let specOf: Array<KeywordSpec | undefined> = [];

/** A word's value as keepalived reads it: quotes removed (the benchmark file has no escapes). */
function wordText(k: number): string {
  const start = tokenStart[k]!;
  const end = start + tokenLength[k]!;
  return tokenType[k] === QUOTED ? text.slice(start + 1, end - 1) : sliceShared(text, start, end);
}

function directiveTree(): void {
  specOf = new Array<KeywordSpec | undefined>(statements);
  for (let s = 0; s < statements; s++) {
    const p = parent[s]!;
    const parentSpec = p >= 0 ? specOf[p] : undefined;
    if (p >= 0 && role[p] === ROLE_KEYWORD && parentSpec!.kind === "value_block") {
      role[s] = ROLE_ITEM;
      specOf[s] = parentSpec;
    } else if (p < 0 || (role[p] === ROLE_KEYWORD && parentSpec!.kind === "block")) {
      const spec = lookupKeyword(p < 0 ? "" : parentSpec!.path, intern(wordText(statementFirst[s]!)), NEWEST_VERSION);
      role[s] = spec === undefined ? ROLE_UNKNOWN : ROLE_KEYWORD;
      specOf[s] = spec;
    } else {
      role[s] = ROLE_UNKNOWN;
      specOf[s] = undefined;
    }
  }
}

interface Instance {
  statement: number;
  name: string;
  state: string | undefined;
  interface: string | undefined;
  vrid: number | undefined;
  priority: number | undefined;
  advertInt: number | undefined;
  srcIp: string | undefined;
  peers: number[];
  authPass: number;
  vips: number[];
  trackScripts: number[];
}

interface Finding {
  code: string;
  statement: number;
  word: number;
  message: string;
}

/** The value block `name` inside statement s, or -1. */
function child(s: number, name: string): number {
  for (let c = s + 1; c < blockEnd[s]!; c = blockEnd[c]!) if (role[c] === ROLE_KEYWORD && specOf[c]!.name === name) return c;
  return -1;
}

function items(block: number): number[] {
  const out: number[] = [];
  if (block >= 0) for (let c = block + 1; c < blockEnd[block]!; c = blockEnd[c]!) if (role[c] === ROLE_ITEM) out.push(c);
  return out;
}

function model(): { instances: Instance[]; scripts: Set<string> } {
  const instances: Instance[] = [];
  const scripts = new Set<string>();
  for (let s = 0; s < statements; s = blockEnd[s]!) {
    if (role[s] !== ROLE_KEYWORD) continue;
    const name = specOf[s]!.name;
    if (name === "vrrp_script" && statementCount[s]! > 1) scripts.add(wordText(statementFirst[s]! + 1));
    if (name !== "vrrp_instance") continue;
    const instance: Instance = { statement: s, name: statementCount[s]! > 1 ? wordText(statementFirst[s]! + 1) : "", state: undefined, interface: undefined, vrid: undefined, priority: undefined, advertInt: undefined, srcIp: undefined, peers: [], authPass: -1, vips: [], trackScripts: [] };
    for (let c = s + 1; c < blockEnd[s]!; c = blockEnd[c]!) {
      if (role[c] !== ROLE_KEYWORD) continue;
      const value = statementCount[c]! > 1 ? wordText(statementFirst[c]! + 1) : undefined;
      switch (specOf[c]!.name) {
        case "state":
          instance.state = value;
          break;
        case "interface":
          instance.interface = value;
          break;
        case "virtual_router_id":
          instance.vrid = value === undefined ? undefined : parseInteger(value);
          break;
        case "priority":
          instance.priority = value === undefined ? undefined : parseInteger(value);
          break;
        case "advert_int":
          instance.advertInt = value === undefined ? undefined : parseDecimal(value);
          break;
        case "unicast_src_ip":
          instance.srcIp = value;
          break;
        case "unicast_peer":
          instance.peers = items(c);
          break;
        case "authentication":
          instance.authPass = child(c, "auth_pass");
          break;
        case "virtual_ipaddress":
          instance.vips = items(c);
          break;
        case "track_script":
          instance.trackScripts = items(c);
          break;
      }
    }
    instances.push(instance);
  }
  return { instances, scripts };
}

function checks(instances: Instance[], scripts: Set<string>): Finding[] {
  const found: Finding[] = [];
  const report = (code: string, statement: number, word: number, message: string): void => void found.push({ code, statement, word, message });
  // Per statement: arguments against the catalog, unknown keywords, `;` and `\` endings, value-block addresses.
  for (let s = 0; s < statements; s++) {
    const first = statementFirst[s]!;
    const count = statementCount[s]!;
    for (let k = first; k < first + count; k++) {
      const word = wordText(k);
      const last = word.charCodeAt(word.length - 1);
      if (tokenType[k] !== QUOTED && (last === 0x3b || word.charCodeAt(0) === 0x3b)) report("semicolon-in-value", s, k, `'${word}' keeps its ';'`);
      if (k === first + count - 1 && word === "\\") report("line-continuation", s, k, "no line continuation here");
    }
    if (role[s] === ROLE_UNKNOWN) {
      report("unknown-keyword", s, first, `unknown keyword '${wordText(first)}'`);
    } else if (role[s] === ROLE_KEYWORD) {
      const spec = specOf[s]!;
      if (!spec.argsKnown) continue;
      const args = spec.args;
      for (let i = 0; i < count - 1 && i < args.length; i++) {
        const problem = valueProblem(args[i]!, wordText(first + 1 + i));
        if (problem !== undefined) report(problem.code, s, first + 1 + i, `not ${problem.expected}`);
      }
      if (count - 1 > args.length && args.length > 0) report("extra-argument", s, first + args.length + 1, "ignored");
    } else if (specOf[s]!.name === "virtual_ipaddress" || specOf[s]!.name === "unicast_peer") {
      const address = wordText(first);
      if (parseAddress(address) === undefined) report("invalid-value", s, first, `'${address}' is not an address`);
    }
  }
  // Settings given twice in one block.
  const seen = new Map<KeywordSpec, number>();
  for (let s = 0; s < statements; s++) {
    if (blockEnd[s] === s + 1) continue;
    seen.clear();
    for (let c = s + 1; c < blockEnd[s]!; c = blockEnd[c]!) {
      if (role[c] !== ROLE_KEYWORD) continue;
      const spec = specOf[c]!;
      if (spec.kind === "keyword" && seen.has(spec)) report("duplicate-definition", c, statementFirst[c]!, `${spec.name} given twice`);
      seen.set(spec, c);
    }
  }
  // Instances: auth_pass length, track_script references, unicast peers, VRID clashes per interface.
  const vrids = new Map<string, Map<number, Map<string, Set<string>>>>();
  for (const instance of instances) {
    if (instance.authPass >= 0 && statementCount[instance.authPass]! > 1 && wordText(statementFirst[instance.authPass]! + 1).length > 8) report("auth-pass-truncated", instance.authPass, statementFirst[instance.authPass]! + 1, "only 8 characters used");
    for (const t of instance.trackScripts) if (!scripts.has(wordText(statementFirst[t]!))) report("track-script-undefined", t, statementFirst[t]!, "no such vrrp_script");
    if (instance.srcIp !== undefined) for (const p of instance.peers) if (canonicalAddress(wordText(statementFirst[p]!)) === canonicalAddress(instance.srcIp)) report("unicast-self-peer", p, statementFirst[p]!, "self");
    // As keepalived's clash rule: multicast instances of one VRID and interface clash; unicast ones when they share
    // the source address and a peer.
    if (instance.interface !== undefined && instance.vrid !== undefined) {
      let byVrid = vrids.get(instance.interface);
      if (byVrid === undefined) vrids.set(instance.interface, (byVrid = new Map()));
      let bySource = byVrid.get(instance.vrid);
      if (bySource === undefined) byVrid.set(instance.vrid, (bySource = new Map()));
      const source = instance.peers.length === 0 ? "" : canonicalAddress(instance.srcIp ?? "");
      let peers = bySource.get(source);
      if (peers === undefined) bySource.set(source, (peers = new Set()));
      let clash = instance.peers.length === 0 && peers.size > 0;
      for (const p of instance.peers) {
        const peer = canonicalAddress(wordText(statementFirst[p]!));
        if (peers.has(peer)) clash = true;
        peers.add(peer);
      }
      if (instance.peers.length === 0) peers.add("");
      if (clash) report("vrid-conflict", instance.statement, statementFirst[instance.statement]!, "VRID used twice");
    }
  }
  return found;
}

function median(samples: number[]): string {
  return samples.sort((a, b) => a - b)[samples.length >> 1]!.toFixed(2);
}

/** Medians of each step over `rounds` rounds (the first quarter not counted: V8 optimizes over them). */
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

const emptyHost: SourceHost = { load: () => undefined, resolveInclude: () => [], isAbsolute: (p) => p.startsWith("/"), dirname: (f) => dirname(f) };

const MODES: Record<string, () => string> = {
  "front-now": () => {
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
    return `front end as it is:      lexer ${lexer} ms, lexer + statements ${both} ms, parser ${parse} ms`;
  },
  "front-arrays": () => {
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
    return `front end, typed arrays: lexer ${lexer} ms, statements ${found} ms, parser ${parse} ms (${tokens} tokens, ${statements} statements)`;
  },
  "whole-now": () => {
    const [whole] = time(120, [() => analyzeFile(sourceFile("/bench.conf", text), emptyHost, {})]);
    return `analyzeFile as it is:    ${whole} ms`;
  },
  "whole-arrays": () => {
    let findings = 0;
    const [whole] = time(120, [
      () => {
        tokens = 0;
        arrayLexer.tokenize(text);
        const input: IToken[] = [];
        statementsOf(input);
        arrayParser.input = input;
        arrayParser.document();
        directiveTree();
        const { instances, scripts } = model();
        const f = checks(instances, scripts);
        findings = f.length;
      },
    ]);
    return `prototype, typed arrays: ${whole} ms (${findings} findings)`;
  },
};

const mode = process.argv[2];
if (mode !== undefined && MODES[mode] !== undefined) {
  console.log(MODES[mode]!());
} else {
  console.log(`${text.split("\n").length - 1} lines; medians, each line from a process of its own:`);
  for (const round of [1, 2, 3]) {
    for (const which of Object.keys(MODES)) {
      const run = spawnSync(process.execPath, [fileURLToPath(import.meta.url), which], { encoding: "utf8" });
      process.stdout.write(`  ${round}. ${run.stdout.trim() || run.stderr.trim()}\n`);
    }
  }
}
