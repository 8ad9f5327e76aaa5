import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

interface FileStatus {
  text: string;
  tooltip: string;
  errors: number;
  warnings: number;
}

type ServerState = "starting" | "running" | "failed";

/**
 * The status bar item for the active keepalived file: the role its VRRP instances start in (e.g.
 * "VRRP: MASTER 100 · VIP 192.168.1.100") and the language server's state.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("keepalived.status", vscode.StatusBarAlignment.Right, 100);
  private readonly disposables: vscode.Disposable[] = [];
  private client: LanguageClient | undefined;
  private request = "";
  private state: ServerState = "starting";
  private readonly output: vscode.LogOutputChannel;

  constructor(output: vscode.LogOutputChannel) {
    this.output = output;
    this.item.name = "Keepalived";
    this.item.command = "keepalived.showOutput";
    this.disposables.push(
      vscode.window.onDidChangeActiveTextEditor(() => void this.refresh()),
      vscode.languages.onDidChangeDiagnostics((e) => {
        const active = vscode.window.activeTextEditor?.document.uri.toString();
        if (active !== undefined && e.uris.some((u) => u.toString() === active)) void this.refresh();
      }),
    );
  }

  attach(client: LanguageClient, request: string): void {
    this.client = client;
    this.request = request;
  }

  setServerState(state: ServerState): void {
    this.state = state;
    void this.refresh();
  }

  async refresh(): Promise<void> {
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.languageId !== "keepalived") {
      this.item.hide();
      return;
    }
    if (this.state !== "running" || this.client === undefined) {
      this.item.text = this.state === "failed" ? "$(error) Keepalived: server failed" : "$(sync~spin) Keepalived";
      this.item.tooltip = this.state === "failed" ? "The language server did not start: see the Keepalived output" : "Starting the keepalived language server";
      this.item.show();
      return;
    }
    try {
      const status: FileStatus | null = await this.client.sendRequest(this.request, { uri: editor.document.uri.toString() });
      if (status === null) return;
      const icon = status.errors > 0 ? "$(error)" : status.warnings > 0 ? "$(warning)" : "$(pass)";
      this.item.text = `${icon} ${status.text}`;
      this.item.tooltip = `${status.tooltip}\n\nKeepalived language server: running`;
      this.item.show();
    } catch (e) {
      this.output.debug(`status request failed: ${String(e)}`);
    }
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
