import type { KeywordSpec } from "../catalog/types.ts";
import type { Directive, DirectiveRole } from "../model/types.ts";
import type { CheckContext, DirectiveCheck } from "./diagnostic.ts";

/**
 * `deprecated-keyword`: keywords (and route words) keepalived has replaced.
 *
 * A deprecation keepalived reports (`keepalived -t` fails) is a warning; one it only logs or accepts silently is
 * information: the configuration works today, and a check that fails where keepalived passes would be noise.
 *
 * data: { keyword: string, replacement?: string (a keyword of the same block, or a route word, to write instead) }
 */

const REPORTED = {
  config_error: "keepalived reports it as a configuration error but still applies it",
  log_only: "keepalived only logs it (`keepalived -t` says nothing) and still applies it",
  none: "keepalived accepts it silently for now",
} as const;

/** Words inside route items that newer keepalived renamed. */
const ROUTE_WORDS: Record<string, string> = { gw: "via", or: "nexthop" };

/** The directives deprecatedKeyword reads: deprecated keywords, and the items of route blocks (for their words). */
function mayBeDeprecated(role: DirectiveRole, spec: KeywordSpec | undefined): boolean {
  if (role === "keyword") return spec?.deprecated !== undefined;
  return role === "item" && (spec?.name === "virtual_routes" || spec?.name === "static_routes");
}

function visit(directive: Directive, ctx: CheckContext): void {
  const spec = directive.spec;
  if (!mayBeDeprecated(directive.role, spec)) return;
  if (directive.role === "keyword" && spec?.deprecated !== undefined) {
    const { use, replacement, reported } = spec.deprecated;
    ctx.report({
      code: "deprecated-keyword",
      severity: reported === "config_error" ? "warning" : "information",
      message: `'${spec.name}' is deprecated (use ${replacement !== undefined ? `'${replacement}'` : use}): ${REPORTED[reported]}`,
      span: directive.keyword.span,
      tags: ["deprecated"],
      data: { keyword: spec.name, ...(replacement !== undefined ? { replacement } : {}) },
    });
  }
  if (directive.role === "item" && (spec?.name === "virtual_routes" || spec?.name === "static_routes")) {
    for (const word of [directive.keyword, ...directive.args]) {
      const replacement = ROUTE_WORDS[word.text];
      if (replacement === undefined) continue;
      ctx.report({
        code: "deprecated-keyword",
        message: `Route word '${word.text}' is deprecated (use '${replacement}'): keepalived still reads it`,
        span: word.span,
        tags: ["deprecated"],
        data: { keyword: word.text, replacement },
      });
    }
  }
}

export const deprecatedKeyword: DirectiveCheck = { kind: "directive", name: "deprecatedKeyword", roles: ["keyword", "item"], appliesTo: mayBeDeprecated, visit };
