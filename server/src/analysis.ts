import { NEWEST_VERSION, type KeepalivedVersion } from "./catalog/types.ts";
import { diagnosticKey, type Diagnostic } from "./checks/diagnostic.ts";
import { runAllChecks } from "./checks/run.ts";
import { buildDirectives, type BuildResult } from "./model/build.ts";
import { buildFromCompact } from "./model/compact-build.ts";
import { compactTree } from "./model/compact-tree.ts";
import { checkIncrementally, updateAnalysis } from "./incremental.ts";
import { buildConfig, type Config } from "./model/config.ts";
import { compactSyntax, type SourceFile, type SourceHost } from "./model/source.ts";

export interface AnalyzeOptions {
  version?: KeepalivedVersion;
  /**
   * keepalived's config-id. Left undefined, a file with `@ID` lines is checked once per id it names (as each of
   * those hosts would read it) and the diagnostics are merged.
   */
  configId?: string | null;
  /**
   * Keep, with the analysis, what reanalyzeFile needs to check again only the blocks a later edit touches (the
   * language server's). It costs about a fifth of the checks' time, so the command line does without it.
   */
  incremental?: boolean;
}

/** The configuration as one host reads it. */
export interface Rendering {
  configId: string | null;
  config: Config;
}

export interface FileAnalysis {
  file: string;
  renderings: Rendering[];
  /** Diagnostics of the file and of every file it includes (each carries its own file in `span`). */
  diagnostics: Diagnostic[];
  /** Every file read: the root first, then included files. */
  files: SourceFile[];
}

export function runChecks(config: Config, version: KeepalivedVersion): Diagnostic[] {
  return runAllChecks(config, version);
}

/** Parses `root` (and its includes), builds the model and runs every single-file check. Never throws. */
export function analyzeFile(root: SourceFile, host: SourceHost, options: AnalyzeOptions = {}): FileAnalysis {
  const version = options.version ?? NEWEST_VERSION;
  // A simple file read whole (and not kept for incremental analysis, which reads the objects) is read in arrays.
  const compact = options.incremental === true ? undefined : compactSyntax(root);
  const tree = compact === undefined ? undefined : compactTree(compact, version);
  const build = (configId: string | null): BuildResult => (tree !== undefined ? buildFromCompact(root, tree) : buildDirectives(root, host, { version, configId }));
  const render = (configId: string | null): Rendering => ({ configId, config: buildConfig(build(configId)) });
  const first = render(options.configId ?? null);
  const ids = first.config.build.configIds;
  // Each id names a host; `@^ID` lines also describe hosts whose id is none of them (the first rendering).
  const renderings =
    options.configId === undefined && ids.length > 0
      ? [...ids.map(render), ...(first.config.build.negatedConditionals ? [first] : [])]
      : [first];
  const files = new Map<string, SourceFile>();
  // Asked to, a file read one way keeps what the language server's next, incremental analysis needs (incremental.ts).
  const incremental = options.incremental === true && renderings.length === 1 ? checkIncrementally(root, first.config, version, options.configId) : undefined;
  const perRendering = renderings.map((rendering) => {
    for (const f of rendering.config.build.files) files.set(f.file, f);
    const list = incremental?.diagnostics ?? runChecks(rendering.config, version);
    const keys = list.map(diagnosticKey);
    // Which host sees what matters only when there are several.
    return { rendering, list, keys, keySet: renderings.length > 1 ? new Set(keys) : undefined };
  });
  const seen = new Set<string>();
  const diagnostics: Diagnostic[] = [];
  for (const { list, keys } of perRendering) {
    for (let i = 0; i < list.length; i++) {
      const d = list[i]!;
      const k = keys[i]!;
      if (seen.has(k)) continue;
      seen.add(k);
      if (perRendering.length > 1) {
        const holdsFor = perRendering.filter((r) => r.keySet!.has(k));
        // A diagnostic that only some hosts see says which: the fix may belong on one `@ID` line.
        if (holdsFor.length < perRendering.length) d.data = { ...d.data, configIds: holdsFor.map((r) => r.rendering.configId) };
      }
      diagnostics.push(d);
    }
  }
  const analysis: FileAnalysis = { file: root.file, renderings, diagnostics, files: [...files.values()] };
  incremental?.keep(analysis);
  return analysis;
}

/**
 * The analysis of `root`, a later version of the file `previous` analysed: incrementally when the edits allow it
 * (see incremental.ts), else in full. The result is the same as analyzeFile's.
 */
export function reanalyzeFile(previous: FileAnalysis, root: SourceFile, host: SourceHost, options: AnalyzeOptions = {}): FileAnalysis {
  return updateAnalysis(previous, root, host, options, options.version ?? NEWEST_VERSION) ?? analyzeFile(root, host, { ...options, incremental: true });
}

/**
 * Our verdict in `keepalived -t` terms: a file "fails" when we report an error or a warning. Information and
 * hints (what only the target host can confirm, style) never fail a file.
 */
export function verdictOf(diagnostics: readonly Diagnostic[]): "accept" | "reject" {
  return diagnostics.some((d) => d.severity === "error" || d.severity === "warning") ? "reject" : "accept";
}
