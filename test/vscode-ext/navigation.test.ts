/**
 * Go to definition, references and rename for vrrp_script and vrrp_instance names, within a file and across
 * the files a configuration includes (include/keepalived.conf includes scripts.inc and sync.inc).
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { openInEditor, positionOf, rangeText, readyApi, workspaceUri } from "./helpers.ts";

type Found = vscode.Location | vscode.LocationLink;

function where(found: Found): string {
  const uri = "targetUri" in found ? found.targetUri : found.uri;
  const range = "targetUri" in found ? (found.targetSelectionRange ?? found.targetRange) : found.range;
  return `${vscode.workspace.asRelativePath(uri, false)}@${rangeText(range)}`;
}

/** A rename's edits as "file@range=text", sorted, for one assertion over every file. */
function editsOf(edit: vscode.WorkspaceEdit): string[] {
  return edit
    .entries()
    .flatMap(([uri, edits]) => edits.map((e) => `${vscode.workspace.asRelativePath(uri, false)}@${rangeText(e.range)}=${e.newText}`))
    .sort();
}

describe("navigation and rename", () => {
  const main = "include/keepalived.conf";

  before(async () => {
    await readyApi();
  });

  it("goes from a track_script entry to the vrrp_script in the included file", async () => {
    const editor = await openInEditor(main);
    const reference = positionOf(editor.document, /^\s*chk_web\s*$/, "chk_web", 2);
    const found = await vscode.commands.executeCommand<Found[]>("vscode.executeDefinitionProvider", editor.document.uri, reference);
    assert.deepEqual(found.map(where), ["include/scripts.inc@0:12-0:19"]);
  });

  it("goes from a sync group member in an included file to the vrrp_instance", async () => {
    await openInEditor(main);
    const sync = await openInEditor("include/sync.inc");
    const member = positionOf(sync.document, /^\s*VI_INC\s*$/, "VI_INC", 1);
    const found = await vscode.commands.executeCommand<Found[]>("vscode.executeDefinitionProvider", sync.document.uri, member);
    const definition = positionOf((await vscode.workspace.openTextDocument(workspaceUri(main))), /vrrp_instance VI_INC \{/, "VI_INC");
    assert.deepEqual(found.map(where), [`${main}@${definition.line}:${definition.character}-${definition.line}:${definition.character + 6}`]);
  });

  it("finds every reference to a script, the definition included", async () => {
    const editor = await openInEditor(main);
    const reference = positionOf(editor.document, /^\s*chk_web\s*$/, "chk_web");
    const found = await vscode.commands.executeCommand<vscode.Location[]>("vscode.executeReferenceProvider", editor.document.uri, reference);
    assert.deepEqual(found.map(where).sort(), [`${main}@${reference.line}:8-${reference.line}:15`, "include/scripts.inc@0:12-0:19"]);
  });

  it("renames a vrrp_script in its file and in the includer's track_script", async () => {
    const editor = await openInEditor(main);
    const reference = positionOf(editor.document, /^\s*chk_web\s*$/, "chk_web");
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", editor.document.uri, reference, "chk_http");
    assert.deepEqual(editsOf(edit), [`${main}@${reference.line}:8-${reference.line}:15=chk_http`, "include/scripts.inc@0:12-0:19=chk_http"]);
  });

  it("renames a vrrp_instance at its definition and in the sync group of the included file", async () => {
    const editor = await openInEditor(main);
    const definition = positionOf(editor.document, /vrrp_instance VI_INC \{/, "VI_INC", 2);
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", editor.document.uri, definition, "VI_WEB");
    const sync = await vscode.workspace.openTextDocument(workspaceUri("include/sync.inc"));
    const member = positionOf(sync, /^\s*VI_INC\s*$/, "VI_INC");
    assert.deepEqual(editsOf(edit), [
      `${main}@${definition.line}:14-${definition.line}:20=VI_WEB`,
      `include/sync.inc@${member.line}:${member.character}-${member.line}:${member.character + 6}=VI_WEB`,
    ]);
  });

  it("renames the guide's script at its definition and its one reference", async () => {
    const editor = await openInEditor("guide/keepalived-primary.conf");
    const definition = positionOf(editor.document, /^vrrp_script/, "check_emqx_edge");
    const reference = positionOf(editor.document, /^\s*check_emqx_edge\s*$/, "check_emqx_edge");
    const edit = await vscode.commands.executeCommand<vscode.WorkspaceEdit>("vscode.executeDocumentRenameProvider", editor.document.uri, definition, "check_broker");
    const file = "guide/keepalived-primary.conf";
    assert.deepEqual(editsOf(edit), [
      `${file}@${definition.line}:${definition.character}-${definition.line}:${definition.character + 15}=check_broker`,
      `${file}@${reference.line}:${reference.character}-${reference.line}:${reference.character + 15}=check_broker`,
    ].sort());
  });

  it("refuses a name keepalived could not read", async () => {
    const editor = await openInEditor(main);
    const reference = positionOf(editor.document, /^\s*chk_web\s*$/, "chk_web");
    await assert.rejects(
      Promise.resolve(vscode.commands.executeCommand("vscode.executeDocumentRenameProvider", editor.document.uri, reference, "chk web")),
      /cannot be a keepalived name/,
    );
  });
});
