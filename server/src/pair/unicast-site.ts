import type { Member } from "./model.ts";
import { unicastSource } from "./discover.ts";
import { canonicalAddress } from "../model/values.ts";
import { lineOf, loc, siteOf, wordSite, type Loc, type Site, type WordSite } from "./sites.ts";

/**
 * A member's unicast settings as the unicast fixes read them.
 *
 * UnicastSite = Site & { src?: string (unicast_src_ip, canonical), srcWord?: WordSite, srcLine?: Loc,
 *   peers: Array<{ address: string (canonical), line: Loc, raw: string }>, peerBlock?: Loc (the `{` of
 *   unicast_peer), peerLine?: Loc (the unicast_peer block, for removal), after?: Loc (the line new unicast lines
 *   go after: the interface line when there is one) }
 */
export interface UnicastSite extends Site {
  src?: string;
  srcWord?: WordSite;
  srcLine?: Loc;
  peers: Array<{ address: string; line: Loc; raw: string }>;
  peerBlock?: Loc;
  peerLine?: Loc;
  after?: Loc;
}

export function unicastSite(member: Member): UnicastSite {
  const { instance } = member;
  const base = siteOf(member);
  const site: UnicastSite = { ...base, peers: [] };
  const src = unicastSource(instance);
  if (src !== undefined) site.src = src;
  if (base.brace === undefined) return site;
  const srcSetting = instance.unicastSrcIp;
  if (srcSetting !== undefined && srcSetting.directive.expandedFrom === undefined) {
    const word = wordSite(member, srcSetting.directive, srcSetting.word);
    if (word !== undefined) site.srcWord = word;
    site.srcLine = lineOf(srcSetting.directive);
  }
  for (const peer of instance.unicastPeers) {
    if (peer.directive.expandedFrom !== undefined) continue;
    site.peers.push({ address: canonicalAddress(peer.value), line: loc(peer.directive.span), raw: peer.word.raw });
  }
  const block = instance.unicastPeerBlock;
  if (block !== undefined && block.expandedFrom === undefined) {
    if (block.block !== undefined) site.peerBlock = loc(block.block.open);
    site.peerLine = lineOf(block);
  }
  const iface = instance.interface?.directive;
  if (iface !== undefined && iface.expandedFrom === undefined && iface.conditional === undefined) site.after = lineOf(iface);
  return site;
}
