import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { knownStartState, priorityOfMember } from "./roles.ts";
import { anchorOf } from "./sites.ts";

/**
 * `priority-reversed`: a member that starts as MASTER has a lower priority than a BACKUP member. At startup the
 * MASTER takes the VIP; the BACKUP then hears a lower priority and preempts, so the VIP ends up on the node the
 * configs call BACKUP (and moves once at every restart of it).
 *
 * data: { master: RoleSite, backup: RoleSite (the highest BACKUP above it), here: "master" | "backup" }
 */
export const priorityReversed: ClusterCheck = (cluster, ctx) => {
  const backups = cluster.members.filter((m) => knownStartState(m) === "BACKUP" && priorityOfMember(m) !== undefined);
  for (const master of cluster.members.filter((m) => knownStartState(m) === "MASTER")) {
    const mine = priorityOfMember(master);
    if (mine === undefined) continue;
    const above = backups.filter((b) => priorityOfMember(b)!.value > mine.value).sort((a, b) => priorityOfMember(b)!.value - priorityOfMember(a)!.value);
    const backup = above[0];
    if (backup === undefined) continue;
    const theirs = priorityOfMember(backup)!;
    const data = { master: roleSite(master), backup: roleSite(backup) };
    const at = (p: typeof mine, m: typeof master) => anchorOf(m, p.directive === undefined ? undefined : { directive: p.directive, ...(p.word !== undefined ? { word: p.word } : {}) });
    const entries: FindingEntry[] = [
      {
        member: master,
        span: at(mine, master),
        message: `${describeMember(master)} starts as MASTER with priority ${mine.value}, below the ${theirs.value} of BACKUP ${describeMember(backup)}: the BACKUP preempts it, so the VIP settles on the node marked BACKUP and moves at every restart; swap the priorities or the states`,
        related: `state MASTER, priority ${mine.value} in ${describeMember(master)}`,
        data: { ...data, here: "master" },
      },
      {
        member: backup,
        span: at(theirs, backup),
        message: `${describeMember(backup)} is BACKUP with priority ${theirs.value}, above the ${mine.value} of MASTER ${describeMember(master)}: it preempts the MASTER, so the VIP settles here and moves at every restart of the other node; swap the priorities or the states`,
        related: `state BACKUP, priority ${theirs.value} in ${describeMember(backup)}`,
        data: { ...data, here: "backup" },
      },
    ];
    ctx.report({ code: "priority-reversed", entries });
  }
};
