import { PassThrough } from "node:stream";
import {
  createMessageConnection,
  StreamMessageReader,
  StreamMessageWriter,
  type MessageConnection,
} from "vscode-jsonrpc/node";
import { createConnection } from "vscode-languageserver/node";
import type { ClientCapabilities, Diagnostic, PublishDiagnosticsParams } from "vscode-languageserver";
import { startServer } from "../../server/src/startServer.ts";
import type { Workspace } from "../../server/src/workspace/workspace.ts";

/**
 * A language server and a JSON-RPC client joined by two in-memory streams: real protocol messages, no
 * process and no editor.
 */
export interface InBand {
  client: MessageConnection;
  workspace: Workspace;
  /** Resolves with the next diagnostics published for `uri` that satisfy `accept`. */
  diagnostics(uri: string, accept?: (d: Diagnostic[]) => boolean, timeoutMs?: number): Promise<Diagnostic[]>;
  open(uri: string, text: string, version?: number): Promise<void>;
  change(uri: string, version: number, text: string): Promise<void>;
  close(uri: string): Promise<void>;
  dispose(): Promise<void>;
}

export async function startInBand(options: { rootUri?: string; capabilities?: ClientCapabilities; settings?: unknown } = {}): Promise<InBand> {
  const toServer = new PassThrough();
  const toClient = new PassThrough();
  const serverConnection = createConnection(new StreamMessageReader(toServer), new StreamMessageWriter(toClient));
  const workspace = startServer(serverConnection);
  const client = createMessageConnection(new StreamMessageReader(toClient), new StreamMessageWriter(toServer));
  const latest = new Map<string, Diagnostic[]>();
  const waiters: Array<{ uri: string; accept: (d: Diagnostic[]) => boolean; resolve: (d: Diagnostic[]) => void }> = [];
  client.onNotification("textDocument/publishDiagnostics", (params: PublishDiagnosticsParams) => {
    latest.set(params.uri, params.diagnostics);
    for (const w of [...waiters]) {
      if (w.uri === params.uri && w.accept(params.diagnostics)) {
        waiters.splice(waiters.indexOf(w), 1);
        w.resolve(params.diagnostics);
      }
    }
  });
  client.onRequest("workspace/configuration", () => [options.settings ?? {}]);
  client.onRequest("client/registerCapability", () => null);
  client.onNotification("window/logMessage", () => undefined);
  client.listen();
  await client.sendRequest("initialize", {
    // A process id makes the server poll that process every few seconds, which keeps mocha from exiting.
    processId: null,
    rootUri: options.rootUri ?? null,
    capabilities: options.capabilities ?? { workspace: { configuration: true } },
    initializationOptions: options.settings !== undefined ? { settings: options.settings } : undefined,
  });
  await client.sendNotification("initialized", {});
  return {
    client,
    workspace,
    diagnostics(uri, accept = () => true, timeoutMs = 10_000) {
      return new Promise((resolve, reject) => {
        const timer = setTimeout(() => reject(new Error(`no matching diagnostics for ${uri} within ${timeoutMs} ms; last: ${JSON.stringify(latest.get(uri))}`)), timeoutMs);
        waiters.push({ uri, accept, resolve: (d) => (clearTimeout(timer), resolve(d)) });
      });
    },
    open: (uri, text, version = 1) => client.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "keepalived", version, text } }),
    change: (uri, version, text) => client.sendNotification("textDocument/didChange", { textDocument: { uri, version }, contentChanges: [{ text }] }),
    close: (uri) => client.sendNotification("textDocument/didClose", { textDocument: { uri } }),
    async dispose() {
      await client.sendRequest("shutdown");
      await client.sendNotification("exit");
      client.dispose();
      serverConnection.dispose();
    },
  };
}
