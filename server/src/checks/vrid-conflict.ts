import { canonicalAddress } from "../model/values.ts";
import type { VrrpInstance } from "../model/config.ts";
import type { Check } from "./diagnostic.ts";
import { familyOf, keptInstances } from "./effective.ts";

/**
 * `vrid-conflict`: two instances of this node with the same VRID on the same interface and address family.
 * A second vrrp_instance of the same name is skipped by keepalived, so it conflicts with nothing.
 *
 * data: { vrid: number, other?: string (the instance it clashes with), used: number[] (every VRID of the file,
 *   so a fix can pick a free one) }
 */

/** keepalived's rule: multicast instances clash on VRID + family + interface; unicast ones also need a common peer. */
function clash(a: VrrpInstance, b: VrrpInstance): boolean {
  const unicastA = a.unicastPeers.length > 0;
  const unicastB = b.unicastPeers.length > 0;
  if (unicastA !== unicastB) return false;
  if (!unicastA) return true;
  if (canonicalAddress(a.unicastSrcIp?.value ?? "") !== canonicalAddress(b.unicastSrcIp?.value ?? "")) return false;
  const peersA = new Set(a.unicastPeers.map((p) => canonicalAddress(p.value)));
  return b.unicastPeers.some((p) => peersA.has(canonicalAddress(p.value)));
}

export const vridConflict: Check = (ctx) => {
  const groups = new Map<string, VrrpInstance[]>();
  for (const instance of keptInstances(ctx.config)) {
    const vrid = instance.vrid?.value;
    if (vrid === undefined || vrid < 1 || vrid > 255) continue;
    const key = `${vrid}|${instance.interface?.value ?? ""}|${familyOf(instance)}`;
    const list = groups.get(key);
    if (list === undefined) groups.set(key, [instance]);
    else list.push(instance);
  }
  for (const list of groups.values()) {
    for (let i = 1; i < list.length; i++) {
      const instance = list[i]!;
      const other = list.slice(0, i).find((o) => clash(o, instance));
      if (other === undefined) continue;
      const vrid = instance.vrid!;
      const where = instance.interface !== undefined ? ` on ${instance.interface.value}` : "";
      ctx.report({
        code: "vrid-conflict",
        message: `virtual_router_id ${vrid.value} is used by both ${other.name?.text ?? "another instance"} and ${instance.name?.text ?? "this instance"}${where}: their adverts are indistinguishable, keepalived reports the conflict and the two fight over state; give each instance its own VRID`,
        span: vrid.word.span,
        related: [{ span: other.vrid!.word.span, message: `${other.name?.text ?? "instance"} uses VRID ${vrid.value}` }],
        data: { vrid: vrid.value, other: other.name?.text, used: ctx.config.instances.map((i) => i.vrid?.value).filter((v): v is number => v !== undefined) },
      });
    }
  }
};
