import * as vscode from "vscode";
import {
  LanguageClient,
  TransportKind,
  type LanguageClientOptions,
  type ServerOptions,
} from "vscode-languageclient/node";
import { StatusItem } from "./status.ts";

export const LANGUAGE_ID = "keepalived";
const STATUS_REQUEST = "keepalived/status";
const INCLUDED_FILES_REQUEST = "keepalived/includedFiles";

let client: LanguageClient | undefined;

function serverOptions(context: vscode.ExtensionContext): ServerOptions {
  const module = context.asAbsolutePath("dist/server/server.cjs");
  // A larger young generation keeps the 44k-line benchmark file's parse out of repeated scavenges.
  const execArgv = ["--max-semi-space-size=32"];
  return {
    run: { module, transport: TransportKind.ipc, options: { execArgv } },
    debug: { module, transport: TransportKind.ipc, options: { execArgv: [...execArgv, "--inspect=6009"] } },
  };
}

function createClient(context: vscode.ExtensionContext, output: vscode.LogOutputChannel): LanguageClient {
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
  };
  return new LanguageClient("keepalived", "Keepalived Language Server", serverOptions(context), options);
}

/** Files that a keepalived configuration includes are keepalived too, whatever their name. */
async function adoptIncludedFile(document: vscode.TextDocument): Promise<void> {
  if (client === undefined || document.languageId === LANGUAGE_ID || document.uri.scheme !== "file") return;
  const included: string[] = await client.sendRequest(INCLUDED_FILES_REQUEST);
  if (included.includes(document.uri.toString())) await vscode.languages.setTextDocumentLanguage(document, LANGUAGE_ID);
}

export function activate(context: vscode.ExtensionContext): void {
  const output = vscode.window.createOutputChannel("Keepalived", { log: true });
  const status = new StatusItem(output);
  context.subscriptions.push(output, status);
  client = createClient(context, output);
  status.attach(client, STATUS_REQUEST);

  context.subscriptions.push(
    vscode.commands.registerCommand("keepalived.restartServer", async () => {
      status.setServerState("starting");
      await client?.restart();
    }),
    vscode.commands.registerCommand("keepalived.showOutput", () => output.show(true)),
    vscode.workspace.onDidOpenTextDocument((d) => void adoptIncludedFile(d).catch((e: unknown) => output.warn(String(e)))),
  );

  // Starting the server is not awaited: activation returns at once and the status bar shows progress.
  status.setServerState("starting");
  client.start().then(
    () => {
      status.setServerState("running");
      for (const d of vscode.workspace.textDocuments) void adoptIncludedFile(d).catch(() => undefined);
    },
    (e: unknown) => {
      status.setServerState("failed");
      output.error(`The language server did not start: ${String(e)}`);
    },
  );
}

export async function deactivate(): Promise<void> {
  await client?.stop();
  client = undefined;
}
