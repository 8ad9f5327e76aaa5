import type { IToken } from "chevrotain";
import { INCLUDE_KEYWORD } from "../parser/chars.ts";
import { parse } from "../parser/parse.ts";
import { valueOf } from "../parser/scanner.ts";
import type { StatementNode, WordToken } from "../parser/syntax.ts";
import { MAX_REPETITIONS, parseSequence, type SequenceResult } from "./sequence.ts";
import type { SourceFile, SourceHost } from "./source.ts";
import type { Span } from "./span.ts";
import type { Word } from "./types.ts";
import { context, TreeBuilder, type BuildOptions, type BuildResult, type Context } from "./tree.ts";
import { expand, parseDefinition, type Environment, type UndefinedUse } from "./variables.ts";
import { changesStructure, hasLineBreak, protectComments, spanOf } from "./words.ts";

export type { BuildOptions, BuildResult } from "./tree.ts";

const MAX_EXPANSION_DEPTH = 16;
/**
 * keepalived expands a line into its 1024-byte buffer and gives up past it; definitions that refer to each other
 * twice still double at each level, so the whole build gets a budget of expanded text (far above any real file).
 */
const MAX_EXPANDED_TOTAL = 2_000_000;

class Builder extends TreeBuilder {
  private readonly env: Environment;
  private readonly ids = new Set<string>();
  private expansionDepth = 0;
  /** Characters that expansions may still produce in this build (see MAX_EXPANDED_TOTAL). */
  private expansionBudget = MAX_EXPANDED_TOTAL;

  constructor(host: SourceHost, options: BuildOptions, root: SourceFile) {
    super(host, options, root);
    this.env = { definitions: new Map(), pwd: host.dirname(root.file), instance: options.configId ?? "" };
  }

  protected enterFolder(folder: string): string {
    const outer = this.env.pwd;
    this.env.pwd = folder;
    return outer;
  }

  protected statement(statement: StatementNode, ctx: Context): void {
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
    if (head !== undefined && conditional === undefined && head.image.charCodeAt(0) === 0x69 && INCLUDE_KEYWORD.test(head.image)) {
      this.include(statement, ctx);
      return;
    }
    // A simple parse has no `$` in any word (ParseResult.simple): its words need no look.
    if (!ctx.file.parsed.simple && this.expansionDepth < MAX_EXPANSION_DEPTH && this.expansionBudget > 0 && hasDollar(words)) {
      this.expandWords(statement, ctx);
      return;
    }
    this.directive(statement, this.wordsIn(words, ctx), ctx);
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
    this.walkBlock(block, blockCtx);
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
    const repeatCtx = ctx.expandedFrom !== undefined ? ctx : context(ctx.file, ctx.parent, ctx.out, ctx.includeStack, ctx.includedBy, use, ctx.pinned, ctx.reported);
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
      let word = this.wordIn(token, ctx);
      let text = token.image;
      if (this.expansionBudget > 0 && text.includes("$")) {
        const expansion = expand(text, this.env, i === last && endsLine);
        for (const use of expansion.undefinedUses) this.undefinedUse(use, token, ctx, reported);
        if (expansion.changed) {
          this.expansionBudget -= expansion.text.length;
          text = expansion.text;
          word = { text: valueOf(text), raw: word.raw, quoted: word.quoted, span: word.span };
          if (expansion.multiline || changesStructure(text, word.quoted)) structural = true;
        }
      }
      words.push(word);
      texts.push(text);
    }
    if (this.expansionBudget <= 0) {
      this.problem("expansion-limit", `Definitions here expand to more than ${MAX_EXPANDED_TOTAL} characters in all (they refer to each other over and over): the rest of the file is checked without expanding them`, ctx.pinned ?? spanOf(tokens[0]!, ctx.file.file));
      this.directive(statement, tokens.map((t) => this.wordIn(t, ctx)), ctx);
      return;
    }
    if (!structural) {
      this.directive(statement, words, ctx);
      return;
    }
    const first = tokens[0]!;
    const lastToken = tokens[last]!;
    const use: Span = ctx.pinned ?? { file: ctx.file.file, start: first.startOffset, end: lastToken.startOffset + lastToken.image.length };
    const reparsed = parse(protectComments(texts.join(" ")));
    const error = reparsed.errors[0];
    if (error !== undefined) {
      const more = reparsed.errors.length > 1 ? ` (and ${reparsed.errors.length - 1} more)` : "";
      this.problem("expansion-syntax", `In the text this line expands to: ${error.message}${more}`, use);
    }
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
    this.walk(statements, context(ctx.file, ctx.parent, ctx.out, ctx.includeStack, ctx.includedBy, ctx.expandedFrom ?? use, use, reported));
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
}

function hasDollar(words: WordToken[]): boolean {
  for (const w of words) if (w.image.includes("$")) return true;
  return false;
}

/** Builds the directive tree of `root` and of every file it includes. */
export function buildDirectives(root: SourceFile, host: SourceHost, options: BuildOptions): BuildResult {
  return buildStatements(root, host, options, root.parsed.tree.statements);
}

/**
 * Builds the directives of some top-level statements of `root` as if nothing came before them: for a simple
 * parse (ParseResult.simple) the same directives the whole file gives them, which the incremental analysis uses.
 */
export function buildStatements(root: SourceFile, host: SourceHost, options: BuildOptions, statements: readonly StatementNode[]): BuildResult {
  const builder = new Builder(host, options, root);
  builder.walk(statements, context(root, undefined, builder.result.directives, [root.file], undefined, undefined, undefined, undefined));
  return builder.finish();
}
