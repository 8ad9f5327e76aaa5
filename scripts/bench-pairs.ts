/**
 * Times the pair analysis on a mirrored benchmark pair: the generator's N-instance config as the primary, and
 * the same with each instance's unicast addresses swapped and its priority 10 lower as the standby. Prints
 * the median of 7 runs of analyzePairs (the single-file analyses are done once, outside the timing).
 *
 *   node scripts/bench-pairs.ts [INSTANCES]        (default 2000; add --write DIR to keep the two files)
 */
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { analyzeFile } from "../server/src/analysis.ts";
import { analyzePairs } from "../server/src/pair/index.ts";
import { MemoryHost } from "../test/helpers/memoryHost.ts";
import { benchConfig } from "./gen-bench-config.ts";

export function mirroredPair(instances: number): { primary: string; standby: string } {
  const primary = benchConfig(instances);
  const standby = primary
    .replace(/unicast_src_ip (\S+)\.10\n  unicast_peer \{\n    (\S+)\.11/g, "unicast_src_ip $1.11\n  unicast_peer {\n    $2.10")
    .replace(/priority (\d+)/g, (_, p: string) => `priority ${Number(p) - 10}`);
  return { primary, standby };
}

if (import.meta.main) {
  const count = Number(process.argv[2] ?? "2000");
  const { primary, standby } = mirroredPair(count);
  const write = process.argv.indexOf("--write");
  if (write >= 0 && process.argv[write + 1] !== undefined) {
    const dir = process.argv[write + 1]!;
    mkdirSync(dir, { recursive: true });
    writeFileSync(join(dir, "keepalived-primary.conf"), primary);
    writeFileSync(join(dir, "keepalived-standby.conf"), standby);
  }
  const host = new MemoryHost([["/bench/keepalived-primary.conf", primary], ["/bench/keepalived-standby.conf", standby]]);
  const analyses = host.paths.map((f) => analyzeFile(host.load(f)!, host, {}));
  const single = analyses.flatMap((a) => a.diagnostics);
  const times: number[] = [];
  let result = analyzePairs(analyses, {}, single);
  for (let i = 0; i < 7; i++) {
    const start = performance.now();
    result = analyzePairs(analyses, {}, single);
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const lines = primary.split("\n").length;
  console.log(
    `${count} instances per file (${lines} lines): ${result.clusters.length} clusters, ${result.diagnostics.length} pair diagnostics; analyzePairs median ${times[3]!.toFixed(1)} ms (min ${times[0]!.toFixed(1)}, max ${times[6]!.toFixed(1)})`,
  );
}
