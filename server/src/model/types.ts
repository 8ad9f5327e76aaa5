import type { KeywordSpec } from "../catalog/types.ts";
import type { Span } from "./span.ts";

export type { Span } from "./span.ts";

/** One word of a directive. */
export interface Word {
  /** The value keepalived uses: quotes removed, `$NAME` definitions expanded. */
  text: string;
  /** As written. */
  raw: string;
  quoted: boolean;
  span: Span;
}

/**
 * How a directive is read:
 * - keyword: a keyword of its block, `spec` says which;
 * - item: an entry of a value block such as `virtual_ipaddress { ... }`;
 * - unknown: not a keyword of its block in the version checked (or any line inside an unknown block);
 * - include: an `include` line, replaced by the directives of the files it names;
 * - orphan: a `{ ... }` block with no keyword before it.
 */
export type DirectiveRole = "keyword" | "item" | "unknown" | "include" | "orphan";

export interface Directive {
  role: DirectiveRole;
  /** The first word (empty text for an orphan block). */
  keyword: Word;
  args: Word[];
  block?: Block;
  /** The words of the line (keyword to last argument). */
  span: Span;
  /** Known keyword or value block this directive is, or belongs to as an item. */
  spec?: KeywordSpec;
  parent?: Directive;
  /** `@ID` / `@^ID` prefix the line was kept for. */
  conditional?: Word;
  /** The `$NAME` use or `~SEQ` line this directive was expanded from. */
  expandedFrom?: Span;
  /** The include line whose file this directive comes from (the outermost one). */
  includedBy?: Span;
}

export interface Block {
  open: Span;
  /** Absent when the block is never closed. */
  close?: Span;
  children: Directive[];
}

export type IncludeVariant = "include" | "includer" | "includem" | "includew" | "includeb" | "includea";

export interface IncludeRef {
  directive: Directive;
  variant: IncludeVariant;
  pattern: string;
  /** Files the pattern matched, in the order keepalived reads them. */
  files: string[];
  /** The pattern names no file. */
  missing: boolean;
  /** Set when following it would re-enter a file already being read. */
  cycle?: string[];
  /** The pattern has glob characters. */
  glob: boolean;
  /** The path is absolute: it names a file on the target host. */
  absolute: boolean;
}

export interface DefinitionRef {
  name: string;
  value: string;
  span: Span;
  multiline: boolean;
}

/** A `$NAME` / `${NAME}` use that names no definition: keepalived leaves it in place. */
export interface UndefinedReference {
  name: string;
  braced: boolean;
  span: Span;
}

/** Something the model builder noticed that is not a keyword problem. */
export interface BuildProblem {
  kind:
    | "missing-open-brace"
    | "unexpected-block"
    | "conditional-include"
    | "sequence-syntax"
    /** A ~SEQ / ~LST line repeats more often than the model follows (see MAX_REPETITIONS). */
    | "sequence-limit"
    /** The text a line expands to does not read cleanly (an unterminated quote, unbalanced braces). */
    | "expansion-syntax"
    /** Definitions expand to more text than the model follows. */
    | "expansion-limit"
    /** Blocks nested deeper than the model follows. */
    | "nesting-limit"
    | "template-placeholder";
  message: string;
  span: Span;
  directive?: Directive;
}
