import type { KeywordSpec } from "../catalog/types.ts";
import type { Directive, Word } from "../model/types.ts";
import { addressFamily, isIP } from "../model/values.ts";
import type { CheckContext, DirectiveCheck } from "./diagnostic.ts";
import { isTrailingBackslash } from "./util.ts";

/**
 * Entries of virtual_routes / static_routes and virtual_rules / static_rules, read the way keepalived's
 * iproute2-like parsers read them (alloc_route / alloc_rule): the destination or from/to addresses, tracking
 * without an interface, and rules without a preference or an action.
 *
 * data:
 * - invalid-value: { keyword: string (the block), value: string, expected: "route" | "address" | "rule-option" }
 * - ignored-setting: { keyword: string (the block), reason: "route-not-tracked" } (the fix adds `dev IF` or `no_track`)
 * - missing-keyword: { keyword: "preference" | "table", block: string }
 */

/** Route words followed by one value (`mtu lock N` and the like take an optional `lock`). */
const ROUTE_VALUE = new Set(["src", "from", "tos", "dsfield", "table", "protocol", "scope", "metric", "priority", "preference", "dev", "oif", "expires", "hoplimit", "window", "realms", "initcwnd", "initrwnd", "features", "quickack", "pref", "ttl-propagate", "fastopen_no_cookie", "or", "track_group", "congctl", "mtu", "advmss", "rtt", "rttvar", "reordering", "cwnd", "ssthresh", "rto_min"]);
const ROUTE_FLAGS = new Set(["inet", "inet6", "onlink", "no_track"]);
const ROUTE_TYPES = new Set(["unicast", "local", "broadcast", "anycast", "multicast", "blackhole", "unreachable", "prohibit", "throw", "nat"]);

const RULE_VALUE = new Set(["from", "to", "table", "lookup", "preference", "order", "priority", "tos", "dsfield", "fwmark", "realms", "suppress_prefixlength", "sup_pl", "suppress_ifgroup", "sup_group", "dev", "iif", "oif", "tunnel-id", "uidrange", "protocol", "ipproto", "sport", "dport", "track_group", "goto", "type"]);
const RULE_FLAGS = new Set(["inet", "inet6", "not", "l3mdev", "no_track", "nop", "blackhole", "unreachable", "prohibit"]);

function isRouteDestination(text: string): boolean {
  return text === "default" || text === "default6" || addressFamily(text) !== undefined;
}

function wordsOf(item: Directive): Word[] {
  return [item.keyword, ...item.args].filter((w) => !isTrailingBackslash(w, item));
}

function route(ctx: CheckContext, item: Directive, block: string): void {
  const words = wordsOf(item);
  let destination: Word | undefined;
  let dev = false;
  let noTrack = false;
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.text;
    if (text === "nexthop" || text === "encap" || text === "as") return; // sub-syntaxes this check does not follow
    if (text === "dev" || text === "oif") dev = true;
    if (text === "no_track") noTrack = true;
    if (ROUTE_FLAGS.has(text)) continue;
    if (text === "via" || text === "gw") {
      if (["inet", "inet6"].includes(words[i + 1]?.text ?? "")) i++;
      const via = words[++i];
      if (via !== undefined && !isIP(via.text)) {
        ctx.report({ code: "invalid-value", message: `'${via.text}' is not an address for ${text} in ${block}: keepalived reports "invalid route via address" and skips the route`, span: via.span, data: { keyword: block, value: via.text, expected: "address" } });
        return;
      }
      continue;
    }
    if (ROUTE_VALUE.has(text)) {
      if (words[i + 1]?.text === "lock") i++;
      i++;
      continue;
    }
    if (text === "to" || ROUTE_TYPES.has(text)) continue;
    if (destination !== undefined || !isRouteDestination(text)) {
      ctx.report({ code: "invalid-value", message: `'${text}' is not a route destination (ADDR/PREFIX) or route option in ${block}: keepalived reports "unknown route keyword" and skips the route`, span: words[i]!.span, data: { keyword: block, value: text, expected: "route" } });
      return;
    }
    destination = words[i];
  }
  if (destination !== undefined && !dev && !noTrack) {
    ctx.report({
      code: "ignored-setting",
      message: `route ${destination.text} has no 'dev': keepalived reports "cannot track route ${destination.text} with no interface specified, not tracking"; add 'dev IFNAME', or 'no_track' if it should not be tracked`,
      span: destination.span,
      data: { keyword: block, reason: "route-not-tracked" },
    });
  }
}

function rule(ctx: CheckContext, item: Directive, block: string): void {
  const words = wordsOf(item);
  let preference = false;
  let action = false;
  for (let i = 0; i < words.length; i++) {
    const text = words[i]!.text;
    if (RULE_FLAGS.has(text)) {
      if (!["inet", "inet6", "not", "no_track"].includes(text)) action = true;
      continue;
    }
    if (!RULE_VALUE.has(text)) {
      ctx.report({ code: "invalid-value", message: `'${text}' is not a rule option in ${block}: keepalived reports "Unknown rule option" and skips the rule`, span: words[i]!.span, data: { keyword: block, value: text, expected: "rule-option" } });
      return;
    }
    const value = words[++i];
    if (value === undefined) return;
    if ((text === "from" || text === "to") && !isRouteDestination(value.text)) {
      ctx.report({ code: "invalid-value", message: `'${value.text}' is not an address (ADDR or ADDR/PREFIX) for '${text}' in ${block}: keepalived reports "Invalid rule ${text} address" and skips the rule`, span: value.span, data: { keyword: block, value: value.text, expected: "address" } });
      return;
    }
    if (["preference", "order", "priority"].includes(text)) preference = true;
    if (["table", "lookup", "goto", "type"].includes(text)) action = true;
  }
  const span = item.span;
  if (!action) {
    ctx.report({ code: "missing-keyword", message: `This rule in ${block} has no action (table, goto, blackhole, ...): keepalived reports "No action specified for rule" and ignores it`, span, data: { keyword: "table", block } });
  } else if (!preference) {
    ctx.report({ code: "missing-keyword", severity: "warning", message: `This rule in ${block} has no preference: keepalived reports "Rule has no preference specified" and numbers it itself (counting down from 16384), which is probably not the order you want`, span, data: { keyword: "preference", block } });
  }
}

/** How routeChecks reads an item of a block: undefined for the blocks it leaves alone. */
function itemKind(spec: KeywordSpec | undefined): "route" | "rule" | undefined {
  const block = spec?.name;
  return block === "virtual_routes" || block === "static_routes" ? "route" : block === "virtual_rules" || block === "static_rules" ? "rule" : undefined;
}

export const routeChecks: DirectiveCheck = {
  kind: "directive",
  name: "routeChecks",
  roles: ["item"],
  appliesTo: (_role, spec) => itemKind(spec) !== undefined,
  visit: (directive, ctx) => {
    const kind = itemKind(directive.spec);
    if (kind === undefined) return;
    if (ctx.isPlaceholder(directive.keyword) || directive.args.some(ctx.isPlaceholder)) return;
    if (kind === "route") route(ctx, directive, directive.spec!.name);
    else rule(ctx, directive, directive.spec!.name);
  },
};
