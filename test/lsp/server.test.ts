import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CompletionItem, Hover, DocumentSymbol, Range, SelectionRange, TextEdit, WorkspaceEdit, Location } from "vscode-languageserver";
import { startInBand, type InBand } from "./inband.ts";

const guide = readFileSync(new URL("../../examples/guide/keepalived-primary.conf", import.meta.url), "utf8");

function textOf(text: string, range: Range): string {
  const lines = text.split("\n");
  const offset = (p: { line: number; character: number }): number => lines.slice(0, p.line).reduce((n, l) => n + l.length + 1, 0) + p.character;
  return text.slice(offset(range.start), offset(range.end));
}

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

  it("expands a selection from a word to its line, its block and the block around it", async () => {
    const uri = uriOf("keepalived.conf");
    await server.open(uri, guide);
    const lines = guide.split("\n");
    const line = lines.findIndex((l) => /^\s*auth_type /.test(l));
    const character = lines[line]!.indexOf("PASS") + 1;
    const [range] = (await server.client.sendRequest("textDocument/selectionRange", { textDocument: { uri }, positions: [{ line, character }] })) as SelectionRange[];
    const chain: string[] = [];
    for (let r: SelectionRange | undefined = range; r !== undefined; r = r.parent) chain.push(textOf(guide, r.range));
    assert.equal(chain[0], "PASS");
    assert.ok(chain.some((t) => t.trim() === "auth_type PASS"), chain.join("\n---\n"));
    assert.ok(chain.some((t) => t.startsWith("authentication {") && t.trimEnd().endsWith("}")), "the authentication block");
    assert.ok(chain.some((t) => t.startsWith("vrrp_instance ")), "the instance");
    for (let i = 1; i < chain.length; i++) assert.ok(chain[i]!.includes(chain[i - 1]!), `each range holds the one before: ${chain[i - 1]} in ${chain[i]}`);
  });

  it("completes interfaces and addresses already used in the workspace", async () => {
    writeFileSync(join(dir, "keepalived-other.conf"), guide.replace(/interface eth0/g, "interface ens18").replace(/192\.168\.1\.10\b/g, "10.9.8.7"));
    await server.dispose();
    server = await startInBand({ rootUri: pathToFileURL(dir).href });
    const uri = uriOf("keepalived.conf");
    const text = "vrrp_instance V {\n    interface \n    unicast_peer {\n        \n    }\n}\n";
    await server.open(uri, text);
    const at = async (line: number, character: number): Promise<string[]> =>
      ((await server.client.sendRequest("textDocument/completion", { textDocument: { uri }, position: { line, character } })) as CompletionItem[]).map((i) => i.label);
    assert.ok((await at(1, 14)).includes("ens18"), "the interface of the other file");
    assert.ok((await at(3, 8)).includes("10.9.8.7"), "the address of the other file");
  });

  it("says in a hover when a keyword came with 2.4 and what replaces a deprecated one", async () => {
    const uri = uriOf("keepalived.conf");
    const text = "vrrp_instance V {\n    no_virtual_ipaddress\n    vmac_garp_intvl 10\n}\n";
    await server.open(uri, text);
    const hoverAt = async (line: number): Promise<string> => {
      const hover = (await server.client.sendRequest("textDocument/hover", { textDocument: { uri }, position: { line, character: 6 } })) as Hover;
      return typeof hover.contents === "object" && "value" in hover.contents ? hover.contents.value : JSON.stringify(hover.contents);
    };
    assert.match(await hoverAt(1), /New in keepalived 2\.4/);
    assert.match(await hoverAt(2), /Deprecated: use `garp_extra_if` instead/);
  });

  it("answers shutdown with null", async () => {
    assert.equal(await server.client.sendRequest("shutdown"), null);
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

  it("reports the problems of an included file that is not open, and clears them when it is no longer included", async () => {
    writeFileSync(join(dir, "vips.inc"), "192.168.1.100/24\nnot-an-address\n");
    const main = uriOf("keepalived.conf");
    const inc = uriOf("vips.inc");
    const text = "vrrp_instance V {\n virtual_router_id 5\n virtual_ipaddress {\n  include vips.inc\n }\n}\n";
    const reported = server.diagnostics(inc, (d) => d.length > 0);
    await server.open(main, text);
    assert.deepEqual((await reported).map((d) => [d.code, d.range.start.line]), [["invalid-value", 1]]);
    const cleared = server.diagnostics(inc, (d) => d.length === 0);
    await server.change(main, 2, text.replace("  include vips.inc\n", "  192.168.1.100/24\n"));
    await cleared;
  });

  it("pushes an included file's problems to a pulling client while the file is not open, and leaves it to the pull once open", async () => {
    await server.dispose();
    server = await startInBand({ rootUri: pathToFileURL(dir).href, capabilities: { workspace: { configuration: true }, textDocument: { diagnostic: { dynamicRegistration: false } } } });
    writeFileSync(join(dir, "vips.inc"), "192.168.1.100/24\nnot-an-address\n");
    const main = uriOf("keepalived.conf");
    const inc = uriOf("vips.inc");
    const reported = server.diagnostics(inc, (d) => d.length > 0);
    await server.open(main, "vrrp_instance V {\n virtual_router_id 5\n virtual_ipaddress {\n  include vips.inc\n }\n}\n");
    assert.deepEqual((await reported).map((d) => d.code), ["invalid-value"]);
    const handedOver = server.diagnostics(inc, (d) => d.length === 0);
    await server.open(inc, readFileSync(join(dir, "vips.inc"), "utf8"));
    await handedOver;
    const pulled = (await server.client.sendRequest("textDocument/diagnostic", { textDocument: { uri: inc } })) as { items: Array<{ code: string }> };
    assert.deepEqual(pulled.items.map((d) => d.code), ["invalid-value"]);
  });
});
