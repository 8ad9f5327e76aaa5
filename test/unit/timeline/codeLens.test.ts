import { strict as assert } from "node:assert";
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { pathToFileURL } from "node:url";
import { TextDocument } from "vscode-languageserver-textdocument";
import { codeLenses } from "../../../server/src/features/codeLens.ts";
import { Workspace } from "../../../server/src/workspace/workspace.ts";

/** The timeline lens over each vrrp_instance with a peer, as each file of the pair reads it. */

const GUIDE = new URL("../../../examples/guide/", import.meta.url);

describe("timeline code lens", () => {
  let dir: string;
  let workspace: Workspace;
  const uri = (name: string): string => pathToFileURL(join(dir, name)).href;

  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), "kha-lens-"));
    for (const name of ["keepalived-primary.conf", "keepalived-standby.conf"]) writeFileSync(join(dir, name), readFileSync(new URL(name, GUIDE), "utf8"));
    workspace = new Workspace();
    workspace.setFolders([pathToFileURL(dir).href]);
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  it("puts the failover and node-failure lines on the primary's vrrp_instance", () => {
    const lenses = codeLenses(workspace, { textDocument: { uri: uri("keepalived-primary.conf") } });
    assert.deepEqual(
      lenses.map((l) => l.command?.title),
      [
        "check_emqx_edge fails -> VIP on keepalived-standby.conf in 4.6-7.7 s; recovers -> back in 2.6-5.7 s",
        "keepalived stops -> VIP on keepalived-standby.conf in 0.6 s; link lost -> 2.6-3.7 s",
      ],
    );
    const line = readFileSync(join(dir, "keepalived-primary.conf"), "utf8").split("\n").findIndex((l) => l.startsWith("vrrp_instance"));
    assert.ok(lenses.every((l) => l.range.start.line === line && l.command?.command === ""));
  });

  it("reads from the standby's side in the standby's file, and follows an open edit of the peer", () => {
    const standby = codeLenses(workspace, { textDocument: { uri: uri("keepalived-standby.conf") } });
    assert.equal(standby[0]?.command?.title, "check_emqx_edge fails on keepalived-primary.conf -> VIP here in 4.6-7.7 s; recovers -> back in 2.6-5.7 s");
    const edited = readFileSync(join(dir, "keepalived-primary.conf"), "utf8").replace("weight -30", "weight -5");
    workspace.documents.set(TextDocument.create(uri("keepalived-primary.conf"), "keepalived", 2, edited));
    const after = codeLenses(workspace, { textDocument: { uri: uri("keepalived-standby.conf") } });
    assert.equal(after[0]?.command?.title, "check_emqx_edge fails on keepalived-primary.conf -> VIP stays on keepalived-primary.conf");
  });

  it("shows nothing for an instance without a peer", () => {
    rmSync(join(dir, "keepalived-standby.conf"));
    workspace.rescan();
    assert.deepEqual(codeLenses(workspace, { textDocument: { uri: uri("keepalived-primary.conf") } }), []);
  });
});
