import { isAbsolute, join, matchesGlob, resolve } from "node:path";

/**
 * Explicit peer groups (`keepalived.peers`: groups of globs; `--peers a.conf,b.conf`) resolved to files. A
 * relative pattern is tried against each base directory (the workspace folders, or the current directory);
 * a group keeps the candidate files that match any of its patterns. Groups of fewer than two files say
 * nothing and are dropped.
 */
export function resolveGroups(groups: readonly (readonly string[])[], candidates: readonly string[], bases: readonly string[]): string[][] {
  const out: string[][] = [];
  for (const group of groups) {
    const patterns = group.flatMap((p) => (isAbsolute(p) ? [p] : bases.map((b) => join(b, p))));
    const files = candidates.filter((file) => patterns.some((p) => file === resolve(p) || safeMatch(file, p)));
    if (files.length >= 2) out.push([...new Set(files)]);
  }
  return out;
}

/** A malformed glob names nothing (as glob(3) would match nothing) rather than failing the group. */
function safeMatch(file: string, pattern: string): boolean {
  try {
    return matchesGlob(file, pattern);
  } catch {
    return false;
  }
}
