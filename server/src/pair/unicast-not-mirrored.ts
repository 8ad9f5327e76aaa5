import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { isUnicast, unicastPeers, unicastSource } from "./discover.ts";
import { describeMember, type Member } from "./model.ts";
import { splitBrain, vipText } from "./runtime.ts";
import { anchorOf } from "./sites.ts";
import { unicastSite } from "./unicast-site.ts";

/**
 * `unicast-not-mirrored`: a member's unicast_peer list lacks another member's unicast_src_ip (measured: a
 * unicast_peer naming the wrong address left both nodes holding the VIP), or some members are unicast and
 * others multicast. A member without unicast_src_ip (keepalived then uses the interface's address) cannot be
 * checked from the other side and is left alone.
 *
 * data:
 * - { reason: "missing", target: UnicastSite (the member whose unicast_peer lacks addresses), missing: string[]
 *   (the other members' unicast_src_ip it should list), unknown: string[] (addresses it lists that are no
 *   member's), owners: UnicastSite[] (the members whose addresses are missing), here: "target" | "owner" }
 * - { reason: "mixed", unicast: UnicastSite[], multicast: UnicastSite[], here: "unicast" | "multicast" }
 * UnicastSite: see unicast-site.ts.
 */

function peerAnchor(member: Member) {
  const block = member.instance.unicastPeerBlock;
  return anchorOf(member, block === undefined ? undefined : { directive: block });
}

function srcAnchor(member: Member) {
  const src = member.instance.unicastSrcIp;
  return anchorOf(member, src === undefined ? undefined : src);
}

export const unicastNotMirrored: ClusterCheck = (cluster, ctx) => {
  const unicast = cluster.members.filter((m) => isUnicast(m.instance));
  const multicast = cluster.members.filter((m) => !isUnicast(m.instance));
  if (unicast.length > 0 && multicast.length > 0) {
    const data = { reason: "mixed", unicast: unicast.map(unicastSite), multicast: multicast.map(unicastSite) };
    const entries: FindingEntry[] = [
      ...unicast.map((member) => ({
        member,
        span: peerAnchor(member),
        message: `${describeMember(member)} sends its adverts by unicast (unicast_peer), but ${listOf(multicast.map(describeMember))} ${multicast.length > 1 ? "use" : "uses"} multicast: neither side hears the other, so ${splitBrain(member)}`,
        related: `unicast_peer in ${describeMember(member)}`,
        data: { ...data, here: "unicast" },
      })),
      ...multicast.map((member) => ({
        member,
        span: member.instance.name?.span ?? member.instance.directive.keyword.span,
        message: `${describeMember(member)} sends its adverts by multicast, but ${listOf(unicast.map(describeMember))} ${unicast.length > 1 ? "use" : "uses"} unicast_peer: neither side hears the other, so ${splitBrain(member)}`,
        related: `multicast (no unicast_peer) in ${describeMember(member)}`,
        data: { ...data, here: "multicast" },
      })),
    ];
    ctx.report({ code: "unicast-not-mirrored", entries });
    return;
  }
  const sources = new Map<string, Member>();
  for (const m of unicast) {
    const src = unicastSource(m.instance);
    if (src !== undefined) sources.set(src, m);
  }
  for (const target of unicast) {
    const listed = new Set(unicastPeers(target.instance));
    const owners = unicast.filter((o) => o !== target && unicastSource(o.instance) !== undefined && !listed.has(unicastSource(o.instance)!));
    if (owners.length === 0) continue;
    const missing = owners.map((o) => unicastSource(o.instance)!);
    const unknown = [...listed].filter((a) => !sources.has(a));
    const data = { reason: "missing", target: unicastSite(target), missing, unknown, owners: owners.map(unicastSite) };
    const effect = `whenever ${target.name} here is MASTER, ${listOf(owners.map(describeMember))} never ${owners.length > 1 ? "hear" : "hears"} it and ${owners.length > 1 ? "take" : "takes"} ${vipText(target)} too: split brain (measured with keepalived 2.2.7)`;
    const entries: FindingEntry[] = [
      {
        member: target,
        span: peerAnchor(target),
        message: `unicast_peer of ${describeMember(target)} does not list ${listOf(missing)}, the unicast_src_ip of ${listOf(owners.map(describeMember))}${unknown.length > 0 ? ` (it lists ${listOf(unknown)}, which no member uses)` : ""}: adverts go elsewhere, ${effect}`,
        related: `unicast_peer in ${describeMember(target)}`,
        data: { ...data, here: "target" },
      },
      ...owners.map((owner) => ({
        member: owner,
        span: srcAnchor(owner),
        message: `unicast_src_ip ${unicastSource(owner.instance)} of ${describeMember(owner)} is missing from the unicast_peer of ${describeMember(target)}: whenever that node is MASTER its adverts never reach this one, which takes ${vipText(owner)} too: split brain (measured with keepalived 2.2.7)`,
        related: `unicast_src_ip ${unicastSource(owner.instance)} in ${describeMember(owner)}`,
        data: { ...data, here: "owner" },
      })),
    ];
    ctx.report({ code: "unicast-not-mirrored", entries });
  }
};
