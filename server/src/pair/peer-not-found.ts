import type { Diagnostic } from "../checks/diagnostic.ts";
import { withDefaultSeverity } from "../checks/diagnostic.ts";
import { parseAddress } from "../model/values.ts";
import { listOf } from "./findings.ts";
import { unicastPeers, unicastSource, type Discovery } from "./discover.ts";
import { memberKey, type Member } from "./model.ts";
import { anchorOf } from "./sites.ts";

/**
 * `peer-not-found` (information, once per file): unicast peers that no configuration of the set has as its
 * unicast_src_ip, so no pair check ran for them. Inside a cluster, as many unknown addresses as the list lacks
 * members' addresses are taken for typos (unicast-not-mirrored says so) rather than for absent peers.
 *
 * data: { instances: string[], peers: string[] }
 */
export function peerNotFound(discovery: Discovery): Diagnostic[] {
  const sources = new Set(discovery.members.map((m) => unicastSource(m.instance)).filter((s): s is string => s !== undefined));
  const clusterOf = new Map<string, Member[]>();
  for (const c of discovery.clusters) for (const m of c.members) clusterOf.set(memberKey(m), c.members);
  const byFile = new Map<string, Array<{ member: Member; peers: string[] }>>();
  for (const member of discovery.members) {
    const own = unicastSource(member.instance);
    const listed = [...new Set(unicastPeers(member.instance))].filter((p) => p !== own);
    // Template placeholders are no address: template-placeholder and invalid-value say what they are.
    const unknown = listed.filter((p) => !sources.has(p) && parseAddress(p) !== undefined);
    if (unknown.length === 0) continue;
    const cluster = clusterOf.get(memberKey(member));
    if (cluster !== undefined) {
      // A member without unicast_src_ip may well be the unknown address (keepalived then uses its interface's).
      const missing = cluster.filter((o) => o !== member && (unicastSource(o.instance) === undefined || !listed.includes(unicastSource(o.instance)!)));
      if (unknown.length <= missing.length) continue;
    }
    const list = byFile.get(member.node.file);
    if (list === undefined) byFile.set(member.node.file, [{ member, peers: unknown }]);
    else if (!list.some((e) => e.member.name === member.name && e.peers.join() === unknown.join())) list.push({ member, peers: unknown });
  }
  const out: Diagnostic[] = [];
  for (const [, list] of byFile) {
    const first = list[0]!.member;
    const block = first.instance.unicastPeerBlock;
    const peers = [...new Set(list.flatMap((e) => e.peers))];
    const instances = [...new Set(list.map((e) => e.member.name))];
    out.push(
      withDefaultSeverity({
        code: "peer-not-found",
        message: `No configuration here has unicast_src_ip ${listOf(peers)}, the unicast peer${peers.length > 1 ? "s" : ""} of ${listOf(instances)}: the pair checks (VRID, authentication, addresses, priorities, weights) were skipped for ${peers.length > 1 ? "them" : "it"}. Put the peer's configuration in the workspace (or name both files in the keepalived.peers setting; on the command line, check both files or use --peers this.conf,peer.conf)`,
        span: anchorOf(first, block === undefined ? undefined : { directive: block }),
        data: { instances, peers },
      }),
    );
  }
  return out;
}
