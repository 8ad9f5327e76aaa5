import { strict as assert } from "node:assert";
import { fork, spawn, type ChildProcess } from "node:child_process";
import { fileURLToPath } from "node:url";
import { createMessageConnection, IPCMessageReader, IPCMessageWriter, StreamMessageReader, StreamMessageWriter, type MessageConnection } from "vscode-jsonrpc/node";
import type { PublishDiagnosticsParams } from "vscode-languageserver";

/**
 * The server as other editors start it: its own process, over stdio (Neovim, Helix, Emacs) or Node IPC (VS Code),
 * from the sources with this Node. A session: initialize, open a file, its diagnostics, shutdown, exit.
 */

const SERVER = fileURLToPath(new URL("../../server/src/server.ts", import.meta.url));

function exited(child: ChildProcess): Promise<number | null> {
  return new Promise((resolve) => child.once("exit", (code) => resolve(code)));
}

async function session(connection: MessageConnection, child: ChildProcess): Promise<void> {
  const uri = "file:///tmp/kha-transport/keepalived.conf";
  const diagnostics = new Promise<PublishDiagnosticsParams>((resolve) => connection.onNotification("textDocument/publishDiagnostics", (p: PublishDiagnosticsParams) => {
      if (p.uri === uri) resolve(p);
    }));
  connection.listen();
  const init = (await connection.sendRequest("initialize", { processId: null, rootUri: null, capabilities: {} })) as { capabilities: { hoverProvider?: boolean } };
  assert.equal(init.capabilities.hoverProvider, true);
  await connection.sendNotification("initialized", {});
  await connection.sendNotification("textDocument/didOpen", { textDocument: { uri, languageId: "keepalived", version: 1, text: "vrrp_instance V {\n    priorty 100\n}\n" } });
  const published = await diagnostics;
  assert.ok(published.diagnostics.some((d) => d.code === "unknown-keyword"), JSON.stringify(published.diagnostics));
  const closed = exited(child);
  assert.equal(await connection.sendRequest("shutdown"), null);
  await connection.sendNotification("exit");
  assert.equal(await closed, 0, "exit after shutdown ends the process with 0");
  connection.dispose();
}

describe("language server transports", function () {
  this.timeout(30_000);

  it("serves a whole session over stdio", async () => {
    const child = spawn(process.execPath, [SERVER, "--stdio"], { stdio: ["pipe", "pipe", "inherit"] });
    try {
      await session(createMessageConnection(new StreamMessageReader(child.stdout!), new StreamMessageWriter(child.stdin!)), child);
    } finally {
      child.kill();
    }
  });

  it("serves a whole session over Node IPC, as VS Code starts it", async () => {
    const child = fork(SERVER, ["--node-ipc"], { stdio: ["ignore", "ignore", "inherit", "ipc"] });
    try {
      await session(createMessageConnection(new IPCMessageReader(child), new IPCMessageWriter(child)), child);
    } finally {
      child.kill();
    }
  });
});
