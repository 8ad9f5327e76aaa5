import { keptInstances } from "../checks/effective.ts";
import type { VrrpInstance } from "../model/config.ts";
import { canonicalAddress, parseAddress } from "../model/values.ts";
import { memberKey, type Cluster, type LinkKind, type Member, type PairNode } from "./model.ts";

/**
 * Peer discovery (docs/pairs.md says the same in prose). Two instances on different nodes are one cluster when
 * - unicast: one's unicast_src_ip is in the other's unicast_peer list;
 * - multicast: neither has unicast peers, and they share instance name, interface and a virtual address;
 * - name: at least one is unicast but their addresses do not link them, and they share name and a virtual
 *   address (a mistyped peer address must still be reported, not hidden);
 * - explicit: their files are in one group of `keepalived.peers` / `--peers`, and they match by name, virtual
 *   address or VRID (or are the only instances left on each side).
 * Between two nodes, candidate links are matched one to one, best first, so that a node with several instances
 * sharing one unicast_src_ip (one per service) pairs each with its namesake.
 */

/*
 * The canonical addresses of an instance, asked for again and again by discovery and several checks: kept per
 * instance object (they depend on its lines only). The arrays are shared: callers never change them.
 */
const sources = new WeakMap<VrrpInstance, string | null>();
const peers = new WeakMap<VrrpInstance, readonly string[]>();

export function unicastSource(instance: VrrpInstance): string | undefined {
  let source = sources.get(instance);
  if (source === undefined) {
    const src = instance.unicastSrcIp?.value;
    source = src === undefined || parseAddress(src) === undefined ? null : canonicalAddress(src);
    sources.set(instance, source);
  }
  return source ?? undefined;
}

export function unicastPeers(instance: VrrpInstance): readonly string[] {
  let list = peers.get(instance);
  if (list === undefined) {
    list = instance.unicastPeers.map((p) => canonicalAddress(p.value));
    peers.set(instance, list);
  }
  return list;
}

export function isUnicast(instance: VrrpInstance): boolean {
  return instance.unicastPeers.length > 0;
}

/** Virtual addresses without prefix, as adverts carry them. */
export function vipAddresses(instance: VrrpInstance): string[] {
  return instance.vips.map((v) => {
    const text = v.address.text;
    const slash = text.indexOf("/");
    return canonicalAddress(slash < 0 ? text : text.slice(0, slash));
  });
}

function vipsOverlap(a: VrrpInstance, b: VrrpInstance): boolean {
  const mine = new Set(vipAddresses(a));
  return vipAddresses(b).some((v) => mine.has(v));
}

/** How alike two instances look: used to pick, among several candidates, the instance a link is meant for. */
function likeness(a: Member, b: Member): number {
  let score = 0;
  if (a.instance.name !== undefined && a.name === b.name) score += 8;
  if (vipsOverlap(a.instance, b.instance)) score += 4;
  if (a.instance.vrid !== undefined && a.instance.vrid.value === b.instance.vrid?.value) score += 2;
  if (a.instance.interface?.value === b.instance.interface?.value) score += 1;
  return score;
}

interface Candidate {
  a: Member;
  b: Member;
  kind: LinkKind;
}

interface MemberSet {
  members: Member[];
  nodes: Set<string>;
  links: Set<LinkKind>;
  /** Position of the set's root among all members: clusters are listed in that order. */
  index: number;
}

/**
 * Union-find over members that never puts two members of one node in a cluster. A member that no link names
 * stays alone and costs nothing: sets are made when a link first reaches a member.
 */
class Clusters {
  private readonly parent = new Map<Member, Member>();
  private readonly sets = new Map<Member, MemberSet>();
  private readonly members: readonly Member[];
  private indexes: Map<Member, number> | undefined;

  constructor(members: readonly Member[]) {
    this.members = members;
  }

  private indexOf(member: Member): number {
    this.indexes ??= new Map(this.members.map((m, i) => [m, i]));
    return this.indexes.get(member)!;
  }

  private find(member: Member): Member {
    if (!this.parent.has(member)) {
      this.parent.set(member, member);
      this.sets.set(member, { members: [member], nodes: new Set([member.node.key]), links: new Set(), index: this.indexOf(member) });
      return member;
    }
    let root = member;
    while (this.parent.get(root) !== root) root = this.parent.get(root)!;
    let walk = member;
    while (walk !== root) {
      const next = this.parent.get(walk)!;
      this.parent.set(walk, root);
      walk = next;
    }
    return root;
  }

  /** Joins the clusters of a and b unless they already share a node. */
  join(a: Member, b: Member, kind: LinkKind): boolean {
    const ra = this.find(a);
    const rb = this.find(b);
    const sa = this.sets.get(ra)!;
    if (ra === rb) {
      sa.links.add(kind);
      return true;
    }
    const sb = this.sets.get(rb)!;
    for (const node of sb.nodes) if (sa.nodes.has(node)) return false;
    this.parent.set(rb, ra);
    sa.members.push(...sb.members);
    for (const node of sb.nodes) sa.nodes.add(node);
    for (const link of sb.links) sa.links.add(link);
    sa.links.add(kind);
    this.sets.delete(rb);
    return true;
  }

  /** How many members the cluster of `member` has so far. */
  size(member: Member): number {
    if (!this.parent.has(member)) return 1;
    return this.sets.get(this.find(member))!.members.length;
  }

  clusters(): Cluster[] {
    return [...this.sets.values()]
      .filter((s) => s.members.length > 1)
      .sort((x, y) => x.index - y.index)
      .map((s) => ({ members: s.members.sort((x, y) => x.node.order - y.node.order), links: s.links }));
  }
}

/** Adds `member` under `key`: the member alone, or a list once a second one comes. */
function group(map: Map<string, Member | Member[]>, key: string, member: Member): void {
  const found = map.get(key);
  if (found === undefined) map.set(key, member);
  else if (Array.isArray(found)) found.push(member);
  else map.set(key, [found, member]);
}

function instancesOf(node: PairNode): Member[] {
  return keptInstances(node.config).map((instance) => ({ node, instance, name: instance.name?.text ?? "(unnamed)" }));
}

/**
 * Picks, between each pair of nodes, a one-to-one matching of their candidate links: highest likeness first; a
 * candidate that looks like nothing is kept only when it is the one candidate of both its members.
 */
function matchPerNodePair(candidates: Candidate[]): Candidate[] {
  const byNodes = new Map<string, Candidate[]>();
  for (const c of candidates) {
    const key = c.a.node.order < c.b.node.order ? `${c.a.node.key}\u0001${c.b.node.key}` : `${c.b.node.key}\u0001${c.a.node.key}`;
    const list = byNodes.get(key);
    if (list === undefined) byNodes.set(key, [c]);
    else list.push(c);
  }
  const chosen: Candidate[] = [];
  for (const list of byNodes.values()) {
    if (list.length === 1) {
      chosen.push(list[0]!);
      continue;
    }
    const count = new Map<string, number>();
    for (const c of list) for (const m of [c.a, c.b]) count.set(memberKey(m), (count.get(memberKey(m)) ?? 0) + 1);
    const scored = list.map((c) => ({ c, score: likeness(c.a, c.b) })).sort((x, y) => y.score - x.score);
    const used = new Set<string>();
    for (const { c, score } of scored) {
      const ka = memberKey(c.a);
      const kb = memberKey(c.b);
      if (used.has(ka) || used.has(kb)) continue;
      if (score === 0 && (count.get(ka) !== 1 || count.get(kb) !== 1)) continue;
      used.add(ka);
      used.add(kb);
      chosen.push(c);
    }
  }
  return chosen;
}

/**
 * Most a cluster found by name alone may have. A VRRP router of more nodes is rare, while a folder of examples
 * that all copy one instance (upstream's VI_1 on 192.168.200.16) is common: such a crowd is left unclustered
 * (an explicit group still clusters it).
 */
export const MAX_NAME_CLUSTER = 4;

/**
 * Removes the name-based candidates (multicast, name) of every group they connect that spans too many nodes;
 * returns the members of each such crowd.
 */
function dropCrowds(candidates: Candidate[]): Member[][] {
  const byName = candidates.filter((c) => c.kind === "multicast" || c.kind === "name");
  const parent = new Map<string, string>();
  const find = (k: string): string => {
    while (parent.get(k) !== undefined && parent.get(k) !== k) k = parent.get(k)!;
    return k;
  };
  for (const c of byName) {
    for (const m of [c.a, c.b]) if (!parent.has(memberKey(m))) parent.set(memberKey(m), memberKey(m));
    parent.set(find(memberKey(c.a)), find(memberKey(c.b)));
  }
  const nodes = new Map<string, Set<string>>();
  for (const c of byName) {
    const root = find(memberKey(c.a));
    const set = nodes.get(root) ?? new Set<string>();
    set.add(c.a.node.key).add(c.b.node.key);
    nodes.set(root, set);
  }
  const crowds = new Map<string, Set<Member>>();
  for (let i = candidates.length - 1; i >= 0; i--) {
    const c = candidates[i]!;
    if (c.kind !== "multicast" && c.kind !== "name") continue;
    const root = find(memberKey(c.a));
    if (nodes.get(root)!.size <= MAX_NAME_CLUSTER) continue;
    candidates.splice(i, 1);
    const crowd = crowds.get(root) ?? new Set<Member>();
    crowd.add(c.a).add(c.b);
    crowds.set(root, crowd);
  }
  return [...crowds.values()].map((crowd) => [...crowd]);
}

export interface Discovery {
  clusters: Cluster[];
  /** Every member of every node, clustered or not. */
  members: Member[];
  /**
   * Instances that name and addresses would link across more than MAX_NAME_CLUSTER nodes, left unclustered (and
   * unchecked) as copies of one example; the members of each crowd that no address or group clustered.
   */
  crowds: Member[][];
}

/**
 * Finds the clusters among the nodes. `groups` are explicit groups of root files (already resolved from globs);
 * their nodes are matched with each other whatever their addresses say.
 */
export function discoverClusters(nodes: readonly PairNode[], groups: readonly (readonly string[])[] = []): Discovery {
  const members = nodes.flatMap(instancesOf);
  const candidates: Candidate[] = [];

  // One member per source or name is the rule: a list only where several share it.
  const bySource = new Map<string, Member | Member[]>();
  for (const m of members) {
    const src = unicastSource(m.instance);
    if (src !== undefined) group(bySource, src, m);
  }
  const seenPairs = new Map<string, Candidate>();
  const addCandidate = (a: Member, b: Member, kind: LinkKind): void => {
    if (a.node.key === b.node.key) return;
    const ka = memberKey(a);
    const kb = memberKey(b);
    const key = ka < kb ? `${ka}\u0001${kb}` : `${kb}\u0001${ka}`;
    const seen = seenPairs.get(key);
    if (seen !== undefined) {
      // The user's group outranks a guess by name: the link survives the crowd rule (dropCrowds).
      if (kind === "explicit" && (seen.kind === "multicast" || seen.kind === "name")) seen.kind = "explicit";
      return;
    }
    const candidate = { a, b, kind };
    seenPairs.set(key, candidate);
    candidates.push(candidate);
  };
  for (const a of members) {
    const peers = unicastPeers(a.instance);
    peers.forEach((peer, i) => {
      if (peers.indexOf(peer) !== i) return;
      const found = bySource.get(peer);
      if (found === undefined) return;
      for (const b of Array.isArray(found) ? found : [found]) addCandidate(a, b, "unicast");
    });
  }

  const byName = new Map<string, Member | Member[]>();
  for (const m of members) if (m.instance.name !== undefined) group(byName, m.name, m);
  for (const list of byName.values()) {
    if (!Array.isArray(list)) continue;
    for (let i = 0; i < list.length; i++) {
      for (let j = i + 1; j < list.length; j++) {
        const a = list[i]!;
        const b = list[j]!;
        if (!vipsOverlap(a.instance, b.instance)) continue;
        const multicast = !isUnicast(a.instance) && !isUnicast(b.instance);
        if (multicast && a.instance.interface?.value !== b.instance.interface?.value) continue;
        addCandidate(a, b, multicast ? "multicast" : "name");
      }
    }
  }

  for (const group of groups) {
    const files = new Set(group);
    const inGroup = members.filter((m) => files.has(m.node.file));
    for (let i = 0; i < inGroup.length; i++) {
      for (let j = i + 1; j < inGroup.length; j++) addCandidate(inGroup[i]!, inGroup[j]!, "explicit");
    }
  }

  const crowds = dropCrowds(candidates);
  const union = new Clusters(members);
  // Address links first: they are what keepalived itself follows.
  const rank: Record<LinkKind, number> = { unicast: 0, multicast: 1, explicit: 2, name: 3 };
  const chosen = matchPerNodePair(candidates).sort((x, y) => rank[x.kind] - rank[y.kind]);
  for (const c of chosen) {
    // A name link only adopts an instance its addresses left alone: it never merges two address-linked clusters.
    if (c.kind === "name" && union.size(c.a) > 1 && union.size(c.b) > 1) continue;
    union.join(c.a, c.b, c.kind);
  }
  const clusters = union.clusters();
  const clustered = new Set(clusters.flatMap((c) => c.members));
  const unchecked = crowds.map((crowd) => crowd.filter((m) => !clustered.has(m))).filter((crowd) => new Set(crowd.map((m) => m.node.key)).size > 1);
  return { clusters, members, crowds: unchecked };
}
