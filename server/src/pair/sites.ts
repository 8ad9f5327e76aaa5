import type { Directive, Word } from "../model/types.ts";
import type { Span } from "../model/span.ts";
import type { Member } from "./model.ts";

/**
 * Where a member says something, in the shape quick fixes read from a diagnostic's `data` (plain JSON: offsets
 * into the file as it was analysed). Shared by every pair check so that the fixes read one shape.
 */

export interface Loc {
  file: string;
  start: number;
  end: number;
}

export interface WordSite extends Loc {
  raw: string;
  /** The line starts with `@ID` / `@^ID`: it already belongs to some hosts only. */
  conditional: boolean;
}

export interface Site {
  /** How titles name the member ("keepalived-standby.conf", "keepalived.conf @b"). */
  label: string;
  instance: string;
  /** The member is one host of a file with `@ID` lines: an edit meant for it alone must be an `@ID` line. */
  configId?: string;
  /** The file's other named config-ids, when an edit for this host alone may write one line per host. */
  otherIds?: string[];
  /** The value as keepalived uses it, for titles ("51", "none"). */
  value?: string;
  /** The word to replace; absent when the keyword is not written (keepalived's default applies). */
  word?: WordSite;
  /** The whole directive, block included, for removal. */
  line?: Loc;
  /** The instance's `{`: new lines go after it. Absent when the member cannot be edited (see siteOf). */
  brace?: Loc;
}

export function loc(span: Span): Loc {
  return { file: span.file, start: span.start, end: span.end };
}

/** The text a span covers in the member's files, when it is one of them. */
function textAt(member: Member, span: Span): string | undefined {
  const source = member.node.config.build.files.find((f) => f.file === span.file);
  return source?.text.slice(span.start, span.end);
}

/** A word that an edit may replace: written where it stands (not brought in by `$NAME` or `~SEQ`). */
export function wordSite(member: Member, directive: Directive, word: Word): WordSite | undefined {
  if (directive.expandedFrom !== undefined || textAt(member, word.span) !== word.raw) return undefined;
  return { ...loc(word.span), raw: word.raw, conditional: directive.conditional !== undefined };
}

export function lineOf(directive: Directive): Loc {
  const end = directive.block?.close?.end ?? directive.block?.open.end ?? directive.span.end;
  return { file: directive.span.file, start: directive.span.start, end };
}

/**
 * A member's site for one setting. A host whose config-id is none of the file's (`@^ID` lines) cannot be given
 * lines of its own, so its sites carry no place to edit.
 */
export function siteOf(member: Member, setting?: { directive: Directive; word?: Word }, value?: string): Site {
  const site: Site = { label: member.node.label, instance: member.name };
  if (member.node.rendered && member.node.configId !== null) {
    site.configId = member.node.configId;
    if (!member.node.negated) site.otherIds = member.node.otherIds;
  }
  if (value !== undefined) site.value = value;
  const editable = !(member.node.rendered && member.node.configId === null) && member.instance.directive.expandedFrom === undefined;
  if (!editable) return site;
  const open = member.instance.directive.block?.open;
  if (open !== undefined && textAt(member, open) === "{") site.brace = loc(open);
  if (setting !== undefined) {
    if (setting.word !== undefined) {
      const word = wordSite(member, setting.directive, setting.word);
      if (word !== undefined) site.word = word;
    }
    if (setting.directive.expandedFrom === undefined) site.line = lineOf(setting.directive);
  }
  return site;
}

/** The span a member's diagnostic goes on: the setting's word, else its line, else the instance's name. */
export function anchorOf(member: Member, setting?: { directive: Directive; word?: Word }): Span {
  if (setting?.word !== undefined) return setting.word.span;
  if (setting !== undefined) return setting.directive.keyword.span;
  return member.instance.name?.span ?? member.instance.directive.keyword.span;
}
