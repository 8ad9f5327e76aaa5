/**
 * Shared steps of the in-host tests: the fixture workspace (a fresh copy of test/vscode-ext/workspace/ that the
 * outer harness passes as KHA_WORKSPACE), the extension's API, and waits on VS Code's own events with a timeout.
 * Bundled into each *.test.cjs by scripts/build-vscode-tests.ts; runs only inside the extension host.
 */
import * as assert from "node:assert/strict";
import { join } from "node:path";
import * as vscode from "vscode";
import type { KeepalivedApi } from "../../client/src/extension.ts";
import type { StatusSnapshot } from "../../client/src/status.ts";

export const EXTENSION_ID = "keepalived-ha.keepalived-ha";
export const WAIT_MS = 20_000;

export function workspaceUri(relativePath: string): vscode.Uri {
  const root = process.env["KHA_WORKSPACE"];
  assert.ok(root, "KHA_WORKSPACE did not reach the extension host (extensionEnvironment)");
  return vscode.Uri.file(join(root, relativePath));
}

export function extension(): vscode.Extension<KeepalivedApi> {
  const found = vscode.extensions.getExtension<KeepalivedApi>(EXTENSION_ID);
  assert.ok(found, `${EXTENSION_ID} is not loaded`);
  return found;
}

/** The extension's API once its language server answers (activating it if no test did yet). */
export async function readyApi(): Promise<KeepalivedApi> {
  const api = await extension().activate();
  await withTimeout(api.serverReady, WAIT_MS, "the language server did not start");
  return api;
}

/** Opens a workspace file in an editor (activating the extension when it is keepalived). */
export async function openInEditor(relativePath: string): Promise<vscode.TextEditor> {
  const document = await vscode.workspace.openTextDocument(workspaceUri(relativePath));
  return vscode.window.showTextDocument(document, { preview: false });
}

export function withTimeout<T>(promise: Thenable<T>, ms: number, what: string): Promise<T> {
  return new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} within ${ms} ms`)), ms);
    promise.then(
      (value) => (clearTimeout(timer), resolve(value)),
      (error: unknown) => (clearTimeout(timer), reject(error)),
    );
  });
}

function describeDiagnostics(list: readonly vscode.Diagnostic[]): string {
  return JSON.stringify(list.map((d) => ({ code: codeOf(d), line: d.range.start.line, message: d.message.slice(0, 60) })));
}

/** The diagnostic's code as the server sent it (VS Code may wrap it with a link target). */
export function codeOf(diagnostic: vscode.Diagnostic): string | number | undefined {
  const code = diagnostic.code;
  return typeof code === "object" ? code.value : code;
}

/**
 * Resolves with the diagnostics of `uri` as soon as `accept` holds for them: now, or on a later
 * onDidChangeDiagnostics. Rejects after `timeoutMs`, saying what was there last.
 */
export function waitForDiagnostics(
  uri: vscode.Uri,
  accept: (list: readonly vscode.Diagnostic[]) => boolean,
  timeoutMs = WAIT_MS,
): Promise<readonly vscode.Diagnostic[]> {
  const now = vscode.languages.getDiagnostics(uri);
  if (accept(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`diagnostics of ${uri.fsPath} not as expected within ${timeoutMs} ms; last: ${describeDiagnostics(vscode.languages.getDiagnostics(uri))}`));
    }, timeoutMs);
    const subscription = vscode.languages.onDidChangeDiagnostics((event) => {
      if (!event.uris.some((changed) => changed.toString() === uri.toString())) return;
      const list = vscode.languages.getDiagnostics(uri);
      if (!accept(list)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(list);
    });
  });
}

export const hasCode = (code: string) => (list: readonly vscode.Diagnostic[]) => list.some((d) => codeOf(d) === code);
export const lacksCode = (code: string) => (list: readonly vscode.Diagnostic[]) => !list.some((d) => codeOf(d) === code);

/** Resolves once the status bar item shows text that `accept` takes. */
export function waitForStatusBar(api: KeepalivedApi, accept: (status: StatusSnapshot) => boolean, timeoutMs = WAIT_MS): Promise<StatusSnapshot> {
  const now = api.statusBar();
  if (accept(now)) return Promise.resolve(now);
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`status bar not as expected within ${timeoutMs} ms; last: ${JSON.stringify(api.statusBar())}`));
    }, timeoutMs);
    const subscription = api.onDidUpdateStatusBar((status) => {
      if (!accept(status)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(status);
    });
  });
}

/** Resolves with the next document VS Code opens that `accept` takes (a language change reopens it). */
export function waitForOpenedDocument(accept: (document: vscode.TextDocument) => boolean, timeoutMs = WAIT_MS): Promise<vscode.TextDocument> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      subscription.dispose();
      reject(new Error(`no matching document opened within ${timeoutMs} ms`));
    }, timeoutMs);
    const subscription = vscode.workspace.onDidOpenTextDocument((document) => {
      if (!accept(document)) return;
      clearTimeout(timer);
      subscription.dispose();
      resolve(document);
    });
  });
}

/** The line (0-based) of `document` whose text matches `pattern`; fails the test when there is none. */
export function lineOf(document: vscode.TextDocument, pattern: RegExp): number {
  for (let line = 0; line < document.lineCount; line++) if (pattern.test(document.lineAt(line).text)) return line;
  assert.fail(`no line of ${document.uri.fsPath} matches ${pattern}`);
}

/** The position of the first occurrence of `word` on the first line matching `pattern` (plus `offset`). */
export function positionOf(document: vscode.TextDocument, pattern: RegExp, word: string, offset = 0): vscode.Position {
  const line = lineOf(document, pattern);
  const character = document.lineAt(line).text.indexOf(word);
  assert.ok(character >= 0, `'${word}' is not on line ${line + 1} of ${document.uri.fsPath}`);
  return new vscode.Position(line, character + offset);
}

/** Compact range text for assertions: "line:char-line:char", 0-based. */
export function rangeText(range: vscode.Range): string {
  return `${range.start.line}:${range.start.character}-${range.end.line}:${range.end.character}`;
}

/** Applies text edits to a string, as a formatter's edits would be applied to the document. */
export function applyEdits(document: vscode.TextDocument, edits: readonly vscode.TextEdit[]): string {
  const text = document.getText();
  const sorted = [...edits].sort((a, b) => document.offsetAt(b.range.start) - document.offsetAt(a.range.start));
  let result = text;
  for (const edit of sorted) {
    result = result.slice(0, document.offsetAt(edit.range.start)) + edit.newText + result.slice(document.offsetAt(edit.range.end));
  }
  return result;
}
