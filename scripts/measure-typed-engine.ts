/**
 * A measurement, not part of the engine: what an analysis of the 44k-line benchmark file costs as the engine is, and
 * what an engine in typed arrays throughout would cost (see README, Performance).
 *
 * - front end: parse.ts (word, statement and block objects: the language server's, and any file with expansions)
 *   against compact.ts (the same Chevrotain lexer and grammar, offsets in typed arrays; a unit test checks that both
 *   read every text alike);
 * - whole analysis: `analyzeFile` as the command line runs it (a simple file read in arrays up to its directives,
 *   compact-build.ts), the same on the file read as objects (the engine before), and, for what is still ahead,
 *   compact.ts followed by a prototype of the rest in arrays: a directive tree
 *   (role and catalog entry per statement, in arrays), the instances of a model and checks that do the work the
 *   real ones do on this file (every argument read against the catalog with the engine's own validators, unknown
 *   keywords, repeated settings per block, `;` and `\` endings, value-block addresses, track_script references,
 *   auth_pass length, unicast peers against the source address, VRID clashes). The prototype reads what the
 *   benchmark file holds: no conditionals, definitions, sequences or includes; its checks make a diagnostic object
 *   only for what they find, as the real ones do.
 *
 * Each variant runs in a process of its own, so that V8 compiles the code each uses for it alone; the whole analyses
 * also give the process's CPU time (with the garbage collector's helper threads).
 *
 *   node scripts/measure-typed-engine.ts
 */
import { spawnSync } from "node:child_process";
import { dirname } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeFile, runChecks } from "../server/src/analysis.ts";
import { lookupKeyword, type KeywordSpec } from "../server/src/catalog/catalog.ts";
import { NEWEST_VERSION } from "../server/src/catalog/types.ts";
import { valueProblem } from "../server/src/checks/value-kinds.ts";
import type { BuildResult } from "../server/src/model/build.ts";
import { buildFromCompact } from "../server/src/model/compact-build.ts";
import { compactTree, type CompactTree } from "../server/src/model/compact-tree.ts";
import { buildConfig, type Config } from "../server/src/model/config.ts";
import { LineIndex } from "../server/src/model/span.ts";
import { compactSyntax, sourceFile, type SourceFile, type SourceHost } from "../server/src/model/source.ts";
import { canonicalAddress, parseAddress, parseDecimal, parseInteger } from "../server/src/model/values.ts";
import { intern, sliceShared } from "../server/src/parser/chars.ts";
import { parseCompact, type CompactSyntax } from "../server/src/parser/compact.ts";
import { parse } from "../server/src/parser/parse.ts";
import { QuotedString } from "../server/src/parser/tokens.ts";
import { benchConfig, instancesForLines } from "./gen-bench-config.ts";

const text = benchConfig(instancesForLines(44010));
/** The parse the prototype reads. */
let syntax: CompactSyntax = parseCompact("");

// ---- The prototype's directive tree, model and checks, over the arrays. ----

const QUOTED = QuotedString.tokenTypeIdx!;
const CAPACITY = 1 << 18;
const ROLE_UNKNOWN = 0;
const ROLE_KEYWORD = 1;
const ROLE_ITEM = 2;
const role = new Uint8Array(CAPACITY);
/** Per statement, its catalog entry (keyword) or its value block's (item); one array of references to the catalog. */
let specOf: Array<KeywordSpec | undefined> = [];

/** A word's value as keepalived reads it: quotes removed (the benchmark file has no escapes). */
function wordText(k: number): string {
  const start = syntax.wordStart[k]!;
  const end = syntax.wordEnd[k]!;
  return syntax.wordType[k] === QUOTED ? text.slice(start + 1, end - 1) : sliceShared(text, start, end);
}

function directiveTree(): void {
  specOf = new Array<KeywordSpec | undefined>(syntax.statementCount);
  for (let s = 0; s < syntax.statementCount; s++) {
    const p = syntax.parent[s]!;
    const parentSpec = p >= 0 ? specOf[p] : undefined;
    if (p >= 0 && role[p] === ROLE_KEYWORD && parentSpec!.kind === "value_block") {
      role[s] = ROLE_ITEM;
      specOf[s] = parentSpec;
    } else if (p < 0 || (role[p] === ROLE_KEYWORD && parentSpec!.kind === "block")) {
      const spec = lookupKeyword(p < 0 ? "" : parentSpec!.path, intern(wordText(syntax.firstWord[s]!)), NEWEST_VERSION);
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
  for (let c = s + 1; c < syntax.blockEnd[s]!; c = syntax.blockEnd[c]!) if (role[c] === ROLE_KEYWORD && specOf[c]!.name === name) return c;
  return -1;
}

function items(block: number): number[] {
  const out: number[] = [];
  if (block >= 0) for (let c = block + 1; c < syntax.blockEnd[block]!; c = syntax.blockEnd[c]!) if (role[c] === ROLE_ITEM) out.push(c);
  return out;
}

function model(): { instances: Instance[]; scripts: Set<string> } {
  const instances: Instance[] = [];
  const scripts = new Set<string>();
  for (let s = 0; s < syntax.statementCount; s = syntax.blockEnd[s]!) {
    if (role[s] !== ROLE_KEYWORD) continue;
    const name = specOf[s]!.name;
    if (name === "vrrp_script" && syntax.words[s]! > 1) scripts.add(wordText(syntax.firstWord[s]! + 1));
    if (name !== "vrrp_instance") continue;
    const instance: Instance = { statement: s, name: syntax.words[s]! > 1 ? wordText(syntax.firstWord[s]! + 1) : "", state: undefined, interface: undefined, vrid: undefined, priority: undefined, advertInt: undefined, srcIp: undefined, peers: [], authPass: -1, vips: [], trackScripts: [] };
    for (let c = s + 1; c < syntax.blockEnd[s]!; c = syntax.blockEnd[c]!) {
      if (role[c] !== ROLE_KEYWORD) continue;
      const value = syntax.words[c]! > 1 ? wordText(syntax.firstWord[c]! + 1) : undefined;
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
  for (let s = 0; s < syntax.statementCount; s++) {
    const first = syntax.firstWord[s]!;
    const count = syntax.words[s]!;
    for (let k = first; k < first + count; k++) {
      const word = wordText(k);
      const last = word.charCodeAt(word.length - 1);
      if (syntax.wordType[k] !== QUOTED && (last === 0x3b || word.charCodeAt(0) === 0x3b)) report("semicolon-in-value", s, k, `'${word}' keeps its ';'`);
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
  for (let s = 0; s < syntax.statementCount; s++) {
    if (syntax.blockEnd[s] === s + 1) continue;
    seen.clear();
    for (let c = s + 1; c < syntax.blockEnd[s]!; c = syntax.blockEnd[c]!) {
      if (role[c] !== ROLE_KEYWORD) continue;
      const spec = specOf[c]!;
      if (spec.kind === "keyword" && seen.has(spec)) report("duplicate-definition", c, syntax.firstWord[c]!, `${spec.name} given twice`);
      seen.set(spec, c);
    }
  }
  // Instances: auth_pass length, track_script references, unicast peers, VRID clashes per interface.
  const vrids = new Map<string, Map<number, Map<string, Set<string>>>>();
  for (const instance of instances) {
    if (instance.authPass >= 0 && syntax.words[instance.authPass]! > 1 && wordText(syntax.firstWord[instance.authPass]! + 1).length > 8) report("auth-pass-truncated", instance.authPass, syntax.firstWord[instance.authPass]! + 1, "only 8 characters used");
    for (const t of instance.trackScripts) if (!scripts.has(wordText(syntax.firstWord[t]!))) report("track-script-undefined", t, syntax.firstWord[t]!, "no such vrrp_script");
    if (instance.srcIp !== undefined) for (const p of instance.peers) if (canonicalAddress(wordText(syntax.firstWord[p]!)) === canonicalAddress(instance.srcIp)) report("unicast-self-peer", p, syntax.firstWord[p]!, "self");
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
        const peer = canonicalAddress(wordText(syntax.firstWord[p]!));
        if (peers.has(peer)) clash = true;
        peers.add(peer);
      }
      if (instance.peers.length === 0) peers.add("");
      if (clash) report("vrid-conflict", instance.statement, syntax.firstWord[instance.statement]!, "VRID used twice");
    }
  }
  return found;
}

function median(samples: number[]): string {
  return samples.sort((a, b) => a - b)[samples.length >> 1]!.toFixed(2);
}

/**
 * Medians of each step over `rounds` rounds (the first quarter not counted: V8 optimizes over them): wall-clock time,
 * then with `cpu` "ms, CPU x ms", the process's CPU time over the same runs (the collector's helper threads included).
 */
function time(rounds: number, steps: Array<() => void>, cpu = false): string[] {
  const samples = steps.map((): number[] => []);
  const cpuSamples = steps.map((): number[] => []);
  for (let round = 0; round < rounds; round++) {
    steps.forEach((step, i) => {
      const usage = process.cpuUsage();
      const start = performance.now();
      step();
      if (round < rounds / 4) return;
      samples[i]!.push(performance.now() - start);
      const used = process.cpuUsage(usage);
      cpuSamples[i]!.push((used.user + used.system) / 1000);
    });
  }
  return samples.map((wall, i) => (cpu ? `${median(wall)} ms, CPU ${median(cpuSamples[i]!)}` : median(wall)));
}

/** A source whose parse as objects is made before the analysis sees it: analyzeFile then reads the objects. */
function objectSource(file: string): SourceFile {
  return { file, text, parsed: parse(text, file), lines: new LineIndex(text) };
}

const emptyHost: SourceHost = { load: () => undefined, resolveInclude: () => [], isAbsolute: (p) => p.startsWith("/"), dirname: (f) => dirname(f) };

const MODES: Record<string, () => string> = {
  "front-now": () => `front end as it is (parse.ts):    ${time(200, [() => parse(text, "/bench.conf")])[0]} ms`,
  "front-arrays": () => {
    const [front] = time(200, [() => (syntax = parseCompact(text, "/bench.conf"))]);
    return `front end, typed arrays (compact.ts): ${front} ms (${syntax.wordCount} words, ${syntax.statementCount} statements)`;
  },
  "whole-now": () => `analyzeFile (read in arrays):        ${time(120, [() => analyzeFile(sourceFile("/bench.conf", text), emptyHost, {})], true)[0]} ms`,
  "whole-objects": () => `analyzeFile, the file read as objects: ${time(120, [() => analyzeFile(objectSource("/bench.conf"), emptyHost, {})], true)[0]} ms`,
  phases: () => {
    // The analysis of analyzeFile's array path, phase by phase, in a steady loop (no forced collection between).
    const steps: Array<() => void> = [];
    let source = sourceFile("/bench.conf", text);
    let tree: CompactTree | undefined;
    let build: BuildResult | undefined;
    let config: Config | undefined;
    steps.push(() => {
      source = sourceFile("/bench.conf", text);
      compactSyntax(source);
    });
    steps.push(() => (tree = compactTree(compactSyntax(source)!, NEWEST_VERSION)));
    steps.push(() => (build = buildFromCompact(source, tree!)));
    steps.push(() => (config = buildConfig(build!)));
    steps.push(() => runChecks(config!, NEWEST_VERSION));
    const [parse, treeMs, directives, model, checkMs] = time(120, steps);
    return `phases of analyzeFile in arrays: parse ${parse}, tree ${treeMs}, directives ${directives}, model ${model}, checks ${checkMs} ms`;
  },
  "whole-arrays": () => {
    let findings = 0;
    const [whole] = time(120, [
      () => {
        syntax = parseCompact(text, "/bench.conf");
        directiveTree();
        const { instances, scripts } = model();
        findings = checks(instances, scripts).length;
      },
    ]);
    return `compact.ts + prototype tree, model, checks: ${whole} ms (${findings} findings)`;
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
