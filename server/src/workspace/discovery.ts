import { readdirSync } from "node:fs";
import { basename, join, sep } from "node:path";

/**
 * Which files are keepalived configurations, by name: `keepalived.conf`, `keepalived-*.conf`,
 * `*.keepalived.conf`, upstream samples named `keepalived.conf.*`, and any `*.conf` in a folder named
 * `keepalived` (as /etc/keepalived/). Never every `.conf`.
 */
export function isKeepalivedFileName(path: string): boolean {
  const name = basename(path);
  if (name === "keepalived.conf" || /^keepalived-.+\.conf$/.test(name) || /.\.keepalived\.conf$/.test(name)) return true;
  if (/^keepalived\.conf\.[^/]+$/.test(name)) return true;
  return name.endsWith(".conf") && path.split(sep).slice(0, -1).includes("keepalived");
}

const SKIP = new Set(["node_modules", ".git", ".tools", ".vscode-test", "dist", "out"]);

/** Keepalived files under `dir`, sorted; stops after `limit` files so that a huge tree can't stall a server. */
export function findKeepalivedFiles(dir: string, limit = 5000): string[] {
  const found: string[] = [];
  const walk = (folder: string): void => {
    let entries;
    try {
      entries = readdirSync(folder, { withFileTypes: true });
    } catch {
      return;
    }
    for (const entry of entries.sort((a, b) => a.name.localeCompare(b.name))) {
      if (found.length >= limit) return;
      const path = join(folder, entry.name);
      if (entry.isDirectory()) {
        if (!SKIP.has(entry.name) && !entry.name.startsWith(".")) walk(path);
      } else if (entry.isFile() && isKeepalivedFileName(path)) {
        found.push(path);
      }
    }
  };
  walk(dir);
  return found;
}
