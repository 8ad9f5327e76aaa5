/**
 * Runs an extension inside a real VS Code workbench on a machine that cannot download VS Code: code-server
 * (VS Code 1.139's server, web workbench and Node extension host, installed by scripts/setup-vscode.sh) driven
 * by Debian's Chromium through playwright-core. Two modes:
 * - runExtensionTests(): development mode with an in-host test module (the @vscode/test-electron shape);
 *   resolves with the module's exit code once its run() settles.
 * - withWorkbench(): a workbench with the extension installed from a .vsix (or in development mode) for
 *   tests that drive the UI like a person; a screenshot lands in test-results/ when the body fails.
 * The server runs in its own process group and is always killed by PID, and the browser always closed.
 * Why each flag is there: /work/shared/notes/real-vscode-tests.md.
 */
import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { once } from "node:events";
import { format } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";

export const ROOT = resolve(import.meta.dirname, "../..");
const TOOLS = join(ROOT, ".tools");
const CODE_SERVER = join(TOOLS, "code-server/node_modules/code-server/out/node/entry.js");
const NODE = join(TOOLS, "node-home/bin/node");
const CHROMIUM = process.env["KHA_CHROMIUM"] ?? "/usr/bin/chromium";
export const RESULTS_DIR = join(ROOT, "test-results");

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

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

/** Kills the whole process group (server, extension host, file watcher) and waits for the leader to exit. */
async function killGroup(child: ChildProcess): Promise<void> {
  if (child.pid === undefined || child.exitCode !== null || child.signalCode !== null) return;
  const exited = once(child, "exit");
  const signal = (name: NodeJS.Signals): void => {
    try {
      process.kill(-child.pid!, name);
    } catch {
      // The group is already gone.
    }
  };
  signal("SIGTERM");
  const timer = setTimeout(() => signal("SIGKILL"), 5_000);
  await exited;
  clearTimeout(timer);
  signal("SIGKILL"); // children that outlive the leader
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

  const port = await freePort();
  const origin = `http://127.0.0.1:${port}`;
  const output: string[] = [];
  const started = Date.now();
  const child = spawn(
    NODE,
    [CODE_SERVER, "--bind-addr", `127.0.0.1:${port}`, "--auth", "none", "--disable-telemetry", "--disable-update-check", "--disable-workspace-trust", ...common, "--vscode-option", "enable-smoke-test-driver"],
    // detached: its own process group, so stop() takes the extension host and watchers down with it.
    { env, cwd: dir, detached: true, stdio: ["ignore", "pipe", "pipe"] },
  );
  const killOnExit = (): void => {
    if (child.pid !== undefined && child.exitCode === null) {
      try {
        process.kill(-child.pid, "SIGKILL");
      } catch {
        // already gone
      }
    }
  };
  process.on("exit", killOnExit);
  const stop = async (): Promise<void> => {
    await killGroup(child);
    process.off("exit", killOnExit);
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

export interface WorkbenchOptions {
  /** folder opened as the workspace */
  folder: string;
  /** extension loaded in development mode (a folder with package.json) */
  extensionDevelopmentPath?: string;
  /** in-host test module (exports run()), e.g. the index.cjs scripts/build-vscode-tests.ts writes */
  extensionTestsPath?: string;
  /** environment variables for the extension host */
  extensionEnvironment?: Record<string, string>;
}

export interface Workbench {
  page: Page;
  /** page console messages: the workbench's and, forwarded, the extension host's (mocha's reporter) */
  console: string[];
  /**
   * the workbench log (smoke-test-driver mode hands it to codeAutomationLog), which includes the extension
   * host's console: mocha's report is here
   */
  log: string[];
  /** settles when the in-host test module's run() does, with 0 for a pass */
  exit: Promise<number>;
  close(): Promise<void>;
}

/** The workbench URL: folder plus the payload the smoke-test-driver build reads development options from. */
export function workbenchUrl(server: CodeServer, options: WorkbenchOptions): string {
  const remote = (path: string): string => `vscode-remote://127.0.0.1:${server.port}${resolve(path)}`;
  const payload: [string, string][] = [["skipWelcome", "true"]];
  if (options.extensionDevelopmentPath !== undefined) payload.push(["extensionDevelopmentPath", remote(options.extensionDevelopmentPath)]);
  if (options.extensionTestsPath !== undefined) payload.push(["extensionTestsPath", remote(options.extensionTestsPath)]);
  if (options.extensionEnvironment !== undefined) payload.push(["extensionEnvironment", JSON.stringify(options.extensionEnvironment)]);
  return `${server.origin}/?folder=${encodeURIComponent(resolve(options.folder))}&payload=${encodeURIComponent(JSON.stringify(payload))}`;
}

/** A workbench log entry as text: forwarded console calls arrive as [format, ...args]. */
function logLine(level: unknown, message: unknown): string {
  const text = Array.isArray(message) ? format(...(message as unknown[])) : String(message);
  return level === "info" ? text : `[${String(level)}] ${text}`;
}

/** Console text without the %c styling the workbench wraps forwarded extension host logs in. */
function consoleText(text: string): string {
  return text.replace(/%c/g, "").replace(/\s*(color|font-weight|background)\s*:[^;]*;?/g, "").trimEnd();
}

export async function openWorkbench(server: CodeServer, options: WorkbenchOptions, timings: Timings = {}): Promise<Workbench> {
  const profile = join(server.dir, "chromium-profile");
  const context: BrowserContext = await chromium.launchPersistentContext(profile, {
    executablePath: CHROMIUM,
    headless: true,
    args: CHROMIUM_ARGS,
    viewport: { width: 1440, height: 900 },
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const consoleLines: string[] = [];
    const log: string[] = [];
    page.on("console", (message) => consoleLines.push(consoleText(message.text())));
    page.on("pageerror", (error) => consoleLines.push(`[page error] ${error.message}`));
    let settle: (code: number) => void = () => {};
    const exit = new Promise<number>((resolveExit) => (settle = resolveExit));
    // The workbench calls this when the test module's run() settles; it must exist before the page loads.
    await page.exposeFunction("codeAutomationExit", (code: unknown) => settle(typeof code === "number" ? code : 1));
    // The workbench's own log in smoke-test-driver mode: extension host start-up errors show here.
    await page.exposeFunction("codeAutomationLog", (level: unknown, message: unknown) => log.push(logLine(level, message)));
    page.on("requestfailed", (request) => consoleLines.push(`[request failed] ${request.url()}`));
    const loading = Date.now();
    await page.goto(workbenchUrl(server, options), { waitUntil: "domcontentloaded", timeout: 30_000 });
    await page.locator(".monaco-workbench").waitFor({ state: "visible", timeout: 30_000 });
    timings.workbenchVisible = Date.now() - loading;
    void exit.then(() => (timings.testsSettled = Date.now() - loading));
    return { page, console: consoleLines, log, exit, close: () => context.close() };
  } catch (error) {
    await context.close();
    throw error;
  }
}

function safeName(name: string): string {
  return name.replace(/[^\w.-]+/g, "_").slice(0, 120);
}

/** Saves a screenshot of the page into test-results/; returns its path, or undefined if the page is gone. */
export async function screenshot(page: Page, name: string): Promise<string | undefined> {
  mkdirSync(RESULTS_DIR, { recursive: true });
  const path = join(RESULTS_DIR, `${safeName(name)}.png`);
  try {
    await page.screenshot({ path, timeout: 10_000 });
    return path;
  } catch {
    return undefined;
  }
}

export interface ExtensionTestRun {
  extensionDevelopmentPath: string;
  extensionTestsPath: string;
  folder: string;
  extensionEnvironment?: Record<string, string>;
  /** for the screenshot's file name when the run fails */
  name?: string;
  timeoutMs?: number;
}

export interface ExtensionTestResult {
  exitCode: number;
  /** the workbench log, with mocha's report (forwarded from the extension host) */
  log: string[];
  /** the page console */
  console: string[];
  serverOutput: string[];
  timings: Timings;
}

/** Runs an in-host test module in development mode; resolves with its exit code (rejects only on timeout). */
export async function runExtensionTests(run: ExtensionTestRun): Promise<ExtensionTestResult> {
  const timings: Timings = {};
  const started = Date.now();
  const timeoutMs = run.timeoutMs ?? 120_000;
  const server = await startCodeServer({}, timings);
  let workbench: Workbench | undefined;
  try {
    workbench = await openWorkbench(server, run, timings);
    const page = workbench.page;
    let timer: NodeJS.Timeout | undefined;
    const timedOut = new Promise<never>((_, reject) => {
      timer = setTimeout(() => reject(new Error(`in-host tests did not finish within ${timeoutMs} ms`)), timeoutMs);
    });
    try {
      const exitCode = await Promise.race([workbench.exit, timedOut]);
      if (exitCode !== 0) await screenshot(page, run.name ?? "extension-tests");
      return { exitCode, log: workbench.log, console: workbench.console, serverOutput: server.output, timings };
    } catch (error) {
      const shot = await screenshot(page, run.name ?? "extension-tests");
      const tail = workbench.log.slice(-40).join("\n");
      throw new Error(`${(error as Error).message}${shot === undefined ? "" : ` (screenshot: ${shot})`}\n--- last workbench log lines ---\n${tail}`);
    } finally {
      clearTimeout(timer);
    }
  } finally {
    await workbench?.close();
    await server.stop();
    timings.total = Date.now() - started;
  }
}

export interface UiSession {
  /** a name for the failure screenshot (the mocha test's title) */
  name: string;
  folder: string;
  /** installed mode: these .vsix files go into the fresh extensions dir */
  vsix?: string[];
  /** development mode instead, or as well */
  extensionDevelopmentPath?: string;
  extensionEnvironment?: Record<string, string>;
  settings?: Record<string, unknown>;
}

/** Starts a workbench, hands it to `body`, and always tears it down; screenshots the page if `body` throws. */
export async function withWorkbench<T>(session: UiSession, body: (workbench: Workbench, server: CodeServer) => Promise<T>, timings: Timings = {}): Promise<T> {
  const started = Date.now();
  const server = await startCodeServer({ vsix: session.vsix ?? [], settings: session.settings ?? {} }, timings);
  let workbench: Workbench | undefined;
  try {
    workbench = await openWorkbench(server, session, timings);
    return await body(workbench, server);
  } catch (error) {
    const shot = workbench === undefined ? undefined : await screenshot(workbench.page, session.name);
    if (shot !== undefined && error instanceof Error) error.message += `\n(screenshot: ${shot})`;
    throw error;
  } finally {
    await workbench?.close();
    await server.stop();
    timings.total = Date.now() - started;
  }
}
