import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, priorityOfMember, startState } from "./roles.ts";
import { anchorOf } from "./sites.ts";
import { failingPriority, failsOver, healthyPriority, trackersOf } from "./weights.ts";

/**
 * `standby-nopreempt`: a standby with `nopreempt` (honoured: state BACKUP, priority below 255) never takes the
 * VIP from a master that is still alive, even one whose weighted check failed and now advertises a lower
 * priority. So a failing check of the primary moves nothing; only its death or a faulting (weight 0) check
 * does. Measured in the lab (test/lab): weight -30, priorities 100/90, nopreempt on the standby: the VIP stays.
 * Reported once per such standby, for the first weighted tracker of the primary whose failure would otherwise
 * move the VIP (weight-too-small covers the trackers that would not).
 *
 * data: { standby: RoleSite (its nopreemptWord is the word to replace), tracker: string, failing: number,
 *   standbyPriority: number, here: "standby" | "holder" }
 */
export const standbyNopreempt: ClusterCheck = (cluster, ctx) => {
  const holder = holderOf(cluster);
  const top = priorityOfMember(holder);
  if (top === undefined || top.value === 255) return;
  const trackers = trackersOf(holder);
  if (trackers.length === 0) return;
  for (const standby of cluster.members) {
    if (standby === holder) continue;
    const mode = standby.instance.preemptMode;
    const priority = priorityOfMember(standby);
    if (mode === undefined || mode.preempt || priority === undefined || priority.value === 255 || startState(standby) === "MASTER") continue;
    const standbyPriority = healthyPriority(standby);
    const tracker = trackers.find((t) => failsOver(failingPriority(holder, t), standbyPriority));
    if (tracker === undefined) continue;
    const failing = failingPriority(holder, tracker);
    const site = roleSite(standby);
    const what = `${describeMember(standby)} has nopreempt: when ${tracker.name} fails, ${describeMember(holder)} drops to priority ${failing}, below this node's ${standbyPriority}, but a backup with nopreempt never takes the VIP from a master that is still alive, so the VIP stays on the failing node until it stops or its check faults it (weight 0)`;
    const data = { standby: site, tracker: tracker.name, failing, standbyPriority };
    const entries: FindingEntry[] = [
      {
        member: standby,
        span: anchorOf(standby, { directive: mode.directive }),
        message: what,
        related: `${tracker.list} ${tracker.name} (weight ${tracker.weight}) in ${describeMember(holder)}`,
        data: { ...data, here: "standby" },
      },
      {
        member: holder,
        span: tracker.word?.span ?? tracker.refName.span,
        message: `Failover on ${tracker.name} never happens: ${what}`,
        related: `nopreempt in ${describeMember(standby)}`,
        data: { ...data, here: "holder" },
      },
    ];
    ctx.report({ code: "standby-nopreempt", entries });
  }
};
