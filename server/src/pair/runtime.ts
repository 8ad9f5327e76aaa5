import type { Member } from "./model.ts";
import { vipAddresses } from "./discover.ts";

/**
 * What happens at runtime, in the words of the measurements (notes/ha-lab.md: a real keepalived 2.2.7 pair in
 * network namespaces): a VRID, auth_pass or unicast_peer mismatch left both nodes holding the VIP; weight -5
 * with priorities 100/90 never moved it.
 */

function vipText(member: Member): string {
  const vips = vipAddresses(member.instance);
  if (vips.length === 0) return "the VIP";
  return vips.length === 1 ? `the VIP ${vips[0]}` : `the VIPs ${vips.slice(0, 3).join(", ")}${vips.length > 3 ? ", ..." : ""}`;
}

export function splitBrain(member: Member): string {
  return `each becomes MASTER and holds ${vipText(member)} at the same time: split brain (measured with keepalived 2.2.7)`;
}

export { vipText };
