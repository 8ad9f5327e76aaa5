import { familyOf } from "../checks/effective.ts";
import { parseAddress, ipv4ToNumber } from "../model/values.ts";
import type { FindingEntry, SetCheck } from "./findings.ts";
import { listOf } from "./findings.ts";
import { isUnicast, vipAddresses } from "./discover.ts";
import { describeMember, type Member } from "./model.ts";
import { vridOf } from "./roles.ts";
import { anchorOf, siteOf, type Site } from "./sites.ts";

/**
 * `vrid-collision`: two different VRRP routers of the set (clusters, or lone instances) use the same VRID on the
 * same segment: same interface name and a virtual address in a common subnet (the address's prefix, else /24
 * for IPv4 and /64 for IPv6). Both multicast: each receives the other's adverts and drops them (address list
 * mismatch, measured in the lab), logging errors; with use_vmac both also claim one virtual MAC. A unicast router
 * hears only its listed peers, so it collides only by that MAC: when both routers use use_vmac, each master
 * announces 00:00:5e:00:01:VRID and the segment's switches send the traffic for both VIPs to whichever announced
 * last. Two instances of one node are vrid-conflict's.
 *
 * data: { vrid: number, here: Site[] (this router's members, `word` the VRID word), other: Site[] (the other
 *   router's), used: number[] (every VRID of the set, so a fix picks a free one), change: "here" | "other" (the
 *   router the preferred fix renumbers: the later one, so both sides prefer the same edit) }
 */

interface Router {
  members: Member[];
  order: number;
}

function usesVmac(member: Member): boolean {
  return member.instance.directive.block?.children.some((c) => c.role === "keyword" && c.keyword.text === "use_vmac") ?? false;
}

/** multicast: hears every advert of its VRID on the segment; vmac: unicast, and only its MAC can clash. */
function kindOf(router: Router): "multicast" | "vmac" | undefined {
  if (router.members.every((m) => !isUnicast(m.instance))) return "multicast";
  return router.members.every(usesVmac) ? "vmac" : undefined;
}

function macOf(vrid: number, family: 4 | 6): string {
  return `00:00:5e:00:0${family === 4 ? 1 : 2}:${vrid.toString(16).padStart(2, "0")}`;
}

function network(address: string): { family: 4 | 6; key: string } | undefined {
  const parsed = parseAddress(address);
  if (parsed === undefined) return undefined;
  if (parsed.family === 4) {
    const prefix = parsed.prefix !== undefined && parsed.prefix < 32 ? parsed.prefix : 24;
    const n = ipv4ToNumber(parsed.address);
    const masked = prefix === 0 ? 0 : Math.floor(n / 2 ** (32 - prefix));
    return { family: 4, key: `${masked}/${prefix}` };
  }
  const groups = parsed.address.split(":").slice(0, 4).join(":");
  return { family: 6, key: `${groups}/64` };
}

function segments(member: Member): string[] {
  const iface = member.instance.interface?.value ?? "";
  return member.instance.vips.flatMap((v) => {
    const n = network(v.address.text);
    return n === undefined ? [] : [`${iface}|${n.family}|${n.key}`];
  });
}

function sharesSegment(a: Router, b: Router): boolean {
  const mine = new Set(a.members.flatMap(segments));
  return b.members.some((m) => segments(m).some((s) => mine.has(s)));
}

/** Copies of one instance (same name, a shared address) left unclustered as a crowd: one router, not two. */
function sameRouter(a: Router, b: Router): boolean {
  return a.members.some((x) => b.members.some((y) => x.instance.name !== undefined && x.name === y.name && vipAddresses(x.instance).some((v) => vipAddresses(y.instance).includes(v))));
}

function vrid(router: Router): number | undefined {
  for (const m of router.members) {
    const v = vridOf(m);
    if (v !== undefined) return v;
  }
  return undefined;
}

function sites(router: Router): Site[] {
  return router.members.map((m) => siteOf(m, m.instance.vrid, String(vridOf(m) ?? "")));
}

export const vridCollision: SetCheck = (discovery, ctx) => {
  const clustered = new Set(discovery.clusters.flatMap((c) => c.members));
  const routers: Router[] = [
    ...discovery.clusters.map((c) => ({ members: c.members, order: Math.min(...c.members.map((m) => m.node.order)) })),
    ...discovery.members.filter((m) => !clustered.has(m)).map((m) => ({ members: [m], order: m.node.order })),
  ].filter((r) => kindOf(r) !== undefined);
  let used: number[] | undefined;
  const usedVrids = (): number[] => (used ??= [...new Set(discovery.members.map(vridOf).filter((v): v is number => v !== undefined))].sort((a, b) => a - b));
  const byVrid = new Map<string, Router[]>();
  for (const router of routers) {
    const v = vrid(router);
    if (v === undefined) continue;
    const key = `${v}|${familyOf(router.members[0]!.instance)}`;
    const list = byVrid.get(key);
    if (list === undefined) byVrid.set(key, [router]);
    else list.push(router);
  }
  for (const list of byVrid.values()) {
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        const nodesA = new Set(a.members.map((m) => m.node.key));
        if (b.members.some((m) => nodesA.has(m.node.key)) || !sharesSegment(a, b) || sameRouter(a, b)) continue;
        const v = vrid(a)!;
        const bothMulticast = kindOf(a) === "multicast" && kindOf(b) === "multicast";
        if (!bothMulticast && !(a.members.every(usesVmac) && b.members.every(usesVmac))) continue;
        const mac = macOf(v, familyOf(a.members[0]!.instance));
        const effect = bothMulticast
          ? `each receives the other's adverts and drops them as invalid, so both stay master of their own VIPs while keepalived logs "ip address associated with VRID ${v} not present in MASTER advert" again and again, and with use_vmac both claim the same virtual MAC`
          : `both use use_vmac, so each master announces the virtual MAC ${mac} and the segment's switches send the traffic for both routers' VIPs to whichever announced it last: one VIP at a time is unreachable`;
        const later = a.order > b.order ? a : b;
        const entry = (member: Member, mine: Router, theirs: Router): FindingEntry => ({
          member,
          span: anchorOf(member, member.instance.vrid),
          message: `virtual_router_id ${v} is also used by ${listOf(theirs.members.map(describeMember))}, another VRRP router on the same segment (${member.instance.interface?.value ?? "its interface"}): ${effect}; give one of them a free VRID`,
          related: `virtual_router_id ${v} in ${describeMember(member)}`,
          data: { vrid: v, here: sites(mine), other: sites(theirs), used: usedVrids(), change: later === mine ? "here" : "other" },
        });
        ctx.report({ code: "vrid-collision", entries: [...a.members.map((m) => entry(m, a, b)), ...b.members.map((m) => entry(m, b, a))] });
      }
    }
  }
};
