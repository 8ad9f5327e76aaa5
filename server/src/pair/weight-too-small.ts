import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { describeMember, type Member } from "./model.ts";
import { holderOf, priorityOfMember } from "./roles.ts";
import { anchorOf, wordSite, type WordSite } from "./sites.ts";
import { failingPriority, failsOver, healthyPriority, trackersOf, type Tracker } from "./weights.ts";

/**
 * `weight-too-small`: when one weighted tracked object of the primary fails, its priority stays at or above the
 * best standby's, so the VIP never moves (measured: weight -5 with priorities 100/90). Trackers without a
 * weight fault the instance instead and always move the VIP: they are fine.
 *
 * data: { tracker: string, list: string, weight: number, failing: number (the primary's priority while it
 *   fails), standby: number (the best standby's healthy priority), primary: string, standbyLabel: string,
 *   needed: number (the weight of smallest size that moves the VIP), edits: WordSite[] (the weight words to set:
 *   the primary's, and the standby's when it tracks the same name with the same weight, so the two files stay
 *   alike), here: "primary" | "standby" }
 */

/** The smallest weight, keeping the sign that works, with which a failure of `tracker` moves the VIP. */
function neededWeight(primary: Member, tracker: Tracker, standby: Member, standbyTracks: Tracker | undefined): number | undefined {
  const base = priorityOfMember(primary)?.value ?? 100;
  const healthyStandby = healthyPriority(standby);
  if (tracker.weight > 0 && standbyTracks !== undefined && standbyTracks.weight > 0) {
    // A positive weight never lowers the failing primary: the standby must gain enough while healthy.
    const withoutIt = healthyStandby - standbyTracks.weight;
    const needed = failingPriority(primary, tracker, base, 0) - withoutIt + 1;
    return needed <= 253 ? needed : undefined;
  }
  const others = failingPriority(primary, tracker, base, 0);
  const needed = healthyStandby - others - 1;
  return needed >= -253 && needed < 0 ? needed : undefined;
}

export const weightTooSmall: ClusterCheck = (cluster, ctx) => {
  const primary = holderOf(cluster);
  const top = priorityOfMember(primary);
  if (top === undefined) return;
  const standbys = cluster.members.filter((m) => m !== primary && priorityOfMember(m) !== undefined);
  if (standbys.length === 0 || standbys.some((s) => priorityOfMember(s)!.value === top.value)) return;
  const standby = standbys.reduce((best, m) => (healthyPriority(m) > healthyPriority(best) ? m : best));
  const standbyHealthy = healthyPriority(standby);
  const standbyPriority = priorityOfMember(standby)!;
  for (const tracker of trackersOf(primary)) {
    const failing = failingPriority(primary, tracker);
    if (failsOver(failing, standbyHealthy)) continue;
    const twin = trackersOf(standby).find((t) => t.list === tracker.list && t.name === tracker.name && t.weight === tracker.weight);
    const needed = neededWeight(primary, tracker, standby, twin);
    const edits: WordSite[] = [];
    const mine = tracker.word === undefined ? undefined : wordSite(primary, tracker.directive, tracker.word);
    if (mine !== undefined) edits.push(mine);
    const theirs = twin?.word === undefined ? undefined : wordSite(standby, twin.directive, twin.word);
    if (theirs !== undefined && !(theirs.file === mine?.file && theirs.start === mine.start)) edits.push(theirs);
    const how = `priority ${top.value}, weight ${tracker.weight}${tracker.weight > 0 ? ", which counts only while it is up" : ""}`;
    const numbers = `${tracker.name} failing leaves ${describeMember(primary)} at priority ${failing} (${how}), not below the ${standbyHealthy} of ${describeMember(standby)}`;
    const remedy = needed === undefined ? "" : `; weight ${needed} is the smallest that moves it`;
    const data = {
      tracker: tracker.name,
      list: tracker.list,
      weight: tracker.weight,
      failing,
      standby: standbyHealthy,
      primary: primary.node.label,
      standbyLabel: standby.node.label,
      ...(needed !== undefined ? { needed } : {}),
      edits: needed === undefined ? [] : edits,
    };
    const entries: FindingEntry[] = [
      {
        member: primary,
        span: tracker.word?.span ?? tracker.refName.span,
        message: `${numbers}: a backup only takes over from a lower priority, so the VIP never moves when ${tracker.name} fails (measured: weight -5 with priorities 100/90)${remedy}`,
        related: `${tracker.list} ${tracker.name} (weight ${tracker.weight}) in ${describeMember(primary)}`,
        data: { ...data, here: "primary" },
      },
      {
        member: standby,
        span: anchorOf(standby, standbyPriority.directive === undefined ? undefined : { directive: standbyPriority.directive, ...(standbyPriority.word !== undefined ? { word: standbyPriority.word } : {}) }),
        message: `This node never takes over when ${tracker.name} fails on the primary: ${numbers}${remedy}`,
        related: `priority ${standbyPriority.value} in ${describeMember(standby)}`,
        data: { ...data, here: "standby" },
      },
    ];
    ctx.report({ code: "weight-too-small", entries });
  }
};
