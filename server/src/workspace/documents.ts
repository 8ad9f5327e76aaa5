import type { TextDocument } from "vscode-languageserver-textdocument";
import { sourceFile, type SourceFile } from "../model/source.ts";
import { fileOfUri } from "./uri.ts";

/**
 * Open documents and their parses. A parse is keyed by uri and version, so a version is never parsed twice
 * however many features and analyses ask for it.
 */
export class DocumentStore {
  private readonly open = new Map<string, TextDocument>();
  private readonly byFile = new Map<string, string>();
  private readonly parsed = new Map<string, { version: number; source: SourceFile }>();
  /** How many parses ran: tests assert that asking twice for one version parses once. */
  parseCount = 0;

  set(document: TextDocument): void {
    this.open.set(document.uri, document);
    this.byFile.set(fileOfUri(document.uri), document.uri);
  }

  delete(uri: string): void {
    this.open.delete(uri);
    this.byFile.delete(fileOfUri(uri));
    this.parsed.delete(uri);
  }

  get(uri: string): TextDocument | undefined {
    return this.open.get(uri);
  }

  uriOf(file: string): string | undefined {
    return this.byFile.get(file);
  }

  all(): TextDocument[] {
    return [...this.open.values()];
  }

  /** The open document's parse at its current version. */
  source(uri: string): SourceFile | undefined {
    const document = this.open.get(uri);
    if (document === undefined) return undefined;
    const cached = this.parsed.get(uri);
    if (cached !== undefined && cached.version === document.version) return cached.source;
    this.parseCount++;
    const source = sourceFile(fileOfUri(uri), document.getText());
    this.parsed.set(uri, { version: document.version, source });
    return source;
  }

  sourceOfFile(file: string): SourceFile | undefined {
    const uri = this.byFile.get(file);
    return uri === undefined ? undefined : this.source(uri);
  }
}
