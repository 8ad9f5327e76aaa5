import * as vscode from "vscode";
import type { LanguageClient } from "vscode-languageclient/node";

interface FileStatus {
  text: string;
  tooltip: string;
  errors: number;
  warnings: number;
}

type ServerState = "starting" | "running" | "failed";

/** The status bar item as a user sees it. */
export interface StatusSnapshot {
  text: string;
  tooltip: string;
  visible: boolean;
}

/**
 * The status bar item for the active keepalived file: the role its VRRP instances start in (e.g.
 * "VRRP: MASTER 100 · VIP 192.168.1.100") and the language server's state.
 */
export class StatusItem implements vscode.Disposable {
  private readonly item = vscode.window.createStatusBarItem("keepalived.status", vscode.StatusBarAlignment.Right, 100);
  private readonly updated = new vscode.EventEmitter<StatusSnapshot>();
  readonly onDidUpdate = this.updated.event;
  private readonly disposables: vscode.Disposable[] = [this.updated];
  private client: LanguageClient | undefined;
  private request = "";
  private state: ServerState = "starting";
  private visible = false;
  /** Refreshes overlap (editor switch, diagnostics, server state): only the latest may draw. */
  private generation = 0;
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

  snapshot(): StatusSnapshot {
    const tooltip = this.item.tooltip;
    return { text: this.item.text, tooltip: typeof tooltip === "string" ? tooltip : (tooltip?.value ?? ""), visible: this.visible };
  }

  private draw(text: string | undefined, tooltip = ""): void {
    if (text === undefined) {
      this.item.hide();
      this.visible = false;
    } else {
      this.item.text = text;
      this.item.tooltip = tooltip;
      this.item.show();
      this.visible = true;
    }
    this.updated.fire(this.snapshot());
  }

  async refresh(): Promise<void> {
    const generation = ++this.generation;
    const editor = vscode.window.activeTextEditor;
    if (editor === undefined || editor.document.languageId !== "keepalived") {
      this.draw(undefined);
      return;
    }
    if (this.state !== "running" || this.client === undefined) {
      if (this.state === "failed") this.draw("$(error) Keepalived: server failed", "The language server did not start: see the Keepalived output");
      else this.draw("$(sync~spin) Keepalived", "Starting the keepalived language server");
      return;
    }
    try {
      const status: FileStatus | null = await this.client.sendRequest(this.request, { uri: editor.document.uri.toString() });
      if (status === null || generation !== this.generation) return;
      const icon = status.errors > 0 ? "$(error)" : status.warnings > 0 ? "$(warning)" : "$(pass)";
      this.draw(`${icon} ${status.text}`, `${status.tooltip}\n\nKeepalived language server: running`);
    } catch (e) {
      this.output.debug(`status request failed: ${String(e)}`);
    }
  }

  dispose(): void {
    this.item.dispose();
    for (const d of this.disposables) d.dispose();
  }
}
