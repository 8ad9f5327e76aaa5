import { canonicalAddress } from "../model/values.ts";
import type { VrrpInstance } from "../model/config.ts";
import type { CheckContext, InstanceCheck } from "./diagnostic.ts";

/**
 * `unicast-self-peer`: a unicast_peer that is the instance's own unicast_src_ip, or a peer listed twice. keepalived
 * 2.2 accepts both silently: this is lint beyond keepalived, kept at warning level.
 *
 * data: { instance?: string, peer: string, reason: "self" | "duplicate" } (the fix deletes the peer line)
 */
function visit(instance: VrrpInstance, ctx: CheckContext): void {
  if (instance.unicastPeers.length === 0) return;
  const src = instance.unicastSrcIp;
  // Most instances have one peer, which cannot be listed twice.
  const seen = instance.unicastPeers.length > 1 ? new Map<string, (typeof instance.unicastPeers)[number]>() : undefined;
  const name = instance.name?.text ?? "this instance";
  for (const peer of instance.unicastPeers) {
    const address = canonicalAddress(peer.value);
    if (src !== undefined && address === canonicalAddress(src.value)) {
      ctx.report({
        code: "unicast-self-peer",
        message: `unicast_peer ${peer.value} is ${name}'s own unicast_src_ip: keepalived accepts it silently and sends adverts to itself; list only the other nodes`,
        span: peer.word.span,
        related: [{ span: src.word.span, message: "unicast_src_ip" }],
        tags: ["unnecessary"],
        data: { instance: instance.name?.text, peer: peer.value, reason: "self" },
      });
    } else if (seen?.has(address) === true) {
      ctx.report({
        code: "unicast-self-peer",
        message: `unicast_peer ${peer.value} is listed twice in ${name}: keepalived 2.2 accepts it silently (2.4 reports it) and the peer gets every advert twice`,
        span: peer.word.span,
        related: [{ span: seen!.get(address)!.word.span, message: "first listed here" }],
        tags: ["unnecessary"],
        data: { instance: instance.name?.text, peer: peer.value, reason: "duplicate" },
      });
    }
    seen?.set(address, peer);
  }
}

export const unicastSelfPeer: InstanceCheck = { kind: "instance", name: "unicastSelfPeer", context: () => "", visit };
