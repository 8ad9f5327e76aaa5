/**
 * What the UI tests share: the extension as users get it (the .vsix `npm run package` writes, installed with
 * --install-extension into the fresh extensions dir) and a throwaway copy of the fixture workspace, so that a
 * person's edits in the workbench never touch the repository.
 */
import { spawnSync } from "node:child_process";
import { cpSync, existsSync, mkdtempSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { missingTools, ROOT } from "./harness.ts";

export const VSIX = join(ROOT, "dist/keepalived-ha.vsix");
const FIXTURE = join(ROOT, "test/vscode-ext/workspace");

let packaged = false;

/** Runs `npm run package` once per test process; throws with its output when it fails. */
export function packageExtension(): string {
  if (packaged && existsSync(VSIX)) return VSIX;
  // npm puts node_modules/.bin first on PATH, so the scripts run on the project's Node 24.
  const result = spawnSync("npm", ["run", "package"], { cwd: ROOT, encoding: "utf8", timeout: 180_000 });
  if (result.status !== 0 || !existsSync(VSIX)) throw new Error(`npm run package failed (${result.status ?? result.signal}):\n${result.stdout}${result.stderr}`);
  packaged = true;
  return VSIX;
}

export interface UiFixture {
  workspace: string;
  vsix: string;
  dispose(): void;
}

/**
 * For a describe()'s before hook: skips the suite (with the reason) when the harness is not installed,
 * otherwise packages the extension and copies the workspace.
 */
export function prepareUi(context: Mocha.Context): UiFixture {
  const reason = missingTools();
  if (reason !== undefined) {
    console.log(`    skipped: ${reason}`);
    context.skip();
  }
  const vsix = packageExtension();
  const workspace = mkdtempSync(join(tmpdir(), "kha-ui-ws-"));
  cpSync(FIXTURE, workspace, { recursive: true });
  return { workspace, vsix, dispose: () => rmSync(workspace, { recursive: true, force: true }) };
}
