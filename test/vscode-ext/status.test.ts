/**
 * What the extension adds around the editor: the keepalived language for files a configuration includes
 * whatever their name (and only for those), and the status bar item with the active file's VRRP role.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openInEditor, readyApi, waitForOpenedDocument, waitForStatusBar, workspaceUri } from "./helpers.ts";

describe("language association", () => {
  before(async () => {
    await readyApi();
  });

  it("gives the keepalived language to a file that a configuration includes, whatever its name", async () => {
    await openInEditor("include/keepalived.conf");
    const uri = workspaceUri("include/scripts.inc");
    const already = vscode.workspace.textDocuments.find((d) => d.uri.toString() === uri.toString() && d.languageId === "keepalived");
    const adopted = already ?? (await Promise.all([waitForOpenedDocument((d) => d.uri.toString() === uri.toString() && d.languageId === "keepalived"), openInEditor("include/scripts.inc")]))[0];
    assert.equal(adopted.languageId, "keepalived");
  });

  it("leaves other .conf files alone", async () => {
    const editor = await openInEditor("other/app.conf");
    assert.notEqual(editor.document.languageId, "keepalived");
  });

  it("recognises keepalived.conf and keepalived-*.conf by name", async () => {
    for (const file of ["include/keepalived.conf", "guide/keepalived-standby.conf"]) {
      const document = await vscode.workspace.openTextDocument(workspaceUri(file));
      assert.equal(document.languageId, "keepalived", file);
    }
  });
});

describe("status bar", () => {
  before(async () => {
    await readyApi();
  });

  it("shows the primary's role, priority and VIP", async () => {
    const api = await readyApi();
    await openInEditor("guide/keepalived-primary.conf");
    const status = await waitForStatusBar(api, (s) => s.visible && s.text.includes("VRRP: MASTER"));
    assert.match(status.text, /VRRP: MASTER 100 · VIP 192\.168\.1\.100$/);
    assert.match(status.text, /^\$\(warning\) /, "the guide has warnings (its placeholder password), no errors");
    assert.match(status.tooltip, /EMQX_EDGE_HA: MASTER, priority 100, VRID 51, VIP 192\.168\.1\.100/);
    assert.match(status.tooltip, /language server: running/);
  });

  it("follows the active editor to the standby", async () => {
    const api = await readyApi();
    await openInEditor("guide/keepalived-standby.conf");
    const status = await waitForStatusBar(api, (s) => s.visible && s.text.includes("VRRP: BACKUP"));
    assert.match(status.text, /VRRP: BACKUP 90 · VIP 192\.168\.1\.100$/);
  });

  it("marks a file with errors and hides itself for other languages", async () => {
    const api = await readyApi();
    await openInEditor("broken/keepalived-broken.conf");
    const broken = await waitForStatusBar(api, (s) => s.visible && s.text.includes("VRRP: MASTER"));
    // 'priorty' is no keyword, so the instance has no priority: a MASTER without one starts at 255.
    assert.match(broken.text, /^\$\(error\) VRRP: MASTER 255 · VIP 10\.0\.0\.100$/);
    await openInEditor("other/app.conf");
    await waitForStatusBar(api, (s) => !s.visible);
  });
});
