import * as vscode from "vscode";
import type { LanguageClient, LanguageClientOptions, ServerOptions } from "vscode-languageclient/node";
import { StatusItem, type StatusSnapshot } from "./status.ts";

export const LANGUAGE_ID = "keepalived";
const STATUS_REQUEST = "keepalived/status";
const INCLUDED_FILES_REQUEST = "keepalived/includedFiles";

/** What activate() returns: for other extensions and for the in-host tests, which can't read the status bar. */
export interface KeepalivedApi {
  /** Milliseconds spent inside activate(), the extension's own start-up work. */
  readonly activationMs: number;
  /** Settles once the language server has answered `initialize`: ms from the start of activate(). */
  readonly serverReady: Promise<number>;
  /** The status bar item as it is shown now. */
  statusBar(): StatusSnapshot;
  /** Fires after each redraw of the status bar item. */
  readonly onDidUpdateStatusBar: vscode.Event<StatusSnapshot>;
}

let client: LanguageClient | undefined;

/** The server is a separate Node process; IPC is the transport VS Code extensions use for it. */
function serverOptions(context: vscode.ExtensionContext, ipc: number): ServerOptions {
  const module = context.asAbsolutePath("dist/server/server.cjs");
  // A larger young generation keeps the 44k-line benchmark file's parse out of repeated scavenges.
  const execArgv = ["--max-semi-space-size=32"];
  return {
    run: { module, transport: ipc, options: { execArgv } },
    debug: { module, transport: ipc, options: { execArgv: [...execArgv, "--inspect=6009"] } },
  };
}

/**
 * Loads vscode-languageclient (most of this bundle's code) and creates the client. Done after activate()
 * returns, so that evaluating that library is not part of the extension's activation time.
 */
async function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): Promise<LanguageClient> {
  const { LanguageClient: Client, TransportKind } = await import("vscode-languageclient/node");
  const watcher = vscode.workspace.createFileSystemWatcher("**/*.{conf,inc,cfg}");
  context.subscriptions.push(watcher);
  const options: LanguageClientOptions = {
    documentSelector: [
      { scheme: "file", language: LANGUAGE_ID },
      { scheme: "untitled", language: LANGUAGE_ID },
    ],
    synchronize: { configurationSection: "keepalived", fileEvents: watcher },
    initializationOptions: { settings: vscode.workspace.getConfiguration("keepalived") },
    outputChannel: output,
    traceOutputChannel: output,
    middleware: {
      // On a change the library re-pulls that document and the other visible ones except the active one, which
      // it expects to change only by typing. A quick fix that edits just the peer left the active file's pair
      // diagnostics stale until its next keystroke; so then every open document is pulled again.
      async didChange(event, next) {
        await next(event);
        const active = vscode.window.activeTextEditor?.document;
        if (active !== undefined && active !== event.document && active.languageId === LANGUAGE_ID) client?.getFeature("textDocument/diagnostic").refresh();
      },
    },
  };
  return new Client("keepalived", "Keepalived Language Server", serverOptions(context, TransportKind.ipc), options);
}

/** Files that a keepalived configuration includes are keepalived too, whatever their name. */
async function adoptIncludedFile(document: vscode.TextDocument): Promise<void> {
  if (client === undefined || document.languageId === LANGUAGE_ID || document.uri.scheme !== "file") return;
  const included: string[] = await client.sendRequest(INCLUDED_FILES_REQUEST);
  if (included.includes(document.uri.toString())) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

async function startClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel, status: StatusItem): Promise<void> {
  const started = await createClient(context, output);
  client = started;
  status.attach(started, STATUS_REQUEST);
  await started.start();
  status.setServerState("running");
  for (const d of vscode.workspace.textDocuments) void adoptIncludedFile(d).catch((e: unknown) => output.warn(String(e)));
}

export function activate(context: vscode.ExtensionContext): KeepalivedApi {
  const activationStart = performance.now();
  const output = vscode.window.createOutputChannel("Keepalived", { log: true });
  const status = new StatusItem(output);
  context.subscriptions.push(output, status);

  context.subscriptions.push(
    vscode.commands.registerCommand("keepalived.restartServer", async () => {
      if (client === undefined) return;
      status.setServerState("starting");
      await client.restart();
      status.setServerState("running");
    }),
    vscode.commands.registerCommand("keepalived.showOutput", () => output.show(true)),
    // The wizard (and the generator and parser it uses) loads only when the command runs.
    vscode.commands.registerCommand("keepalived.generateHaPair", async () => {
      const { generateHaPair } = await import("./wizard/haPair.ts");
      return generateHaPair();
    }),
    vscode.workspace.onDidOpenTextDocument((d) => void adoptIncludedFile(d).catch((e: unknown) => output.warn(String(e)))),
  );

  // Not awaited: activation returns at once; the status bar shows the server starting, then its result.
  status.setServerState("starting");
  const serverReady = startClient(context, output, status).then(
    () => performance.now() - activationStart,
    (e: unknown) => {
      status.setServerState("failed");
      output.error(`The language server did not start: ${String(e)}`);
      throw e;
    },
  );
  // Callers that never look at serverReady must not see an unhandled rejection: the output channel has it.
  serverReady.catch(() => undefined);

  return {
    activationMs: performance.now() - activationStart,
    serverReady,
    statusBar: () => status.snapshot(),
    onDidUpdateStatusBar: status.onDidUpdate,
  };
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
