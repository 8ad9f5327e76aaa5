import { CodeActionKind, type CodeAction, type CodeActionParams, type Diagnostic as LspDiagnostic, type TextEdit as LspTextEdit } from "vscode-languageserver";
import { fixesFor, type Fix } from "../fixes/index.ts";
import { fileOfUri } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { DIAGNOSTIC_SOURCE, type Locator } from "./diagnostics.ts";

/**
 * Quick fixes for our diagnostics: each diagnostic's `code` and `data` (sent back by the client as published)
 * go to the fixes module; its message is never read. A fix's edits, in any number of files, become one
 * WorkspaceEdit.
 */
export function codeActions(workspace: Workspace, locator: Locator, params: CodeActionParams): CodeAction[] {
  const only = params.context.only;
  if (only !== undefined && !only.some((kind) => kind === CodeActionKind.QuickFix || CodeActionKind.QuickFix.startsWith(`${kind}.`) || kind === CodeActionKind.Empty)) return [];
  const file = fileOfUri(params.textDocument.uri);
  const source = workspace.source(file);
  if (source === undefined) return [];
  const actions: CodeAction[] = [];
  for (const diagnostic of params.context.diagnostics) {
    if (diagnostic.source !== DIAGNOSTIC_SOURCE || typeof diagnostic.code !== "string") continue;
    const span = { file, start: source.lines.offsetAt(diagnostic.range.start), end: source.lines.offsetAt(diagnostic.range.end) };
    const fixes = fixesFor({ code: diagnostic.code, data: diagnostic.data, span }, { text: (f) => workspace.source(f)?.text });
    for (const fix of fixes) {
      const action = toCodeAction(fix, diagnostic, workspace, locator);
      if (action !== undefined) actions.push(action);
    }
  }
  return actions;
}

function toCodeAction(fix: Fix, diagnostic: LspDiagnostic, workspace: Workspace, locator: Locator): CodeAction | undefined {
  const changes: Record<string, LspTextEdit[]> = {};
  for (const edit of fix.edits) {
    const target = workspace.source(edit.file);
    if (target === undefined) return undefined;
    (changes[locator.uriOf(edit.file)] ??= []).push({ range: target.lines.rangeOf(edit.start, edit.end), newText: edit.newText });
  }
  return {
    title: fix.title,
    kind: CodeActionKind.QuickFix,
    diagnostics: [diagnostic],
    ...(fix.preferred === true ? { isPreferred: true } : {}),
    edit: { changes },
  };
}
