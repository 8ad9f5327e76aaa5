/**
 * The harness probe: a throwaway extension that exercises each thing the real extension's VS Code tests look
 * at, so test/vscode/harness.ts and workbench.ts are proven before that extension exists. It activates on its
 * language and offers:
 * - a command whose effect shows to an in-host test (its return value) and to a person (a status bar item);
 * - a warning on each `bad` word, a completion `probe-keyword`, and a quick fix turning `bad` into `good`,
 *   the shapes of the Problems panel, completion and Ctrl+. tests.
 */
import * as vscode from "vscode";

const LANGUAGE = "keepalived-probe";
const BAD_WORD = /\bbad\b/g;
const DIAGNOSTIC_CODE = "probe-bad-word";

function diagnosticsOf(document: vscode.TextDocument): vscode.Diagnostic[] {
  const found: vscode.Diagnostic[] = [];
  for (const match of document.getText().matchAll(BAD_WORD)) {
    const start = document.positionAt(match.index);
    const range = new vscode.Range(start, start.translate(0, match[0].length));
    const diagnostic = new vscode.Diagnostic(range, "probe: 'bad' is not allowed", vscode.DiagnosticSeverity.Warning);
    diagnostic.code = DIAGNOSTIC_CODE;
    diagnostic.source = "keepalived-probe";
    found.push(diagnostic);
  }
  return found;
}

const quickFixes: vscode.CodeActionProvider = {
  provideCodeActions(document, _range, context) {
    return context.diagnostics
      .filter((diagnostic) => diagnostic.code === DIAGNOSTIC_CODE)
      .map((diagnostic) => {
        const fix = new vscode.CodeAction("Replace 'bad' with 'good'", vscode.CodeActionKind.QuickFix);
        fix.diagnostics = [diagnostic];
        fix.edit = new vscode.WorkspaceEdit();
        fix.edit.replace(document.uri, diagnostic.range, "good");
        fix.isPreferred = true;
        return fix;
      });
  },
};

const completions: vscode.CompletionItemProvider = {
  provideCompletionItems() {
    const item = new vscode.CompletionItem("probe-keyword", vscode.CompletionItemKind.Keyword);
    item.insertText = "probe-keyword on";
    return [item];
  },
};

export function activate(context: vscode.ExtensionContext): void {
  const status = vscode.window.createStatusBarItem("keepalivedProbe.status", vscode.StatusBarAlignment.Left, 1000);
  status.name = "Keepalived Probe";
  const diagnostics = vscode.languages.createDiagnosticCollection(LANGUAGE);
  const refresh = (document: vscode.TextDocument): void => {
    if (document.languageId === LANGUAGE) diagnostics.set(document.uri, diagnosticsOf(document));
  };
  vscode.workspace.textDocuments.forEach(refresh);
  context.subscriptions.push(
    status,
    diagnostics,
    vscode.workspace.onDidOpenTextDocument(refresh),
    vscode.workspace.onDidChangeTextDocument((event) => refresh(event.document)),
    vscode.workspace.onDidCloseTextDocument((document) => diagnostics.delete(document.uri)),
    vscode.languages.registerCodeActionsProvider(LANGUAGE, quickFixes, { providedCodeActionKinds: [vscode.CodeActionKind.QuickFix] }),
    vscode.languages.registerCompletionItemProvider(LANGUAGE, completions),
    vscode.commands.registerCommand("keepalivedProbe.describeEditor", () => {
      const editor = vscode.window.activeTextEditor;
      const description = editor === undefined ? "no editor" : `${editor.document.languageId} ${editor.document.lineCount} lines`;
      status.text = `Probe: ${description}`;
      status.show();
      return description;
    }),
  );
}

export function deactivate(): void {}
