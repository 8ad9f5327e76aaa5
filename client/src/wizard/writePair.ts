import { chmod } from "node:fs/promises";
import * as vscode from "vscode";
import type { GeneratedFile } from "../../../server/src/generator/index.ts";

async function exists(uri: vscode.Uri): Promise<boolean> {
  try {
    await vscode.workspace.fs.stat(uri);
    return true;
  } catch {
    return false;
  }
}

/**
 * Writes the generated files under `folder` (asking first, in a modal, when any of them exists), gives scripts
 * their mode, and opens the two keepalived configurations side by side. Undefined when the user refused.
 */
export async function writePair(folder: vscode.Uri, files: GeneratedFile[]): Promise<GeneratedFile[] | undefined> {
  const targets = files.map((f) => ({ file: f, uri: vscode.Uri.joinPath(folder, ...f.path.split("/")) }));
  const existing: string[] = [];
  for (const t of targets) if (await exists(t.uri)) existing.push(t.file.path);
  if (existing.length > 0) {
    const answer = await vscode.window.showWarningMessage(
      `Replace ${existing.length} existing file${existing.length === 1 ? "" : "s"} in ${folder.fsPath}?`,
      { modal: true, detail: `${existing.join("\n")}\n\nNothing is written unless you choose Replace.` },
      "Replace",
    );
    if (answer !== "Replace") return undefined;
  }
  for (const t of targets) {
    await vscode.workspace.fs.writeFile(t.uri, new TextEncoder().encode(t.file.content));
    // The check and notify scripts must be executable for keepalived; fs.writeFile has no mode.
    if (t.uri.scheme === "file") await chmod(t.uri.fsPath, t.file.mode);
  }
  const primary = targets.find((t) => t.file.kind === "keepalived-primary");
  const standby = targets.find((t) => t.file.kind === "keepalived-standby");
  if (primary !== undefined) await vscode.window.showTextDocument(primary.uri, { viewColumn: vscode.ViewColumn.One, preview: false });
  if (standby !== undefined) await vscode.window.showTextDocument(standby.uri, { viewColumn: vscode.ViewColumn.Two, preview: false });
  void vscode.window.showInformationMessage(`Wrote ${files.length} files to ${folder.fsPath}: see README.md there to install and test failover.`);
  return files;
}
