import { closeSync, openSync, readSync, readdirSync, statSync } from "node:fs";
import { basename, dirname, join } from "node:path";

/**
 * Which files are keepalived configurations. One rule for the command line and the language server, so that
 * `keepalived-ha check DIR` and the editor agree on what a workspace holds. Never every `.conf`: nginx,
 * supervisord and friends use that extension too.
 */
export const KEEPALIVED_FILE_RULE = [
  "keepalived.conf, keepalived-*.conf, *.keepalived.conf, keepalived.conf.* (the upstream samples),",
  "any *.conf inside a directory named keepalived (as /etc/keepalived/conf.d/x.conf),",
  "and any file whose first line is a comment with a keepalived mode line:",
  "'# -*- keepalived -*-', '# -*- mode: keepalived -*-' or '# vim: ft=keepalived' (filetype= and syntax= too).",
].join("\n");

/** The rule in one line, for messages. */
export const KEEPALIVED_NAMES_SHORT =
  "keepalived.conf, keepalived-*.conf, *.keepalived.conf, keepalived.conf.*, *.conf inside a keepalived/ directory, a '# -*- keepalived -*-' first line";

/** Directories never searched: dependencies and version control hold copies, not configurations. */
export const SKIPPED_DIRECTORIES: ReadonlySet<string> = new Set(["node_modules", ".git"]);

const NAME_PATTERNS = [/^keepalived\.conf$/, /^keepalived-.+\.conf$/, /^.+\.keepalived\.conf$/, /^keepalived\.conf\..+$/];

/** An Emacs or vim mode line naming keepalived, in a `#` or `!` comment (keepalived's two comment starts). */
export const KEEPALIVED_MODE_LINE = /^\s*[#!].*(?:-\*-\s*(?:mode:\s*)?keepalived\s*(?:;.*)?-\*-|\b(?:ft|filetype|syntax)=keepalived\b)/i;

/** The name part of the rule: true for `keepalived.conf`, `/etc/keepalived/conf.d/vrrp.conf`, ... */
export function isKeepalivedConfigName(path: string): boolean {
  const name = basename(path);
  if (NAME_PATTERNS.some((pattern) => pattern.test(name))) return true;
  if (!name.endsWith(".conf")) return false;
  return dirname(path).split(/[\\/]/).includes("keepalived");
}

/** The content part of the rule, on a file's text (or just its first bytes). */
export function hasKeepalivedModeLine(text: string): boolean {
  const firstLine = /^[^\r\n]*/.exec(text)?.[0] ?? "";
  return KEEPALIVED_MODE_LINE.test(firstLine);
}

const HEAD_BYTES = 512;

function readHead(path: string): string {
  const fd = openSync(path, "r");
  try {
    const buffer = Buffer.alloc(HEAD_BYTES);
    const read = readSync(fd, buffer, 0, HEAD_BYTES, 0);
    return buffer.toString("utf8", 0, read);
  } finally {
    closeSync(fd);
  }
}

/** The whole rule for a file on disk: by name, else by its first line. Unreadable files are not configs. */
export function isKeepalivedConfigFile(path: string): boolean {
  if (isKeepalivedConfigName(path)) return true;
  try {
    return hasKeepalivedModeLine(readHead(path));
  } catch {
    return false;
  }
}

/** A directory that could not be listed while searching; the caller decides whether that is fatal. */
export class WalkError extends Error {
  readonly path: string;
  constructor(path: string, cause: unknown) {
    super(`cannot read directory ${path}: ${describeFsError(cause)}`);
    this.path = path;
  }
}

export function describeFsError(error: unknown): string {
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  switch (code) {
    case "ENOENT":
      return "no such file or directory";
    case "EACCES":
    case "EPERM":
      return "permission denied";
    case "ENOTDIR":
      return "a part of the path is not a directory";
    case "ELOOP":
      return "too many symbolic links";
    default:
      return error instanceof Error ? error.message : String(error);
  }
}

/**
 * Keepalived configurations under `dir`, recursively, sorted by path; each result is `join(dir, relative)`,
 * so it reads as the caller wrote `dir`. Symbolic links to files are followed, links to directories are not
 * (they would let a tree contain itself). Throws WalkError when a directory cannot be listed.
 */
export function findKeepalivedConfigs(dir: string): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch (error) {
      throw new WalkError(folder, error);
    }
    entries.sort((a, b) => (a.name < b.name ? -1 : a.name > b.name ? 1 : 0));
    for (const entry of entries) {
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIPPED_DIRECTORIES.has(entry.name)) walk(path);
      } else if (entry.isFile() || (entry.isSymbolicLink() && isFileTarget(path))) {
        if (isKeepalivedConfigFile(path)) found.push(path);
      }
    }
  };
  walk(dir);
  return found;
}

function isFileTarget(path: string): boolean {
  try {
    return statSync(path).isFile();
  } catch {
    return false;
  }
}

