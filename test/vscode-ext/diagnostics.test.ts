/**
 * Diagnostics as VS Code holds them (vscode.languages.getDiagnostics): codes, ranges and severities from the
 * language server, re-checked as the document changes, and reported on included files.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, hasCode, lacksCode, openInEditor, positionOf, rangeText, readyApi, waitForDiagnostics, workspaceUri } from "./helpers.ts";

async function revert(editor: vscode.TextEditor): Promise<void> {
  await vscode.window.showTextDocument(editor.document);
  await vscode.commands.executeCommand("workbench.action.files.revert");
  assert.equal(editor.document.isDirty, false, "the test's edit was not reverted");
}

describe("diagnostics", () => {
  before(async () => {
    await readyApi();
  });

  it("reports an unknown keyword and an undefined track_script with their codes and ranges", async () => {
    const uri = workspaceUri("broken/keepalived-broken.conf");
    await openInEditor("broken/keepalived-broken.conf");
    const list = await waitForDiagnostics(uri, (l) => hasCode("unknown-keyword")(l) && hasCode("track-script-undefined")(l));
    const unknown = list.find((d) => codeOf(d) === "unknown-keyword")!;
    assert.equal(rangeText(unknown.range), "4:4-4:11", "the range covers 'priorty'");
    assert.equal(unknown.severity, vscode.DiagnosticSeverity.Error);
    assert.equal(unknown.source, "keepalived");
    assert.match(unknown.message, /did you mean 'priority'/);
    const track = list.find((d) => codeOf(d) === "track-script-undefined")!;
    assert.equal(rangeText(track.range), "10:8-10:19", "the range covers 'chk_missing'");
    assert.equal(track.severity, vscode.DiagnosticSeverity.Error);
  });

  it("reports the guide's placeholder password as warnings on the auth_pass value", async () => {
    const uri = workspaceUri("guide/keepalived-primary.conf");
    const editor = await openInEditor("guide/keepalived-primary.conf");
    const list = await waitForDiagnostics(uri, (l) => hasCode("auth-pass-placeholder")(l) && hasCode("auth-pass-truncated")(l));
    const value = positionOf(editor.document, /auth_pass/, "REPLACE_WITH");
    for (const code of ["auth-pass-placeholder", "auth-pass-truncated"]) {
      const d = list.find((x) => codeOf(x) === code)!;
      assert.equal(d.severity, vscode.DiagnosticSeverity.Warning, code);
      assert.deepEqual([d.range.start.line, d.range.start.character], [value.line, value.character], code);
    }
    assert.ok(!list.some((d) => d.severity === vscode.DiagnosticSeverity.Error), `the guide has no errors: ${list.map((d) => d.message).join("; ")}`);
  });

  it("re-checks as the user types: fixing the typo clears its diagnostic, undoing brings it back", async () => {
    const uri = workspaceUri("broken/keepalived-broken.conf");
    const editor = await openInEditor("broken/keepalived-broken.conf");
    try {
      await waitForDiagnostics(uri, hasCode("unknown-keyword"));
      const at = positionOf(editor.document, /priorty/, "priorty", 5);
      assert.ok(await editor.edit((e) => e.insert(at, "i")), "the edit was not applied");
      const fixed = await waitForDiagnostics(uri, lacksCode("unknown-keyword"));
      assert.ok(hasCode("track-script-undefined")(fixed), "the other problem of the file stays");
      await vscode.commands.executeCommand("undo");
      await waitForDiagnostics(uri, hasCode("unknown-keyword"));
    } finally {
      await revert(editor);
    }
  });

  it("reports the problems of an included file that is not open, from its includer alone", async () => {
    const inc = workspaceUri("include-closed/vips.inc");
    const reported = waitForDiagnostics(inc, hasCode("invalid-value"));
    await openInEditor("include-closed/keepalived.conf");
    const d = (await reported).find((x) => codeOf(x) === "invalid-value")!;
    assert.equal(rangeText(d.range), "1:0-1:14");
    assert.ok(!vscode.workspace.textDocuments.some((doc) => doc.uri.toString() === inc.toString()), "the included file stays closed");
  });

  it("reports a problem of an included file on that file, judged inside its includer", async () => {
    const uri = workspaceUri("include/scripts.inc");
    await openInEditor("include/keepalived.conf");
    const editor = await openInEditor("include/scripts.inc");
    try {
      const at = positionOf(editor.document, /interval/, "2");
      assert.ok(await editor.edit((e) => e.replace(new vscode.Range(at, at.translate(0, 1)), "often")), "the edit was not applied");
      const list = await waitForDiagnostics(uri, hasCode("invalid-value"));
      const d = list.find((x) => codeOf(x) === "invalid-value")!;
      assert.equal(rangeText(d.range), `${at.line}:${at.character}-${at.line}:${at.character + 5}`);
    } finally {
      await revert(editor);
    }
    await waitForDiagnostics(uri, lacksCode("invalid-value"));
  });
});
