import type { TextDocumentContentChangeEvent, TextDocumentsConfiguration } from "vscode-languageserver";
import { TextDocument } from "vscode-languageserver-textdocument";
import { editedSource, isSuperseded, sourceFile, type SourceFile } from "../model/source.ts";
import { fileOfUri } from "./uri.ts";

/**
 * The edits since a document's last parse, merged into one: [start, end) of the parsed text became `length`
 * characters of the current text (everything before and after is the same).
 */
interface PendingEdit {
  start: number;
  end: number;
  length: number;
}

/** `pending` followed by [start, end) of the text it produced replaced by `length` characters. */
function merge(pending: PendingEdit | undefined, start: number, end: number, length: number): PendingEdit {
  if (pending === undefined) return { start, end, length };
  const pendingEnd = pending.start + pending.length;
  const delta = pending.length - (pending.end - pending.start);
  return {
    start: Math.min(pending.start, start),
    // Past the pending region the texts differ by `delta`; within it, the old end covers it.
    end: end > pendingEnd ? end - delta : pending.end,
    length: Math.max(pendingEnd, end) + length - (end - start) - Math.min(pending.start, start),
  };
}

/**
 * Open documents and their parses. A parse is keyed by uri and version, so a version is never parsed twice
 * however many features and analyses ask for it. The store also hears of every change the client sends
 * (textDocumentsConfiguration): the next parse then reads only what the changes touched (model/source.ts,
 * editedSource), which a one-character edit in a file of tens of thousands of lines needs to stay quick.
 */
export class DocumentStore {
  private readonly open = new Map<string, TextDocument>();
  private readonly byFile = new Map<string, string>();
  private readonly parsed = new Map<string, { version: number; source: SourceFile }>();
  /** Per uri, the changes since its parse; "unknown" after a change without a range (the whole text replaced). */
  private readonly pending = new Map<string, PendingEdit | "unknown">();
  /** How many parses ran: tests assert that asking twice for one version parses once. */
  parseCount = 0;
  /** How many of them read only the lines an edit touched. */
  incrementalParseCount = 0;

  set(document: TextDocument): void {
    if (this.open.get(document.uri) !== document) this.pending.set(document.uri, "unknown");
    this.open.set(document.uri, document);
    this.byFile.set(fileOfUri(document.uri), document.uri);
  }

  delete(uri: string): void {
    this.open.delete(uri);
    this.byFile.delete(fileOfUri(uri));
    this.parsed.delete(uri);
    this.pending.delete(uri);
  }

  /** A change about to be applied to `document`, in offsets of its text before the change. */
  private change(document: TextDocument, change: TextDocumentContentChangeEvent): void {
    const pending = this.pending.get(document.uri);
    if (pending === "unknown" || !this.parsed.has(document.uri)) return;
    if (!("range" in change)) {
      this.pending.set(document.uri, "unknown");
      return;
    }
    const start = document.offsetAt(change.range.start);
    const end = document.offsetAt(change.range.end);
    this.pending.set(document.uri, merge(pending, start, Math.max(start, end), change.text.length));
  }

  /** How TextDocuments should make and update documents: as usual, telling this store of each change. */
  textDocumentsConfiguration(): TextDocumentsConfiguration<TextDocument> {
    return {
      create: TextDocument.create,
      update: (document, changes, version) => {
        // One change at a time, so that each range is read against the text it was written for.
        let updated = document;
        for (const change of changes) {
          this.change(updated, change);
          updated = TextDocument.update(updated, [change], version);
        }
        return TextDocument.update(updated, [], version);
      },
    };
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
    const text = document.getText();
    const pending = this.pending.get(uri);
    let source: SourceFile;
    if (cached !== undefined && pending !== undefined && pending !== "unknown") {
      const edit = { start: pending.start, end: pending.end, text: text.slice(pending.start, pending.start + pending.length) };
      source = editedSource(cached.source, edit, text);
      if (isSuperseded(cached.source)) this.incrementalParseCount++;
    } else {
      source = sourceFile(fileOfUri(uri), text);
    }
    this.pending.delete(uri);
    this.parsed.set(uri, { version: document.version, source });
    return source;
  }

  sourceOfFile(file: string): SourceFile | undefined {
    const uri = this.byFile.get(file);
    return uri === undefined ? undefined : this.source(uri);
  }
}
