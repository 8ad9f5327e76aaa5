import type { SourceFile, SourceHost } from "../model/source.ts";
import { DiskHost } from "./diskHost.ts";
import type { DocumentStore } from "./documents.ts";

/** Open documents first (their unsaved text is what the user sees), then the disk. */
export class LspHost implements SourceHost {
  private readonly documents: DocumentStore;
  readonly disk = new DiskHost();

  constructor(documents: DocumentStore) {
    this.documents = documents;
  }

  load(file: string): SourceFile | undefined {
    return this.documents.sourceOfFile(file) ?? this.disk.load(file);
  }

  resolveInclude(pattern: string, fromFile: string): string[] {
    const found = this.disk.resolveInclude(pattern, fromFile);
    if (found.length > 0 || /[*?[{]/.test(pattern)) return found;
    // A file created in the editor but not saved yet.
    const target = this.disk.isAbsolute(pattern) ? pattern : `${this.disk.dirname(fromFile)}/${pattern}`;
    return this.documents.sourceOfFile(target) !== undefined ? [target] : [];
  }

  isAbsolute(pattern: string): boolean {
    return this.disk.isAbsolute(pattern);
  }

  dirname(file: string): string {
    return this.disk.dirname(file);
  }
}
