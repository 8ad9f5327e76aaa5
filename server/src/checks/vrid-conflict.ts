import { canonicalAddress } from "../model/values.ts";
import type { VrrpInstance } from "../model/config.ts";
import type { Check } from "./diagnostic.ts";
import { familyOf, keptInstances } from "./effective.ts";

/**
 * `vrid-conflict`: two instances of this node with the same VRID on the same interface and address family.
 * A second vrrp_instance of the same name is skipped by keepalived, so it conflicts with nothing.
 *
 * data: { vrid: number, other?: string (the instance it clashes with), used: number[] (every VRID of the file, sorted,
 *   once per file, so a fix can pick a free one) }
 */

/**
 * The earlier instance of the same VRID, interface and family that `instance` clashes with, by keepalived's
 * rule: multicast instances always clash; unicast ones when they share the source address and a peer. Each
 * instance is looked up once, so a file with thousands of instances stays linear.
 */
class ClashFinder {
  private firstMulticast: VrrpInstance | undefined;
  /** unicast source -> peer -> first instance that sends to it */
  private readonly unicast = new Map<string, Map<string, VrrpInstance>>();

  find(instance: VrrpInstance): VrrpInstance | undefined {
    if (instance.unicastPeers.length === 0) {
      const earlier = this.firstMulticast;
      this.firstMulticast ??= instance;
      return earlier;
    }
    const src = canonicalAddress(instance.unicastSrcIp?.value ?? "");
    let peers = this.unicast.get(src);
    if (peers === undefined) this.unicast.set(src, (peers = new Map()));
    let earlier: VrrpInstance | undefined;
    for (const peer of instance.unicastPeers) {
      const address = canonicalAddress(peer.value);
      const first = peers.get(address);
      if (first === undefined) peers.set(address, instance);
      else if (first !== instance) earlier ??= first;
    }
    return earlier;
  }
}

export const vridConflict: Check = (ctx) => {
  // By interface, then by VRID and family (a number): no key string per instance.
  const finders = new Map<string, Map<number, ClashFinder>>();
  let used: number[] | undefined;
  for (const instance of keptInstances(ctx.config)) {
    const vrid = instance.vrid;
    if (vrid === undefined || vrid.value < 1 || vrid.value > 255) continue;
    const iface = instance.interface?.value ?? "";
    let byVrid = finders.get(iface);
    if (byVrid === undefined) finders.set(iface, (byVrid = new Map()));
    const key = vrid.value * 8 + familyOf(instance);
    let finder = byVrid.get(key);
    if (finder === undefined) byVrid.set(key, (finder = new ClashFinder()));
    const other = finder.find(instance);
    if (other === undefined) continue;
    used ??= [...new Set(ctx.config.instances.map((i) => i.vrid?.value).filter((v): v is number => v !== undefined))].sort((a, b) => a - b);
    const where = instance.interface !== undefined ? ` on ${instance.interface.value}` : "";
    ctx.report({
      code: "vrid-conflict",
      message: `virtual_router_id ${vrid.value} is used by both ${other.name?.text ?? "another instance"} and ${instance.name?.text ?? "this instance"}${where}: their adverts are indistinguishable, keepalived reports the conflict and the two fight over state; give each instance its own VRID`,
      span: vrid.word.span,
      related: [{ span: other.vrid!.word.span, message: `${other.name?.text ?? "instance"} uses VRID ${vrid.value}` }],
      data: { vrid: vrid.value, other: other.name?.text, used },
    });
  }
};
