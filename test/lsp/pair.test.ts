import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import type { CodeAction, CompletionItem, Diagnostic, TextEdit } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { startInBand, type InBand } from "./inband.ts";

const PRIMARY = readFileSync(new URL("../../examples/guide/keepalived-primary.conf", import.meta.url), "utf8");
const STANDBY = readFileSync(new URL("../../examples/guide/keepalived-standby.conf", import.meta.url), "utf8");
const STANDBY_52 = STANDBY.replace("virtual_router_id 51", "virtual_router_id 52");

const has = (code: string) => (list: Diagnostic[]) => list.some((d) => d.code === code);
const lacks = (code: string) => (list: Diagnostic[]) => !list.some((d) => d.code === code);

describe("language server: primary/standby pairs", () => {
  let server: InBand;
  let dir: string;
  const uriOf = (name: string): string => pathToFileURL(join(dir, name)).href;
  const texts = new Map<string, { text: string; version: number }>();

  async function start(onDisk: Record<string, string>, settings?: unknown): Promise<void> {
    dir = mkdtempSync(join(tmpdir(), "kha-pair-"));
    for (const [name, text] of Object.entries(onDisk)) writeFileSync(join(dir, name), text);
    server = await startInBand({ rootUri: pathToFileURL(dir).href, ...(settings !== undefined ? { settings } : {}) });
  }

  async function open(name: string, text: string): Promise<void> {
    texts.set(uriOf(name), { text, version: 1 });
    await server.open(uriOf(name), text, 1);
  }

  async function edit(uri: string, text: string): Promise<void> {
    const current = texts.get(uri)!;
    const next = { text, version: current.version + 1 };
    texts.set(uri, next);
    await server.change(uri, next.version, text);
  }

  /** Applies a WorkspaceEdit as an editor would: every file's edits to its open text. */
  async function apply(action: CodeAction): Promise<void> {
    for (const [uri, edits] of Object.entries(action.edit?.changes ?? {})) {
      const current = texts.get(uri);
      assert.ok(current !== undefined, `the fix edits ${uri}, which the test has open`);
      const document = TextDocument.create(uri, "keepalived", current.version, current.text);
      await edit(uri, TextDocument.applyEdits(document, edits as TextEdit[]));
    }
  }

  afterEach(async () => {
    texts.clear();
    await server.dispose();
  });

  it("shows a VRID mismatch in both files, offers the fix, and applying it clears both", async () => {
    await start({ "keepalived-primary.conf": PRIMARY, "keepalived-standby.conf": STANDBY_52 });
    const primary = uriOf("keepalived-primary.conf");
    const standby = uriOf("keepalived-standby.conf");
    const inPrimary = server.diagnostics(primary, has("vrid-mismatch"));
    const inStandby = server.diagnostics(standby, has("vrid-mismatch"));
    await open("keepalived-primary.conf", PRIMARY);
    await open("keepalived-standby.conf", STANDBY_52);
    const [p, s] = await Promise.all([inPrimary, inStandby]);
    const diagnostic = p.find((d) => d.code === "vrid-mismatch")!;
    assert.equal(diagnostic.relatedInformation?.[0]?.location.uri, standby);
    assert.ok(s.some((d) => d.code === "vrid-mismatch" && d.relatedInformation?.[0]?.location.uri === primary));

    const actions = (await server.client.sendRequest("textDocument/codeAction", {
      textDocument: { uri: primary },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const preferred = actions.find((a) => a.isPreferred === true);
    assert.ok(preferred !== undefined, JSON.stringify(actions.map((a) => a.title)));
    assert.match(preferred.title, /keepalived-standby\.conf/);
    assert.ok(actions.some((a) => a.title.includes("here")), "the other direction is offered too");

    const clearedPrimary = server.diagnostics(primary, lacks("vrid-mismatch"));
    const clearedStandby = server.diagnostics(standby, lacks("vrid-mismatch"));
    await apply(preferred);
    await Promise.all([clearedPrimary, clearedStandby]);
    assert.match(texts.get(standby)!.text, /virtual_router_id 51/);
  });

  it("re-checks the other member when one is edited, without saving", async () => {
    await start({ "keepalived-primary.conf": PRIMARY, "keepalived-standby.conf": STANDBY });
    const primary = uriOf("keepalived-primary.conf");
    const standby = uriOf("keepalived-standby.conf");
    const first = server.diagnostics(primary);
    await open("keepalived-primary.conf", PRIMARY);
    await open("keepalived-standby.conf", STANDBY);
    assert.ok(lacks("vrid-mismatch")(await first));
    const mismatch = server.diagnostics(primary, has("vrid-mismatch"));
    await edit(standby, STANDBY_52);
    await mismatch;
    const back = server.diagnostics(primary, lacks("vrid-mismatch"));
    await edit(standby, STANDBY);
    await back;
  });

  it("reads a peer that is not open from the disk", async () => {
    await start({ "keepalived-primary.conf": PRIMARY, "keepalived-standby.conf": STANDBY_52 });
    const primary = uriOf("keepalived-primary.conf");
    const seen = server.diagnostics(primary, has("vrid-mismatch"));
    await open("keepalived-primary.conf", PRIMARY);
    await seen;
  });

  it("keeps the peer's diagnostics right when a member is closed: its saved text counts again", async () => {
    await start({ "keepalived-primary.conf": PRIMARY, "keepalived-standby.conf": STANDBY_52 });
    const primary = uriOf("keepalived-primary.conf");
    const standby = uriOf("keepalived-standby.conf");
    const mismatch = server.diagnostics(primary, has("vrid-mismatch"));
    await open("keepalived-primary.conf", PRIMARY);
    await open("keepalived-standby.conf", STANDBY_52);
    await mismatch;
    const fixedInMemory = server.diagnostics(primary, lacks("vrid-mismatch"));
    await edit(standby, STANDBY);
    await fixedInMemory;
    // Closed without saving: the disk still says 52.
    const again = server.diagnostics(primary, has("vrid-mismatch"));
    const cleared = server.diagnostics(standby, (d) => d.length === 0);
    await server.close(standby);
    await Promise.all([again, cleared]);
  });

  it("pairs the files of a keepalived.peers group whatever their addresses say", async () => {
    const router = (name: string, vip: string): string => `vrrp_instance ${name} {\n  state BACKUP\n  interface eth0\n  virtual_router_id 51\n  priority 100\n  virtual_ipaddress {\n    ${vip}\n  }\n}\n`;
    const files = { "keepalived-a.conf": router("VI_A", "10.0.0.100/24"), "keepalived-b.conf": router("VI_B", "10.0.0.200/24") };
    await start(files, { peers: [["keepalived-*.conf"]] });
    const seen = server.diagnostics(uriOf("keepalived-a.conf"), has("vip-mismatch"));
    await open("keepalived-a.conf", files["keepalived-a.conf"]);
    await seen;
  });

  it("fixes a placeholder auth_pass in both files with one random password", async () => {
    await start({ "keepalived-primary.conf": PRIMARY, "keepalived-standby.conf": STANDBY });
    const primary = uriOf("keepalived-primary.conf");
    const standby = uriOf("keepalived-standby.conf");
    const seen = server.diagnostics(primary, has("auth-pass-placeholder"));
    const seenStandby = server.diagnostics(standby, has("auth-pass-placeholder"));
    await open("keepalived-primary.conf", PRIMARY);
    await open("keepalived-standby.conf", STANDBY);
    const diagnostic = (await seen).find((d) => d.code === "auth-pass-placeholder")!;
    await seenStandby;
    const actions = (await server.client.sendRequest("textDocument/codeAction", {
      textDocument: { uri: primary },
      range: diagnostic.range,
      context: { diagnostics: [diagnostic] },
    })) as CodeAction[];
    const random = actions.find((a) => a.isPreferred === true)!;
    assert.deepEqual(Object.keys(random.edit!.changes!).sort(), [primary, standby].sort());
    const [a, b] = [primary, standby].map((u) => random.edit!.changes![u]![0]!.newText);
    assert.equal(a, b);
    assert.match(a!, /^[A-Za-z0-9]{8}$/);
    const clean = (list: Diagnostic[]) => !list.some((d) => String(d.code).startsWith("auth-pass"));
    const cleanPrimary = server.diagnostics(primary, clean);
    const cleanStandby = server.diagnostics(standby, clean);
    await apply(random);
    await Promise.all([cleanPrimary, cleanStandby]);
  });

  it("offers, in a new file, the other node of a primary whose peer has no configuration yet: the pair it writes is clean", async () => {
    await start({ "keepalived-primary.conf": PRIMARY });
    const standby = uriOf("keepalived-standby.conf");
    await open("keepalived-standby.conf", "");
    const items = (await server.client.sendRequest("textDocument/completion", { textDocument: { uri: standby }, position: { line: 0, character: 0 } })) as CompletionItem[];
    const mirror = items.find((i) => i.label === "ha-standby (mirror of keepalived-primary.conf)");
    assert.ok(mirror !== undefined, `no mirror item among ${items.slice(0, 5).map((i) => i.label).join(", ")}`);
    assert.equal(items[0], mirror, "offered first");
    assert.equal(mirror.insertText, STANDBY, "the guide's standby, written from the guide's primary");
    // Inserted: the pair has no problem of its own (the guide's placeholder password warnings aside).
    const pairCodes = ["vrid-mismatch", "auth-pass-mismatch", "vip-mismatch", "unicast-not-mirrored", "priority-tie", "priority-reversed", "both-master", "weight-too-small", "peer-not-found"];
    const settled = server.diagnostics(standby, (list) => list.some((d) => d.code === "auth-pass-placeholder") && !list.some((d) => pairCodes.includes(String(d.code))));
    await edit(standby, mirror.insertText!);
    await settled;
    // Once the standby exists, a new file is offered no second standby.
    await open("keepalived-third.conf", "");
    const again = (await server.client.sendRequest("textDocument/completion", { textDocument: { uri: uriOf("keepalived-third.conf") }, position: { line: 0, character: 0 } })) as CompletionItem[];
    assert.ok(!again.some((i) => String(i.label).startsWith("ha-")), "no mirror once the peer has a configuration");
  });
});
