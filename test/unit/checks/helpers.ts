import { readFileSync } from "node:fs";
import { posix } from "node:path";
import { dirname, join } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeFile } from "../../../server/src/analysis.ts";
import type { KeepalivedVersion } from "../../../server/src/catalog/types.ts";
import type { DiagnosticCode } from "../../../server/src/checks/codes.ts";
import type { Diagnostic } from "../../../server/src/checks/diagnostic.ts";
import { sourceFile, type SourceFile, type SourceHost } from "../../../server/src/model/source.ts";

/** Where the check tests' configs live. */
export const FIXTURES = join(dirname(fileURLToPath(import.meta.url)), "../../fixtures/checks");

export function fixture(name: string): string {
  return readFileSync(join(FIXTURES, name), "utf8");
}

/** The path every test's main file gets: a config as it sits on the target host. */
export const MAIN = "/etc/keepalived/keepalived.conf";

/** Files in memory, by absolute POSIX path; globs are not needed by these tests. */
class TextHost implements SourceHost {
  private readonly files: Map<string, string>;
  constructor(files: Map<string, string>) {
    this.files = files;
  }
  load(file: string): SourceFile | undefined {
    const text = this.files.get(file);
    return text === undefined ? undefined : sourceFile(file, text);
  }
  resolveInclude(pattern: string, fromFile: string): string[] {
    const path = posix.isAbsolute(pattern) ? pattern : posix.join(posix.dirname(fromFile), pattern);
    return this.files.has(path) ? [path] : [];
  }
  isAbsolute(pattern: string): boolean {
    return posix.isAbsolute(pattern);
  }
  dirname(file: string): string {
    return posix.dirname(file);
  }
}

export interface Checked {
  diagnostics: Diagnostic[];
  /** Diagnostics with this code. */
  of(code: DiagnosticCode): Diagnostic[];
  /** 1-based line of a diagnostic in the main file. */
  line(d: Diagnostic): number;
  /** The text a diagnostic's span covers. */
  text(d: Diagnostic): string;
}

export interface CheckOptions {
  version?: KeepalivedVersion;
  configId?: string | null;
  /** Other files by absolute path (include targets). */
  files?: Record<string, string>;
}

/** Runs every single-file check on `text` as /etc/keepalived/keepalived.conf (keepalived 2.2 unless told). */
export function check(text: string, options: CheckOptions = {}): Checked {
  const files = new Map<string, string>([[MAIN, text], ...Object.entries(options.files ?? {})]);
  const root = sourceFile(MAIN, text);
  const analysis = analyzeFile(root, new TextHost(files), {
    version: options.version ?? "2.2",
    ...(options.configId !== undefined ? { configId: options.configId } : {}),
  });
  const diagnostics = analysis.diagnostics;
  const sourceOf = (d: Diagnostic): SourceFile => analysis.files.find((f) => f.file === d.span.file) ?? root;
  return {
    diagnostics,
    of: (code) => diagnostics.filter((d) => d.code === code),
    line: (d) => sourceOf(d).lines.positionAt(d.span.start).line + 1,
    text: (d) => sourceOf(d).text.slice(d.span.start, d.span.end),
  };
}

/** A vrrp_instance block around `body`, with what a valid instance needs unless `body` says otherwise. */
export function instance(body: string, name = "VI_1"): string {
  const has = (k: string): boolean => new RegExp(`^\\s*${k}\\b`, "m").test(body);
  return [
    `vrrp_instance ${name} {`,
    has("interface") ? "" : "  interface eth0",
    has("virtual_router_id") ? "" : "  virtual_router_id 51",
    has("priority") || has("state") ? "" : "  priority 100",
    body,
    has("virtual_ipaddress") ? "" : "  virtual_ipaddress {\n    192.168.1.100/24\n  }",
    "}",
  ]
    .filter((l) => l !== "")
    .join("\n");
}

/** Codes and severities of errors and warnings, sorted: what decides the verdict. */
export function failing(checked: Checked): string[] {
  return checked.diagnostics
    .filter((d) => d.severity === "error" || d.severity === "warning")
    .map((d) => `${d.code}:${d.severity}`)
    .sort();
}
