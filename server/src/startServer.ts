import {
  CodeLensRefreshRequest,
  DidChangeConfigurationNotification,
  DocumentDiagnosticReportKind,
  TextDocuments,
  TextDocumentSyncKind,
  type Connection,
  type InitializeParams,
  type InitializeResult,
  type ServerCapabilities,
} from "vscode-languageserver";
import { toLspDiagnostics, type Locator } from "./features/diagnostics.ts";
import { registerFeatures } from "./features/register.ts";
import { parseSettings } from "./settings.ts";
import { fileOfUri, uriOfFile } from "./workspace/uri.ts";
import { Workspace } from "./workspace/workspace.ts";

export const SERVER_NAME = "keepalived-ha";

/**
 * Wires the language server onto a connection it is given (stdio, IPC or, in tests, two in-memory streams).
 * Nothing here runs at import time.
 */
export function startServer(connection: Connection): Workspace {
  const workspace = new Workspace();
  // The store hears of each change's range, so that a parse after an edit reads only what the edit touched.
  const documents = new TextDocuments(workspace.documents.textDocumentsConfiguration());
  let pullDiagnostics = false;
  let codeLensRefresh = false;
  let configurationRequests = false;
  const published = new Map<string, string>();

  const locator: Locator = {
    source: (file) => workspace.source(file),
    uriOf: (file) => workspace.documents.uriOf(file) ?? uriOfFile(file),
  };

  const log = (message: string): void => connection.console.log(message);

  connection.onInitialize((params: InitializeParams): InitializeResult => {
    pullDiagnostics = params.capabilities.textDocument?.diagnostic !== undefined;
    codeLensRefresh = params.capabilities.workspace?.codeLens?.refreshSupport === true;
    configurationRequests = params.capabilities.workspace?.configuration === true;
    const folders = params.workspaceFolders?.map((f) => f.uri) ?? (params.rootUri !== null ? [params.rootUri] : []);
    workspace.setFolders(folders);
    const options = params.initializationOptions as { settings?: unknown } | undefined;
    if (options?.settings !== undefined) applySettings(options.settings);
    const capabilities: ServerCapabilities = {
      textDocumentSync: { openClose: true, change: TextDocumentSyncKind.Incremental, save: { includeText: false } },
      ...featureCapabilities,
    };
    if (pullDiagnostics) capabilities.diagnosticProvider = { identifier: SERVER_NAME, interFileDependencies: true, workspaceDiagnostics: false };
    return { capabilities, serverInfo: { name: SERVER_NAME, version: "0.1.0" } };
  });

  connection.onInitialized(() => {
    if (configurationRequests) {
      void connection.client.register(DidChangeConfigurationNotification.type, { section: "keepalived" });
      void fetchSettings();
    }
  });

  function applySettings(raw: unknown): void {
    const { settings, problems } = parseSettings(raw);
    for (const p of problems) log(`Setting ${p.path} ignored: ${p.message}`);
    workspace.setSettings(settings);
  }

  async function fetchSettings(): Promise<void> {
    try {
      const raw: unknown = await connection.workspace.getConfiguration("keepalived");
      applySettings(raw);
    } catch (e) {
      log(`Could not read settings: ${String(e)}`);
    }
    refreshDiagnostics();
  }

  connection.onDidChangeConfiguration((change) => {
    if (configurationRequests) {
      void fetchSettings();
      return;
    }
    const settings = (change.settings as { keepalived?: unknown } | undefined)?.keepalived;
    applySettings(settings);
    refreshDiagnostics();
  });

  connection.onDidChangeWatchedFiles(() => {
    workspace.rescan();
    workspace.invalidate();
    refreshDiagnostics();
  });

  // Diagnostics: pushed after a coalescing tick, or pulled by clients that support it. A pulling client asks
  // again by itself when an open document changes (interFileDependencies makes it re-pull the others too), so
  // it is only told to refresh when something else changed: settings, files on disk. Code lenses (the
  // failover timeline) read the peer files too, so they refresh whenever anything changed. Files that an open
  // configuration includes are pushed in either mode while they are not open themselves: a client pulls only
  // for open documents, and a problem of an included file is the includer's problem too.
  let scheduled = false;
  /** Uris pushed because an open configuration includes them (not open themselves). */
  let pushedIncluded = new Set<string>();
  function refreshDiagnostics(cause: "document" | "other" = "other"): void {
    if (codeLensRefresh) connection.sendRequest(CodeLensRefreshRequest.type).catch(() => undefined);
    if (pullDiagnostics && cause === "other") connection.languages.diagnostics.refresh().catch(() => undefined);
    if (scheduled) return;
    scheduled = true;
    setImmediate(() => {
      scheduled = false;
      try {
        publishAll();
      } catch (e) {
        log(`Diagnostics failed: ${e instanceof Error ? (e.stack ?? e.message) : String(e)}`);
      }
    });
  }

  /**
   * Files that the open configurations include and that are not open themselves. Runs after every keystroke in
   * either mode: the map of includers (every root's analysis) is built only when an open file reads another.
   */
  function includedNotOpen(open: readonly string[]): string[] {
    const openSet = new Set(open);
    let includers: Map<string, string[]> | undefined;
    const out = new Set<string>();
    for (const file of open) {
      const files = workspace.analysis(file)?.files ?? [];
      if (files.length < 2) continue;
      includers ??= workspace.includers();
      if ((includers.get(file)?.length ?? 0) > 0) continue;
      for (const f of files) if (!openSet.has(f.file)) out.add(f.file);
    }
    return [...out];
  }

  function publishAll(): void {
    const open = workspace.documents.all().map((d) => fileOfUri(d.uri));
    const included = includedNotOpen(open);
    const files = pullDiagnostics ? included : [...open, ...included];
    const byFile = files.length === 0 ? new Map<string, never[]>() : workspace.diagnosticsFor(files);
    const nowIncluded = new Set(included.map((f) => locator.uriOf(f)));
    // An included file opened (a pulling client now asks for it) or no longer included: its pushed list goes.
    for (const uri of pushedIncluded) {
      if (nowIncluded.has(uri) || (!pullDiagnostics && workspace.documents.get(uri) !== undefined)) continue;
      published.delete(uri);
      void connection.sendDiagnostics({ uri, diagnostics: [] });
    }
    pushedIncluded = nowIncluded;
    for (const [file, list] of byFile) {
      const uri = locator.uriOf(file);
      const diagnostics = toLspDiagnostics(list, workspace.settings, locator);
      const version = workspace.documents.get(uri)?.version;
      const key = `${version}|${JSON.stringify(diagnostics)}`;
      if (published.get(uri) === key) continue;
      published.set(uri, key);
      void connection.sendDiagnostics({ uri, ...(version !== undefined ? { version } : {}), diagnostics });
    }
  }

  connection.languages.diagnostics.on((params) => {
    try {
      const file = fileOfUri(params.textDocument.uri);
      const list = workspace.diagnosticsFor([file]).get(file) ?? [];
      return { kind: DocumentDiagnosticReportKind.Full, items: toLspDiagnostics(list, workspace.settings, locator) };
    } catch (e) {
      log(`Diagnostics failed for ${params.textDocument.uri}: ${String(e)}`);
      return { kind: DocumentDiagnosticReportKind.Full, items: [] };
    }
  });

  documents.onDidOpen((e) => {
    workspace.documents.set(e.document);
    refreshDiagnostics("document");
  });
  documents.onDidChangeContent((e) => {
    workspace.documents.set(e.document);
    refreshDiagnostics("document");
  });
  documents.onDidClose((e) => {
    workspace.documents.delete(e.document.uri);
    if (!pullDiagnostics) {
      published.delete(e.document.uri);
      void connection.sendDiagnostics({ uri: e.document.uri, diagnostics: [] });
    }
    refreshDiagnostics();
  });

  const featureCapabilities = registerFeatures(connection, workspace, log);
  documents.listen(connection);
  connection.listen();
  return workspace;
}
