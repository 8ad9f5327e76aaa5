/**
 * Runs the in-host suite in VS Code desktop through @vscode/test-electron, for machines that can download
 * VS Code (a contributor's laptop). On the project's machines VS Code can't be downloaded: the same suite runs
 * there through code-server (test/vscode/harness.ts), so this entry is expected to fail with ENOTFOUND here.
 *
 *   node test/vscode-ext/runTest.ts [--extension DIR] [--workspace DIR] [FILE.test.ts ...]
 * Defaults: the project's own extension (built first), a fresh copy of test/vscode-ext/workspace/,
 * test/vscode-ext/**\/*.test.ts. The tests find the workspace in KHA_WORKSPACE, as under code-server.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, globSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join, resolve } from "node:path";
import { runTests } from "@vscode/test-electron";
import { buildInHostSuite } from "../../scripts/build-vscode-tests.ts";

const root = resolve(import.meta.dirname, "../..");

function option(args: string[], name: string): string | undefined {
  const at = args.indexOf(name);
  if (at < 0) return undefined;
  const [, value] = args.splice(at, 2);
  return value;
}

const args = process.argv.slice(2);
const extensionDevelopmentPath = resolve(option(args, "--extension") ?? root);
const givenWorkspace = option(args, "--workspace");
const testFiles = args.length > 0 ? args : globSync("test/vscode-ext/**/*.test.ts", { cwd: root });
const workspace = givenWorkspace === undefined ? mkdtempSync(join(tmpdir(), "kha-vscode-ws-")) : resolve(givenWorkspace);
const fixture = join(root, "test/vscode-ext/workspace");
if (givenWorkspace === undefined && existsSync(fixture)) cpSync(fixture, workspace, { recursive: true });

try {
  if (extensionDevelopmentPath === root) {
    const build = spawnSync(process.execPath, [join(root, "scripts/build.ts")], { cwd: root, stdio: "inherit" });
    if (build.status !== 0) throw new Error("scripts/build.ts failed");
  }
  const extensionTestsPath = await buildInHostSuite({ testFiles, outDir: "out/vscode-ext" });
  const exitCode = await runTests({
    extensionDevelopmentPath,
    extensionTestsPath,
    // Only the extension under test: other installed extensions would change what the tests see.
    launchArgs: [workspace, "--disable-extensions", "--skip-welcome", "--skip-release-notes"],
    extensionTestsEnv: { KHA_ROOT: root, KHA_WORKSPACE: workspace },
  });
  process.exitCode = exitCode;
} catch (error) {
  console.error(`in-host tests failed to run: ${error instanceof Error ? error.message : String(error)}`);
  console.error("Where VS Code can't be downloaded, run them through code-server: node scripts/test.ts vscode");
  process.exitCode = 1;
} finally {
  if (givenWorkspace === undefined) rmSync(workspace, { recursive: true, force: true });
}
