/**
 * Settings reach the server and change its verdicts: keepalived.diagnostics.<code> overrides a severity or
 * hides a code, keepalived.version decides which keywords exist. Written to the (throwaway) workspace's
 * settings and removed again after each test.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { codeOf, hasCode, lacksCode, openInEditor, readyApi, waitForDiagnostics, workspaceUri } from "./helpers.ts";

async function setSetting(key: string, value: unknown): Promise<void> {
  await vscode.workspace.getConfiguration("keepalived").update(key, value, vscode.ConfigurationTarget.Workspace);
}

describe("settings", () => {
  before(async () => {
    await readyApi();
  });

  afterEach(async () => {
    await setSetting("diagnostics", undefined);
    await setSetting("version", undefined);
  });

  it("keepalived.diagnostics.<code> = off hides that code and keeps the others", async () => {
    const uri = workspaceUri("broken/keepalived-broken.conf");
    await openInEditor("broken/keepalived-broken.conf");
    await waitForDiagnostics(uri, (l) => hasCode("unknown-keyword")(l) && hasCode("track-script-undefined")(l));
    await setSetting("diagnostics", { "unknown-keyword": "off" });
    const list = await waitForDiagnostics(uri, lacksCode("unknown-keyword"));
    assert.ok(hasCode("track-script-undefined")(list), "track-script-undefined is still reported");
    await setSetting("diagnostics", undefined);
    await waitForDiagnostics(uri, hasCode("unknown-keyword"));
  });

  it("keepalived.diagnostics.<code> changes a severity", async () => {
    const uri = workspaceUri("broken/keepalived-broken.conf");
    await openInEditor("broken/keepalived-broken.conf");
    await setSetting("diagnostics", { "track-script-undefined": "hint" });
    const list = await waitForDiagnostics(uri, (l) => l.some((d) => codeOf(d) === "track-script-undefined" && d.severity === vscode.DiagnosticSeverity.Hint));
    const unknown = list.find((d) => codeOf(d) === "unknown-keyword");
    assert.equal(unknown?.severity, vscode.DiagnosticSeverity.Error, "other codes keep their severity");
  });

  it("keepalived.version 2.2 rejects a keyword that only 2.4 knows; 2.4 accepts it", async () => {
    const uri = workspaceUri("version/keepalived-version.conf");
    await openInEditor("version/keepalived-version.conf");
    await setSetting("version", "2.4");
    await waitForDiagnostics(uri, lacksCode("unknown-keyword"));
    await setSetting("version", "2.2");
    const list = await waitForDiagnostics(uri, hasCode("unknown-keyword"));
    const d = list.find((x) => codeOf(x) === "unknown-keyword")!;
    assert.match(d.message, /vrrp_delay_after_boot/);
    assert.match(d.message, /2\.4, not 2\.2/);
    assert.equal(d.range.start.line, 2);
    await setSetting("version", "2.4");
    await waitForDiagnostics(uri, lacksCode("unknown-keyword"));
  });
});
