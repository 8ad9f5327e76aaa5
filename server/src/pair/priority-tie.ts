import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, priorityOfMember } from "./roles.ts";
import { anchorOf } from "./sites.ts";
import { safeGap } from "./weights.ts";

/**
 * `priority-tie`: the highest priority is shared. A backup only preempts a strictly lower priority, and two
 * masters of equal priority settle on the higher IP address, so which node holds the VIP depends on start order
 * and addresses, not on the configs, and it never fails back.
 *
 * data: { here: RoleSite, peers: RoleSite[] (the members tied with it), holder: number (index in [here, ...peers]
 *   of the member meant to hold the VIP), gap: number (how far below the others may go with failover still
 *   working: see weights.ts) }
 */
export const priorityTie: ClusterCheck = (cluster, ctx) => {
  const priorities = cluster.members.map((m) => priorityOfMember(m)?.value);
  if (priorities.some((p) => p === undefined)) return;
  const top = Math.max(...(priorities as number[]));
  const tied = cluster.members.filter((_, i) => priorities[i] === top);
  if (tied.length < 2) return;
  const holder = holderOf(cluster);
  const gap = Math.min(...tied.filter((m) => m !== holder).map((m) => safeGap(holder, m, top)), top - 1);
  if (gap < 1) return;
  const entries: FindingEntry[] = tied.map((member) => {
    const others = tied.filter((o) => o !== member);
    const p = priorityOfMember(member)!;
    const order = [member, ...others];
    return {
      member,
      span: anchorOf(member, p.directive === undefined ? undefined : { directive: p.directive, ...(p.word !== undefined ? { word: p.word } : {}) }),
      message: `priority ${top} here and in ${listOf(others.map(describeMember))}: a backup only takes over from a lower priority and equal masters settle on the higher IP address, so which node holds the VIP depends on start order and addresses, not on these files, and it does not fail back`,
      related: `priority ${top} in ${describeMember(member)}`,
      data: { here: roleSite(member), peers: others.map(roleSite), holder: order.indexOf(holder), gap },
    };
  });
  ctx.report({ code: "priority-tie", entries });
};
