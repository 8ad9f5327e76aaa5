import type { Diagnostic } from "../checks/diagnostic.ts";
import { withDefaultSeverity } from "../checks/diagnostic.ts";
import type { VrrpInstance } from "../model/config.ts";
import { parseAddress } from "../model/values.ts";
import { listOf } from "./findings.ts";
import { unicastPeers, unicastSource, type Discovery } from "./discover.ts";
import type { Member } from "./model.ts";
import { anchorOf } from "./sites.ts";

/** An instance's unicast peers other than itself, once each; `addresses` those that are addresses at all. */
interface Peers {
  listed: readonly string[];
  addresses: readonly string[];
}

/** Per instance object: they depend on its lines only, and a file of thousands of instances is re-checked on each edit. */
const peersByInstance = new WeakMap<VrrpInstance, Peers | null>();

function peersOf(instance: VrrpInstance): Peers | undefined {
  let peers = peersByInstance.get(instance);
  if (peers === undefined) {
    const all = unicastPeers(instance);
    const own = unicastSource(instance);
    const listed = [...new Set(all)].filter((p) => p !== own);
    // Template placeholders are no address: template-placeholder and invalid-value say what they are.
    peers = all.length === 0 ? null : { listed, addresses: listed.filter((p) => parseAddress(p) !== undefined) };
    peersByInstance.set(instance, peers);
  }
  return peers ?? undefined;
}

interface FileEntries {
  list: Array<{ member: Member; peers: readonly string[] }>;
  /** The unknown peers listed so far per instance name (a file read for several hosts repeats its names). */
  byName: Map<string, Array<readonly string[]>>;
}

function sameList(a: readonly string[], b: readonly string[]): boolean {
  return a.length === b.length && a.every((x, i) => x === b[i]);
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
    const peers = peersOf(member.instance);
    if (peers === undefined) continue;
    const { listed, addresses } = peers;
    // Most instances have one peer: no new list for them.
    const unknown = addresses.length === 1 ? (sources.has(addresses[0]!) ? [] : addresses) : addresses.filter((p) => !sources.has(p));
    if (unknown.length === 0) continue;
    const cluster = clusterOf.get(member);
    if (cluster !== undefined) {
      // A member without unicast_src_ip may well be the unknown address (keepalived then uses its interface's).
      const missing = cluster.filter((o) => o !== member && (unicastSource(o.instance) === undefined || !listed.includes(unicastSource(o.instance)!)));
      if (unknown.length <= missing.length) continue;
    }
    let entries = byFile.get(member.node.file);
    if (entries === undefined) byFile.set(member.node.file, (entries = { list: [], byName: new Map() }));
    // One lookup per member, not a scan of the file's entries.
    const earlier = entries.byName.get(member.name);
    if (earlier === undefined) entries.byName.set(member.name, [unknown]);
    else if (earlier.some((l) => sameList(l, unknown))) continue;
    else earlier.push(unknown);
    entries.list.push({ member, peers: unknown });
  }
  const out: Diagnostic[] = [];
  for (const { list } of byFile.values()) {
    const first = list[0]!.member;
    const block = first.instance.unicastPeerBlock;
    const peerSet = new Set<string>();
    const instanceSet = new Set<string>();
    for (const e of list) {
      for (const p of e.peers) peerSet.add(p);
      instanceSet.add(e.member.name);
    }
    const peers = [...peerSet];
    const instances = [...instanceSet];
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
