import { matchesGlob, posix } from "node:path";
import { sourceFile, type SourceFile, type SourceHost } from "../../server/src/model/source.ts";

/**
 * A SourceHost over an in-memory map of absolute POSIX paths to texts, so that tests can serve include targets
 * without touching the disk. Globs are matched with Node's matchesGlob, which follows glob(3) closely enough for
 * `*`, `?`, `[...]` and `{a,b}`; parses are cached per path like DiskHost does.
 */
export class MemoryHost implements SourceHost {
  private readonly texts = new Map<string, string>();
  private readonly parsed = new Map<string, SourceFile>();

  constructor(files: Iterable<readonly [string, string]> = []) {
    for (const [path, text] of files) this.set(path, text);
  }

  set(path: string, text: string): void {
    this.texts.set(path, text);
    this.parsed.delete(path);
  }

  get paths(): string[] {
    return [...this.texts.keys()];
  }

  load(file: string): SourceFile | undefined {
    const cached = this.parsed.get(file);
    if (cached !== undefined) return cached;
    const text = this.texts.get(file);
    if (text === undefined) return undefined;
    const source = sourceFile(file, text);
    this.parsed.set(file, source);
    return source;
  }

  resolveInclude(pattern: string, fromFile: string): string[] {
    const absolute = posix.isAbsolute(pattern) ? posix.normalize(pattern) : posix.join(posix.dirname(fromFile), pattern);
    if (!/[*?[{]/.test(pattern)) return this.texts.has(absolute) ? [absolute] : [];
    return this.paths.filter((p) => safeMatch(p, absolute)).sort();
  }

  isAbsolute(pattern: string): boolean {
    return posix.isAbsolute(pattern);
  }

  dirname(file: string): string {
    return posix.dirname(file);
  }
}

/** A malformed pattern (say an unclosed `[`) names no file, as glob(3) would return no match. */
function safeMatch(path: string, pattern: string): boolean {
  try {
    return matchesGlob(path, pattern);
  } catch {
    return false;
  }
}
