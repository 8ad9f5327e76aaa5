/**
 * `npm run bench`: times parse + model + every single-file check (analyzeFile on a fresh SourceFile each
 * iteration) on generated configs of about 1k, 10k and 44k lines, and `keepalived -t` on the same files when
 * it is installed. Prints a markdown table and writes it (with the raw samples) to bench-results/.
 *
 * The machine this runs on is shared and noisy, so every figure is a median or p90 over many samples, and our
 * runs and keepalived's are interleaved in rounds so that a slow minute hurts both alike. Within a round each kind
 * of run is a block that starts with the garbage of the previous block collected (untimed, hence --expose-gc).
 *
 *   node --expose-gc scripts/bench.ts [--quick] [--phases] [--lines=1000,10000,44010] [--no-keepalived]
 */
import { spawn, spawnSync, type ChildProcessByStdio } from "node:child_process";
import { mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { dirname, join, resolve } from "node:path";
import { PerformanceObserver } from "node:perf_hooks";
import { createInterface } from "node:readline";
import type { Readable, Writable } from "node:stream";
import { fileURLToPath } from "node:url";
import { analyzeFile, runChecks } from "../server/src/analysis.ts";
import { NEWEST_VERSION } from "../server/src/catalog/types.ts";
import { singleFileChecks } from "../server/src/checks/index.ts";
import { buildFromCompact } from "../server/src/model/compact-build.ts";
import { compactTree } from "../server/src/model/compact-tree.ts";
import { buildConfig } from "../server/src/model/config.ts";
import { compactSyntax, sourceFile, type SourceFile, type SourceHost } from "../server/src/model/source.ts";
import { benchConfig, instancesForLines } from "./gen-bench-config.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");
const outDir = join(root, "bench-results");

/** The generated files include nothing: a host that finds nothing keeps the disk out of the timing. */
const emptyHost: SourceHost = {
  load: () => undefined,
  resolveInclude: () => [],
  isAbsolute: (p) => p.startsWith("/"),
  dirname: (f) => dirname(f),
};

interface Options {
  quick: boolean;
  phases: boolean;
  keepalived: boolean;
  lines: number[];
}

function options(argv: string[]): Options {
  const linesArg = argv.find((a) => a.startsWith("--lines="));
  return {
    quick: argv.includes("--quick"),
    phases: argv.includes("--phases"),
    keepalived: !argv.includes("--no-keepalived"),
    lines: linesArg !== undefined ? linesArg.slice(8).split(",").map(Number) : [1000, 10000, 44010],
  };
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] ?? NaN;
}

const ms = (v: number): string => (Number.isNaN(v) ? "n/a" : v < 10 ? v.toFixed(2) : v.toFixed(1));
const mb = (bytes: number): string => (Number.isNaN(bytes) ? "n/a" : (bytes / 1048576).toFixed(1));
const gc = (globalThis as { gc?: () => void }).gc;

/** Garbage collections seen (start and duration, ms), for the time they took during the timed analyses. */
const collections: Array<{ start: number; duration: number }> = [];
new PerformanceObserver((list) => {
  for (const entry of list.getEntries()) collections.push({ start: entry.startTime, duration: entry.duration });
}).observe({ entryTypes: ["gc"] });

/** One analysis, timed; `incremental`: also keep what the language server's later edits need (its first analysis). */
function analyzeOnce(file: string, text: string, incremental = false, windows?: Array<[number, number]>): number {
  const start = performance.now();
  const analysis = analyzeFile(sourceFile(file, text), emptyHost, { incremental });
  const end = performance.now();
  if (analysis.files.length !== 1) throw new Error("benchmark config was not analysed");
  windows?.push([start, end]);
  return end - start;
}

/** Mean collection time per analysis: the collections that started within the analyses' windows. */
async function collectionPerAnalysis(windows: Array<[number, number]>): Promise<number> {
  // The observer hears of collections asynchronously.
  await new Promise((resolve) => setTimeout(resolve, 50));
  let total = 0;
  for (const { start, duration } of collections) if (windows.some(([from, to]) => start >= from && start < to)) total += duration;
  collections.length = 0;
  return windows.length > 0 ? total / windows.length : NaN;
}

/** Heap still held by one analysis (SourceFile, model and diagnostics) once the garbage is collected. */
function retainedHeap(file: string, text: string): number {
  if (gc === undefined) return NaN;
  gc();
  const before = process.memoryUsage().heapUsed;
  const kept = analyzeFile(sourceFile(file, text), emptyHost, {});
  gc();
  const after = process.memoryUsage().heapUsed;
  return kept.files.length > 0 ? after - before : NaN;
}

interface KeepalivedRun {
  samples: number[];
  maxRssKb: number;
  where: "netns" | "host";
}

/** A child process that answers each JSON line written to it with one line (KeepalivedTimer's and ServerTimer's). */
class LineChild {
  private readonly child: ChildProcessByStdio<Writable, Readable, null>;
  private readonly replies: AsyncIterator<string>;

  constructor(command: string, args: readonly string[], stderr: "ignore" | "inherit") {
    this.child = spawn(command, args, { stdio: ["pipe", "pipe", stderr] });
    this.replies = createInterface({ input: this.child.stdout })[Symbol.asyncIterator]();
  }

  /** The child's next line, or undefined once it has ended. */
  async next(): Promise<string | undefined> {
    const reply = await this.replies.next();
    return reply.done === true ? undefined : reply.value;
  }

  /** Sends `request` as a JSON line; the line that answers it, or undefined once the child has ended. */
  ask(request: unknown): Promise<string | undefined> {
    this.child.stdin.write(`${JSON.stringify(request)}\n`);
    return this.next();
  }

  kill(): void {
    this.child.kill();
  }

  /** Ends the child's input: it finishes once it has answered. */
  stop(): void {
    this.child.stdin.end();
  }
}

/**
 * Times `keepalived -t` for the measurement's rounds, in one child process started before the engine's heap grows:
 * starting a process forks the parent, which leaves a parent of a few hundred MB of heap to take a page fault on
 * each page it writes next, in the middle of the engine's runs; and a child per round started Node and loaded the
 * engine each time, between them. Under `unshare --net` the child first
 * makes a veth pair named eth0 (dummy interfaces are not available here), so that keepalived finds the interface the
 * configs name; when that is not possible it runs on the host as is.
 */
class KeepalivedTimer {
  private readonly child: LineChild;
  readonly where: KeepalivedRun["where"];

  private constructor(child: LineChild, where: KeepalivedRun["where"]) {
    this.child = child;
    this.where = where;
  }

  static async start(): Promise<KeepalivedTimer | undefined> {
    const script = [process.argv[1]!, "--keepalived-child"];
    for (const [command, args, where] of [
      ["unshare", ["--net", "--", process.execPath, ...script, "netns"], "netns"],
      [process.execPath, [...script, "host"], "host"],
    ] as const) {
      const child = new LineChild(command, args, "ignore");
      // The child says "ready" once its interfaces are up; a failed unshare ends it first.
      if ((await child.next()) === "ready") return new KeepalivedTimer(child, where);
      child.kill();
    }
    return undefined;
  }

  async time(file: string, runs: number): Promise<KeepalivedRun | undefined> {
    const reply = await this.child.ask({ file, runs });
    return reply === undefined ? undefined : { ...(JSON.parse(reply) as Omit<KeepalivedRun, "where">), where: this.where };
  }

  stop(): void {
    this.child.stop();
  }
}

/** The child of KeepalivedTimer: sets up eth0 (in its namespace), then times whole `keepalived -t` processes on request. */
async function keepalivedChild(where: string): Promise<void> {
  if (where === "netns") {
    spawnSync("ip", ["link", "add", "eth0", "type", "veth", "peer", "name", "eth0peer"]);
    spawnSync("ip", ["link", "set", "eth0", "up"]);
    spawnSync("ip", ["link", "set", "lo", "up"]);
  }
  process.stdout.write("ready\n");
  for await (const line of createInterface({ input: process.stdin })) {
    const { file, runs } = JSON.parse(line) as { file: string; runs: number };
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) {
      const start = performance.now();
      spawnSync("keepalived", ["-t", "-f", file], { stdio: "ignore" });
      samples.push(performance.now() - start);
    }
    const timed = spawnSync("/usr/bin/time", ["-f", "%M", "keepalived", "-t", "-f", file], { encoding: "utf8" });
    const maxRssKb = Number(/(\d+)\s*$/.exec(timed.stderr ?? "")?.[1] ?? NaN);
    process.stdout.write(`${JSON.stringify({ samples, maxRssKb })}\n`);
  }
}

/**
 * Times the language server's first analysis of a file (`analyzeFile` with `incremental`) in a Node process of its
 * own: the language server reads files as objects (parse.ts), the command line reads a simple file in typed arrays
 * (compact.ts), and the two share Chevrotain's lexer code. In a process that also parsed as objects, the parse in
 * arrays of the 44k-line file took about 33 ms against 18-25 ms alone; no real process does both to one file.
 */
class ServerTimer {
  private readonly child = new LineChild(process.execPath, [...process.execArgv, process.argv[1]!, "--server-child"], "inherit");

  /** `runs` timed analyses of `file` after `warmUp` untimed ones (the first request of a file warms it up). */
  async time(file: string, runs: number, warmUp: number): Promise<number[]> {
    const reply = await this.child.ask({ file, runs, warmUp });
    if (reply === undefined) throw new Error("the language server's timing process ended");
    return JSON.parse(reply) as number[];
  }

  stop(): void {
    this.child.stop();
  }
}

/** The child of ServerTimer. */
async function serverChild(): Promise<void> {
  for await (const line of createInterface({ input: process.stdin })) {
    const { file, runs, warmUp } = JSON.parse(line) as { file: string; runs: number; warmUp: number };
    const text = readFileSync(file, "utf8");
    for (let i = 0; i < warmUp; i++) analyzeOnce(file, text, true);
    gc?.();
    const samples: number[] = [];
    for (let i = 0; i < runs; i++) samples.push(analyzeOnce(file, text, true));
    process.stdout.write(`${JSON.stringify(samples)}\n`);
  }
}

function keepalivedInstalled(): boolean {
  return spawnSync("keepalived", ["-v"], { stdio: "ignore" }).status === 0;
}

/** A fresh Node process that checks the file once, as the CLI would: start-up, module load and a cold JIT. */
function coldProcess(file: string): { ms: number; maxRssKb: number } {
  const script = `
    const { analyzeFile } = await import(${JSON.stringify(join(root, "server/src/analysis.ts"))});
    const { DiskHost } = await import(${JSON.stringify(join(root, "server/src/workspace/diskHost.ts"))});
    const host = new DiskHost();
    analyzeFile(host.load(${JSON.stringify(file)}), host, {});
    process.stdout.write(String(process.resourceUsage().maxRSS));`;
  const start = performance.now();
  const run = spawnSync(process.execPath, ["--input-type=module", "-e", script], { encoding: "utf8" });
  return { ms: performance.now() - start, maxRssKb: run.status === 0 ? Number(run.stdout) : NaN };
}

interface SizeResult {
  lines: number;
  file: string;
  ours: number[];
  /** Mean time of the garbage collections within those runs, per run. */
  collection: number;
  /** analyzeFile with `incremental`, as the language server analyses a file it opens. */
  server: number[];
  retained: number;
  rssDelta: number;
  keepalived?: KeepalivedRun;
  /** Per round: the median of our runs over the median of keepalived's, both timed in that round. */
  ratios: number[];
  cold: { ms: number[]; maxRssKb: number };
  phases?: Record<string, number[]>;
}

/**
 * The analysis of a simple file, phase by phase, in a steady loop: no forced collection between (the allocations right
 * after one are slower), so a collection counts in whichever phase it falls; the medians see past them. Nothing here
 * parses as objects: in a process that does, the parse in arrays is slower (see ServerTimer);
 * `node scripts/measure-typed-engine.ts` compares the two parses.
 */
function measurePhases(file: string, text: string, iterations: number): Record<string, number[]> {
  const phases: Record<string, number[]> = {
    "parse in arrays (lexer, statements, parser)": [],
    "directive tree in arrays": [],
    "directives from the arrays": [],
    "typed model": [],
    checks: [],
  };
  const checkTimes = new Map<string, number[]>(singleFileChecks.map((c) => [c.name, []]));
  for (let i = 0; i < iterations; i++) {
    let t = performance.now();
    const source: SourceFile = sourceFile(file, text);
    const syntax = compactSyntax(source)!;
    phases["parse in arrays (lexer, statements, parser)"]!.push(performance.now() - t);
    t = performance.now();
    const tree = compactTree(syntax, NEWEST_VERSION)!;
    phases["directive tree in arrays"]!.push(performance.now() - t);
    t = performance.now();
    const build = buildFromCompact(source, tree);
    phases["directives from the arrays"]!.push(performance.now() - t);
    t = performance.now();
    const config = buildConfig(build);
    phases["typed model"]!.push(performance.now() - t);
    t = performance.now();
    runChecks(config, NEWEST_VERSION);
    phases["checks"]!.push(performance.now() - t);
    for (const check of singleFileChecks) {
      const start = performance.now();
      check({ config, version: NEWEST_VERSION, report: () => undefined });
      checkTimes.get(check.name)!.push(performance.now() - start);
    }
  }
  for (const [name, samples] of checkTimes) phases[`  check ${name}`] = samples;
  return phases;
}

async function measure(lines: number, opts: Options, timer: KeepalivedTimer | undefined, serverTimer: ServerTimer): Promise<SizeResult> {
  const text = benchConfig(instancesForLines(lines));
  const actualLines = text.split("\n").length - 1;
  const file = join(outDir, `bench-${actualLines}.conf`);
  writeFileSync(file, text);
  // Rounds of (ours, keepalived) so that both see the same stretch of machine weather.
  const rounds = opts.quick ? 2 : 6;
  const perRound = Math.max(opts.quick ? 3 : 8, Math.round((opts.quick ? 60_000 : 240_000) / actualLines));
  const keepalivedPerRound = opts.quick ? 3 : 8;
  // V8 optimizes the engine over the first analyses (on the 44k-line file the first ten take 150-370 ms, the next
  // 45-50): the timed runs start once about 600,000 lines have been read, each way. What a fresh process pays is
  // the "cold" table's.
  const warmUp = Math.max(5, Math.ceil(600_000 / actualLines));
  for (let i = 0; i < warmUp; i++) analyzeOnce(file, text);
  let serverWarmUp = warmUp;
  const ours: number[] = [];
  const server: number[] = [];
  const kaSamples: number[] = [];
  const ratios: number[] = [];
  let keepalived: KeepalivedRun | undefined;
  const rssBefore = process.memoryUsage().rss;
  const windows: Array<[number, number]> = [];
  collections.length = 0;
  for (let round = 0; round < rounds; round++) {
    // Each kind of run is timed in a block of its own, with the garbage of what ran before it collected first
    // (untimed): a block then pays for its own collections, in the steady state of repeating the same analysis. The
    // language server's analyses run in a process of their own (ServerTimer).
    gc?.();
    const ourRound: number[] = [];
    for (let i = 0; i < perRound; i++) ourRound.push(analyzeOnce(file, text, false, windows));
    ours.push(...ourRound);
    server.push(...(await serverTimer.time(file, Math.ceil(perRound / 2), serverWarmUp)));
    serverWarmUp = 0;
    if (timer !== undefined) {
      const run = await timer.time(file, keepalivedPerRound);
      if (run !== undefined) {
        kaSamples.push(...run.samples);
        keepalived = { ...run, samples: kaSamples };
        ratios.push(quantile(ourRound, 0.5) / quantile(run.samples, 0.5));
      }
    }
  }
  const rssDelta = process.memoryUsage().rss - rssBefore;
  const collection = await collectionPerAnalysis(windows);
  const coldRuns = Array.from({ length: opts.quick ? 2 : 5 }, () => coldProcess(file));
  const result: SizeResult = {
    lines: actualLines,
    file,
    ours,
    collection,
    server,
    ratios,
    retained: retainedHeap(file, text),
    rssDelta,
    cold: { ms: coldRuns.map((r) => r.ms), maxRssKb: Math.max(...coldRuns.map((r) => r.maxRssKb)) },
  };
  if (keepalived !== undefined) result.keepalived = keepalived;
  if (opts.phases) result.phases = measurePhases(file, text, opts.quick ? 5 : 20);
  return result;
}

/** The median of the rounds' ratios, and their range: a slow minute slows both sides of a round alike. */
function ratioCell(ratios: number[]): string {
  if (ratios.length === 0) return "";
  return `${quantile(ratios, 0.5).toFixed(2)} (${Math.min(...ratios).toFixed(2)}-${Math.max(...ratios).toFixed(2)})`;
}

function table(results: SizeResult[]): string {
  const rows = [
    "| config | analyzeFile median | p90 | of which collection (mean) | heap retained | RSS Δ (loop) | `keepalived -t` median | p90 | ours / keepalived | language server's first analysis, median |",
    "|---|---|---|---|---|---|---|---|---|---|",
  ];
  for (const r of results) {
    const ka = r.keepalived;
    const ours = quantile(r.ours, 0.5);
    const theirs = ka !== undefined ? quantile(ka.samples, 0.5) : NaN;
    rows.push(
      `| ${r.lines.toLocaleString("en")} lines | ${ms(ours)} ms | ${ms(quantile(r.ours, 0.9))} ms | ${ms(r.collection)} ms | ${mb(r.retained)} MB | ${mb(r.rssDelta)} MB | ` +
        `${ka !== undefined ? `${ms(theirs)} ms` : "n/a"} | ${ka !== undefined ? `${ms(quantile(ka.samples, 0.9))} ms` : ""} | ` +
        `${ka !== undefined ? ratioCell(r.ratios) : ""} | ${ms(quantile(r.server, 0.5))} ms |`,
    );
  }
  rows.push("", "Whole process, cold (what the CLI pays once: Node start-up, module load, unoptimised code):", "");
  rows.push("| config | `node` check once, median | max RSS | `keepalived -t` max RSS |", "|---|---|---|---|");
  for (const r of results) {
    rows.push(
      `| ${r.lines.toLocaleString("en")} lines | ${ms(quantile(r.cold.ms, 0.5))} ms | ${mb(r.cold.maxRssKb * 1024)} MB | ` +
        `${r.keepalived !== undefined ? `${mb(r.keepalived.maxRssKb * 1024)} MB` : "n/a"} |`,
    );
  }
  return rows.join("\n");
}

function phaseTable(results: SizeResult[]): string {
  const withPhases = results.filter((r) => r.phases !== undefined);
  if (withPhases.length === 0) return "";
  const names = Object.keys(withPhases[0]!.phases!);
  const rows = [`| phase (median ms) | ${withPhases.map((r) => `${r.lines} lines`).join(" | ")} |`, `|---|${withPhases.map(() => "---").join("|")}|`];
  for (const name of names) rows.push(`| ${name} | ${withPhases.map((r) => ms(quantile(r.phases![name]!, 0.5))).join(" | ")} |`);
  return rows.join("\n");
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  if (argv[0] === "--keepalived-child") {
    await keepalivedChild(argv[1]!);
    return;
  }
  if (argv[0] === "--server-child") {
    await serverChild();
    return;
  }
  const opts = options(argv);
  mkdirSync(outDir, { recursive: true });
  const installed = keepalivedInstalled();
  const timer = opts.keepalived && installed ? await KeepalivedTimer.start() : undefined;
  const withKeepalived = timer !== undefined;
  const results: SizeResult[] = [];
  const serverTimer = new ServerTimer();
  for (const lines of opts.lines) results.push(await measure(lines, opts, timer, serverTimer));
  serverTimer.stop();
  timer?.stop();
  const where = results.find((r) => r.keepalived !== undefined)?.keepalived?.where;
  const notes = [
    `Node ${process.version}, ${new Date().toISOString().slice(0, 10)}; ${results.map((r) => r.ours.length).join(" / ")} samples per size (in blocks, after an untimed collection), interleaved with keepalived's.`,
    "Of which collection: the garbage collections (PerformanceObserver \"gc\" entries) that started during the timed analyses, per analysis.",
    gc === undefined ? "Heap retained: n/a (run with --expose-gc)." : "Heap retained: heap held by one analysis after a full GC.",
    "Language server's first analysis: analyzeFile with `incremental`, which also keeps what later edits need to check only the blocks they touch; timed in a Node process of its own, which reads files as objects as the language server does.",
    "RSS Δ (loop): growth of the process's resident set over all the timed runs of that size (garbage not yet returned included).",
    "Ours / keepalived: per round, the median of our runs over the median of keepalived's in that round; the median of the rounds' ratios, then their range.",
    withKeepalived
      ? `keepalived -t: whole process (spawn to exit), ${where === "netns" ? "in a network namespace with an eth0 veth" : "on the host's own interfaces (unshare failed)"}.`
      : installed
        ? opts.keepalived
          ? "keepalived -t: not measured (it could not be run)."
          : "keepalived -t: not measured (--no-keepalived)."
        : "keepalived is not installed: its columns are empty.",
  ];
  const report = [table(results), "", ...notes.map((n) => `- ${n}`), "", phaseTable(results)].join("\n").trimEnd();
  console.log(report);
  const stamp = new Date().toISOString().replace(/[:.]/g, "-");
  writeFileSync(join(outDir, `bench-${stamp}.md`), `${report}\n`);
  writeFileSync(join(outDir, `bench-${stamp}.json`), JSON.stringify({ node: process.version, results }, null, 1));
}

await main();
