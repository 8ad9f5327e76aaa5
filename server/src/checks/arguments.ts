import type { ArgSpec } from "../catalog/types.ts";
import type { Directive, Word } from "../model/types.ts";
import { BOOLEAN_WORDS, isIP, isIPv4, isIPv6, parseDecimal, parseInteger } from "../model/values.ts";
import type { Check, CheckContext } from "./diagnostic.ts";
import { allDirectives, whereIs } from "./util.ts";

/**
 * The catalog-driven argument checks: `missing-value`, `invalid-value`, `value-out-of-range` and
 * `extra-argument`, for every known keyword and block header. One pass, because the four share the reading of
 * each argument against its spec.
 */

/** Linux IFNAMSIZ minus the terminating NUL. */
const MAX_IFNAME = 15;

function describeRange(arg: ArgSpec): string {
  if (arg.min !== undefined && arg.max !== undefined) return `${arg.min}..${arg.max}`;
  if (arg.min !== undefined) return `at least ${arg.min}`;
  if (arg.max !== undefined) return `at most ${arg.max}`;
  return "any number";
}

function checkNumber(ctx: CheckContext, directive: Directive, arg: ArgSpec, word: Word): void {
  const keyword = directive.keyword.text;
  const value = arg.type === "decimal" ? parseDecimal(word.text) : parseInteger(word.text);
  if (value === undefined) {
    const expected = arg.type === "decimal" ? "a number" : "a whole number";
    ctx.report({
      code: "invalid-value",
      message: `'${word.text}' is not ${expected} for ${keyword} (expected ${describeRange(arg)}): keepalived reports an invalid number and ignores the setting`,
      span: word.span,
      data: { keyword, value: word.text, expected: arg.type, min: arg.min, max: arg.max },
    });
    return;
  }
  const below = arg.min !== undefined && value < arg.min;
  const above = arg.max !== undefined && value > arg.max;
  if (below || above) {
    ctx.report({
      code: "value-out-of-range",
      message: `${keyword} ${word.text} is outside ${describeRange(arg)}: keepalived reports it and ignores the value (using its default)`,
      span: word.span,
      data: { keyword, value, min: arg.min, max: arg.max },
    });
  }
}

function checkWord(ctx: CheckContext, directive: Directive, arg: ArgSpec, word: Word): void {
  const keyword = directive.keyword.text;
  const invalid = (what: string, extra: Record<string, unknown> = {}): void =>
    ctx.report({
      code: "invalid-value",
      message: `'${word.text}' is not ${what} for ${keyword}: ${consequence(keyword)}`,
      span: word.span,
      data: { keyword, value: word.text, expected: arg.type, ...extra },
    });
  switch (arg.type) {
    case "uint":
    case "int":
    case "decimal":
      checkNumber(ctx, directive, arg, word);
      return;
    case "port": {
      const port = parseInteger(word.text);
      if (port === undefined || port < 1 || port > 65535) invalid("a port number (1..65535)");
      return;
    }
    case "bool":
      if (!BOOLEAN_WORDS.includes(word.text)) invalid(`one of ${BOOLEAN_WORDS.join(", ")}`);
      return;
    case "enum": {
      const values = arg.values ?? [];
      const bare = arg.prefixes?.includes(word.text[0] ?? "") === true ? word.text.slice(1) : word.text;
      if (values.includes(bare)) return;
      const suggestion = values.find((v) => v.toLowerCase() === bare.toLowerCase().replace(/;$/, ""));
      invalid(`one of ${values.join(", ")} (case matters)`, { values, ...(suggestion !== undefined ? { suggestion } : {}) });
      return;
    }
    case "ip":
      if (!isIP(word.text)) invalid("an IP address");
      return;
    case "ipv4":
      if (!isIPv4(word.text)) invalid("an IPv4 address");
      return;
    case "ipv6":
      if (!isIPv6(word.text)) invalid("an IPv6 address");
      return;
    case "ifname":
      if (word.text.length > MAX_IFNAME) invalid(`an interface name (at most ${MAX_IFNAME} characters)`);
      return;
    default:
      return;
  }
}

function consequence(keyword: string): string {
  switch (keyword) {
    case "state":
      return "keepalived reports it and starts the instance as BACKUP";
    case "auth_type":
      return "keepalived reports it and runs the instance without authentication";
    default:
      return "keepalived reports it and ignores the setting";
  }
}

function checkDirective(ctx: CheckContext, directive: Directive): void {
  const spec = directive.spec!;
  const args = spec.args;
  const words = directive.args;
  const first = args[0];
  if (first?.required === true && words.length === 0) {
    const isBlock = spec.kind !== "keyword";
    ctx.report({
      code: "missing-value",
      message: isBlock
        ? `${spec.name} needs ${first.name.toLowerCase()} before its '{': keepalived reports it and skips the whole block`
        : `${spec.name} has no value (expected ${first.name}): keepalived stops reading the configuration here (exit 2), so nothing after this line is checked`,
      span: directive.keyword.span,
      data: { keyword: spec.name, argument: first.name },
    });
    return;
  }
  for (let i = 0; i < words.length && i < args.length; i++) {
    const arg = args[i]!;
    checkWord(ctx, directive, arg, words[i]!);
    if (arg.repeatable === true) {
      for (let j = i + 1; j < words.length; j++) checkWord(ctx, directive, arg, words[j]!);
      return;
    }
  }
  const commandUnquoted = first?.type === "script" && words[0]?.quoted === false;
  if (spec.argsKnown && !commandUnquoted && words.length > args.length && spec.kind === "keyword") {
    const extra = words.slice(args.length);
    const last = extra[extra.length - 1]!;
    ctx.report({
      code: "extra-argument",
      message: `keepalived ignores '${extra.map((w) => w.text).join(" ")}' after ${spec.name}${args.length > 0 ? ` ${words.slice(0, args.length).map((w) => w.text).join(" ")}` : ""}: only ${args.length === 0 ? "the keyword" : `${args.length} value${args.length > 1 ? "s are" : " is"}`} read here (in ${whereIs(directive)})`,
      span: { file: extra[0]!.span.file, start: extra[0]!.span.start, end: last.span.end },
      tags: ["unnecessary"],
      data: { keyword: spec.name, extra: extra.map((w) => w.text) },
    });
  }
}

export const argumentChecks: Check = (ctx) => {
  for (const directive of allDirectives(ctx.config)) {
    if (directive.role === "keyword" && directive.spec !== undefined) checkDirective(ctx, directive);
  }
};
