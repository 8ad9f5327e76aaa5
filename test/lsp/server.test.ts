import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CompletionItem, Hover, DocumentSymbol, TextEdit, WorkspaceEdit, Location } from "vscode-languageserver";
import { startInBand, type InBand } from "./inband.ts";

const guide = readFileSync(new URL("../../examples/guide/keepalived-primary.conf", import.meta.url), "utf8");

describe("language server in-band", () => {
  let server: InBand;
  let dir: string;
  beforeEach(async () => {
    dir = mkdtempSync(join(tmpdir(), "kha-lsp-"));
    server = await startInBand({ rootUri: pathToFileURL(dir).href });
  });
  afterEach(async () => {
    await server.dispose();
  });
  const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;

  it("publishes diagnostics on open and updates them on change", async () => {
    const uri = uriOf("keepalived.conf");
    const first = server.diagnostics(uri, (d) => d.length > 0);
    await server.open(uri, guide);
    const diagnostics = await first;
    assert.ok(diagnostics.some((d) => d.code === "auth-pass-truncated"), JSON.stringify(diagnostics));
    const fixed = guide.replace("REPLACE_WITH_YOUR_OWN_SHARED_VRRP_PASSWORD", "Xk3pQ9zL");
    const cleared = server.diagnostics(uri, (d) => !d.some((x) => x.code === "auth-pass-truncated"));
    await server.change(uri, 2, fixed);
    assert.deepEqual((await cleared).filter((d) => d.severity === 1), []);
  });

  it("parses a document version once however many features ask", async () => {
    const uri = uriOf("keepalived.conf");
    const published = server.diagnostics(uri);
    await server.open(uri, guide);
    await published;
    const before = server.workspace.documents.parseCount;
    await server.client.sendRequest("textDocument/documentSymbol", { textDocument: { uri } });
    await server.client.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line: 15, character: 3 } });
    await server.client.sendRequest("textDocument/foldingRange", { textDocument: { uri } });
    assert.equal(server.workspace.documents.parseCount, before);
  });

  it("completes keywords of the block at the cursor and enum values", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, "vrrp_instance VI_1 {\n  \n  state \n}\n");
    const keywords = (await server.client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 1, character: 2 } })) as CompletionItem[];
    const labels = keywords.map((k) => k.label);
    assert.ok(labels.includes("priority") && labels.includes("virtual_router_id") && !labels.includes("router_id"), labels.join(","));
    const states = (await server.client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 2, character: 8 } })) as CompletionItem[];
    assert.deepEqual(states.map((s) => s.label).sort(), ["BACKUP", "MASTER"]);
  });

  it("completes defined vrrp_script names inside track_script", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, 'vrrp_script chk_a {\n script "/bin/true"\n}\nvrrp_instance V {\n track_script {\n  \n }\n}\n');
    const items = (await server.client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line: 5, character: 2 } })) as CompletionItem[];
    assert.deepEqual(items.map((i) => i.label), ["chk_a"]);
  });

  it("hovers a keyword with its range", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, guide);
    const line = guide.split("\n").findIndex((l) => /^\s*priority /.test(l));
    const result = (await server.client.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: 2 } })) as Hover;
    const value = (result.contents as { value: string }).value;
    assert.match(value, /1\.\.255/);
  });

  it("outlines blocks, goes to a script definition and renames it everywhere", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, guide);
    const symbols = (await server.client.sendRequest("textDocument/documentSymbol", { textDocument: { uri } })) as DocumentSymbol[];
    assert.deepEqual(symbols.map((s) => s.name), ["global_defs", "vrrp_script check_emqx_edge", "vrrp_instance EMQX_EDGE_HA"]);
    const lines = guide.split("\n");
    const refLine = lines.findIndex((l, i) => l.trim() === "check_emqx_edge" && i > 20);
    const defs = (await server.client.sendRequest("textDocument/definition", { textDocument: { uri }, position: { line: refLine, character: 2 } })) as Location[];
    assert.equal(defs.length, 1);
    assert.equal(defs[0]!.range.start.line, lines.findIndex((l) => l.startsWith("vrrp_script")));
    const edit = (await server.client.sendRequest("textDocument/rename", { textDocument: { uri }, position: { line: refLine, character: 2 }, newName: "chk_broker" })) as WorkspaceEdit;
    assert.equal(edit.changes?.[uri]?.length, 2);
  });

  it("formats indentation only, idempotently", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, "global_defs {\nrouter_id A # keep\n}\n");
    const edits = (await server.client.sendRequest("textDocument/formatting", { textDocument: { uri }, options: { tabSize: 4, insertSpaces: true } })) as TextEdit[];
    assert.deepEqual(edits, [{ range: { start: { line: 1, character: 0 }, end: { line: 1, character: 0 } }, newText: "    " }]);
  });

  it("reports diagnostics of an included file on that file, judged inside its includer", async () => {
    writeFileSync(join(dir, "vips.inc"), "192.168.1.100/24\nnot-an-address\n");
    const main = uriOf("keepalived.conf");
    const inc = uriOf("vips.inc");
    const text = "vrrp_instance V {\n virtual_router_id 5\n virtual_ipaddress {\n  include vips.inc\n }\n}\n";
    await server.open(main, text);
    const incDiagnostics = server.diagnostics(inc, (d) => d.length > 0);
    await server.open(inc, readFileSync(join(dir, "vips.inc"), "utf8"));
    const list = await incDiagnostics;
    assert.deepEqual(list.map((d) => [d.code, d.range.start.line]), [["invalid-value", 1]]);
  });
});
