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
 * The instances met so far at one place of keepalived's clash rule: one VRID (1..255), interface and address
 * family. Multicast instances of one place always clash; unicast ones when they share the source address and a
 * peer. Nested maps rather than a string key per instance: the check runs on every analysis, full or after an
 * edit, and a few lookups an instance cost less than building and hashing keys (or caching them per instance).
 */
interface Place {
  multicast: VrrpInstance | undefined;
  /** The unicast instances by source address (canonical). */
  unicast: Map<string, Source> | undefined;
}

/**
 * The unicast instances from one source at one place: the first alone, since nearly every source has only one;
 * from the second on, the first instance with each peer (canonical).
 */
interface Source {
  first: VrrpInstance;
  byPeer: Map<string, VrrpInstance> | undefined;
}

/** Notes the peers of `instance`; returns the first earlier instance that has one of them, peer by peer. */
function addPeers(byPeer: Map<string, VrrpInstance>, instance: VrrpInstance): VrrpInstance | undefined {
  let other: VrrpInstance | undefined;
  for (const peer of instance.unicastPeers) {
    const key = canonicalAddress(peer.value);
    const earlier = byPeer.get(key);
    if (earlier === undefined) byPeer.set(key, instance);
    else if (earlier !== instance) other ??= earlier;
  }
  return other;
}

/** The earlier instance `instance` clashes with at its place (the first it meets, in file order), noting it there. */
function clashAt(place: Place, instance: VrrpInstance): VrrpInstance | undefined {
  if (instance.unicastPeers.length === 0) {
    if (place.multicast !== undefined) return place.multicast;
    place.multicast = instance;
    return undefined;
  }
  const src = canonicalAddress(instance.unicastSrcIp?.value ?? "");
  const unicast = (place.unicast ??= new Map());
  const source = unicast.get(src);
  if (source === undefined) {
    // The first from this source: nothing earlier to clash with (a peer listed twice is the instance itself).
    unicast.set(src, { first: instance, byPeer: undefined });
    return undefined;
  }
  if (source.byPeer === undefined) addPeers((source.byPeer = new Map()), source.first);
  return addPeers(source.byPeer, instance);
}

export const vridConflict: Check = (ctx) => {
  // By VRID and family (vrid * 2, + 1 for IPv6), then by interface.
  const places = new Map<number, Map<string, Place>>();
  let used: number[] | undefined;
  for (const instance of keptInstances(ctx.config)) {
    const vrid = instance.vrid;
    if (vrid === undefined || vrid.value < 1 || vrid.value > 255) continue;
    const slot = vrid.value * 2 + (familyOf(instance) === 6 ? 1 : 0);
    let byInterface = places.get(slot);
    if (byInterface === undefined) places.set(slot, (byInterface = new Map()));
    const iface = instance.interface?.value ?? "";
    let place = byInterface.get(iface);
    if (place === undefined) byInterface.set(iface, (place = { multicast: undefined, unicast: undefined }));
    const other = clashAt(place, instance);
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
