/**
 * Activation, first of the in-host files (mocha runs them in name order): the extension must still be inactive
 * here, so this is the one place that sees a cold activation. The times are printed for the report, never
 * asserted: the machine is shared and noisy.
 */
import * as assert from "node:assert/strict";
import { existsSync, statSync } from "node:fs";
import { createRequire } from "node:module";
import { join } from "node:path";
import { extension, openInEditor, WAIT_MS, withTimeout } from "./helpers.ts";

describe("activation", () => {
  it("is inactive until a keepalived file opens", () => {
    assert.equal(extension().isActive, false, "activated before any keepalived file was opened");
  });

  it("activates on a keepalived file without waiting for the language server", async () => {
    const opening = performance.now();
    await openInEditor("guide/keepalived-primary.conf");
    const api = await extension().activate();
    const activeAfter = performance.now() - opening;
    const serverMs = await withTimeout(api.serverReady, WAIT_MS, "the language server did not answer initialize");
    console.log(
      `      activate() took ${api.activationMs.toFixed(1)} ms; the language server answered ${serverMs.toFixed(0)} ms after activate() started; ` +
        `file open to active: ${activeAfter.toFixed(0)} ms`,
    );
    // Both are measured from the start of activate(): had it awaited the server, it would have ended after it.
    assert.ok(api.activationMs < serverMs, "activate() returned only once the server was ready: it must not await it");
  });

  it("keeps its entry small and loads the wizard's code from its own file, with the vscode API", () => {
    const dist = join(extension().extensionPath, "dist/client");
    // What VS Code loads to activate: vscode-languageclient and the wizard are separate files (scripts/build.ts).
    const entry = statSync(join(dist, "extension.cjs")).size;
    assert.ok(entry < 64 * 1024, `dist/client/extension.cjs is ${entry} bytes: did a library get bundled into it?`);
    assert.ok(existsSync(join(dist, "languageclient.cjs")), "languageclient.cjs is missing");
    const wizard = createRequire(import.meta.filename)(join(dist, "wizard.cjs")) as { generateHaPair?: unknown };
    assert.equal(typeof wizard.generateHaPair, "function");
  });
});
