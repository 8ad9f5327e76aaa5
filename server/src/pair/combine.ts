import type { FileAnalysis } from "../analysis.ts";
import type { Diagnostic } from "../checks/diagnostic.ts";
import { analyzePairs, withPatch, type PairOptions, type PairResult } from "./index.ts";

/**
 * Single-file and pair diagnostics of a set of root files, as the CLI and tests read them: every analysis'
 * diagnostics (patched with the pair payloads) followed by the pair diagnostics. Duplicates, which files
 * included by several roots produce, are said once.
 */
export function checkWithPairs(analyses: readonly FileAnalysis[], options: PairOptions = {}): { diagnostics: Diagnostic[]; pairs: PairResult } {
  const single = analyses.flatMap((a) => a.diagnostics);
  const pairs = analyzePairs(analyses, options, single);
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const d of [...single.map((s) => withPatch(s, pairs.patches)), ...pairs.diagnostics]) {
    const key = `${d.code}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
    if (seen.has(key)) continue;
    seen.add(key);
    diagnostics.push(d);
  }
  return { diagnostics, pairs };
}

/**
 * The roots among analysed files: a file that another analysed file includes is part of that configuration,
 * not a node of its own.
 */
export function rootAnalyses(analyses: readonly FileAnalysis[]): FileAnalysis[] {
  const included = new Set<string>();
  for (const a of analyses) for (const f of a.files) if (f.file !== a.file) included.add(f.file);
  return analyses.filter((a) => !included.has(a.file));
}
