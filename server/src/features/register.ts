import { CodeActionKind, type Connection, type ServerCapabilities } from "vscode-languageserver";
import { uriOfFile } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { codeActions } from "./codeActions.ts";
import { codeLenses } from "./codeLens.ts";
import { completion } from "./completion.ts";
import type { Locator } from "./diagnostics.ts";
import { formatText } from "./formatting.ts";
import { hover } from "./hover.ts";
import { definition, prepareRename, references, rename } from "./navigation.ts";
import { fileStatus } from "./status.ts";
import { documentSymbols, foldingRanges, selectionRanges } from "./structure.ts";

export const STATUS_REQUEST = "keepalived/status";
export const INCLUDED_FILES_REQUEST = "keepalived/includedFiles";

/**
 * Registers the editor features. Each handler catches its own errors, logs them and answers with an empty
 * result, so that one bad file never takes a feature down for the session.
 */
export function registerFeatures(connection: Connection, workspace: Workspace, log: (message: string) => void): ServerCapabilities {
  const locator: Locator = {
    source: (file) => workspace.source(file),
    uriOf: (file) => workspace.documents.uriOf(file) ?? uriOfFile(file),
  };
  function guard<P, R>(name: string, fallback: R, handler: (params: P) => R): (params: P) => R {
    return (params: P) => {
      try {
        return handler(params);
      } catch (e) {
        log(`${name} failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
        return fallback;
      }
    };
  }

  connection.onCompletion(guard("completion", [], (p) => completion(workspace, p)));
  connection.onCodeAction(guard("codeAction", [], (p) => codeActions(workspace, locator, p)));
  connection.onHover(guard("hover", null, (p) => hover(workspace, p)));
  connection.onCodeLens(guard("codeLens", [], (p) => codeLenses(workspace, p)));
  connection.onDocumentSymbol(guard("documentSymbol", [], (p) => documentSymbols(workspace, p.textDocument.uri)));
  connection.onFoldingRanges(guard("foldingRange", [], (p) => foldingRanges(workspace, p.textDocument.uri)));
  connection.onSelectionRanges(guard("selectionRange", [], (p) => selectionRanges(workspace, p.textDocument.uri, p.positions)));
  connection.onDefinition(guard("definition", [], (p) => definition(workspace, locator, p.textDocument.uri, p.position)));
  connection.onReferences(guard("references", [], (p) => references(workspace, locator, p.textDocument.uri, p.position, p.context.includeDeclaration)));
  connection.onPrepareRename(guard("prepareRename", null, (p) => prepareRename(workspace, p.textDocument.uri, p.position)));
  // A rename to an impossible name throws on purpose: the client shows the message.
  connection.onRenameRequest((p) => rename(workspace, locator, p.textDocument.uri, p.position, p.newName));
  connection.onDocumentFormatting(
    guard("formatting", [], (p) => {
      const source = workspace.documents.source(p.textDocument.uri);
      return source === undefined ? [] : formatText(source.text, p.options);
    }),
  );
  connection.onRequest(STATUS_REQUEST, guard("status", null, (p: { uri: string }) => fileStatus(workspace, p.uri)));
  connection.onRequest(
    INCLUDED_FILES_REQUEST,
    guard("includedFiles", [], () => [...workspace.includers().keys()].map((f) => locator.uriOf(f))),
  );

  return {
    completionProvider: { triggerCharacters: [" "], resolveProvider: false },
    codeActionProvider: { codeActionKinds: [CodeActionKind.QuickFix] },
    hoverProvider: true,
    codeLensProvider: { resolveProvider: false },
    documentSymbolProvider: { label: "keepalived" },
    foldingRangeProvider: true,
    selectionRangeProvider: true,
    definitionProvider: true,
    referencesProvider: true,
    renameProvider: { prepareProvider: true },
    documentFormattingProvider: true,
  };
}
