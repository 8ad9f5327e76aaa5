/**
 * Runs the project's own in-host suite (test/vscode-ext/**\/*.test.ts, bundled with test/vscode-ext/index.ts)
 * inside a real VS Code, with the project's extension in development mode: the same suite
 * test/vscode-ext/runTest.ts hands to @vscode/test-electron where VS Code can be downloaded.
 * The workspace is a fresh copy of test/vscode-ext/workspace/ (when there is one), so tests may edit files;
 * its path reaches the tests as KHA_WORKSPACE, the project root as KHA_ROOT.
 */
import * as assert from "node:assert/strict";
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, globSync, mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { buildInHostSuite } from "../../scripts/build-vscode-tests.ts";
import { missingTools, mochaReport, ROOT, runExtensionTests } from "./harness.ts";

/** Why the project's extension can't be run yet, or undefined when it can. */
function extensionNotReady(): string | undefined {
  const manifest = JSON.parse(readFileSync(join(ROOT, "package.json"), "utf8")) as { main?: string };
  if (manifest.main === undefined) return "package.json has no \"main\" yet";
  return undefined;
}

/** `npm run build`, so that the suite always runs the sources as they are, never a stale dist/. */
function buildExtension(): void {
  const result = spawnSync(process.execPath, [join(ROOT, "scripts/build.ts")], { cwd: ROOT, encoding: "utf8", timeout: 120_000 });
  if (result.status !== 0) throw new Error(`scripts/build.ts failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
}

describe("the extension's in-host suite, inside a real VS Code", function () {
  this.timeout(240_000);
  const testFiles = globSync("test/vscode-ext/**/*.test.ts", { cwd: ROOT }).sort();
  let workspace = "";

  before(function () {
    const reason = missingTools() ?? extensionNotReady() ?? (testFiles.length === 0 ? "no test/vscode-ext/**/*.test.ts yet" : undefined);
    if (reason !== undefined) {
      console.log(`    skipped: ${reason}`);
      this.skip();
    }
    buildExtension();
    workspace = mkdtempSync(join(tmpdir(), "kha-ext-ws-"));
    const template = join(ROOT, "test/vscode-ext/workspace");
    if (existsSync(template)) cpSync(template, workspace, { recursive: true });
  });

  after(() => {
    if (workspace !== "") rmSync(workspace, { recursive: true, force: true });
  });

  it("passes", async () => {
    const extensionTestsPath = await buildInHostSuite({ testFiles, outDir: "out/vscode-ext" });
    const result = await runExtensionTests({
      name: "extension in-host suite",
      extensionDevelopmentPath: ROOT,
      extensionTestsPath,
      folder: workspace,
      extensionEnvironment: { KHA_ROOT: ROOT, KHA_WORKSPACE: workspace },
      timeoutMs: 200_000,
    });
    const report = result.log.join("\n");
    console.log(mochaReport(result.log).join("\n"));
    assert.equal(result.exitCode, 0, `in-host suite failed:\n${report}`);
    assert.match(report, /\d+ passing/, `mocha's report did not come back:\n${report}`);
  });
});
