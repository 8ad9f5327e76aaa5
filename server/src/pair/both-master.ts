import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, knownStartState } from "./roles.ts";
import { anchorOf } from "./sites.ts";
import { initialState } from "../checks/effective.ts";

/**
 * `both-master`: more than one member starts as MASTER. Each takes the VIP at startup until it hears the other's
 * adverts; then the lower priority (the lower address on a tie) steps back. A restarted node grabs the VIP again
 * before it hears the master.
 *
 * data: { here: RoleSite, peers: RoleSite[] (the other MASTER members), holder: number (index in
 *   [here, ...peers] of the member meant to hold the VIP) }
 */
export const bothMaster: ClusterCheck = (cluster, ctx) => {
  const masters = cluster.members.filter((m) => knownStartState(m) === "MASTER");
  if (masters.length < 2) return;
  const holder = holderOf(cluster);
  const entries: FindingEntry[] = masters.map((member) => {
    const others = masters.filter((o) => o !== member);
    const state = initialState(member.instance);
    return {
      member,
      span: anchorOf(member, state?.directive === undefined ? undefined : { directive: state.directive, ...(state.word !== undefined ? { word: state.word } : {}) }),
      message: `${describeMember(member)} and ${listOf(others.map(describeMember))} ${others.length > 1 ? "all" : "both"} start as MASTER: each takes the VIP at startup until it hears the other's adverts (then the lower priority steps back), and a restarted node takes it again; give every node but the primary state BACKUP`,
      related: `state MASTER in ${describeMember(member)}`,
      data: { here: roleSite(member), peers: others.map(roleSite), holder: [member, ...others].indexOf(holder) },
    };
  });
  ctx.report({ code: "both-master", entries });
};
