import type { Directive, Word } from "./types.ts";
import { parseInteger } from "./values.ts";
import { children, setting, text, type Setting } from "./vrrp.ts";

/** Health checkers a real_server may hold. */
const CHECKERS = new Set(["TCP_CHECK", "HTTP_GET", "SSL_GET", "MISC_CHECK", "SMTP_CHECK", "DNS_CHECK", "UDP_CHECK", "PING_CHECK", "FILE_CHECK", "BFD_CHECK"]);

export interface RealServer {
  directive: Directive;
  address?: Word;
  port?: Word;
  weight?: Setting<number>;
  /** TCP_CHECK, HTTP_GET, MISC_CHECK ... blocks, in order. */
  checkers: Directive[];
}

/** `virtual_server IP PORT`, `virtual_server fwmark N` or `virtual_server group NAME`. */
export interface VirtualServer {
  directive: Directive;
  order: number;
  address?: Word;
  port?: Word;
  fwmark?: Word;
  group?: Word;
  /** lb_algo or its synonym lvs_sched. */
  lbAlgo?: Setting<string>;
  /** lb_kind or its synonym lvs_method. */
  lbKind?: Setting<string>;
  protocol?: Setting<string>;
  persistenceTimeout?: Setting<number>;
  sorryServer?: Directive;
  realServers: RealServer[];
}

function buildRealServer(directive: Directive): RealServer {
  const server: RealServer = { directive, checkers: [] };
  const [address, port] = directive.args;
  if (address !== undefined) server.address = address;
  if (port !== undefined) server.port = port;
  for (const child of children(directive)) {
    if (child.role !== "keyword") continue;
    if (child.keyword.text === "weight") server.weight = setting(child, parseInteger);
    else if (CHECKERS.has(child.keyword.text)) server.checkers.push(child);
  }
  return server;
}

export function buildVirtualServer(directive: Directive, order: number): VirtualServer {
  const server: VirtualServer = { directive, order, realServers: [] };
  const [first, second] = directive.args;
  if (first?.text === "fwmark" || first?.text === "group") {
    if (second !== undefined) server[first.text] = second;
  } else {
    if (first !== undefined) server.address = first;
    if (second !== undefined) server.port = second;
  }
  for (const child of children(directive)) {
    if (child.role !== "keyword") continue;
    switch (child.keyword.text) {
      case "lb_algo":
      case "lvs_sched":
        server.lbAlgo = setting(child, text);
        break;
      case "lb_kind":
      case "lvs_method":
        server.lbKind = setting(child, text);
        break;
      case "protocol":
        server.protocol = setting(child, text);
        break;
      case "persistence_timeout":
        server.persistenceTimeout = setting(child, parseInteger);
        break;
      case "sorry_server":
        server.sorryServer = child;
        break;
      case "real_server":
        server.realServers.push(buildRealServer(child));
        break;
    }
  }
  return server;
}
