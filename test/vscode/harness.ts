/**
 * Runs an extension inside a real VS Code workbench on a machine that cannot download VS Code: code-server
 * (VS Code 1.139's server, web workbench and Node extension host; see codeServer.ts) driven by Debian's
 * Chromium through playwright-core. Two modes:
 * - runExtensionTests(): development mode with an in-host test module (the @vscode/test-electron shape);
 *   resolves with the module's exit code once its run() settles.
 * - openWorkbench(), usually through fixture.ts's useWorkbench(): a workbench with the extension installed
 *   from a .vsix, or in development mode, for tests that drive the UI like a person (workbench.ts); a
 *   screenshot lands in test-results/ when one fails.
 * The server is always stopped and the browser always closed, on failure and on timeout too.
 */
import { mkdirSync } from "node:fs";
import { join, resolve } from "node:path";
import { format } from "node:util";
import { chromium, type BrowserContext, type Page } from "playwright-core";
import { CHROMIUM, ROOT, startCodeServer, type CodeServer, type Timings } from "./codeServer.ts";

export { missingTools, ROOT, startCodeServer, type CodeServer, type ServerOptions, type Timings } from "./codeServer.ts";

export const RESULTS_DIR = join(ROOT, "test-results");

const CHROMIUM_ARGS = ["--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run", "--disable-background-networking", "--disable-component-update", "--disable-sync"];

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

/** The workbench echoes each log entry to the console as a bare styled level word: codeAutomationLog has it. */
const LEVEL_ONLY = /^\s*(TRACE|DEBUG|INFO|WARN|ERR)\s*$/;

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
    page.on("console", (message) => {
      if (!LEVEL_ONLY.test(message.text())) consoleLines.push(message.text());
    });
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

/** mocha's report out of a workbench log: its lines are the indented ones; the workbench's own are not. */
export function mochaReport(log: string[]): string[] {
  return log.filter((line) => line.startsWith("  ") && !line.trimStart().startsWith("at "));
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
