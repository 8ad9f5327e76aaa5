import type { Directive } from "../model/types.ts";
import { canonicalAddress, parseInteger } from "../model/values.ts";
import type { Check, CheckContext } from "./diagnostic.ts";

/**
 * virtual_server checks that keepalived's checker makes once the whole block is read (validate_check_config):
 * defaults it fills in and reports, settings it resets, real servers it drops.
 *
 * data:
 * - missing-keyword: { keyword: "real_server" | "protocol" | "lb_algo" | "lb_kind", virtualServer: string,
 *   default?: string (what keepalived uses instead) }
 * - ignored-setting: { keyword: string, reason: "fwmark-protocol" | "port-mismatch" | "fwmark-port" |
 *   "quorum" | "zero-port", virtualServer: string }
 * - duplicate-definition: { kind: "real_server", name: string ("IP PORT") }
 */

function lines(block: Directive, keyword: string): Directive[] {
  return block.block?.children.filter((c) => c.role === "keyword" && c.keyword.text === keyword) ?? [];
}

function last(block: Directive, ...keywords: string[]): Directive | undefined {
  return block.block?.children.filter((c) => c.role === "keyword" && keywords.includes(c.keyword.text)).at(-1);
}

/** How a virtual_server_group is made: address entries, fwmark entries, or both (undefined: no such group). */
function groupKinds(ctx: CheckContext, name: string | undefined): { addresses: boolean; fwmarks: boolean } | undefined {
  const block = ctx.config.directives.find((d) => d.role === "keyword" && d.keyword.text === "virtual_server_group" && d.args[0]?.text === name);
  if (block === undefined) return undefined;
  const items = block.block?.children.filter((c) => c.role === "item") ?? [];
  return { addresses: items.some((i) => i.keyword.text !== "fwmark"), fwmarks: items.some((i) => i.keyword.text === "fwmark") };
}

function checkVirtualServer(ctx: CheckContext, vs: Directive): void {
  const [first, second] = vs.args;
  if (first === undefined || vs.block === undefined) return;
  const group = first.text === "group";
  const kinds = group ? groupKinds(ctx, second?.text) : undefined;
  // keepalived treats a group of fwmark entries only like a fwmark service, and any address entry like an address.
  const fwmark = first.text === "fwmark" || (kinds !== undefined && kinds.fwmarks && !kinds.addresses);
  const byAddress = !group ? !fwmark : kinds?.addresses === true;
  const label = group ? `group ${second?.text ?? ""}` : first.text === "fwmark" ? `FWM ${second?.text ?? ""}` : `${first.text} ${second?.text ?? ""}`.trim();
  const name = `virtual_server ${label}`;
  const span = vs.args[vs.args.length - 1]?.span ?? vs.keyword.span;
  const realServers = lines(vs, "real_server");
  if (realServers.length === 0) {
    ctx.report({ code: "missing-keyword", message: `${name} has no real_server: keepalived reports "has no real servers - ignoring" and drops the virtual server`, span, data: { keyword: "real_server", virtualServer: label } });
    return;
  }
  const protocol = last(vs, "protocol");
  if (byAddress && protocol === undefined) {
    ctx.report({ code: "missing-keyword", severity: "warning", message: `${name} has no protocol: keepalived reports "no protocol set - defaulting to UDP", so a TCP service is not balanced; add 'protocol TCP'`, span, data: { keyword: "protocol", virtualServer: label, default: "UDP" } });
  }
  if (fwmark && protocol !== undefined) {
    ctx.report({ code: "ignored-setting", message: `A fwmark virtual server matches packets by their mark, not by protocol: keepalived reports "protocol specified for fwmark - protocol will be ignored"`, span: protocol.keyword.span, tags: ["unnecessary"], data: { keyword: "protocol", reason: "fwmark-protocol", virtualServer: label } });
  }
  if (last(vs, "lb_algo", "lvs_sched") === undefined) {
    ctx.report({ code: "missing-keyword", severity: "warning", message: `${name} has no lb_algo: keepalived reports "no scheduler set" and uses wlc`, span, data: { keyword: "lb_algo", virtualServer: label, default: "wlc" } });
  }
  const vsMethod = last(vs, "lb_kind", "lvs_method")?.args[0]?.text;
  const persistent = last(vs, "persistence_timeout") !== undefined;
  const vsPort = !fwmark && !group ? parseInteger(second?.text ?? "") : undefined;
  if (vsPort === 0 && !persistent) {
    ctx.report({ code: "ignored-setting", message: `Port 0 (all ports) needs persistence: keepalived reports "zero port only valid for persistent services" and sets persistence_timeout itself (360 s)`, span: second!.span, data: { keyword: "persistence_timeout", reason: "zero-port", virtualServer: label } });
  }
  let methodMissing = vsMethod === undefined;
  const seen = new Map<string, Directive>();
  let weights = 0;
  for (const rs of realServers) {
    const key = `${canonicalAddress(rs.args[0]?.text ?? "")} ${rs.args[1]?.text ?? ""}`;
    const earlier = seen.get(key);
    if (earlier !== undefined) {
      ctx.report({ code: "duplicate-definition", message: `real_server ${key} is given twice in ${name}: keepalived reports "is duplicated - removing second rs"`, span: rs.args[0]?.span ?? rs.keyword.span, related: [{ span: earlier.span, message: "first given here" }], data: { kind: "real_server", name: key } });
      continue;
    }
    seen.set(key, rs);
    weights += parseInteger(last(rs, "weight")?.args[0]?.text ?? "") ?? parseInteger(last(vs, "weight")?.args[0]?.text ?? "") ?? 1;
    const method = last(rs, "lvs_method")?.args[0]?.text ?? vsMethod;
    if (method === undefined) methodMissing = true;
    const rsPort = parseInteger(rs.args[1]?.text ?? "");
    if ((method ?? "NAT") === "NAT" || rsPort === undefined || rsPort === 0) continue;
    if (first.text === "fwmark") {
      ctx.report({ code: "ignored-setting", message: `With ${method} a fwmark virtual server forwards to the packet's own port: keepalived reports "real server ${key} has port specified - clearing"`, span: rs.args[1]!.span, tags: ["unnecessary"], data: { keyword: "real_server", reason: "fwmark-port", virtualServer: label } });
    } else if (vsPort !== undefined && vsPort !== 0 && rsPort !== vsPort) {
      ctx.report({ code: "ignored-setting", message: `With ${method} the real server cannot change the port: keepalived reports "ports don't match - resetting" and uses port ${vsPort}, not ${rsPort}; only NAT can map ports`, span: rs.args[1]!.span, data: { keyword: "real_server", reason: "port-mismatch", virtualServer: label } });
    }
  }
  if (methodMissing) {
    ctx.report({ code: "missing-keyword", severity: "warning", message: `${name} has no lb_kind: keepalived reports "no forwarding method set" and uses NAT`, span, data: { keyword: "lb_kind", virtualServer: label, default: "NAT" } });
  }
  const quorum = last(vs, "quorum");
  const wanted = parseInteger(quorum?.args[0]?.text ?? "");
  if (quorum !== undefined && wanted !== undefined && wanted > weights) {
    ctx.report({ code: "ignored-setting", message: `quorum ${wanted} exceeds the total weight of the real servers, ${weights}: keepalived reports it and lowers the quorum to ${weights}`, span: quorum.args[0]!.span, data: { keyword: "quorum", reason: "quorum", virtualServer: label } });
  }
}

export const virtualServerChecks: Check = (ctx) => {
  for (const vs of ctx.config.virtualServers) checkVirtualServer(ctx, vs);
};
