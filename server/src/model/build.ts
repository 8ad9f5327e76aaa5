import type { IToken } from "chevrotain";
import { lookupKeyword } from "../catalog/catalog.ts";
import type { KeepalivedVersion } from "../catalog/types.ts";
import { parse } from "../parser/parse.ts";
import type { BlockNode, StatementNode } from "../parser/syntax.ts";
import { MAX_REPETITIONS, parseSequence, type SequenceResult } from "./sequence.ts";
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
import { expand, parseDefinition, type Environment, type UndefinedUse } from "./variables.ts";
import { changesStructure, hasLineBreak, protectComments, spanOf, valueOf, wordOf } from "./words.ts";

export { wordOf } from "./words.ts";

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
  /** Statements parsed from expanded text have no place of their own: all they yield points at this use site. */
  pinned?: Span;
  /** Undefined names already reported for the use site that `pinned` stands for. */
  reported?: Set<string>;
}

const INCLUDE = /^include[rmwba]?$/;
const MAX_EXPANSION_DEPTH = 16;

class Builder {
  readonly result: BuildResult;
  private readonly env: Environment;
  private readonly ids = new Set<string>();
  private expansionDepth = 0;
  private readonly host: SourceHost;
  private readonly options: BuildOptions;
  /** Blocks written in a file after a head that expanded to several words: their lines keep their own places. */
  private readonly sourceBlocks = new Map<BlockNode, Context>();

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
    this.env = { definitions: new Map(), pwd: host.dirname(root.file), instance: options.configId ?? "" };
  }

  walk(statements: StatementNode[], ctx: Context): void {
    for (const statement of statements) this.statement(statement, ctx);
  }

  /** Where a token is, or the use site it was expanded at. */
  private spanIn(token: IToken, ctx: Context): Span {
    return ctx.pinned ?? spanOf(token, ctx.file.file);
  }

  private wordIn(token: IToken, ctx: Context): Word {
    const word = wordOf(token, ctx.file.file);
    if (ctx.pinned !== undefined) word.span = ctx.pinned;
    return word;
  }

  private statement(statement: StatementNode, ctx: Context): void {
    const conditional = statement.conditional;
    if (conditional !== undefined && !this.conditionHolds(conditional)) {
      if (statement.block !== undefined) this.droppedBlock(statement, ctx);
      return;
    }
    if (statement.definition !== undefined) {
      this.define(statement.definition, ctx);
      return;
    }
    if (statement.sequences.length > 0) {
      this.repeat(statement, ctx);
      return;
    }
    const words = statement.words;
    // A lone `@ID` that holds, or a `~SEQ` with nothing after it: keepalived reads an empty line.
    if (words.length === 0 && statement.block === undefined) return;
    const head = words[0];
    if (head !== undefined && conditional === undefined && INCLUDE.test(head.image)) {
      this.include(statement, ctx);
      return;
    }
    if (this.expansionDepth < MAX_EXPANSION_DEPTH && words.some((w) => w.image.includes("$"))) {
      this.expandWords(statement, ctx);
      return;
    }
    this.directive(statement, words.map((w) => this.wordIn(w, ctx)), ctx);
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

  /**
   * keepalived drops only the conditional line, with a `{` on it: the lines of the block are read outside it and
   * its `}` is extra. A `{` on the next line stays and is "Unexpected". Both are reported; the lines are kept.
   */
  private droppedBlock(statement: StatementNode, ctx: Context): void {
    const block = statement.block!;
    const conditional = statement.conditional!;
    const blockCtx = this.sourceBlocks.get(block) ?? ctx;
    const id = this.options.configId ?? "(none matching)";
    const sameLine = ctx.pinned !== undefined || !hasLineBreak(ctx.file.text, conditional.startOffset, block.open.startOffset);
    if (sameLine) {
      this.problem("unexpected-block", `With config-id ${id} keepalived drops only this line: the lines of its block are read outside any block and its '}' is extra`, this.spanIn(conditional, ctx));
    } else {
      this.problem("unexpected-block", `With config-id ${id} keepalived drops the line above, so this '{' opens no block: it reports "Unexpected '{'", reads the lines after it outside any block and its '}' is extra`, this.spanIn(block.open, blockCtx));
    }
    this.walk(block.statements, blockCtx);
  }

  private define(token: IToken, ctx: Context): void {
    const parsed = parseDefinition(token.image);
    if (parsed === undefined) return;
    this.env.definitions.set(parsed.name, { value: parsed.value, multiline: parsed.multiline });
    this.result.definitions.push({ ...parsed, span: this.spanIn(token, ctx) });
  }

  /** `~SEQ` / `~LST` lines: the rest of the line once per value, nested left to right, up to MAX_REPETITIONS in all. */
  private repeat(statement: StatementNode, ctx: Context): void {
    const sequences: SequenceResult[] = [];
    for (const token of statement.sequences) {
      const seq = parseSequence(token.image);
      if (seq.error !== undefined) this.problem("sequence-syntax", seq.error, this.spanIn(token, ctx));
      sequences.push(seq);
    }
    // keepalived drops a line whose sequence it cannot read.
    if (sequences.some((s) => s.bindings.length === 0)) return;
    const rest: StatementNode = { words: statement.words, sequences: [] };
    if (statement.block !== undefined) rest.block = statement.block;
    if (rest.words.length === 0 && rest.block === undefined) return;
    const first = statement.sequences[0]!;
    const last = statement.words[statement.words.length - 1] ?? first;
    const use = ctx.pinned ?? { file: ctx.file.file, start: first.startOffset, end: last.startOffset + last.image.length };
    const repeatCtx: Context = ctx.expandedFrom !== undefined ? ctx : { ...ctx, expandedFrom: use };
    let budget = MAX_REPETITIONS;
    // Like keepalived, each variable keeps its last value after the line.
    const run = (level: number): boolean => {
      const seq = sequences[level];
      if (seq === undefined) {
        if (budget === 0) return false;
        budget--;
        this.statement(rest, repeatCtx);
        return true;
      }
      for (const binding of seq.bindings) {
        for (const [name, value] of binding) this.env.definitions.set(name, { value, multiline: false });
        if (!run(level + 1)) return false;
      }
      return true;
    };
    if (!run(0) || sequences.some((s) => s.truncated === true)) {
      this.problem("sequence-limit", `This line repeats more than ${MAX_REPETITIONS} times: only the first ${MAX_REPETITIONS} repetitions are checked`, use);
    }
  }

  /**
   * Expands `$NAME` uses. When the values only change words, the words keep their own places; when they change
   * the structure of the line (blanks, braces, quotes, a multi-line definition), the expanded text is read again
   * and every directive it yields points at the line that used the definitions.
   */
  private expandWords(statement: StatementNode, ctx: Context): void {
    const tokens = statement.words;
    const last = tokens.length - 1;
    const block = statement.block;
    // A multi-line definition is used only at the very end of its line, so not before a `{` on the same line.
    const endsLine = block === undefined || ctx.pinned !== undefined || hasLineBreak(ctx.file.text, tokens[last]!.startOffset, block.open.startOffset);
    const reported = ctx.reported ?? new Set<string>();
    const words: Word[] = [];
    const texts: string[] = [];
    let structural = false;
    for (let i = 0; i <= last; i++) {
      const token = tokens[i]!;
      const word = this.wordIn(token, ctx);
      let text = token.image;
      if (text.includes("$")) {
        const expansion = expand(text, this.env, i === last && endsLine);
        for (const use of expansion.undefinedUses) this.undefinedUse(use, token, ctx, reported);
        if (expansion.changed) {
          text = expansion.text;
          word.text = valueOf(text);
          if (expansion.multiline || changesStructure(text, word.quoted)) structural = true;
        }
      }
      words.push(word);
      texts.push(text);
    }
    if (!structural) {
      this.directive(statement, words, ctx);
      return;
    }
    const first = tokens[0]!;
    const lastToken = tokens[last]!;
    const use: Span = ctx.pinned ?? { file: ctx.file.file, start: first.startOffset, end: lastToken.startOffset + lastToken.image.length };
    const reparsed = parse(protectComments(texts.join(" ")));
    for (const error of reparsed.errors) this.problem("expansion-syntax", `In the text this line expands to: ${error.message}`, use);
    const statements = reparsed.tree.statements;
    if (block !== undefined) {
      this.sourceBlocks.set(block, ctx);
      const owner = statements[statements.length - 1];
      if (owner !== undefined && owner.words.length > 0 && owner.block === undefined) {
        owner.block = block;
      } else {
        // Nothing the line expands to can own the block: keepalived reads its `{` on its own.
        this.problem("unexpected-block", `Nothing this line expands to takes the '{': keepalived says "Unexpected '{'" and reads the block's lines where they stand`, this.spanIn(block.open, ctx));
        statements.push({ words: [], sequences: [], block });
      }
    }
    this.expansionDepth++;
    this.walk(statements, { ...ctx, expandedFrom: ctx.expandedFrom ?? use, pinned: use, reported });
    this.expansionDepth--;
  }

  /** Reports a use of an undefined name once per place: inside expanded text, once per use site. */
  private undefinedUse(use: UndefinedUse, token: IToken, ctx: Context, reported: Set<string>): void {
    let span: Span;
    if (ctx.pinned !== undefined) {
      if (reported.has(use.name)) return;
      span = ctx.pinned;
    } else if (use.index >= 0) {
      const start = token.startOffset + use.index;
      span = { file: ctx.file.file, start, end: start + use.name.length + (use.braced ? 3 : 1) };
    } else {
      span = spanOf(token, ctx.file.file);
    }
    reported.add(use.name);
    this.result.undefinedRefs.push({ name: use.name, braced: use.braced, span });
  }

  private include(statement: StatementNode, ctx: Context): void {
    const file = ctx.file.file;
    const directive = this.directive(statement, statement.words.map((w) => this.wordIn(w, ctx)), ctx, "include");
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
      const included: Context = {
        file: source,
        parent: ctx.parent,
        out: ctx.out,
        includeStack: [...ctx.includeStack, target],
        includedBy: ctx.includedBy ?? directive.span,
      };
      if (ctx.expandedFrom !== undefined) included.expandedFrom = ctx.expandedFrom;
      this.walk(source.parsed.tree.statements, included);
      this.env.pwd = savedPwd;
    }
  }

  private directive(statement: StatementNode, words: Word[], ctx: Context, forcedRole?: "include"): Directive {
    const block = statement.block;
    const blockCtx = block !== undefined ? (this.sourceBlocks.get(block) ?? ctx) : ctx;
    const head = words[0];
    // Without a word the statement is a `{` (the caller drops statements with neither).
    const keyword: Word = head ?? { text: "", raw: "", quoted: false, span: this.spanIn(block!.open, blockCtx) };
    const lastWord = words[words.length - 1] ?? keyword;
    const directive: Directive = {
      role: "unknown",
      keyword,
      args: words.slice(1),
      span: { file: keyword.span.file, start: keyword.span.start, end: lastWord.span.end },
      parent: ctx.parent,
    };
    if (statement.conditional !== undefined) directive.conditional = this.wordIn(statement.conditional, ctx);
    if (ctx.expandedFrom !== undefined) directive.expandedFrom = ctx.expandedFrom;
    if (ctx.includedBy !== undefined) directive.includedBy = ctx.includedBy;
    this.classify(directive, forcedRole, head === undefined);
    for (const w of words) {
      if (!w.quoted && w.raw.startsWith("{{")) {
        this.result.problems.push({ kind: "template-placeholder", message: `'${w.raw}' is a template placeholder left in the file: keepalived reads its braces as a block`, span: w.span, directive });
      }
    }
    ctx.out.push(directive);
    if (directive.role === "orphan") {
      // keepalived ignores the `{` and reads the lines after it where they stand.
      if (block !== undefined) this.walk(block.statements, blockCtx);
      return directive;
    }
    if (block !== undefined) {
      directive.block = { open: this.spanIn(block.open, blockCtx), children: [] };
      if (block.close !== undefined) directive.block.close = this.spanIn(block.close, blockCtx);
      this.walk(block.statements, { ...blockCtx, parent: directive, out: directive.block.children });
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
      this.problem("missing-open-brace", `Missing '{' after '${spec.name}': keepalived reports it and reads the following lines, up to the next '}', outside the block`, directive.span, directive);
    } else if (spec.kind === "keyword" && directive.block !== undefined) {
      this.problem("unexpected-block", `'${spec.name}' takes no block: keepalived says "Unexpected '{'" and reads the block's lines where they stand`, directive.block.open, directive);
    }
  }

  private problem(kind: BuildProblem["kind"], message: string, span: Span, directive?: Directive): void {
    this.result.problems.push(directive !== undefined ? { kind, message, span, directive } : { kind, message, span });
  }
}

/** Builds the directive tree of `root` and of every file it includes. */
export function buildDirectives(root: SourceFile, host: SourceHost, options: BuildOptions): BuildResult {
  const builder = new Builder(host, options, root);
  builder.walk(root.parsed.tree.statements, { file: root, parent: undefined, out: builder.result.directives, includeStack: [root.file] });
  return builder.result;
}
