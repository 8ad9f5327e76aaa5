import { readFileSync } from "node:fs";
import { analyzeFile } from "../../../server/src/analysis.ts";
import { DIAGNOSTIC_CODES } from "../../../server/src/checks/codes.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { analyzePairs, type PairResult } from "../../../server/src/pair/index.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";

export const GUIDE_PRIMARY = readFileSync(new URL("../../../examples/guide/keepalived-primary.conf", import.meta.url), "utf8");
export const GUIDE_STANDBY = readFileSync(new URL("../../../examples/guide/keepalived-standby.conf", import.meta.url), "utf8");

export const A = "/etc/ha/a/keepalived.conf";
export const B = "/etc/ha/b/keepalived.conf";
export const C = "/etc/ha/c/keepalived.conf";

export interface Paired {
  result: PairResult;
  /** Pair diagnostics only (peer-not-found included). */
  diagnostics: Diagnostic[];
  of(code: string): Diagnostic[];
  /** 1-based line of a diagnostic or related span in its file. */
  line(span: { file: string; start: number }): number;
  /** The text a span covers. */
  text(span: { file: string; start: number; end: number }): string;
}

/** Pair analysis of in-memory files (all roots), keepalived 2.2 keywords. */
export function pairs(files: Record<string, string>, groups: string[][] = []): Paired {
  const host = new MemoryHost(Object.entries(files));
  const analyses = Object.keys(files).map((f) => analyzeFile(host.load(f)!, host, { version: "2.2" }));
  const result = analyzePairs(analyses, { groups }, analyses.flatMap((a) => a.diagnostics));
  const diagnostics = result.diagnostics;
  return {
    result,
    diagnostics,
    of: (code) => diagnostics.filter((d) => d.code === code),
    line: (span) => host.load(span.file)!.lines.positionAt(span.start).line + 1,
    text: (span) => host.load(span.file)!.text.slice(span.start, span.end),
  };
}

/** The guide's standby with some lines changed (`from` -> `to`, first occurrence each). */
export function standbyWith(...changes: Array<[string, string]>): string {
  let text = GUIDE_STANDBY;
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`the standby has no '${from}'`);
    text = text.replace(from, to);
  }
  return text;
}

export function primaryWith(...changes: Array<[string, string]>): string {
  let text = GUIDE_PRIMARY;
  for (const [from, to] of changes) {
    if (!text.includes(from)) throw new Error(`the primary has no '${from}'`);
    text = text.replace(from, to);
  }
  return text;
}

export const PAIR_CODES = Object.entries(DIAGNOSTIC_CODES).filter(([, info]) => "pair" in info && info.pair === true).map(([code]) => code);
