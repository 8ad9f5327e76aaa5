import type { KeywordSpec } from "../catalog/types.ts";
import type { Directive, Word } from "../model/types.ts";
import { addressFamily, isIP, parseInteger } from "../model/values.ts";
import type { VrrpInstance } from "../model/config.ts";
import type { CheckContext, DirectiveCheck, InstanceCheck } from "./diagnostic.ts";
import { isTrailingBackslash } from "./util.ts";

/**
 * Entries of value blocks: virtual/static addresses, unicast peers (and their address family against
 * unicast_src_ip), and the weights of tracking entries. Routes and rules are routes.ts's.
 *
 * data:
 * - invalid-value: { keyword: string (the block), value: string, expected: "address" | "ip" | "option" | "int",
 *   splitAddress?: true (a second address on the line of the first: the fix splits the line), family?: true
 *   (a peer of the other address family than unicast_src_ip) }
 * - value-out-of-range: { keyword: "weight" | "min_ttl" | "max_ttl", value?: number, min: number, max: number }
 * - missing-value: { keyword: "weight" }
 */

/** keepalived has no `;` separator: said once, in the message of the entry it spoils. */
function semicolonHint(word: Word): string {
  return word.text.endsWith(";") ? " (the ';' is part of the word: keepalived has no statement separator)" : "";
}

/** Option words of a virtual_ipaddress item, and whether each takes a value. */
const VIP_OPTIONS: Record<string, boolean> = {
  brd: true,
  broadcast: true,
  dev: true,
  scope: true,
  label: true,
  peer: true,
  preferred_lft: true,
  track_group: true,
  home: false,
  "-nodad": false,
  nodad: false,
  noprefixroute: false,
  autojoin: false,
  mngtmpaddr: false,
  no_track: false,
  use_vmac: false,
};

const ADDRESS_BLOCKS = new Set(["virtual_ipaddress", "virtual_ipaddress_excluded", "static_ipaddress"]);
const TRACK_BLOCKS = new Set(["track_script", "track_interface", "track_file", "track_process", "track_bfd"]);

function addressItem(ctx: CheckContext, item: Directive): void {
  const first = item.keyword;
  const block = item.spec!.name;
  if (addressFamily(first.text) === undefined) {
    ctx.report({
      code: "invalid-value",
      message: `'${first.text}' is not an address (ADDR or ADDR/PREFIX) in ${block}: keepalived reports "invalid IP" and skips this entry${semicolonHint(first)}`,
      span: first.span,
      data: { keyword: block, value: first.text, expected: "address" },
    });
    return;
  }
  for (let i = 0; i < item.args.length; i++) {
    const word = item.args[i]!;
    if (isTrailingBackslash(word, item)) continue;
    const takesValue = VIP_OPTIONS[word.text];
    if (takesValue === undefined) {
      const looksLikeAddress = addressFamily(word.text) !== undefined;
      ctx.report({
        code: "invalid-value",
        message: looksLikeAddress
          ? `'${word.text}' is read as an option of ${first.text}, not as a second address: keepalived reports an unknown entry and ignores it; put each address on its own line`
          : `'${word.text}' is not an option of a ${block} entry: keepalived reports an unknown entry and ignores it`,
        span: word.span,
        data: { keyword: block, value: word.text, expected: "option", ...(looksLikeAddress ? { splitAddress: true } : {}) },
      });
      continue;
    }
    if (takesValue) i++;
  }
}

function peerItem(ctx: CheckContext, item: Directive): void {
  const first = item.keyword;
  if (!isIP(first.text)) {
    ctx.report({
      code: "invalid-value",
      message: `'${first.text}' is not an IP address in unicast_peer: keepalived reports a malformed peer and skips it; with no valid peer left it falls back to multicast${semicolonHint(first)}`,
      span: first.span,
      data: { keyword: "unicast_peer", value: first.text, expected: "ip" },
    });
  }
  for (let i = 0; i < item.args.length; i++) {
    const word = item.args[i]!;
    if (word.text === "min_ttl" || word.text === "max_ttl") {
      const value = item.args[i + 1];
      const ttl = value === undefined ? undefined : parseInteger(value.text);
      if (value !== undefined && (ttl === undefined || ttl < 0 || ttl > 255)) {
        ctx.report({ code: "value-out-of-range", message: `${word.text} ${value.text} is outside 0..255`, span: value.span, data: { keyword: word.text, min: 0, max: 255 } });
      }
      i++;
    } else if (isIP(word.text)) {
      ctx.report({
        code: "invalid-value",
        message: `'${word.text}' is read as an option of peer ${first.text}, not as another peer: put each peer on its own line`,
        span: word.span,
        data: { keyword: "unicast_peer", value: word.text, expected: "option", splitAddress: true },
      });
    }
  }
}

function isWeight(word: Word): boolean {
  return word.text === "weight";
}

function trackItem(ctx: CheckContext, item: Directive): void {
  const index = item.args.findIndex(isWeight);
  if (index < 0) return;
  const value = item.args[index + 1];
  const block = item.spec!.name;
  if (value === undefined) {
    ctx.report({ code: "missing-value", message: `weight without a number in ${block}`, span: item.args[index]!.span, data: { keyword: "weight" } });
    return;
  }
  const weight = parseInteger(value.text);
  if (weight === undefined) {
    ctx.report({ code: "invalid-value", message: `weight '${value.text}' is not a whole number: keepalived ignores the entry's weight`, span: value.span, data: { keyword: "weight", value: value.text, expected: "int" } });
  } else if (weight < -253 || weight > 253) {
    ctx.report({
      code: "value-out-of-range",
      message: `weight ${weight} of ${item.keyword.text} is outside -253..253: keepalived reports it and ${Math.abs(weight) === 254 ? "uses ±253" : "ignores the weight"}`,
      span: value.span,
      data: { keyword: "weight", value: weight, min: -253, max: 253 },
    });
  }
}

/** A peer of the other family than unicast_src_ip is skipped: "MUST be of the same family". */
function peerFamilies(instance: VrrpInstance, ctx: CheckContext): void {
  if (instance.unicastPeers.length === 0) return;
  const srcFamily = instance.unicastSrcIp !== undefined ? addressFamily(instance.unicastSrcIp.value) : undefined;
  if (srcFamily === undefined) return;
  for (const peer of instance.unicastPeers) {
    // Only an address with a ':' is IPv6: a peer written like the source is of its family (or no address).
    if (peer.value.includes(":") === (srcFamily === 6)) continue;
    const family = addressFamily(peer.value);
    if (family === undefined || family === srcFamily) continue;
    ctx.report({
      code: "invalid-value",
      message: `unicast_peer ${peer.value} is IPv${family} but unicast_src_ip ${instance.unicastSrcIp!.value} of ${instance.name?.text ?? "this instance"} is IPv${srcFamily}: keepalived reports "MUST be of the same family" and skips the peer`,
      span: peer.word.span,
      related: [{ span: instance.unicastSrcIp!.word.span, message: "unicast_src_ip" }],
      data: { keyword: "unicast_peer", value: peer.value, expected: "ip", family: true },
    });
  }
}

/** How valueItems reads an item of a block: undefined for the blocks it leaves alone. */
function itemKind(spec: KeywordSpec | undefined): "address" | "peer" | "track" | undefined {
  if (spec === undefined) return undefined;
  const block = spec.name;
  return ADDRESS_BLOCKS.has(block) ? "address" : block === "unicast_peer" ? "peer" : TRACK_BLOCKS.has(block) ? "track" : undefined;
}

export const valueItems: DirectiveCheck = {
  kind: "directive",
  name: "valueItems",
  roles: ["item"],
  appliesTo: (_role, spec) => itemKind(spec) !== undefined,
  visit: (directive, ctx) => {
    const kind = itemKind(directive.spec);
    if (kind === undefined) return;
    if (ctx.isPlaceholder(directive.keyword) || directive.args.some(ctx.isPlaceholder)) return;
    if (directive.keyword.raw === "\\") return;
    if (kind === "address") addressItem(ctx, directive);
    else if (kind === "peer") peerItem(ctx, directive);
    else trackItem(ctx, directive);
  },
};

/** The address families of unicast peers against unicast_src_ip: instance by instance. */
export const valueItemFamilies: InstanceCheck = { kind: "instance", name: "valueItemFamilies", context: () => "", visit: peerFamilies };
