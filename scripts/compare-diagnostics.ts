/**
 * Guards refactorings that must not change what the checker says: computes every diagnostic of the shared corpus
 * (samples, wild, t-cases; each file with config-id unset, null and "high", for both catalog versions), of the
 * generated benchmark configurations (plain, and with mistakes sown through them), and of the pair analysis of each corpus set and of a mirrored benchmark pair,
 * then saves them as a snapshot or compares them with one. The lists are compared in order, message and data
 * included: "identical" means byte for byte.
 *
 *   node scripts/compare-diagnostics.ts --save[=NAME]      write bench-results/diagnostics/NAME.jsonl (default "baseline")
 *   node scripts/compare-diagnostics.ts [--against=NAME]   compare with it; exit 1 and show the first differences
 *
 * bench-results/ is git-ignored: a snapshot belongs to one machine and one working tree.
 */
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath } from "node:url";
import { analyzeFile, type AnalyzeOptions, type FileAnalysis } from "../server/src/analysis.ts";
import { KEEPALIVED_VERSIONS } from "../server/src/catalog/types.ts";
import type { Diagnostic } from "../server/src/checks/diagnostic.ts";
import { analyzePairs } from "../server/src/pair/index.ts";
import { CORPUS_SETS, corpusFiles, isMainConfig, virtualPath } from "../test/helpers/corpus.ts";
import { MemoryHost } from "../test/helpers/memoryHost.ts";
import { mirroredPair } from "./bench-pairs.ts";
import { benchConfig, instancesForLines, variedBenchConfig } from "./gen-bench-config.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const snapshotDir = join(root, "bench-results", "diagnostics");

/**
 * One diagnostic as a line: every field, in a fixed order, so that two runs compare as text. Pair diagnostics of
 * big clusters carry every member's sites (the t-cases as one workspace make megabytes of them): long lines are
 * kept as their start and a hash.
 */
function line(where: string, d: Diagnostic): string {
  const full = JSON.stringify([where, d.code, d.severity, d.span, d.message, d.related ?? null, d.data ?? null, d.tags ?? null]);
  return full.length <= 4000 ? full : `${full.slice(0, 400)}... sha256:${createHash("sha256").update(full).digest("hex")}`;
}

const CONFIG_IDS: Array<{ label: string; options: AnalyzeOptions }> = [
  { label: "id:unset", options: {} },
  { label: "id:null", options: { configId: null } },
  { label: "id:high", options: { configId: "high" } },
];

/** Every diagnostic line of the current working tree, in a deterministic order. */
function collect(): string[] {
  const out: string[] = [];
  const add = (where: string, list: readonly Diagnostic[]): void => {
    out.push(JSON.stringify([where, "count", list.length]));
    for (const d of list) out.push(line(where, d));
  };
  for (const set of CORPUS_SETS) {
    const files = corpusFiles(set);
    // Each set mounted where its includes point (the t-cases name /etc/keepalived/t/...), read from memory.
    const host = new MemoryHost(files.map((f) => [virtualPath(f), f.text] as const));
    for (const version of KEEPALIVED_VERSIONS) {
      const forPairs: FileAnalysis[] = [];
      for (const file of files.filter(isMainConfig)) {
        const path = virtualPath(file);
        for (const { label, options } of CONFIG_IDS) {
          const analysis = analyzeFile(host.load(path)!, host, { ...options, version });
          add(`${set}/${file.name} ${version} ${label}`, analysis.diagnostics);
          if (label === "id:unset") forPairs.push(analysis);
        }
      }
      const pairs = analyzePairs(forPairs, {}, forPairs.flatMap((a) => a.diagnostics));
      add(`${set} pairs ${version}`, pairs.diagnostics);
    }
  }
  for (const lines of [1000, 10000, 44010]) {
    const path = `/bench/bench-${lines}.conf`;
    const host = new MemoryHost([[path, benchConfig(instancesForLines(lines))]]);
    add(`bench ${lines}`, analyzeFile(host.load(path)!, host, {}).diagnostics);
  }
  for (const instances of [50, 2000]) {
    const path = `/bench/varied-${instances}.conf`;
    const host = new MemoryHost([[path, variedBenchConfig(instances)]]);
    for (const version of KEEPALIVED_VERSIONS) add(`varied ${instances} ${version}`, analyzeFile(host.load(path)!, host, { version }).diagnostics);
  }
  const { primary, standby } = mirroredPair(200);
  const host = new MemoryHost([["/bench/keepalived-primary.conf", primary], ["/bench/keepalived-standby.conf", standby]]);
  const analyses = host.paths.map((f) => analyzeFile(host.load(f)!, host, {}));
  add("bench pair 200", analyzePairs(analyses, {}, analyses.flatMap((a) => a.diagnostics)).diagnostics);
  return out;
}

function main(): number {
  const argv = process.argv.slice(2);
  const save = argv.find((a) => a === "--save" || a.startsWith("--save="));
  const name = (save?.split("=")[1] ?? argv.find((a) => a.startsWith("--against="))?.split("=")[1] ?? "baseline").replace(/[^\w.-]/g, "_");
  const file = join(snapshotDir, `${name}.jsonl`);
  const started = performance.now();
  const current = collect();
  const took = ((performance.now() - started) / 1000).toFixed(1);
  if (save !== undefined) {
    mkdirSync(snapshotDir, { recursive: true });
    writeFileSync(file, `${current.join("\n")}\n`);
    console.log(`Saved ${current.length} lines to ${file} (${took} s)`);
    return 0;
  }
  if (!existsSync(file)) {
    console.error(`No snapshot ${file}: run with --save${name === "baseline" ? "" : `=${name}`} on the reference tree first`);
    return 2;
  }
  const saved = readFileSync(file, "utf8").split("\n").slice(0, -1);
  const differences: string[] = [];
  for (let i = 0; i < Math.max(saved.length, current.length); i++) {
    if (saved[i] === current[i]) continue;
    differences.push(`line ${i + 1}:\n  - ${saved[i] ?? "(none)"}\n  + ${current[i] ?? "(none)"}`);
  }
  if (differences.length === 0) {
    console.log(`Identical: ${current.length} lines match ${file} (${took} s)`);
    return 0;
  }
  console.log(`${differences.length} lines differ from ${file} (${saved.length} saved, ${current.length} now); the first ones:`);
  console.log(differences.slice(0, 20).join("\n"));
  return 1;
}

process.exitCode = main();
