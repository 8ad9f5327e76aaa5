/**
 * The robustness properties, as functions run by runBounded in a worker thread (see robustness.property.test.ts):
 * each runs fast-check with the given seed and returns how many inputs it tried and the slowest one, or throws
 * fast-check's report (seed, path and shrunk counterexample).
 */
import { deepStrictEqual } from "node:assert/strict";
import fc from "fast-check";
import { analyzeFile, type FileAnalysis } from "../../server/src/analysis.ts";
import type { KeepalivedVersion } from "../../server/src/catalog/types.ts";
import { LineIndex } from "../../server/src/model/span.ts";
import { parse, type ParseResult } from "../../server/src/parser/parse.ts";
import { abbreviate } from "../helpers/bounded.ts";
import { CORPUS_SETS, corpusFiles, virtualPath } from "../helpers/corpus.ts";
import { MemoryHost } from "../helpers/memoryHost.ts";
import { anyText, corpusMutation, tokenSoup } from "./arbitraries.ts";
import { analysisProblems, parseProblems } from "./invariants.ts";

export interface PropertyRun {
  seed: number;
  numRuns: number;
}

export interface PropertyStats {
  inputs: number;
  slowestMs: number;
}

/** Past this, one input is a blow-up (exponential or worse), not a slow machine: real files take milliseconds. */
export const PER_INPUT_BUDGET_MS = 2000;

class Timer {
  inputs = 0;
  slowestMs = 0;

  measure<T>(what: string, input: string, run: () => T): T {
    const started = performance.now();
    let value: T;
    try {
      value = run();
    } catch (error) {
      throw new Error(`${what} threw ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\ninput: ${abbreviate(input)}`);
    }
    const ms = performance.now() - started;
    this.inputs++;
    this.slowestMs = Math.max(this.slowestMs, ms);
    if (ms > PER_INPUT_BUDGET_MS) throw new Error(`${what} took ${Math.round(ms)} ms (budget ${PER_INPUT_BUDGET_MS} ms) on ${abbreviate(input)}`);
    return value;
  }

  stats(): PropertyStats {
    return { inputs: this.inputs, slowestMs: Math.round(this.slowestMs) };
  }
}

function fail(problems: string[], input: string): void {
  if (problems.length > 0) throw new Error(`${problems.slice(0, 12).join("\n")}\ninput: ${abbreviate(input)}`);
}

/** parse() returns, in bounded time, with every error inside the text and nothing given up. */
export function parseNeverFails(run: PropertyRun, progress: (note: string) => void): PropertyStats {
  const timer = new Timer();
  fc.assert(
    fc.property(anyText, (text) => {
      progress(text);
      const result: ParseResult = timer.measure("parse()", text, () => parse(text));
      fail(parseProblems(text, result, new LineIndex(text)), text);
      // The parser is one instance reset per input: reading the same text again gives the same result.
      deepStrictEqual(parse(text).errors, result.errors);
    }),
    { seed: run.seed, numRuns: run.numRuns, includeErrorInReport: true },
  );
  return timer.stats();
}

const MAIN = "/etc/keepalived/keepalived.conf";

function hostOf(files: Record<string, string>): MemoryHost {
  return new MemoryHost(Object.entries(files));
}

function analyze(host: MemoryHost, file: string, version: KeepalivedVersion, configId?: string | null): FileAnalysis {
  return analyzeFile(host.load(file)!, host, configId === undefined ? { version } : { version, configId });
}

const version = fc.constantFrom<KeepalivedVersion>("2.2", "2.4");
/** Every `@ID` rendering (undefined), no id matching (null), or one host's. */
const configId = fc.constantFrom<string | null | undefined>(undefined, null, "id1", "vm");

/**
 * analyzeFile() on generated text that may include generated neighbours (includes, globs, cycles): returns in
 * bounded time, every span is a valid range of its file, and a second analysis (after another input went
 * through the shared parser) gives identical diagnostics.
 */
export function analyzeNeverFails(run: PropertyRun, progress: (note: string) => void): PropertyStats {
  const timer = new Timer();
  const neighbours = fc.record({ a: tokenSoup, b: tokenSoup, c: fc.constantFrom("", "vrrp_instance VI_1 {\n}\n", "include ../keepalived.conf\n") });
  fc.assert(
    fc.property(anyText, neighbours, version, configId, (main, { a, b, c }, v, id) => {
      progress(main);
      const files = { [MAIN]: main, "/etc/keepalived/a.conf": a, "/etc/keepalived/inc/b.conf": b, "/etc/keepalived/inc/c.conf": c };
      const first = timer.measure("analyzeFile()", main, () => analyze(hostOf(files), MAIN, v, id));
      fail(analysisProblems(first), main);
      analyze(hostOf(files), "/etc/keepalived/a.conf", v, id);
      const again = analyze(hostOf(files), MAIN, v, id);
      deepStrictEqual(again.diagnostics, first.diagnostics, "analyzing the same text twice gave different diagnostics");
    }),
    { seed: run.seed, numRuns: run.numRuns, includeErrorInReport: true },
  );
  return timer.stats();
}

/** The same for mutated corpus files, with the whole corpus served as include targets. */
export function corpusMutationsNeverFail(run: PropertyRun, progress: (note: string) => void): PropertyStats {
  const timer = new Timer();
  const corpus = CORPUS_SETS.flatMap((set) => corpusFiles(set));
  if (corpus.length === 0) throw new Error("the corpus is missing (expected beside the project, see test/helpers/corpus.ts)");
  const base = Object.fromEntries(corpus.map((f) => [virtualPath(f), f.text]));
  const mutated = corpusMutation(corpus).map(({ file, mutations, text }) => ({ name: `${file.set}/${file.name}`, path: virtualPath(file), mutations, text }));
  fc.assert(
    fc.property(mutated, version, ({ path, text }, v) => {
      progress(text);
      const host = hostOf({ ...base, [path]: text });
      const first = timer.measure("analyzeFile()", text, () => analyze(host, path, v));
      fail(analysisProblems(first), text);
      const again = analyze(hostOf({ ...base, [path]: text }), path, v);
      deepStrictEqual(again.diagnostics, first.diagnostics, "analyzing the same text twice gave different diagnostics");
    }),
    { seed: run.seed, numRuns: run.numRuns, includeErrorInReport: true },
  );
  return timer.stats();
}
