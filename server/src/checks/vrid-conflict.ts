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
 * Where an instance stands for keepalived's clash rule: the VRID (1..255), interface and family, and for a unicast
 * instance each (source, peer) pair; undefined without a valid VRID. Multicast instances of one place always
 * clash; unicast ones when they share the source address and a peer. Kept per instance object (its own lines
 * decide it), so that re-checking a file of thousands of instances after an edit is a few lookups each.
 */
interface Place {
  /** The place of a multicast instance, or one key per peer of a unicast one (its source and the peer added). */
  keys: string[];
}

const places = new WeakMap<VrrpInstance, Place | null>();

function placeOf(instance: VrrpInstance): Place | undefined {
  let place = places.get(instance);
  if (place === undefined) {
    const vrid = instance.vrid?.value;
    if (vrid === undefined || vrid < 1 || vrid > 255) place = null;
    else {
      const at = `${vrid}\u0000${instance.interface?.value ?? ""}\u0000${familyOf(instance)}`;
      if (instance.unicastPeers.length === 0) place = { keys: [`m${at}`] };
      else {
        const src = canonicalAddress(instance.unicastSrcIp?.value ?? "");
        place = { keys: instance.unicastPeers.map((peer) => `u${at}\u0000${src}\u0000${canonicalAddress(peer.value)}`) };
      }
    }
    places.set(instance, place);
  }
  return place ?? undefined;
}

export const vridConflict: Check = (ctx) => {
  // The first instance at each multicast place and at each unicast (place, source, peer), in file order.
  const first = new Map<string, VrrpInstance>();
  let used: number[] | undefined;
  for (const instance of keptInstances(ctx.config)) {
    const place = placeOf(instance);
    if (place === undefined) continue;
    let other: VrrpInstance | undefined;
    for (const key of place.keys) {
      const earlier = first.get(key);
      if (earlier === undefined) first.set(key, instance);
      else if (earlier !== instance) other ??= earlier;
    }
    if (other === undefined) continue;
    const vrid = instance.vrid!;
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
