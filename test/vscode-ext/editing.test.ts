/**
 * Editor features through VS Code's own provider commands (vscode.execute*Provider), which go through the
 * language client to the server and back into VS Code's types: completion, hover, outline, folding, formatting.
 */
import * as assert from "node:assert/strict";
import * as vscode from "vscode";
import { applyEdits, codeOf, lineOf, openInEditor, positionOf, readyApi, waitForDiagnostics, workspaceUri } from "./helpers.ts";

/** The server's completion labels: user and extension snippets (also offered here) left out. */
async function completionLabels(uri: vscode.Uri, position: vscode.Position): Promise<string[]> {
  const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", uri, position);
  return list.items.filter((item) => item.kind !== vscode.CompletionItemKind.Snippet).map((item) => (typeof item.label === "string" ? item.label : item.label.label));
}

async function hoverText(uri: vscode.Uri, position: vscode.Position): Promise<string> {
  const hovers = await vscode.commands.executeCommand<vscode.Hover[]>("vscode.executeHoverProvider", uri, position);
  return hovers
    .flatMap((h) => h.contents)
    .map((c) => (typeof c === "string" ? c : c.value))
    .join("\n");
}

describe("editing features", () => {
  const completionFile = "completion/keepalived-completion.conf";
  const guideFile = "guide/keepalived-primary.conf";

  before(async () => {
    await readyApi();
  });

  describe("completion", () => {
    it("offers the keywords of vrrp_instance on an empty line of one, and not those of global_defs", async () => {
      const editor = await openInEditor(completionFile);
      const line = lineOf(editor.document, /^\s*$/);
      const labels = await completionLabels(editor.document.uri, new vscode.Position(line, 4));
      for (const keyword of ["priority", "advert_int", "virtual_ipaddress", "authentication", "unicast_peer", "nopreempt"]) {
        assert.ok(labels.includes(keyword), `'${keyword}' missing from ${labels.length} items`);
      }
      for (const other of ["router_id", "script_user", "vrrp_instance"]) assert.ok(!labels.includes(other), `'${other}' is not a vrrp_instance keyword`);
    });

    it("offers a keyword with its arguments as snippet placeholders", async () => {
      const editor = await openInEditor(completionFile);
      const line = lineOf(editor.document, /^\s*$/);
      const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", editor.document.uri, new vscode.Position(line, 4));
      const item = list.items.find((i) => i.label === "virtual_router_id");
      assert.ok(item, "virtual_router_id offered");
      const insert = item.insertText;
      assert.ok(insert instanceof vscode.SnippetString, "inserted as a snippet");
      assert.match(insert.value, /^virtual_router_id \$\{1:/);
    });

    it("offers MASTER and BACKUP after state", async () => {
      const editor = await openInEditor(completionFile);
      const position = positionOf(editor.document, /^\s*state\s*$/, "state", "state ".length);
      const labels = await completionLabels(editor.document.uri, position);
      assert.deepEqual([...labels].sort(), ["BACKUP", "MASTER"]);
    });

    it("offers the defined vrrp_script names inside track_script", async () => {
      const editor = await openInEditor(completionFile);
      const trackLine = lineOf(editor.document, /track_script \{/);
      const labels = await completionLabels(editor.document.uri, new vscode.Position(trackLine + 1, 8));
      assert.deepEqual([...labels].sort(), ["chk_a", "chk_b"]);
    });

    it("offers, in an empty file beside a primary whose standby has no file yet, that standby written from the primary", async () => {
      const primary = workspaceUri("mirror/keepalived-edge-a.conf");
      await openInEditor("mirror/keepalived-edge-a.conf");
      await waitForDiagnostics(primary, (list) => list.some((d) => codeOf(d) === "peer-not-found"));
      const editor = await openInEditor("mirror/keepalived-edge-b.conf");
      try {
        const list = await vscode.commands.executeCommand<vscode.CompletionList>("vscode.executeCompletionItemProvider", editor.document.uri, new vscode.Position(0, 0));
        const item = list.items.find((i) => (typeof i.label === "string" ? i.label : i.label.label) === "ha-standby (mirror of keepalived-edge-a.conf)");
        assert.ok(item !== undefined, "the mirror is offered");
        const text = typeof item.insertText === "string" ? item.insertText : (item.insertText?.value ?? "");
        assert.match(text, /unicast_src_ip 10\.77\.0\.11\n\s+unicast_peer \{\n\s+10\.77\.0\.10\n/);
        assert.match(text, /auth_pass P3UX273P/);
        assert.ok(await editor.edit((e) => e.insert(new vscode.Position(0, 0), text)), "the edit was not applied");
        // The pair is complete and consistent: the primary's peer-not-found goes, and neither file has a pair problem.
        const pairCodes = ["peer-not-found", "vrid-mismatch", "auth-pass-mismatch", "vip-mismatch", "unicast-not-mirrored", "priority-tie", "priority-reversed", "both-master", "weight-too-small"];
        const clean = (list: readonly vscode.Diagnostic[]): boolean => !list.some((d) => pairCodes.includes(String(codeOf(d))) || d.severity <= vscode.DiagnosticSeverity.Warning);
        await waitForDiagnostics(primary, clean);
        await waitForDiagnostics(editor.document.uri, clean);
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand("workbench.action.files.revert");
      }
    });
  });

  describe("hover", () => {
    it("explains a keyword with its range and default", async () => {
      const editor = await openInEditor(guideFile);
      const text = await hoverText(editor.document.uri, positionOf(editor.document, /^\s*priority/, "priority", 2));
      assert.match(text, /priority PRIORITY/);
      assert.match(text, /Election priority/);
      assert.match(text, /1\.\.255/);
    });

    it("sums up an instance on its name", async () => {
      const editor = await openInEditor(guideFile);
      const text = await hoverText(editor.document.uri, positionOf(editor.document, /vrrp_instance/, "EMQX_EDGE_HA", 3));
      assert.match(text, /vrrp_instance EMQX_EDGE_HA/);
      assert.match(text, /state MASTER · priority 100 · VRID 51/);
      assert.match(text, /VIP 192\.168\.1\.100\/24/);
    });
  });

  describe("structure", () => {
    it("outlines the top-level blocks with their contents", async () => {
      const editor = await openInEditor(guideFile);
      const symbols = await vscode.commands.executeCommand<vscode.DocumentSymbol[]>("vscode.executeDocumentSymbolProvider", editor.document.uri);
      assert.deepEqual(
        symbols.map((s) => s.name),
        ["global_defs", "vrrp_script check_emqx_edge", "vrrp_instance EMQX_EDGE_HA"],
      );
      const instance = symbols[2]!;
      assert.equal(instance.kind, vscode.SymbolKind.Class);
      const children = instance.children.map((c) => c.name);
      for (const name of ["state", "priority", "virtual_ipaddress", "track_script", "authentication"]) assert.ok(children.includes(name), `${name} in ${children.join(", ")}`);
      assert.equal(instance.range.start.line, lineOf(editor.document, /^vrrp_instance/));
      assert.equal(instance.range.end.line, editor.document.lineCount - 2, "the instance ends at its closing brace, the last line");
    });

    it("folds each block from its keyword to the line before its closing brace", async () => {
      const editor = await openInEditor(guideFile);
      const ranges = await vscode.commands.executeCommand<vscode.FoldingRange[]>("vscode.executeFoldingRangeProvider", editor.document.uri);
      const folded = ranges.map((r) => `${r.start}-${r.end}`);
      const document = editor.document;
      // The line of the brace that closes the block opened on `start` (the guide is not indented).
      const closing = (start: number): number => {
        let depth = 0;
        for (let line = start; line < document.lineCount; line++) {
          for (const ch of document.lineAt(line).text.replace(/#.*/, "")) depth += ch === "{" ? 1 : ch === "}" ? -1 : 0;
          if (depth === 0) return line;
        }
        return assert.fail(`the block on line ${start + 1} is not closed`);
      };
      for (const pattern of [/^global_defs/, /^vrrp_script/, /^vrrp_instance/, /authentication \{/]) {
        const start = lineOf(document, pattern);
        const wanted = `${start}-${closing(start) - 1}`;
        assert.ok(folded.includes(wanted), `${pattern} folds as ${wanted}; got ${folded.join(", ")}`);
      }
      const peer = lineOf(document, /unicast_peer \{/);
      assert.ok(folded.includes(`${peer}-${peer + 1}`), `unicast_peer folds; got ${folded.join(", ")}`);
    });
  });

  describe("formatting", () => {
    const formatFile = "format/keepalived-format.conf";
    const options: vscode.FormattingOptions = { tabSize: 4, insertSpaces: true };
    const expected = [
      "vrrp_instance VI_FMT {",
      "    state BACKUP",
      "    interface eth0",
      "    virtual_router_id 90",
      "    priority 80",
      "    virtual_ipaddress {",
      "        10.3.0.100/24 # the VIP",
      "    }",
      "}",
      "",
    ].join("\n");

    it("re-indents only, keeping every word and comment, and a second pass changes nothing", async () => {
      const editor = await openInEditor(formatFile);
      try {
        const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", editor.document.uri, options);
        assert.ok(edits.length > 0, "the badly indented file gets edits");
        assert.equal(applyEdits(editor.document, edits), expected);
        const applied = new vscode.WorkspaceEdit();
        applied.set(editor.document.uri, edits);
        assert.ok(await vscode.workspace.applyEdit(applied), "the formatting edits apply");
        assert.equal(editor.document.getText(), expected);
        const again = await vscode.commands.executeCommand<vscode.TextEdit[] | undefined>("vscode.executeFormatDocumentProvider", editor.document.uri, options);
        // VS Code answers undefined rather than [] when no formatter edit is left.
        assert.deepEqual(again ?? [], [], "formatting is idempotent");
      } finally {
        await vscode.window.showTextDocument(editor.document);
        await vscode.commands.executeCommand("workbench.action.files.revert");
      }
    });

    it("indents with tabs when the editor does", async () => {
      const document = await vscode.workspace.openTextDocument(workspaceUri(formatFile));
      const edits = await vscode.commands.executeCommand<vscode.TextEdit[]>("vscode.executeFormatDocumentProvider", document.uri, { tabSize: 8, insertSpaces: false });
      assert.equal(applyEdits(document, edits), expected.replace(/ {4}/g, "\t"));
    });
  });
});
