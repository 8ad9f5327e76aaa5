import { existsSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeFile, type FileAnalysis } from "../../server/src/analysis.ts";
import type { Diagnostic } from "../../server/src/checks/diagnostic.ts";
import { sourceFile } from "../../server/src/model/source.ts";
import { DiskHost } from "../../server/src/workspace/diskHost.ts";
import { CORPUS_ROOT } from "../helpers/corpus.ts";

export const CORPUS = CORPUS_ROOT;
export const T_CASES = join(CORPUS, "keepalived-t-cases");

export function corpusAvailable(): boolean {
  return existsSync(join(T_CASES, "results.json"));
}

/** The golden cases' include paths were rewritten to /etc/keepalived/t/ after the runs: serve them from the corpus. */
const T_PREFIX = "/etc/keepalived/t/";

class GoldenHost extends DiskHost {
  override resolveInclude(pattern: string, fromFile: string): string[] {
    const local = pattern.startsWith(T_PREFIX) ? join(T_CASES, pattern.slice(T_PREFIX.length)) : pattern;
    return super.resolveInclude(local, fromFile);
  }
}

/** Checks a corpus file as keepalived 2.2 (the oracle's version) reads it. */
export function analyzeCorpusFile(path: string): FileAnalysis {
  return analyzeFile(sourceFile(path, readFileSync(path, "utf8")), new GoldenHost(), { version: "2.2" });
}

/** 1-based line of a diagnostic in its own file. */
export function lineOf(analysis: FileAnalysis, d: Diagnostic): number {
  const source = analysis.files.find((f) => f.file === d.span.file);
  return source === undefined ? 0 : source.lines.positionAt(d.span.start).line + 1;
}

export interface ManifestRow {
  file: string;
  /** keepalived -t's exit code in a network namespace that has the interfaces the file names. */
  rcNetns: number;
}

/** The rows of a MANIFEST.txt, read by its "# columns:" header. */
export function readManifest(dir: string): ManifestRow[] {
  const text = readFileSync(join(dir, "MANIFEST.txt"), "utf8");
  const header = /^# columns: (.*)$/m.exec(text)?.[1];
  if (header === undefined) throw new Error(`${dir}/MANIFEST.txt has no "# columns:" line`);
  const columns = header.split("|").map((c) => c.trim());
  const fileColumn = columns.indexOf("local_file");
  const rcColumn = columns.indexOf("rc_netns");
  return text
    .split("\n")
    .filter((line) => line !== "" && !line.startsWith("#"))
    .map((line) => line.split(" | "))
    .map((cells) => ({ file: cells[fileColumn]!.trim(), rcNetns: Number(cells[rcColumn]) }));
}
