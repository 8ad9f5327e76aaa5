import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, knownStartState } from "./roles.ts";
import { anchorOf } from "./sites.ts";
import { initialState } from "../checks/effective.ts";

/**
 * `both-master`: more than one member starts as MASTER. keepalived 2.x starts a MASTER that is not the address
 * owner exactly as a BACKUP ("Entering BACKUP STATE (init)", the full master-down timer of 3 advert intervals plus
 * its skew): the lab measured a lone standby marked MASTER taking the free VIP after 3.65 s, and a restarted one
 * hearing the primary and staying BACKUP. So the highest priority still gets the VIP; what goes wrong is that the
 * configs no longer say which node is the primary, and that keepalived drops `nopreempt` and `preempt_delay` on
 * a MASTER ("will not work with initial state MASTER - clearing").
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
      message: `${describeMember(member)} and ${listOf(others.map(describeMember))} ${others.length > 1 ? "all" : "both"} start as MASTER: keepalived 2.x starts a MASTER that is not the address owner as a BACKUP with the full master-down timer, so the highest priority still takes the VIP, but the configs no longer say which node is the primary and keepalived ignores nopreempt and preempt_delay with state MASTER; give every node but the primary state BACKUP`,
      related: `state MASTER in ${describeMember(member)}`,
      data: { here: roleSite(member), peers: others.map(roleSite), holder: [member, ...others].indexOf(holder) },
    };
  });
  ctx.report({ code: "both-master", entries });
};
