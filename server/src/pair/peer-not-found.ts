import type { Diagnostic } from "../checks/diagnostic.ts";
import { withDefaultSeverity } from "../checks/diagnostic.ts";
import { parseAddress } from "../model/values.ts";
import { listOf } from "./findings.ts";
import { unicastPeers, unicastSource, type Discovery } from "./discover.ts";
import type { Member } from "./model.ts";
import { anchorOf } from "./sites.ts";

interface FileEntries {
  list: Array<{ member: Member; peers: string[] }>;
  /** Instance name and unknown peers of each entry. */
  keys: Set<string>;
}

/**
 * `peer-not-found` (information, once per file): unicast peers that no configuration of the set has as its
 * unicast_src_ip, so no pair check ran for them. Inside a cluster, as many unknown addresses as the list lacks
 * members' addresses are taken for typos (unicast-not-mirrored says so) rather than for absent peers.
 *
 * data: { instances: string[], peers: string[] }
 */
export function peerNotFound(discovery: Discovery): Diagnostic[] {
  const sources = new Set<string>();
  for (const m of discovery.members) {
    const source = unicastSource(m.instance);
    if (source !== undefined) sources.add(source);
  }
  const clusterOf = new Map<Member, Member[]>();
  for (const c of discovery.clusters) for (const m of c.members) clusterOf.set(m, c.members);
  const byFile = new Map<string, FileEntries>();
  for (const member of discovery.members) {
    const peers = unicastPeers(member.instance);
    if (peers.length === 0) continue;
    const own = unicastSource(member.instance);
    const listed = peers.length === 1 ? (peers[0] === own ? [] : [peers[0]!]) : [...new Set(peers)].filter((p) => p !== own);
    // Template placeholders are no address: template-placeholder and invalid-value say what they are.
    const unknown = listed.filter((p) => !sources.has(p) && parseAddress(p) !== undefined);
    if (unknown.length === 0) continue;
    const cluster = clusterOf.get(member);
    if (cluster !== undefined) {
      // A member without unicast_src_ip may well be the unknown address (keepalived then uses its interface's).
      const missing = cluster.filter((o) => o !== member && (unicastSource(o.instance) === undefined || !listed.includes(unicastSource(o.instance)!)));
      if (unknown.length <= missing.length) continue;
    }
    let entries = byFile.get(member.node.file);
    if (entries === undefined) byFile.set(member.node.file, (entries = { list: [], keys: new Set() }));
    // Addresses hold no NUL, so the last one in the key ends the name: one lookup per member, not a scan.
    const key = `${member.name}\u0000${unknown.join()}`;
    if (entries.keys.has(key)) continue;
    entries.keys.add(key);
    entries.list.push({ member, peers: unknown });
  }
  const out: Diagnostic[] = [];
  for (const { list } of byFile.values()) {
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
