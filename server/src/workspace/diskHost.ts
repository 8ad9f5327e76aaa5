import { globSync, readFileSync, statSync } from "node:fs";
import { dirname, isAbsolute, resolve } from "node:path";
import { sourceFile, type SourceFile, type SourceHost } from "../model/source.ts";

/**
 * Reads files from the local disk (the command line; the language server layers open documents on top).
 * Parses are cached by path and modification time.
 */
export class DiskHost implements SourceHost {
  private readonly cache = new Map<string, { mtimeMs: number; size: number; source: SourceFile }>();
  /** Texts that take precedence over the disk (open editor buffers, files being fixed). */
  readonly overlay = new Map<string, SourceFile>();

  load(file: string): SourceFile | undefined {
    const open = this.overlay.get(file);
    if (open !== undefined) return open;
    try {
      const stat = statSync(file);
      if (!stat.isFile()) return undefined;
      const cached = this.cache.get(file);
      if (cached !== undefined && cached.mtimeMs === stat.mtimeMs && cached.size === stat.size) return cached.source;
      const source = sourceFile(file, readFileSync(file, "utf8"));
      this.cache.set(file, { mtimeMs: stat.mtimeMs, size: stat.size, source });
      return source;
    } catch {
      return undefined;
    }
  }

  resolveInclude(pattern: string, fromFile: string): string[] {
    const base = dirname(fromFile);
    const absolute = isAbsolute(pattern) ? pattern : resolve(base, pattern);
    if (!/[*?[{]/.test(pattern)) return this.exists(absolute) ? [absolute] : [];
    try {
      return globSync(absolute)
        .map((p) => resolve(p))
        .filter((p) => this.exists(p))
        .sort();
    } catch {
      return [];
    }
  }

  isAbsolute(pattern: string): boolean {
    return isAbsolute(pattern);
  }

  dirname(file: string): string {
    return dirname(file);
  }

  private exists(path: string): boolean {
    if (this.overlay.has(path)) return true;
    try {
      return statSync(path).isFile();
    } catch {
      return false;
    }
  }
}
