import { lookupKeyword } from "../catalog/catalog.ts";
import type { ArgSpec } from "../catalog/types.ts";
import type { Directive, Word } from "../model/types.ts";
import type { CheckContext, DirectiveCheck, DirectiveContext } from "./diagnostic.ts";
import { containerPath, hasSemicolon, isSemicolonWord, isTrailingBackslash, whereIs } from "./util.ts";
import { consequenceOf, valueProblem, withoutValue } from "./value-kinds.ts";

/**
 * The catalog-driven argument checks: `missing-value`, `invalid-value`, `value-out-of-range` and
 * `extra-argument`, for every known keyword and block header. One pass, because the four share the reading of
 * each argument against its spec. Words ending in `;` and a line-ending `\` are left to semicolon.ts and
 * line-continuation.ts, and unfilled placeholders to the build problems, so that each mistake is said once.
 *
 * data:
 * - missing-value: { keyword: string, argument: string, outcome?: "stop" | "report" | "crash" (what keepalived
 *   does without the value: stops reading with exit 2, reports the line, or crashes) }
 * - invalid-value: { keyword: string, value: string, expected: string (an ArgType), min?, max?, values?: string[],
 *   suggestion?: string (the accepted word the value differs from only in case) }
 * - value-out-of-range: { keyword: string, value: number, min?: number, max?: number }
 * - extra-argument: { keyword: string, extra: string[], keywords: string[] (extra words that are keywords of the
 *   same block: the line joins two settings) }
 */

function checkWord(ctx: CheckContext, directive: Directive, arg: ArgSpec, word: Word): void {
  const keyword = directive.keyword.text;
  const problem = valueProblem(arg, word.text);
  if (problem === undefined) return;
  if (problem.code === "value-out-of-range") {
    ctx.report({
      code: "value-out-of-range",
      message: `${keyword} ${word.text} is outside ${problem.expected}: ${consequenceOf(keyword)}`,
      span: word.span,
      data: { keyword, ...problem.data },
    });
    return;
  }
  ctx.report({
    code: "invalid-value",
    message: `'${word.text}' is not ${problem.expected} for ${keyword}: ${consequenceOf(keyword)}`,
    span: word.span,
    data: { keyword, value: word.text, ...problem.data },
  });
}

function reportExtra(ctx: CheckContext, directive: Directive, read: number): void {
  const spec = directive.spec!;
  const words = directive.args;
  if (words.length <= read) return;
  const extra = words.slice(read);
  // semicolon-in-value says what is ignored after a ';' (a quoted ';' is a value like any other, reported here).
  if (extra.length === 0 || extra.some(isSemicolonWord)) return;
  if (isTrailingBackslash(extra[extra.length - 1]!, directive)) extra.pop();
  if (extra.length === 0) return;
  const last = extra[extra.length - 1]!;
  const parentPath = containerPath(directive);
  const keywords = extra.filter((w) => lookupKeyword(parentPath, w.text, ctx.version) !== undefined).map((w) => w.text);
  const kept = read > 0 ? ` ${words.slice(0, read).map((w) => w.text).join(" ")}` : "";
  const joined = keywords.length > 0 ? `: it reads one keyword per line, so ${keywords.join(", ")} ${keywords.length > 1 ? "are" : "is"} never set here; put ${keywords.length > 1 ? "each" : "it"} on its own line` : "";
  ctx.report({
    code: "extra-argument",
    message: `keepalived ignores '${extra.map((w) => w.text).join(" ")}' after ${spec.name}${kept} (in ${whereIs(directive)})${joined || `: only ${read === 0 ? "the keyword" : `${read} value${read > 1 ? "s are" : " is"}`} read here`}`,
    span: { file: extra[0]!.span.file, start: extra[0]!.span.start, end: last.span.end },
    tags: ["unnecessary"],
    data: { keyword: spec.name, extra: extra.map((w) => w.text), keywords },
  });
}

/** A word the value checks read: placeholders, `;` and a line-ending `\\` are other checks' to report. */
function checkable(ctx: DirectiveContext, directive: Directive, word: Word): boolean {
  return !ctx.isPlaceholder(word) && !hasSemicolon(word) && !isTrailingBackslash(word, directive);
}

function checkDirective(ctx: DirectiveContext, directive: Directive): void {
  const spec = directive.spec!;
  const args = spec.args;
  const words = directive.args;
  const first = args[0];
  if (first?.required === true && (words.length === 0 || (words.length === 1 && isTrailingBackslash(words[0]!, directive)))) {
    if (words.length > 0) return; // `keyword \`: keepalived reads the keyword 'keyword\' (line-continuation.ts)
    const isBlock = spec.kind !== "keyword";
    const outcome = withoutValue(spec.path);
    const consequence = {
      stop: "keepalived stops reading the configuration here (exit 2), so nothing after this line is checked",
      report: "keepalived reports it and ignores the line",
      crash: "keepalived 2.2 crashes on this line (segmentation fault)",
    }[outcome];
    ctx.report({
      code: "missing-value",
      message: isBlock
        ? `${spec.name} needs ${first.name.toLowerCase()} before its '{': keepalived reports it and skips the whole block`
        : `${spec.name} has no value (expected ${first.name}): ${consequence}`,
      span: directive.keyword.span,
      data: { keyword: spec.name, argument: first.name, ...(isBlock ? {} : { outcome }) },
    });
    return;
  }
  for (let i = 0; i < words.length && i < args.length; i++) {
    const arg = args[i]!;
    if (checkable(ctx, directive, words[i]!)) checkWord(ctx, directive, arg, words[i]!);
    if (hasSemicolon(words[i]!)) return; // the rest of the line is semicolon.ts's
    if (arg.repeatable === true) {
      for (let j = i + 1; j < words.length; j++) if (checkable(ctx, directive, words[j]!)) checkWord(ctx, directive, arg, words[j]!);
      return;
    }
  }
  const commandUnquoted = first?.type === "script" && words[0]?.quoted === false;
  if (spec.argsKnown && !commandUnquoted && spec.kind === "keyword") reportExtra(ctx, directive, args.length);
}

export const argumentChecks: DirectiveCheck = {
  kind: "directive",
  name: "argumentChecks",
  roles: ["keyword"],
  visit: (directive, ctx) => {
    if (directive.spec !== undefined) checkDirective(ctx, directive);
  },
};
