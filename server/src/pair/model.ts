import type { Rendering } from "../analysis.ts";
import type { Config, VrrpInstance } from "../model/config.ts";

/**
 * The cluster model: a node is one host's reading of one configuration (a file, or one `@ID` rendering of a file
 * written for several hosts); a member is one vrrp_instance of a node; a cluster is the members that form one
 * VRRP router across nodes, at most one per node.
 */

/** What pair analysis needs of a checked file: FileAnalysis satisfies it. */
export interface PairInput {
  file: string;
  renderings: Rendering[];
}

export interface PairNode {
  /** Unique: the file and, for a rendering, its config-id. */
  key: string;
  file: string;
  configId: string | null;
  /** The file has several renderings and this node is one host's: edits for it alone need `@ID` lines. */
  rendered: boolean;
  config: Config;
  /** The other named config-ids of the file, for edits that give this host a line of its own. */
  otherIds: string[];
  /** The file has `@^ID` lines: a line for "every host but this one" must be written `@^ID`. */
  negated: boolean;
  /** How messages and fix titles name it: the shortest unique path suffix, plus `@ID` for a rendering. */
  label: string;
  /** Position among all nodes (files sorted by path): breaks ties the same way on every run. */
  order: number;
}

export interface Member {
  node: PairNode;
  instance: VrrpInstance;
  name: string;
}

/** Why two members were put in one cluster; recorded for messages and docs/pairs.md. */
export type LinkKind = "unicast" | "multicast" | "explicit" | "name";

export interface Cluster {
  members: Member[];
  links: Set<LinkKind>;
}

function pathParts(file: string): string[] {
  return file.split(/[\\/]/).filter((p) => p !== "");
}

/** The shortest trailing path that tells each file apart: `keepalived-standby.conf`, `slave/keepalived.conf`. */
export function shortLabels(files: readonly string[]): Map<string, string> {
  const unique = [...new Set(files)];
  const labels = new Map<string, string>();
  for (const file of unique) {
    const parts = pathParts(file);
    let take = 1;
    const suffix = (f: string, n: number): string => pathParts(f).slice(-n).join("/");
    while (take < parts.length && unique.some((other) => other !== file && suffix(other, take) === suffix(file, take))) take++;
    labels.set(file, suffix(file, take));
  }
  return labels;
}

/** One node per rendering of each input, in file order. */
export function nodesOf(inputs: readonly PairInput[]): PairNode[] {
  const sorted = [...inputs].sort((a, b) => (a.file < b.file ? -1 : a.file > b.file ? 1 : 0));
  const labels = shortLabels(sorted.map((i) => i.file));
  const nodes: PairNode[] = [];
  for (const input of sorted) {
    const named = input.renderings.map((r) => r.configId).filter((id): id is string => id !== null);
    // With two or more named hosts, the "any other id" rendering of `@^ID` lines is nobody's: not a node.
    const renderings = named.length >= 2 ? input.renderings.filter((r) => r.configId !== null) : input.renderings;
    const rendered = renderings.length > 1;
    const negated = input.renderings.some((r) => r.config.build.negatedConditionals);
    for (const rendering of renderings) {
      const base = labels.get(input.file) ?? input.file;
      const id = rendering.configId;
      nodes.push({
        key: `${input.file}\u0000${id ?? ""}`,
        file: input.file,
        configId: id,
        rendered,
        config: rendering.config,
        otherIds: named.filter((n) => n !== id),
        negated,
        label: rendered ? `${base} ${id === null ? "(other hosts)" : `@${id}`}` : base,
        order: nodes.length,
      });
    }
  }
  return nodes;
}

export function describeMember(member: Member): string {
  return `${member.node.label} (${member.name})`;
}

export function memberKey(member: Member): string {
  return `${member.node.key}\u0000${member.instance.order}`;
}
