import { globalSetting } from "../model/config.ts";
import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { vipAddresses } from "./discover.ts";
import { describeMember, type Member } from "./model.ts";
import { holderOf } from "./roles.ts";
import { splitBrain } from "./runtime.ts";
import { anchorOf, lineOf, loc, siteOf, type Loc, type Site } from "./sites.ts";

/**
 * `vip-mismatch`: members whose virtual_ipaddress lists differ (addresses compared without prefix, as adverts
 * carry them; virtual_ipaddress_excluded is not advertised and not compared).
 *
 * data: { here: VipSite, peers: VipSite[], reference: string (the holder's addresses, sorted, comma-joined) }
 *   VipSite = Site (value: the addresses, sorted, comma-joined) & { items: Array<{ address: string, text: string
 *   (the item line as written), line: Loc }>, vipBlock?: Loc (the block's `{`) }
 */

export interface VipItem {
  address: string;
  text: string;
  line: Loc;
}

function key(member: Member): string {
  return [...new Set(vipAddresses(member.instance))].sort().join(",");
}

function vipSite(member: Member): Site & { items: VipItem[]; vipBlock?: Loc } {
  const instance = member.instance;
  const block = instance.vipBlock;
  const site = siteOf(member, block === undefined ? undefined : { directive: block }, key(member));
  const items: VipItem[] = [];
  const addresses = vipAddresses(instance);
  instance.vips.forEach((vip, i) => {
    const d = vip.directive;
    if (d.expandedFrom !== undefined) return;
    const source = member.node.config.build.files.find((f) => f.file === d.span.file);
    if (source === undefined) return;
    items.push({ address: addresses[i]!, text: source.text.slice(d.span.start, d.span.end), line: loc(d.span) });
  });
  const open = block?.block?.open;
  return { ...site, items, ...(open !== undefined && block?.expandedFrom === undefined ? { vipBlock: loc(open) } : {}) };
}

function difference(a: readonly string[], b: readonly string[]): string[] {
  const other = new Set(b);
  return [...new Set(a)].filter((x) => !other.has(x));
}

export const vipMismatch: ClusterCheck = (cluster, ctx) => {
  const members = cluster.members.filter((m) => m.instance.vips.length > 0 || m.instance.vipBlock !== undefined);
  if (new Set(members.map(key)).size < 2) return;
  const reference = key(holderOf(cluster));
  const entries: FindingEntry[] = [];
  for (const member of members) {
    const mine = vipAddresses(member.instance);
    const others = members.filter((o) => key(o) !== key(member));
    if (others.length === 0) continue;
    // What this member has that a peer lacks is said once when every peer lacks the same ("only here"), else per
    // peer ("not in ..."); what a peer has beyond this member, per peer.
    const lacking = others.map((o) => difference(mine, vipAddresses(o.instance)));
    const sameLack = lacking.every((l) => l.join() === lacking[0]!.join());
    const parts = [
      ...(sameLack && lacking[0]!.length > 0 ? [`only here: ${lacking[0]!.join(", ")}`] : []),
      ...others.flatMap((o, i) => {
        const onlyThere = difference(vipAddresses(o.instance), mine);
        return [
          ...(!sameLack && lacking[i]!.length > 0 ? [`not in ${describeMember(o)}: ${lacking[i]!.join(", ")}`] : []),
          ...(onlyThere.length > 0 ? [`only in ${describeMember(o)}: ${onlyThere.join(", ")}`] : []),
        ];
      }),
    ];
    const sameCount = others.every((o) => new Set(vipAddresses(o.instance)).size === new Set(mine).size);
    const skipCheck = sameCount && cluster.members.every((m) => globalSetting(m.node.config, "vrrp_skip_check_adv_addr") !== undefined);
    const consequence = skipCheck
      ? "vrrp_skip_check_adv_addr makes keepalived accept the adverts anyway, so a failover moves other addresses than the ones the master held"
      : `keepalived drops adverts whose address list differs from its own ("invalid ip number count" or "ip address associated with VRID not present in MASTER advert"), so ${splitBrain(member)}`;
    entries.push({
      member,
      span: anchorOf(member, member.instance.vipBlock === undefined ? undefined : { directive: member.instance.vipBlock }),
      message: `virtual_ipaddress differs from ${listOf(others.map(describeMember))} (${parts.join("; ")}): ${consequence}`,
      related: `virtual_ipaddress in ${describeMember(member)}`,
      data: { here: vipSite(member), peers: members.filter((o) => o !== member).map(vipSite), reference },
      ...(skipCheck ? { severity: "warning" as const } : {}),
    });
  }
  ctx.report({ code: "vip-mismatch", entries });
};
