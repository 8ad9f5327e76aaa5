import { analyzeFile, reanalyzeFile, type AnalyzeOptions, type FileAnalysis } from "../analysis.ts";
import type { Diagnostic } from "../checks/diagnostic.ts";
import type { SourceFile } from "../model/source.ts";
import { resolveGroups } from "../pair/groups.ts";
import { analyzePairs, withPatch, type PairResult } from "../pair/index.ts";
import { DEFAULT_SETTINGS, type Settings } from "../settings.ts";
import { findKeepalivedFiles } from "./discovery.ts";
import { DocumentStore } from "./documents.ts";
import { LspHost } from "./lspHost.ts";
import { fileOfUri } from "./uri.ts";

interface CachedAnalysis {
  settingsKey: string;
  analysis: FileAnalysis;
}

/**
 * The language server's view of the files: open documents over the disk, the keepalived files of the
 * workspace folders, and one analysis per root file, recomputed only when a file it read changed.
 */
export class Workspace {
  readonly documents = new DocumentStore();
  readonly host = new LspHost(this.documents);
  settings: Settings = DEFAULT_SETTINGS;
  private folders: string[] = [];
  private onDisk: string[] = [];
  private readonly cache = new Map<string, CachedAnalysis>();
  private pairCache: { inputs: FileAnalysis[]; groups: string; result: PairResult } | undefined;

  setFolders(uris: string[]): void {
    this.folders = uris.map(fileOfUri).filter((f) => f.startsWith("/"));
    this.rescan();
  }

  /** Re-lists the workspace's keepalived files (on start and when files are created or deleted). */
  rescan(): void {
    this.onDisk = this.folders.flatMap((folder) => findKeepalivedFiles(folder));
  }

  /** Files changed on disk: forget what was read from them. */
  invalidate(): void {
    this.cache.clear();
  }

  setSettings(settings: Settings): void {
    this.settings = settings;
    this.cache.clear();
  }

  /** Files analysed as configurations of their own: open keepalived documents and workspace files. */
  roots(): string[] {
    const roots = new Set(this.onDisk);
    for (const document of this.documents.all()) roots.add(fileOfUri(document.uri));
    return [...roots];
  }

  source(file: string): SourceFile | undefined {
    return this.host.load(file);
  }

  analysis(file: string): FileAnalysis | undefined {
    const settingsKey = `${this.settings.version}|${this.settings.configId ?? ""}`;
    const cached = this.cache.get(file);
    if (cached !== undefined && cached.settingsKey === settingsKey && this.unchanged(cached.analysis)) return cached.analysis;
    const root = this.host.load(file);
    if (root === undefined) {
      this.cache.delete(file);
      return undefined;
    }
    const options: AnalyzeOptions = this.settings.configId === null ? { version: this.settings.version, incremental: true } : { version: this.settings.version, configId: this.settings.configId, incremental: true };
    // After an edit, the previous analysis of the file lets only the blocks the edit touched be checked again.
    const analysis = cached !== undefined && cached.settingsKey === settingsKey ? reanalyzeFile(cached.analysis, root, this.host, options) : analyzeFile(root, this.host, options);
    this.cache.set(file, { settingsKey, analysis });
    return analysis;
  }

  /** Every file an analysis read still loads to the same parse (open documents at the same version). */
  private unchanged(analysis: FileAnalysis): boolean {
    return analysis.files.every((f) => this.host.load(f.file) === f);
  }

  /** For each file, the roots (other than itself) that include it. */
  includers(): Map<string, string[]> {
    const map = new Map<string, string[]>();
    for (const root of this.roots()) {
      const analysis = this.analysis(root);
      if (analysis === undefined) continue;
      for (const f of analysis.files) {
        if (f.file === root) continue;
        const list = map.get(f.file);
        if (list === undefined) map.set(f.file, [root]);
        else list.push(root);
      }
    }
    return map;
  }

  /**
   * The primary/standby analysis of every root configuration (files no other root includes), with the
   * `keepalived.peers` groups; recomputed only when an analysis or the groups changed.
   */
  pairs(includers: Map<string, string[]> = this.includers()): PairResult {
    const inputs = this.roots()
      .filter((root) => (includers.get(root)?.length ?? 0) === 0)
      .sort()
      .map((root) => this.analysis(root))
      .filter((a): a is FileAnalysis => a !== undefined);
    const files = inputs.map((a) => a.file);
    const groups = resolveGroups(this.settings.peers, files, this.folders);
    const groupsKey = JSON.stringify(groups);
    const cached = this.pairCache;
    if (cached !== undefined && cached.groups === groupsKey && cached.inputs.length === inputs.length && cached.inputs.every((a, i) => a === inputs[i])) return cached.result;
    const result = analyzePairs(inputs, { groups }, inputs.flatMap((a) => a.diagnostics));
    this.pairCache = { inputs, groups: groupsKey, result };
    return result;
  }

  /**
   * Diagnostics of the given files. A file that another configuration includes is judged as part of it (a
   * fragment such as a list of addresses means nothing alone); any other file as a configuration of its own.
   * Pair diagnostics join them: a member's file gets those of its cluster whatever file changed.
   */
  diagnosticsFor(files: string[]): Map<string, Diagnostic[]> {
    const includers = this.includers();
    const pairs = this.pairs(includers);
    const result = new Map<string, Diagnostic[]>(files.map((f) => [f, []]));
    const wanted = new Set(files);
    const seen = new Set<string>();
    const sources = new Set<string>();
    for (const file of files) {
      const owners = includers.get(file);
      if (owners !== undefined && owners.length > 0) for (const o of owners) sources.add(o);
      else sources.add(file);
    }
    for (const root of sources) {
      const analysis = this.analysis(root);
      if (analysis === undefined) continue;
      for (const d of analysis.diagnostics) {
        const target = d.span.file;
        if (!wanted.has(target)) continue;
        if (target === root && (includers.get(root)?.length ?? 0) > 0) continue;
        const key = `${d.code}|${target}|${d.span.start}|${d.span.end}|${d.message}`;
        if (seen.has(key)) continue;
        seen.add(key);
        result.get(target)!.push(withPatch(d, pairs.patches));
      }
    }
    for (const d of pairs.diagnostics) result.get(d.span.file)?.push(d);
    return result;
  }
}
