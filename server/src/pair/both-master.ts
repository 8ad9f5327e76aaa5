import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, knownStartState } from "./roles.ts";
import { anchorOf } from "./sites.ts";
import { initialState } from "../checks/effective.ts";

/**
 * `both-master`: more than one member starts as MASTER. keepalived 2.x starts a MASTER that is not the address
 * owner in BACKUP ("Entering BACKUP STATE (init)") with a master-down timer of one advert interval instead of
 * three: a node that hears the master in time stays BACKUP (as the lab measured), but nodes started together, or
 * a restarted node whose first advert is late, claim the VIP at once and hold it together until the lower
 * priority hears the higher. keepalived 1.x took the VIP at startup outright.
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
      message: `${describeMember(member)} and ${listOf(others.map(describeMember))} ${others.length > 1 ? "all" : "both"} start as MASTER: keepalived waits one advert interval instead of three before a MASTER takes the VIP, so nodes started together (or a late advert) leave the VIP on both until the lower priority hears the higher (keepalived 1.x took it at startup outright); give every node but the primary state BACKUP`,
      related: `state MASTER in ${describeMember(member)}`,
      data: { here: roleSite(member), peers: others.map(roleSite), holder: [member, ...others].indexOf(holder) },
    };
  });
  ctx.report({ code: "both-master", entries });
};
