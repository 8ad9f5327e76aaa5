import type { IToken } from "chevrotain";
import { lookupKeyword } from "../catalog/catalog.ts";
import type { KeepalivedVersion } from "../catalog/types.ts";
import { parse } from "../parser/parse.ts";
import type { StatementNode } from "../parser/syntax.ts";
import { parseSequence, type Bindings } from "./sequence.ts";
import type { SourceFile, SourceHost } from "./source.ts";
import type {
  BuildProblem,
  DefinitionRef,
  Directive,
  IncludeRef,
  IncludeVariant,
  UndefinedReference,
  Word,
} from "./types.ts";
import type { Span } from "./span.ts";
import { expand, parseDefinition, type Environment } from "./variables.ts";

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
}

interface Context {
  file: SourceFile;
  parent: Directive | undefined;
  out: Directive[];
  includeStack: string[];
  includedBy?: Span;
  expandedFrom?: Span;
  /** Words parsed from expanded text have no place of their own: they all point at this use site. */
  pinned?: Span;
}

const INCLUDE = /^include[rmwba]?$/;
const STRUCTURAL = /[\s{}"#!]|^@/;
const MAX_EXPANSION_DEPTH = 16;

function unescapeWord(raw: string): string {
  return raw.includes("\\") ? raw.replace(/\\([#!])/g, "$1") : raw;
}

export function wordOf(token: IToken, file: string): Word {
  const raw = token.image;
  const quoted = raw.charCodeAt(0) === 0x22;
  const text = quoted ? raw.slice(1, raw.length > 1 && raw.endsWith('"') ? -1 : undefined) : unescapeWord(raw);
  return { text, raw, quoted, span: { file, start: token.startOffset, end: token.startOffset + raw.length } };
}

function spanOf(token: IToken, file: string): Span {
  return { file, start: token.startOffset, end: token.startOffset + token.image.length };
}

class Builder {
  readonly result: BuildResult;
  private readonly env: Environment;
  private readonly ids = new Set<string>();
  private expansionDepth = 0;
  private readonly host: SourceHost;
  private readonly options: BuildOptions;

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
    };
    this.env = { definitions: new Map(), pwd: host.dirname(root.file), instance: "" };
  }

  walk(statements: StatementNode[], ctx: Context): void {
    for (const statement of statements) this.statement(statement, ctx);
  }

  private statement(statement: StatementNode, ctx: Context): void {
    const file = ctx.file.file;
    if (statement.conditional !== undefined && !this.conditionHolds(statement.conditional)) {
      if (statement.block !== undefined) this.droppedBlock(statement, ctx);
      return;
    }
    if (statement.definition !== undefined) {
      this.define(statement.definition, file);
      return;
    }
    if (statement.sequences.length > 0) {
      this.repeat(statement, ctx);
      return;
    }
    const head = statement.words[0];
    if (head !== undefined && statement.conditional === undefined && INCLUDE.test(head.image)) {
      this.include(statement, ctx);
      return;
    }
    if (head !== undefined && this.expansionDepth < MAX_EXPANSION_DEPTH && statement.words.some((w) => w.image.includes("$"))) {
      if (this.expandWords(statement, ctx)) return;
    }
    this.directive(statement, statement.words.map((w) => wordOf(w, file)), ctx);
  }

  /** `@ID` lines hold when ID is the config-id, `@^ID` lines when it is not. */
  private conditionHolds(token: IToken): boolean {
    const negated = token.image.startsWith("@^");
    if (negated) this.result.negatedConditionals = true;
    const id = token.image.slice(negated ? 2 : 1);
    if (!this.ids.has(id)) {
      this.ids.add(id);
      this.result.configIds.push(id);
    }
    return (this.options.configId === id) !== negated;
  }

  /** keepalived drops only the conditional line: the lines of a block it opened are still read, outside it. */
  private droppedBlock(statement: StatementNode, ctx: Context): void {
    const block = statement.block!;
    const conditional = statement.conditional!;
    const sameLine = !ctx.file.text.slice(conditional.startOffset, block.open.startOffset).includes("\n");
    if (sameLine) {
      this.result.problems.push({
        kind: "unexpected-block",
        message: `With config-id ${this.options.configId ?? "(none matching)"} keepalived drops only this line: the lines of its block are read outside any block and its '}' is extra`,
        span: spanOf(conditional, ctx.file.file),
      });
    }
    this.walk(block.statements, ctx);
  }

  private define(token: IToken, file: string): void {
    const parsed = parseDefinition(token.image);
    if (parsed === undefined) return;
    this.env.definitions.set(parsed.name, { value: parsed.value, multiline: parsed.multiline });
    this.result.definitions.push({ ...parsed, span: spanOf(token, file) });
  }

  private repeat(statement: StatementNode, ctx: Context): void {
    const file = ctx.file.file;
    const first = statement.sequences[0]!;
    const lastWord = statement.words[statement.words.length - 1];
    const use: Span = { file, start: first.startOffset, end: lastWord ? lastWord.startOffset + lastWord.image.length : first.startOffset + first.image.length };
    let combos: Bindings = [[]];
    for (const token of statement.sequences) {
      const seq = parseSequence(token.image);
      if (seq.error !== undefined) {
        this.result.problems.push({ kind: "sequence-syntax", message: seq.error, span: spanOf(token, file) });
      }
      const next: Bindings = [];
      for (const outer of combos) for (const inner of seq.bindings) next.push([...outer, ...inner]);
      combos = next.slice(0, 10_000);
    }
    const rest: StatementNode = { ...statement, sequences: [], conditional: undefined };
    for (const binding of combos) {
      const saved = binding.map(([name]) => [name, this.env.definitions.get(name)] as const);
      for (const [name, value] of binding) this.env.definitions.set(name, { value, multiline: false });
      this.statement(rest, { ...ctx, expandedFrom: ctx.expandedFrom ?? use });
      for (const [name, value] of saved) {
        if (value === undefined) this.env.definitions.delete(name);
        else this.env.definitions.set(name, value);
      }
    }
  }

  /**
   * Expands `$NAME` uses. When the values only change words, the words keep their own positions; when they
   * change the structure of the line (blanks, braces, a multi-line definition), the expanded text is parsed
   * again and every directive it yields points at the line that used the definitions.
   */
  private expandWords(statement: StatementNode, ctx: Context): boolean {
    const file = ctx.file.file;
    const words: Word[] = [];
    let structural = false;
    for (const token of statement.words) {
      const word = wordOf(token, file);
      if (token.image.includes("$")) {
        const expansion = expand(token.image, this.env);
        for (const u of expansion.undefinedUses) {
          this.result.undefinedRefs.push({ name: u.name, braced: u.braced, span: { file, start: token.startOffset + u.index, end: token.startOffset + u.index + u.name.length + (u.braced ? 3 : 1) } });
        }
        if (expansion.changed) {
          const expandedWord = wordOf({ ...token, image: expansion.text }, file);
          word.text = expandedWord.text;
          if (expansion.multiline || STRUCTURAL.test(word.quoted ? "" : word.text)) structural = true;
        }
      }
      words.push(word);
    }
    if (!structural) {
      this.directive(statement, words, { ...ctx });
      return true;
    }
    const first = statement.words[0]!;
    const last = statement.words[statement.words.length - 1]!;
    const use: Span = { file, start: first.startOffset, end: last.startOffset + last.image.length };
    const text = statement.words.map((t) => expand(t.image, this.env).text).join(" ");
    const reparsed = parse(text);
    const mapped = reparsed.tree.statements.map((s) => relocate(s, use.start));
    if (statement.block !== undefined) {
      const lastStatement = mapped[mapped.length - 1];
      if (lastStatement !== undefined && lastStatement.block === undefined) lastStatement.block = statement.block;
    }
    this.expansionDepth++;
    const expandedCtx: Context = { ...ctx, expandedFrom: ctx.expandedFrom ?? use, pinned: ctx.pinned ?? use };
    for (const s of mapped) this.statement(s, expandedCtx);
    this.expansionDepth--;
    return true;
  }

  private include(statement: StatementNode, ctx: Context): void {
    const file = ctx.file.file;
    const directive = this.directive(statement, statement.words.map((w) => wordOf(w, file)), ctx, "include");
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
      const savedPwd = this.env.pwd;
      this.env.pwd = this.host.dirname(target);
      this.walk(source.parsed.tree.statements, {
        ...ctx,
        file: source,
        includeStack: [...ctx.includeStack, target],
        includedBy: ctx.includedBy ?? directive.span,
      });
      this.env.pwd = savedPwd;
    }
  }

  private directive(statement: StatementNode, written: Word[], ctx: Context, forcedRole?: "include"): Directive {
    const file = ctx.file.file;
    const pinned = ctx.pinned;
    const words = pinned === undefined ? written : written.map((w) => ({ ...w, span: pinned }));
    const parent = ctx.parent;
    const block = statement.block;
    const head = words[0];
    const keyword: Word = head ?? { text: "", raw: "", quoted: false, span: pinned ?? spanOf(block?.open ?? statement.conditional!, file) };
    const lastWord = words[words.length - 1] ?? keyword;
    const directive: Directive = {
      role: "unknown",
      keyword,
      args: words.slice(1),
      span: { file: keyword.span.file, start: keyword.span.start, end: lastWord.span.end },
      parent,
    };
    if (statement.conditional !== undefined) directive.conditional = wordOf(statement.conditional, file);
    if (ctx.expandedFrom !== undefined) directive.expandedFrom = ctx.expandedFrom;
    if (ctx.includedBy !== undefined) directive.includedBy = ctx.includedBy;
    this.classify(directive, forcedRole, head === undefined);
    for (const w of words) {
      if (!w.quoted && w.raw.startsWith("{{")) {
        this.result.problems.push({ kind: "template-placeholder", message: `'${w.raw}' is a template placeholder left in the file: keepalived reads its braces as a block`, span: w.span, directive });
      }
    }
    if (directive.role === "orphan") {
      // keepalived ignores the `{` and reads the lines after it where they stand.
      ctx.out.push(directive);
      if (block !== undefined) this.walk(block.statements, ctx);
      return directive;
    }
    ctx.out.push(directive);
    if (block !== undefined) {
      directive.block = {
        open: pinned ?? spanOf(block.open, file),
        ...(block.close !== undefined ? { close: pinned ?? spanOf(block.close, file) } : {}),
        children: [],
      };
      this.walk(block.statements, { ...ctx, parent: directive, out: directive.block.children });
    }
    this.checkBlockShape(directive);
    return directive;
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
      this.result.problems.push({
        kind: "missing-open-brace",
        message: `Missing '{' after '${spec.name}': keepalived reports it and reads the following lines, up to the next '}', outside the block`,
        span: directive.span,
        directive,
      });
    } else if (spec.kind === "keyword" && directive.block !== undefined) {
      this.result.problems.push({
        kind: "unexpected-block",
        message: `'${spec.name}' takes no block: keepalived says "Unexpected '{'" and reads the block's lines where they stand`,
        span: directive.block.open,
        directive,
      });
    }
  }
}

/** A statement parsed from expanded text, moved so that its tokens sit at the use site's offset. */
function relocate(statement: StatementNode, offset: number): StatementNode {
  const move = (t: IToken): IToken => ({ ...t, startOffset: offset });
  return {
    words: statement.words.map(move),
    sequences: statement.sequences.map(move),
    ...(statement.conditional !== undefined ? { conditional: move(statement.conditional) } : {}),
    ...(statement.definition !== undefined ? { definition: move(statement.definition) } : {}),
    ...(statement.block !== undefined
      ? {
          block: {
            open: move(statement.block.open),
            statements: statement.block.statements.map((s) => relocate(s, offset)),
            ...(statement.block.close !== undefined ? { close: move(statement.block.close) } : {}),
          },
        }
      : {}),
  };
}

/** Builds the directive tree of `root` and of every file it includes. */
export function buildDirectives(root: SourceFile, host: SourceHost, options: BuildOptions): BuildResult {
  const builder = new Builder(host, options, root);
  builder.walk(root.parsed.tree.statements, { file: root, parent: undefined, out: builder.result.directives, includeStack: [root.file] });
  return builder.result;
}
