import { existsSync, readdirSync, readFileSync, statSync } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { fileURLToPath } from "node:url";

/**
 * The shared test corpus: ../shared/corpus beside the project's clone (locally and in CI), or wherever
 * KHA_CORPUS points. Every suite that reads it takes the location from here.
 */
export const CORPUS_ROOT = process.env["KHA_CORPUS"] ?? resolve(dirname(fileURLToPath(import.meta.url)), "../../../shared/corpus");

export const CORPUS_SETS = ["keepalived-samples", "keepalived-wild", "keepalived-t-cases"] as const;
export type CorpusSet = (typeof CORPUS_SETS)[number];

export interface CorpusFile {
  set: CorpusSet;
  /** Path inside the set, POSIX separators. */
  name: string;
  path: string;
  text: string;
}

/** Files that document a set rather than belong to it. */
const NOT_CONFIG = new Set(["MANIFEST.txt", "results.json", "README.md"]);

function walk(dir: string): string[] {
  return readdirSync(dir)
    .sort()
    .flatMap((entry) => {
      const path = join(dir, entry);
      return statSync(path).isDirectory() ? walk(path) : [path];
    });
}

/**
 * Every file of a set, including files that only serve as include targets (t-cases/inc/...).
 * Returns an empty list when the corpus is not checked out beside the project.
 */
export function corpusFiles(set: CorpusSet): CorpusFile[] {
  const dir = join(CORPUS_ROOT, set);
  if (!existsSync(dir)) return [];
  return walk(dir)
    .map((path) => ({ set, name: relative(dir, path).split("\\").join("/"), path, text: readFileSync(path, "utf8") }))
    .filter((f) => !NOT_CONFIG.has(f.name));
}

/** The configuration files keepalived is run on: include-only fragments (`.inc`) are left out. */
export function isMainConfig(file: CorpusFile): boolean {
  return !file.name.endsWith(".inc");
}

const MOUNT: Record<CorpusSet, string> = {
  "keepalived-samples": "/etc/keepalived/samples",
  "keepalived-wild": "/etc/keepalived/wild",
  // The t-cases' absolute includes were written for /etc/keepalived/t/.
  "keepalived-t-cases": "/etc/keepalived/t",
};

/** Where a corpus file sits in the tests' picture of the target host (the system tests stage it there too). */
export function virtualPath(file: Pick<CorpusFile, "set" | "name">): string {
  return `${MOUNT[file.set]}/${file.name}`;
}
