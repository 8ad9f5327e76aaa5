import type { Directive } from "../model/types.ts";
import type { CheckContext, DirectiveCheck } from "./diagnostic.ts";
import { isTrailingBackslash } from "./util.ts";
import { consequenceOf, valueProblem } from "./value-kinds.ts";

/**
 * keepalived continues lines only inside `$NAME=` definitions. Elsewhere a line-ending ` \` is glued to the word
 * before it (`interface \` is the unknown keyword `interface\`, `virtual_router_id 5 \` the invalid number `5\`),
 * and the next line is read on its own.
 *
 * data: { keyword: string, glued: string (the word as keepalived reads it), position: "keyword" | "value" | "item" }
 */

function nextLineHint(): string {
  return "; keepalived has no line continuation here, and reads the next line on its own: join the two lines";
}

function check(ctx: CheckContext, directive: Directive): void {
  const words = directive.args;
  const backslash = words[words.length - 1];
  if (backslash === undefined || !isTrailingBackslash(backslash, directive)) return;
  const keyword = directive.keyword.text;
  const index = words.length - 2;
  const before = index >= 0 ? words[index]! : directive.keyword;
  const glued = `${before.text}\\`;
  const span = { file: before.span.file, start: before.span.start, end: backslash.span.end };
  if (directive.role === "item") {
    ctx.report({ code: "line-continuation", message: `keepalived reads '${glued}' here, the '\\' glued to the word before it${nextLineHint()}`, span, data: { keyword: directive.spec?.name ?? keyword, glued, position: "item" } });
    return;
  }
  if (index < 0) {
    ctx.report({ code: "line-continuation", severity: "error", message: `keepalived reads the keyword '${glued}', the '\\' glued to it, reports it as unknown and ignores the line${nextLineHint()}`, span, data: { keyword, glued, position: "keyword" } });
    return;
  }
  const arg = directive.spec?.args[Math.min(index, (directive.spec?.args.length ?? 1) - 1)];
  const problem = arg !== undefined ? valueProblem(arg, glued) : undefined;
  ctx.report({
    code: "line-continuation",
    ...(problem !== undefined ? { severity: "error" as const } : {}),
    message:
      problem !== undefined
        ? `keepalived reads ${keyword} '${glued}', the '\\' glued to the value, which is not ${problem.expected}: ${consequenceOf(keyword)}${nextLineHint()}`
        : `keepalived sets ${keyword} to '${glued}', the '\\' glued to the value${nextLineHint()}`,
    span,
    data: { keyword, glued, position: "value" },
  });
}

export const lineContinuation: DirectiveCheck = { kind: "directive", name: "lineContinuation", roles: ["keyword", "item"], visit: (directive, ctx) => check(ctx, directive) };
