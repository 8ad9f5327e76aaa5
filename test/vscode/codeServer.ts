/**
 * code-server, the half of the harness that runs VS Code: installed by scripts/setup-vscode.sh into .tools/,
 * started per run with a fresh profile, extensions dir and XDG dirs in a temp folder, on 127.0.0.1 only, in its
 * own process group so that stopping it takes the extension host and file watchers down too. A server is
 * killed by its group's id when stopped, when this process exits, and on SIGINT/SIGTERM/SIGHUP.
 * Why each flag is there: /work/shared/notes/real-vscode-tests.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { once } from "node:events";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";

export const ROOT = resolve(import.meta.dirname, "../..");
const TOOLS = join(ROOT, ".tools");
const CODE_SERVER = join(TOOLS, "code-server/node_modules/code-server/out/node/entry.js");
const NODE = join(TOOLS, "node-home/bin/node");
export const CHROMIUM = process.env["KHA_CHROMIUM"] ?? "/usr/bin/chromium";

/** Settings of the fresh profile: nothing that reaches out, nothing that pops up over what a test looks at. */
const BASE_SETTINGS: Record<string, unknown> = {
  "workbench.startupEditor": "none",
  "workbench.tips.enabled": false,
  "workbench.enableExperiments": false,
  "telemetry.telemetryLevel": "off",
  "update.mode": "none",
  "extensions.autoUpdate": false,
  "extensions.autoCheckUpdates": false,
  "extensions.ignoreRecommendations": true,
  "security.workspace.trust.enabled": false,
  "chat.disableAIFeatures": true,
  "chat.commandCenter.enabled": false,
  "git.enabled": false,
  // The secondary side bar opens empty (chat) and takes a third of the window from what tests look at.
  "workbench.secondarySideBar.defaultVisibility": "hidden",
};

/** Why the harness can't run here, or undefined when everything scripts/setup-vscode.sh installs is there. */
export function missingTools(): string | undefined {
  const missing = [
    [CODE_SERVER, "code-server"],
    [NODE, "Node 24 for code-server"],
    [CHROMIUM, "Chromium"],
    [join(ROOT, "node_modules/playwright-core/package.json"), "playwright-core"],
  ].filter(([path]) => !existsSync(path!));
  if (missing.length === 0) return undefined;
  return `${missing.map(([, what]) => what).join(", ")} not installed: run \`bash scripts/setup-vscode.sh\` (as root) first`;
}

export interface Timings {
  /** ms from spawning code-server to /healthz answering */
  serverReady?: number;
  /** ms from page.goto to the workbench being visible */
  workbenchVisible?: number;
  /** ms from page.goto to the in-host test module settling */
  testsSettled?: number;
  /** ms for the whole run, teardown included */
  total?: number;
}

export interface ServerOptions {
  /** .vsix files installed into the fresh extensions dir before the server starts */
  vsix?: string[];
  /** user settings on top of BASE_SETTINGS */
  settings?: Record<string, unknown>;
  /** port on 127.0.0.1; default: a free one */
  port?: number;
  /**
   * enable-smoke-test-driver (default true): what tests need (development mode through the URL payload,
   * codeAutomationExit); off for a person's session, where it would hide notification toasts.
   */
  testDriver?: boolean;
}

export interface CodeServer {
  port: number;
  origin: string;
  /** everything the server printed, line by line */
  output: string[];
  /** the per-run temp folder (profile, extensions, XDG dirs, browser profile) */
  dir: string;
  stop(): Promise<void>;
}

function freePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const probe = createServer();
    probe.once("error", reject);
    probe.listen(0, "127.0.0.1", () => {
      const address = probe.address();
      probe.close(() => (typeof address === "object" && address !== null ? resolvePort(address.port) : reject(new Error("no port"))));
    });
  });
}

function collectLines(stream: NodeJS.ReadableStream | null, into: string[], onLine?: (line: string) => void): void {
  let partial = "";
  stream?.setEncoding("utf8");
  stream?.on("data", (chunk: string) => {
    const lines = (partial + chunk).split("\n");
    partial = lines.pop() ?? "";
    for (const line of lines) {
      into.push(line);
      onLine?.(line);
    }
  });
}

/** Servers still running, killed on the way out if a test run ends without stopping them. */
const running = new Set<ChildProcess>();
const EXIT_SIGNALS: NodeJS.Signals[] = ["SIGINT", "SIGTERM", "SIGHUP"];

function killGroupNow(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch {
    // The group is already gone.
  }
}

function killAllNow(): void {
  for (const child of running) killGroupNow(child, "SIGKILL");
}

/** On a signal: kill the servers, then let the signal do what it would have done without this listener. */
function onExitSignal(signal: NodeJS.Signals): void {
  killAllNow();
  untrackAll();
  if (process.listenerCount(signal) === 0) process.kill(process.pid, signal);
}

function track(child: ChildProcess): void {
  if (running.size === 0) {
    process.on("exit", killAllNow);
    for (const signal of EXIT_SIGNALS) process.on(signal, onExitSignal);
  }
  running.add(child);
}

function untrackAll(): void {
  running.clear();
  process.off("exit", killAllNow);
  for (const signal of EXIT_SIGNALS) process.off(signal, onExitSignal);
}

/** Kills the whole process group (server, extension host, file watcher) and waits for the leader to exit. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.exitCode === null && child.signalCode === null) {
    const exited = once(child, "exit");
    killGroupNow(child, "SIGTERM");
    const timer = setTimeout(() => killGroupNow(child, "SIGKILL"), 5_000);
    await exited;
    clearTimeout(timer);
  }
  killGroupNow(child, "SIGKILL"); // children that outlive the leader
  running.delete(child);
  if (running.size === 0) untrackAll();
}

export async function startCodeServer(options: ServerOptions = {}, timings: Timings = {}): Promise<CodeServer> {
  const reason = missingTools();
  if (reason !== undefined) throw new Error(reason);
  const dir = mkdtempSync(join(tmpdir(), "kha-vscode-"));
  const userData = join(dir, "user-data");
  const extensions = join(dir, "extensions");
  mkdirSync(join(userData, "User"), { recursive: true });
  mkdirSync(extensions, { recursive: true });
  writeFileSync(join(userData, "User/settings.json"), JSON.stringify({ ...BASE_SETTINGS, ...options.settings }, null, 2));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    XDG_CONFIG_HOME: join(dir, "xdg-config"),
    XDG_DATA_HOME: join(dir, "xdg-data"),
    XDG_CACHE_HOME: join(dir, "xdg-cache"),
    // No marketplace: code-server would otherwise query open-vsx.org from both the server and the page.
    EXTENSIONS_GALLERY: "{}",
  };
  delete env["VSCODE_IPC_HOOK_CLI"]; // a terminal inside another VS Code would redirect the CLI there
  const common = ["--user-data-dir", userData, "--extensions-dir", extensions];

  for (const vsix of options.vsix ?? []) {
    const install = spawnSync(NODE, [CODE_SERVER, ...common, "--install-extension", resolve(vsix)], { env, encoding: "utf8", timeout: 60_000 });
    if (install.status !== 0) {
      rmSync(dir, { recursive: true, force: true });
      throw new Error(`installing ${vsix} failed (${install.status ?? install.signal}):\n${install.stdout}${install.stderr}`);
    }
  }

  const port = options.port ?? (await freePort());
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const started = Date.now();
  const child = spawn(
    NODE,
    [CODE_SERVER, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ...common, ...(options.testDriver === false ? [] : ["--vscode-option", "enable-smoke-test-driver"])],
    // detached: its own process group, so stop() takes the extension host and watchers down with it.
    { env, cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  track(child);
  const stop = async (): Promise<void> => {
    await killGroup(child);
    rmSync(dir, { recursive: true, force: true });
  };

  try {
    // "HTTP server listening" is the event; /healthz then confirms the server answers.
    await new Promise<void>((ready, fail) => {
      const timer = setTimeout(() => fail(new Error(`code-server did not listen within 30 s:\n${output.join("\n")}`)), 30_000);
      const onLine = (line: string): void => {
        if (!line.includes("HTTP server listening on")) return;
        clearTimeout(timer);
        ready();
      };
      collectLines(child.stdout, output, onLine);
      collectLines(child.stderr, output, onLine);
      child.once("exit", (code, signal) => {
        clearTimeout(timer);
        fail(new Error(`code-server exited (${code ?? signal}) before listening:\n${output.join("\n")}`));
      });
    });
    const health = await fetch(`${origin}/healthz`, { signal: AbortSignal.timeout(10_000) });
    if (!health.ok) throw new Error(`${origin}/healthz answered ${health.status}`);
    timings.serverReady = Date.now() - started;
  } catch (error) {
    await stop();
    throw error;
  }
  return { port, origin, output, dir, stop };
}
