import {
  FoldingRangeKind,
  SymbolKind,
  type DocumentSymbol,
  type FoldingRange,
  type SelectionRange,
  type Position,
} from "vscode-languageserver";
import type { Config } from "../model/config.ts";
import type { SourceFile } from "../model/source.ts";
import type { Directive } from "../model/types.ts";
import type { StatementNode } from "../parser/syntax.ts";
import { fileOfUri } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { ownerAnalysis } from "./context.ts";

const SYMBOL_KINDS: Record<string, SymbolKind> = {
  global_defs: SymbolKind.Namespace,
  vrrp_instance: SymbolKind.Class,
  vrrp_script: SymbolKind.Function,
  vrrp_sync_group: SymbolKind.Module,
  vrrp_track_process: SymbolKind.Function,
  track_file: SymbolKind.File,
  virtual_server: SymbolKind.Object,
  virtual_server_group: SymbolKind.Array,
  real_server: SymbolKind.Object,
  bfd_instance: SymbolKind.Event,
};

function symbolKind(d: Directive): SymbolKind {
  if (d.role === "item") return SymbolKind.EnumMember;
  if (d.role === "include") return SymbolKind.File;
  const kind = SYMBOL_KINDS[d.keyword.text];
  if (kind !== undefined) return kind;
  if (d.spec?.kind === "value_block") return SymbolKind.Array;
  if (d.spec?.kind === "block") return SymbolKind.Struct;
  return SymbolKind.Property;
}

/** The directives of `file` as an outline: blocks with their contents, from the analysis the file belongs to. */
export function documentSymbols(workspace: Workspace, uri: string): DocumentSymbol[] {
  const file = fileOfUri(uri);
  const source = workspace.source(file);
  const config = ownerAnalysis(workspace, file)?.renderings[0]?.config;
  if (source === undefined || config === undefined) return [];
  return symbolsOf(file, source, config);
}

/** The outline of `file` (read as `source`) in the configuration `config` it is part of. */
export function symbolsOf(file: string, source: SourceFile, config: Config): DocumentSymbol[] {
  const toSymbols = (directives: Directive[]): DocumentSymbol[] => {
    const out: DocumentSymbol[] = [];
    for (const d of directives) {
      const children = d.block !== undefined ? toSymbols(d.block.children) : [];
      if (d.span.file !== file || d.role === "orphan") {
        out.push(...children);
        continue;
      }
      const end = d.block?.close?.end ?? (d.block !== undefined ? source.text.length : d.span.end);
      const isNamedBlock = d.spec?.kind === "block" && d.args.length > 0;
      const symbol: DocumentSymbol = {
        name: isNamedBlock ? `${d.keyword.text} ${d.args.map((a) => a.text).join(" ")}` : d.keyword.text || "{",
        kind: symbolKind(d),
        range: source.lines.rangeOf(d.span.start, Math.max(end, d.span.end)),
        selectionRange: source.lines.rangeOf(d.span.start, d.span.end),
        children,
      };
      if (!isNamedBlock && d.args.length > 0) symbol.detail = d.args.map((a) => a.text).join(" ");
      if (d.expandedFrom !== undefined) symbol.detail = `${symbol.detail ?? ""} (expanded)`.trim();
      out.push(symbol);
    }
    return out;
  };
  return toSymbols(config.directives);
}

/** Blocks and runs of comment lines, from the file's own parse. */
export function foldingRanges(workspace: Workspace, uri: string): FoldingRange[] {
  const source = workspace.source(fileOfUri(uri));
  if (source === undefined) return [];
  const ranges: FoldingRange[] = [];
  const visit = (statements: StatementNode[]): void => {
    for (const s of statements) {
      const block = s.block;
      if (block === undefined) continue;
      const startLine = source.lines.positionAt(s.words[0]?.startOffset ?? block.open.startOffset).line;
      const endOffset = block.close?.startOffset ?? source.text.length;
      const endLine = source.lines.positionAt(endOffset).line - (block.close !== undefined ? 1 : 0);
      if (endLine > startLine) ranges.push({ startLine, endLine });
      visit(block.statements);
    }
  };
  visit(source.parsed.tree.statements);
  let run: { start: number; end: number } | undefined;
  const flush = (): void => {
    if (run !== undefined && run.end > run.start) ranges.push({ startLine: run.start, endLine: run.end, kind: FoldingRangeKind.Comment });
    run = undefined;
  };
  for (const comment of source.parsed.comments) {
    const position = source.lines.positionAt(comment.startOffset);
    const lineText = source.text.slice(source.lines.lineStart(position.line), comment.startOffset);
    if (lineText.trim() !== "") continue;
    if (run !== undefined && position.line === run.end + 1) run.end = position.line;
    else {
      flush();
      run = { start: position.line, end: position.line };
    }
  }
  flush();
  return ranges;
}

/** Word, then its line, then each enclosing block, outwards. */
export function selectionRanges(workspace: Workspace, uri: string, positions: Position[]): SelectionRange[] {
  const file = fileOfUri(uri);
  const source: SourceFile | undefined = workspace.source(file);
  if (source === undefined) return [];
  const config = ownerAnalysis(workspace, file)?.renderings[0]?.config;
  return positions.map((position) => {
    const offset = source.lines.offsetAt(position);
    const spans: Array<[number, number]> = [];
    const descend = (directives: Directive[]): void => {
      for (const d of directives) {
        const end = d.block?.close?.end ?? (d.block !== undefined ? source.text.length : d.span.end);
        if (d.span.file === file && offset >= d.span.start && offset <= end) {
          spans.push([d.span.start, end]);
          if (offset <= d.span.end) {
            spans.push([d.span.start, d.span.end]);
            const word = [d.keyword, ...d.args].find((w) => offset >= w.span.start && offset <= w.span.end);
            if (word !== undefined) spans.push([word.span.start, word.span.end]);
            return;
          }
          if (d.block !== undefined) {
            spans.push([d.block.open.start, d.block.close?.end ?? source.text.length]);
            descend(d.block.children);
          }
          return;
        }
        if (d.span.file !== file && d.block !== undefined) descend(d.block.children);
      }
    };
    if (config !== undefined) descend(config.directives);
    let range: SelectionRange = { range: source.lines.rangeOf(0, source.text.length) };
    const unique = spans.filter((s, i) => i === 0 || s[0] !== spans[i - 1]![0] || s[1] !== spans[i - 1]![1]);
    for (const [start, end] of unique) range = { range: source.lines.rangeOf(start, end), parent: range };
    if (unique.length === 0) range = { range: source.lines.rangeOf(offset, offset), parent: range };
    return range;
  });
}
