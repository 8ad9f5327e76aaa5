import type { IToken } from "chevrotain";
import { lookupKeyword } from "../catalog/catalog.ts";
import { ChunkedList } from "../parser/chunked-list.ts";
import type { KeepalivedVersion } from "../catalog/types.ts";
import type { BlockNode, StatementNode, WordToken } from "../parser/syntax.ts";
import type { SourceFile, SourceHost } from "./source.ts";
import type { Span } from "./span.ts";
import type {
  BuildProblem,
  DefinitionRef,
  Directive,
  IncludeRef,
  IncludeVariant,
  UndefinedReference,
  Word,
} from "./types.ts";
import { spanOf } from "./words.ts";

export interface BuildOptions {
  version: KeepalivedVersion;
  /**
   * keepalived's config-id, for `@ID` lines. `null`: no id matches, so `@ID` lines are dropped and `@^ID`
   * lines kept, as on a host whose name matches none of them.
   */
  configId: string | null;
}

export interface BuildResult {
  root: string;
  /** Top-level directives, include files spliced in place, conditionals applied, definitions expanded. */
  directives: Directive[];
  /** Every file read, the root first. */
  files: SourceFile[];
  includes: IncludeRef[];
  definitions: DefinitionRef[];
  undefinedRefs: UndefinedReference[];
  problems: BuildProblem[];
  /** The ids of every `@ID` / `@^ID` line, in order of first appearance. */
  configIds: string[];
  /** Some line is `@^ID`: it is meant for hosts whose id is none of those named. */
  negatedConditionals: boolean;
  /** Every directive, depth first in file order (the order they were read in), for checks that visit them all. */
  all: Directive[];
}

export interface Context {
  file: SourceFile;
  parent: Directive | undefined;
  out: Directive[];
  includeStack: string[];
  includedBy?: Span;
  expandedFrom?: Span;
  /** Statements parsed from expanded text have no place of their own: all they yield points at this use site. */
  pinned?: Span;
  /** Undefined names already reported for the use site that `pinned` stands for. */
  reported?: Set<string>;
}

/** Every context has all the fields, in this order, so that reading one is the same wherever it was made. */
export function context(
  file: SourceFile,
  parent: Directive | undefined,
  out: Directive[],
  includeStack: string[],
  includedBy: Span | undefined,
  expandedFrom: Span | undefined,
  pinned: Span | undefined,
  reported: Set<string> | undefined,
): Context {
  return { file, parent, out, includeStack, includedBy, expandedFrom, pinned, reported };
}

/** Blocks nested deeper are not read (see walkBlock). */
export const MAX_NESTING = 128;

/**
 * The problems of the tree, in words shared by both directive trees (this one, and compact-tree.ts's in arrays).
 */
export const treeProblem = {
  nestingLimit: (): string => `Blocks nested more than ${MAX_NESTING} deep: what they hold is not checked`,
  templatePlaceholder: (raw: string): string => `'${raw}' is a template placeholder left in the file: keepalived reads its braces as a block`,
  missingOpenBrace: (keyword: string): string => `Missing '{' after '${keyword}': keepalived reports it and reads the following lines, up to the next '}', outside the block`,
  unexpectedBlock: (keyword: string): string => `'${keyword}' takes no block: keepalived says "Unexpected '{'" and reads the block's lines where they stand`,
};
/** Shared by every directive without arguments; never written to. */
const NO_ARGS: Word[] = Object.freeze([]) as unknown as Word[];

/**
 * Turns statements into directives: their words, their blocks and what each is in the catalog, includes spliced
 * in place. What a statement stands for before that (conditionals, definitions, sequences) is the subclass's.
 */
export abstract class TreeBuilder {
  readonly result: BuildResult;
  protected readonly host: SourceHost;
  protected readonly options: BuildOptions;
  /** Blocks written in a file after a head that expanded to several words: their lines keep their own places. */
  protected readonly sourceBlocks = new Map<BlockNode, Context>();
  private depth = 0;
  private nestingReported = false;
  /** BuildResult.all as it is read (a ChunkedList: a big file has tens of thousands of directives). */
  private readonly every = new ChunkedList<Directive>();

  constructor(host: SourceHost, options: BuildOptions, root: SourceFile) {
    this.host = host;
    this.options = options;
    this.result = {
      root: root.file,
      directives: [],
      files: [root],
      includes: [],
      definitions: [],
      undefinedRefs: [],
      problems: [],
      configIds: [],
      negatedConditionals: false,
      all: [],
    };
  }

  /** The result, once every statement is walked. */
  finish(): BuildResult {
    this.result.all = this.every.toArray();
    return this.result;
  }

  protected abstract statement(statement: StatementNode, ctx: Context): void;
  /** The folder of the file now read (for `${_PWD}`); returns the one it replaces. */
  protected abstract enterFolder(folder: string): string;

  walk(statements: readonly StatementNode[], ctx: Context): void {
    for (const statement of statements) this.statement(statement, ctx);
  }

  /**
   * The lines of a block. Reading is recursive, so blocks nested deeper than MAX_NESTING (keepalived's own go
   * five deep) are not followed: a generated or hostile file must not exhaust the stack.
   */
  protected walkBlock(block: BlockNode, ctx: Context): void {
    if (this.depth >= MAX_NESTING) {
      if (!this.nestingReported) {
        this.nestingReported = true;
        this.problem("nesting-limit", treeProblem.nestingLimit(), this.braceSpan(block.open, ctx));
      }
      return;
    }
    this.depth++;
    this.walk(block.statements, ctx);
    this.depth--;
  }

  /** Where a token is, or the use site it was expanded at. */
  protected spanIn(token: IToken, ctx: Context): Span {
    return ctx.pinned ?? spanOf(token, ctx.file.file);
  }

  /** The word a token is: the scanner's own object, or a copy placed at the use site in expanded text. */
  protected wordIn(token: WordToken, ctx: Context): Word {
    const pinned = ctx.pinned;
    return pinned === undefined ? token : { text: token.text, raw: token.raw, quoted: token.quoted, span: pinned };
  }

  protected wordsIn(tokens: WordToken[], ctx: Context): Word[] {
    return ctx.pinned === undefined ? tokens : tokens.map((t) => this.wordIn(t, ctx));
  }

  protected include(statement: StatementNode, ctx: Context): void {
    const file = ctx.file.file;
    const directive = this.directive(statement, this.wordsIn(statement.words, ctx), ctx, "include");
    const variant = statement.words[0]!.image as IncludeVariant;
    const pattern = directive.args[0]?.text ?? "";
    const glob = /[*?[{]/.test(pattern);
    const files = pattern === "" ? [] : this.host.resolveInclude(pattern, file);
    const ref: IncludeRef = { directive, variant, pattern, files, missing: pattern !== "" && files.length === 0, glob, absolute: this.host.isAbsolute(pattern) };
    this.result.includes.push(ref);
    for (const target of files) {
      if (ctx.includeStack.includes(target)) {
        ref.cycle = [...ctx.includeStack.slice(ctx.includeStack.indexOf(target)), target];
        continue;
      }
      const source = this.host.load(target);
      if (source === undefined) {
        ref.missing = true;
        continue;
      }
      if (!this.result.files.some((f) => f.file === target)) this.result.files.push(source);
      const outerFolder = this.enterFolder(this.host.dirname(target));
      const included = context(source, ctx.parent, ctx.out, [...ctx.includeStack, target], ctx.includedBy ?? directive.span, ctx.expandedFrom, undefined, undefined);
      this.walk(source.parsed.tree.statements, included);
      this.enterFolder(outerFolder);
    }
  }

  protected directive(statement: StatementNode, words: Word[], ctx: Context, forcedRole?: "include"): Directive {
    const block = statement.block;
    const blockCtx = block !== undefined && this.sourceBlocks.size > 0 ? (this.sourceBlocks.get(block) ?? ctx) : ctx;
    const head = words[0];
    const pinned = ctx.pinned;
    let keyword: Word;
    let span: Span;
    if (head === undefined) {
      // Without a word the statement is a `{` (the caller drops statements with neither).
      keyword = { text: "", raw: "", quoted: false, span: this.braceSpan(block!.open, blockCtx) };
      span = keyword.span;
    } else {
      keyword = head;
      const last = words[words.length - 1]!;
      span = pinned ?? (head === last ? head.span : (statement.span ?? { file: head.span.file, start: head.span.start, end: last.span.end }));
    }
    const directive: Directive = {
      role: "unknown",
      keyword,
      args: words.length > 1 ? words.slice(1) : NO_ARGS,
      span,
      parent: ctx.parent,
      spec: undefined,
      block: undefined,
      conditional: statement.conditional !== undefined ? this.wordIn(statement.conditional, ctx) : undefined,
      expandedFrom: ctx.expandedFrom,
      includedBy: ctx.includedBy,
    };
    this.classify(directive, forcedRole, head === undefined);
    for (const w of words) {
      if (!w.quoted && w.raw.charCodeAt(0) === 0x7b && w.raw.startsWith("{{")) {
        this.result.problems.push({ kind: "template-placeholder", message: treeProblem.templatePlaceholder(w.raw), span: w.span, directive });
      }
    }
    ctx.out.push(directive);
    this.every.push(directive);
    if (directive.role === "orphan") {
      // keepalived ignores the `{` and reads the lines after it where they stand.
      if (block !== undefined) this.walkBlock(block, blockCtx);
      return directive;
    }
    if (block !== undefined) {
      const children: Directive[] = [];
      directive.block = { open: this.braceSpan(block.open, blockCtx), close: block.close !== undefined ? this.braceSpan(block.close, blockCtx) : undefined, children };
      this.walkBlock(block, context(blockCtx.file, directive, children, blockCtx.includeStack, blockCtx.includedBy, blockCtx.expandedFrom, blockCtx.pinned, blockCtx.reported));
    }
    this.checkBlockShape(directive);
    return directive;
  }

  protected braceSpan(token: BlockNode["open"], ctx: Context): Span {
    return ctx.pinned ?? token.span;
  }

  private classify(directive: Directive, forcedRole: "include" | undefined, orphan: boolean): void {
    if (orphan) {
      directive.role = "orphan";
      return;
    }
    if (forcedRole !== undefined) {
      directive.role = forcedRole;
      return;
    }
    const parent = directive.parent;
    if (parent === undefined) {
      this.assign(directive, "");
    } else if (parent.role === "keyword" && parent.spec?.kind === "value_block") {
      directive.role = "item";
      directive.spec = parent.spec;
    } else if (parent.role === "keyword" && parent.spec?.kind === "block") {
      this.assign(directive, parent.spec.path);
    } else {
      directive.role = "unknown";
    }
  }

  private assign(directive: Directive, parentPath: string): void {
    const spec = lookupKeyword(parentPath, directive.keyword.text, this.options.version);
    if (spec === undefined) {
      directive.role = "unknown";
      return;
    }
    directive.role = "keyword";
    directive.spec = spec;
  }

  private checkBlockShape(directive: Directive): void {
    const spec = directive.spec;
    if (directive.role !== "keyword" || spec === undefined) return;
    if (spec.kind !== "keyword" && directive.block === undefined) {
      this.problem("missing-open-brace", treeProblem.missingOpenBrace(spec.name), directive.span, directive);
    } else if (spec.kind === "keyword" && directive.block !== undefined) {
      this.problem("unexpected-block", treeProblem.unexpectedBlock(spec.name), directive.block.open, directive);
    }
  }

  protected problem(kind: BuildProblem["kind"], message: string, span: Span, directive?: Directive): void {
    this.result.problems.push(directive !== undefined ? { kind, message, span, directive } : { kind, message, span });
  }
}
