import { authDroppedOf, initialState, priorityOf, startStateOf, vrrpVersionOf, type Priority } from "../checks/effective.ts";
import { editDistance } from "../checks/util.ts";
import type { Cluster, Member } from "./model.ts";

/**
 * Who is who in a cluster, from keepalived's effective values (checks/effective.ts): the priority a node
 * advertises when healthy, the state it starts in, and the node meant to hold the VIP.
 */

/**
 * Whether the member's `keyword` is unknown rather than defaulted: a line of its block that keepalived does not
 * know is spelt like it (`priorty 90`). The single-file error says so; comparing keepalived's default with the
 * peer would only repeat it as a pair problem.
 */
export function misspelt(member: Member, keyword: string): boolean {
  const lines = member.instance.directive.block?.children ?? [];
  return lines.some((c) => c.role === "unknown" && editDistance(c.keyword.text.toLowerCase(), keyword, 2) <= 2);
}

/**
 * Undefined when it cannot be told: a `priority` line without a value (keepalived stops reading there), an
 * invalid one (value-out-of-range says it; keepalived then uses 100), or a misspelt one.
 */
export function priorityOfMember(member: Member): Priority | undefined {
  const priority = priorityOf(member.instance);
  if (priority === undefined || priority.how === "invalid") return undefined;
  if (priority.how === "default" && misspelt(member, "priority")) return undefined;
  return priority;
}

export function startState(member: Member): "MASTER" | "BACKUP" {
  return startStateOf(member.node.config, member.instance);
}

/** The start state, or undefined when no state line was read but one is misspelt (`sate MASTER`). */
export function knownStartState(member: Member): "MASTER" | "BACKUP" | undefined {
  if (initialState(member.instance) === undefined && misspelt(member, "state")) return undefined;
  return startState(member);
}

export function versionOf(member: Member): number {
  return vrrpVersionOf(member.node.config, member.instance);
}

/**
 * The member meant to hold the VIP: the highest priority; on a tie the one that starts as MASTER; then the first
 * node. Every member of the cluster computes the same one, so that the preferred fix of each member's
 * diagnostic is the same edit (the CLI applies them all).
 */
export function holderOf(cluster: Cluster): Member {
  let best = cluster.members[0]!;
  const rank = (m: Member): [number, number, number] => [priorityOfMember(m)?.value ?? 0, startState(m) === "MASTER" ? 1 : 0, -m.node.order];
  for (const m of cluster.members.slice(1)) {
    const a = rank(m);
    const b = rank(best);
    if (a[0] > b[0] || (a[0] === b[0] && (a[1] > b[1] || (a[1] === b[1] && a[2] > b[2])))) best = m;
  }
  return best;
}

export interface EffectiveAuth {
  /** "PASS", "AH" or "none" (no authentication, or keepalived drops it). */
  type: string;
  /** For PASS: the bytes keepalived compares (the first 8). */
  pass?: string;
  dropped?: string;
}

const AUTH_PASS_BYTES = 8;

function firstBytes(text: string, bytes: number): string {
  return Buffer.from(text, "utf8").subarray(0, bytes).toString("latin1");
}

export function authOf(member: Member): EffectiveAuth {
  const { instance, node } = member;
  const type = instance.authType?.value;
  if (type === undefined || (type !== "PASS" && type !== "AH")) return { type: "none" };
  const dropped = authDroppedOf(node.config, instance);
  if (dropped !== undefined) return { type: "none", dropped };
  const pass = instance.authPass?.value;
  return pass === undefined ? { type } : { type, pass: firstBytes(pass, AUTH_PASS_BYTES) };
}

/** advert_int as keepalived uses it: 1 s unless given. */
export function advertIntOf(member: Member): number {
  const value = member.instance.advertInt?.value;
  return value !== undefined && value > 0 && value <= 255 ? value : 1;
}

export function vridOf(member: Member): number | undefined {
  const value = member.instance.vrid?.value;
  return value !== undefined && value >= 1 && value <= 255 ? value : undefined;
}
