import { lookupKeyword } from "../catalog/catalog.ts";
import type { KeywordSpec } from "../catalog/types.ts";
import type { Directive, DirectiveRole, Word } from "../model/types.ts";
import type { CheckContext, DirectiveCheck } from "./diagnostic.ts";
import { containerPath, isSemicolonWord } from "./util.ts";
import { consequenceOf, valueProblem } from "./value-kinds.ts";

/**
 * keepalived has no statement separator: `interface eth0;` names the interface `eth0;`, `auth_type PASS;` is an
 * unknown type, and in `interface eth0 ; virtual_router_id 51` the VRID is never read. Unquoted words only.
 *
 * data:
 * - semicolon-in-value: { keyword: string, value: string, intended: string, ignored: string[],
 *   keywords: string[] } (value: the word as keepalived keeps it, `;` included; intended: without the `;`;
 *   ignored: the words after it that keepalived drops; keywords: those of them that are keywords of the block)
 * - invalid-value (when keepalived rejects the value because of its `;`): the keys of arguments.ts plus
 *   { suggestion: string (the value without `;`), semicolon: true }
 */

function describeIgnored(ignored: Word[], keywords: string[]): string {
  if (ignored.length === 0) return "";
  const lost = keywords.length > 0 ? `, so ${keywords.join(", ")} ${keywords.length > 1 ? "are" : "is"} never set` : "";
  return `; the words after it, '${ignored.map((w) => w.text).join(" ")}', are ignored${lost}`;
}

/** The first word that isSemicolonWord, or -1. Asked of every line: two character tests a word. */
function semicolonWord(words: readonly Word[]): number {
  for (let i = 0; i < words.length; i++) {
    if (isSemicolonWord(words[i]!)) return i;
  }
  return -1;
}

function checkDirective(ctx: CheckContext, directive: Directive, index: number): void {
  const words = directive.args;
  const spec = directive.spec!;
  const keyword = spec.name;
  const word = words[index]!;
  const ignored = words.slice(word.text === ";" || word.text.startsWith(";") ? index : index + 1).filter((w) => w.text !== ";");
  const parentPath = containerPath(directive);
  const keywords = ignored.filter((w) => lookupKeyword(parentPath, w.text, ctx.version) !== undefined).map((w) => w.text);
  const rest = describeIgnored(ignored, keywords);
  const span = { file: word.span.file, start: word.span.start, end: (words[words.length - 1] ?? word).span.end };
  if (word.text === ";" || word.text.startsWith(";")) {
    ctx.report({
      code: "semicolon-in-value",
      message: `';' does not end a statement in keepalived.conf${rest}: put each setting on its own line`,
      span,
      data: { keyword, value: word.text, intended: "", ignored: ignored.map((w) => w.text), keywords },
    });
    return;
  }
  const read = spec.args.length;
  if (spec.argsKnown && index >= read && spec.args[read - 1]?.repeatable !== true) {
    // The ';' sits in words keepalived ignores anyway: say that, once.
    const extra = words.slice(read);
    ctx.report({
      code: "semicolon-in-value",
      message: `keepalived reads ${read === 0 ? "no value" : read === 1 ? "one value" : `${read} values`} for ${keyword} and ignores '${extra.map((w) => w.text).join(" ")}': ';' does not end a statement in keepalived.conf${keywords.length > 0 ? `, so ${keywords.join(", ")} ${keywords.length > 1 ? "are" : "is"} never set` : ""}`,
      span: { file: extra[0]!.span.file, start: extra[0]!.span.start, end: span.end },
      data: { keyword, value: word.text, intended: word.text.replace(/;+$/, ""), ignored: extra.map((w) => w.text), keywords },
    });
    return;
  }
  const intended = word.text.replace(/;+$/, "");
  const arg = spec.args[Math.min(index, read - 1)];
  const glued = arg !== undefined ? valueProblem(arg, word.text) : undefined;
  const bare = arg !== undefined ? valueProblem(arg, intended) : undefined;
  if (glued !== undefined && bare === undefined) {
    ctx.report({
      code: "invalid-value",
      message: `'${word.text}' is not ${glued.expected} for ${keyword}: the ';' is part of the value, since keepalived has no statement separator, so ${consequenceOf(keyword).replace(/^keepalived /, "it ")}${rest}`,
      span: word.span,
      data: { keyword, value: word.text, ...glued.data, suggestion: intended, semicolon: true },
    });
    return;
  }
  if (glued !== undefined) {
    ctx.report({
      code: glued.code,
      message: `'${word.text}' is not ${glued.expected} for ${keyword} (nor is it without its ';'): ${consequenceOf(keyword)}${rest}`,
      span: word.span,
      data: { keyword, value: word.text, ...glued.data },
    });
    return;
  }
  const script = spec.args[0]?.type === "script";
  ctx.report({
    code: "semicolon-in-value",
    message: script
      ? `keepalived runs the command without a shell, so '${word.text}' reaches it with its ';'${rest}`
      : `keepalived has no statement separator: ${keyword} is set to '${word.text}', ';' included, not '${intended}'${rest}`,
    span: ignored.length > 0 ? span : word.span,
    data: { keyword, value: word.text, intended, ignored: ignored.map((w) => w.text), keywords },
  });
}

/** The lines semicolonInValue reads: every known keyword but a value block's header. */
function readsValues(_role: DirectiveRole, spec: KeywordSpec | undefined): spec is KeywordSpec {
  return spec !== undefined && spec.kind !== "value_block";
}

export const semicolonInValue: DirectiveCheck = {
  kind: "directive",
  name: "semicolonInValue",
  roles: ["keyword"],
  appliesTo: readsValues,
  visit: (directive, ctx) => {
    if (!readsValues(directive.role, directive.spec)) return;
    const index = semicolonWord(directive.args);
    if (index < 0 || directive.args.some(ctx.isPlaceholder)) return;
    checkDirective(ctx, directive, index);
  },
};
