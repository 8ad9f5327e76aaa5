import type { Location, Position, Range, WorkspaceEdit } from "vscode-languageserver";
import type { Config } from "../model/config.ts";
import type { Directive, Word } from "../model/types.ts";
import type { Workspace } from "../workspace/workspace.ts";
import { locate, walk } from "./context.ts";
import type { Locator } from "./diagnostics.ts";

/** Named things that other lines refer to: definition keyword -> the value blocks whose entries name them. */
interface NameKind {
  defines: string[];
  referencedIn: string[];
  /** Every word of a reference line is a name (sync group members), not just the first. */
  anyWord: boolean;
}

const KINDS = {
  script: { defines: ["vrrp_script"], referencedIn: ["track_script"], anyWord: false },
  instance: { defines: ["vrrp_instance"], referencedIn: ["group"], anyWord: true },
  syncGroup: { defines: ["vrrp_sync_group"], referencedIn: [], anyWord: false },
  trackFile: { defines: ["track_file", "vrrp_track_file"], referencedIn: ["track_file"], anyWord: false },
  process: { defines: ["vrrp_track_process"], referencedIn: ["track_process"], anyWord: false },
  bfd: { defines: ["bfd_instance"], referencedIn: ["track_bfd"], anyWord: false },
} satisfies Record<string, NameKind>;
type Kind = keyof typeof KINDS;

interface Occurrence {
  word: Word;
  definition: boolean;
}

function isDefinition(d: Directive, kind: Kind): boolean {
  return d.role === "keyword" && d.spec?.kind === "block" && KINDS[kind].defines.includes(d.keyword.text) && d.parent === undefined;
}

function isReferenceBlock(d: Directive, kind: Kind): boolean {
  const parent = d.parent;
  if (d.role !== "item" || parent === undefined) return false;
  if (!(KINDS[kind].referencedIn as string[]).includes(parent.keyword.text)) return false;
  // track_file entries name track_file objects only inside instances and sync groups, not in a track_file block.
  return parent.parent !== undefined;
}

/** The named thing under the cursor: its kind and name. */
function symbolAt(directive: Directive | undefined, word: Word | undefined): { kind: Kind; name: string } | undefined {
  if (directive === undefined || word === undefined) return undefined;
  for (const kind of Object.keys(KINDS) as Kind[]) {
    if (isDefinition(directive, kind) && word === directive.args[0]) return { kind, name: word.text };
    if (isReferenceBlock(directive, kind) && (word === directive.keyword || (KINDS[kind].anyWord && directive.args.includes(word)))) {
      return { kind, name: word.text };
    }
  }
  return undefined;
}

function occurrences(config: Config, kind: Kind, name: string): Occurrence[] {
  const found: Occurrence[] = [];
  for (const d of walk(config.directives)) {
    if (d.expandedFrom !== undefined) continue;
    if (isDefinition(d, kind) && d.args[0]?.text === name) found.push({ word: d.args[0], definition: true });
    if (isReferenceBlock(d, kind)) {
      const words = KINDS[kind].anyWord ? [d.keyword, ...d.args] : [d.keyword];
      for (const w of words) if (w.text === name) found.push({ word: w, definition: false });
    }
  }
  return found;
}

function toLocation(word: Word, workspace: Workspace, locator: Locator): Location | undefined {
  const source = workspace.source(word.span.file);
  if (source === undefined) return undefined;
  return { uri: locator.uriOf(word.span.file), range: source.lines.rangeOf(word.span.start, word.span.end) };
}

function find(workspace: Workspace, uri: string, position: Position): { config: Config; kind: Kind; name: string; word: Word } | undefined {
  const here = locate(workspace, uri, position);
  if (here?.config === undefined) return undefined;
  const symbol = symbolAt(here.directive, here.word);
  if (symbol === undefined || here.word === undefined) return undefined;
  return { config: here.config, ...symbol, word: here.word };
}

export function definition(workspace: Workspace, locator: Locator, uri: string, position: Position): Location[] {
  const target = find(workspace, uri, position);
  if (target === undefined) return [];
  return occurrences(target.config, target.kind, target.name)
    .filter((o) => o.definition)
    .map((o) => toLocation(o.word, workspace, locator))
    .filter((l): l is Location => l !== undefined);
}

export function references(workspace: Workspace, locator: Locator, uri: string, position: Position, includeDeclaration: boolean): Location[] {
  const target = find(workspace, uri, position);
  if (target === undefined) return [];
  return occurrences(target.config, target.kind, target.name)
    .filter((o) => includeDeclaration || !o.definition)
    .map((o) => toLocation(o.word, workspace, locator))
    .filter((l): l is Location => l !== undefined);
}

export function prepareRename(workspace: Workspace, uri: string, position: Position): { range: Range; placeholder: string } | null {
  const target = find(workspace, uri, position);
  if (target === undefined || target.word.quoted) return null;
  const source = workspace.source(target.word.span.file);
  if (source === undefined) return null;
  return { range: source.lines.rangeOf(target.word.span.start, target.word.span.end), placeholder: target.name };
}

const NAME = /^[^\s{}"#!]+$/;

/** Renames a definition and every reference to it, across included files, as one edit. */
export function rename(workspace: Workspace, locator: Locator, uri: string, position: Position, newName: string): WorkspaceEdit | null {
  const target = find(workspace, uri, position);
  if (target === undefined) return null;
  if (!NAME.test(newName)) throw new Error(`'${newName}' cannot be a keepalived name: no blanks, braces, quotes, # or !`);
  const changes: Record<string, Array<{ range: Range; newText: string }>> = {};
  for (const o of occurrences(target.config, target.kind, target.name)) {
    const location = toLocation(o.word, workspace, locator);
    if (location === undefined) continue;
    (changes[location.uri] ??= []).push({ range: location.range, newText: newName });
  }
  return { changes };
}
