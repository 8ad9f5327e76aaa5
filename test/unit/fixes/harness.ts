import { readdirSync, readFileSync, existsSync } from "node:fs";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeFile } from "../../../server/src/analysis.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { applyEdits, fixesFor, type Fix } from "../../../server/src/fixes/index.ts";
import { checkWithPairs, rootAnalyses } from "../../../server/src/pair/combine.ts";
import { MemoryHost } from "../../helpers/memoryHost.ts";

/** Fixture sets for the pair and fix tests: each directory under test/fixtures/pair is one workspace. */
export const PAIR_FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/pair");

export type Files = Map<string, string>;

/** The files of a fixture directory, by absolute path, and its explicit groups (peers.json: names per group). */
export function loadSet(name: string): { files: Files; groups: string[][] } {
  const dir = join(PAIR_FIXTURES, name);
  const files: Files = new Map();
  for (const entry of readdirSync(dir).sort()) if (entry.endsWith(".conf")) files.set(join(dir, entry), readFileSync(join(dir, entry), "utf8"));
  const peers = join(dir, "peers.json");
  const groups = existsSync(peers) ? (JSON.parse(readFileSync(peers, "utf8")) as string[][]).map((g) => g.map((f) => join(dir, f))) : [];
  return { files, groups };
}

/** Every diagnostic of the set, single-file and pair, as the CLI computes them (keepalived 2.2 keywords). */
export function checkSet(files: Files, groups: string[][] = []): Diagnostic[] {
  const host = new MemoryHost(files);
  const analyses = [...files.keys()].map((f) => analyzeFile(host.load(f)!, host, { version: "2.2" }));
  return checkWithPairs(rootAnalyses(analyses), { groups }).diagnostics;
}

export function fixesOf(d: Diagnostic, files: Files, password = "Zq7Rm2Xk"): Fix[] {
  return fixesFor({ code: d.code, data: d.data, span: d.span }, { text: (f) => files.get(f), password: () => password });
}

export function applyFix(files: Files, fix: Fix): Files {
  const out = new Map(files);
  for (const file of new Set(fix.edits.map((e) => e.file))) {
    out.set(file, applyEdits(out.get(file)!, fix.edits.filter((e) => e.file === file)));
  }
  return out;
}

/** Errors and warnings counted per code: what a fix must not increase. */
export function failingCounts(list: readonly Diagnostic[]): Map<string, number> {
  const counts = new Map<string, number>();
  for (const d of list) if (d.severity === "error" || d.severity === "warning") counts.set(d.code, (counts.get(d.code) ?? 0) + 1);
  return counts;
}
