/**
 * In-extension-host tests of the harness probe. Bundled with test/vscode-ext/index.ts by
 * scripts/build-vscode-tests.ts and run by VS Code (never by plain mocha: the name is not *.test.ts on
 * purpose, so the "vscode" suite's glob leaves it alone).
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";

const EXTENSION_ID = "keepalived-ha-tests.keepalived-probe";

/** The workspace file the outer test wrote, passed through the workbench payload's extensionEnvironment. */
function sampleFile(): vscode.Uri {
  const path = process.env["KHA_PROBE_SAMPLE"];
  assert.ok(path, "KHA_PROBE_SAMPLE did not reach the extension host (extensionEnvironment)");
  return vscode.Uri.file(path);
}

/** Resolves once `extension` is active: activation has no event, so this checks on each turn of a short timer. */
function whenActive(extension: vscode.Extension<unknown>, timeoutMs: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const deadline = Date.now() + timeoutMs;
    const check = (): void => {
      if (extension.isActive) resolve();
      else if (Date.now() > deadline) reject(new Error(`${extension.id} not active after ${timeoutMs} ms`));
      else setTimeout(check, 50);
    };
    check();
  });
}

/** Resolves with the diagnostics of `uri` once there are some, on VS Code's own change event. */
function diagnosticsFor(uri: vscode.Uri, timeoutMs: number): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (now.length > 0) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no diagnostics for ${uri.fsPath} after ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const diagnostics = vscode.languages.getDiagnostics(uri);
      if (diagnostics.length === 0) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(diagnostics);
    });
  });
}

describe("probe extension inside the extension host", () => {
  it("contributes the keepalived-probe language", async () => {
    const languages = await vscode.languages.getLanguages();
    assert.ok(languages.includes("keepalived-probe"), `keepalived-probe missing from ${languages.length} languages`);
  });

  it("is not active before a file of its language opens, and activates when one does", async () => {
    const extension = vscode.extensions.getExtension(EXTENSION_ID);
    assert.ok(extension, `${EXTENSION_ID} is not loaded`);
    assert.equal(extension.isActive, false, "activated before any keepalived-probe file was opened");
    const document = await vscode.workspace.openTextDocument(sampleFile());
    assert.equal(document.languageId, "keepalived-probe");
    await vscode.window.showTextDocument(document);
    await whenActive(extension, 15_000);
  });

  it("runs its command against the active editor", async () => {
    const result = await vscode.commands.executeCommand<string>("keepalivedProbe.describeEditor");
    assert.equal(result, "keepalived-probe 2 lines");
  });

  it("reports a warning for the word 'bad'", async () => {
    const diagnostics = await diagnosticsFor(sampleFile(), 10_000);
    assert.deepEqual(
      diagnostics.map((diagnostic) => [diagnostic.code, diagnostic.range.start.line, diagnostic.range.start.character]),
      [["probe-bad-word", 1, 6]],
    );
  });
});
