import { strictModeOf } from "../checks/effective.ts";
import { globalSetting, type TrackRef, type VrrpScript } from "../model/config.ts";
import { parseInteger } from "../model/values.ts";
import type { Cluster, Member } from "../pair/model.ts";
import { advertIntOf, holderOf, priorityOfMember, startState, versionOf } from "../pair/roles.ts";
import { failingPriority, failsOver, healthyPriority, trackersOf } from "../pair/weights.ts";
import {
  checkTimers,
  failureDetection,
  recoveryDetection,
  takeoverAfterResign,
  takeoverAfterSilence,
  takeoverAfterStart,
  takeoverFromLowerMaster,
  type CheckTimers,
  type WaitingNode,
} from "./timers.ts";
import { sumOf, type Step, type Window } from "./window.ts";

/**
 * The failover timeline of a primary/standby cluster: for each health check of the primary, when the VIP moves
 * to the standby after the check starts failing and when it comes back after the check recovers; and the same
 * for keepalived stopping or starting on the primary and for its link going down or up. Pure: reads the cluster
 * model that pair analysis builds, so it names the same primary and standby as the pair diagnostics.
 */

export type Outcome =
  | { moves: true; /** Label of the node that gets the VIP. */ to: string; window: Window; steps: Step[] }
  | { moves: false; /** Where the VIP stays. */ stays: string; reason: string };

export interface CheckTimeline {
  /** The vrrp_script's name. */
  name: string;
  timers: CheckTimers;
  /** How a failure acts: a weight lowers the priority; without one the instance goes to FAULT. */
  effect: { kind: "weight"; weight: number; healthy: number; failing: number; standby: number } | { kind: "fault" };
  /** The check fails fast (connection refused, exit 1): what the lab measures. */
  failover: Outcome;
  /** The check hangs until keepalived kills it at its timeout. */
  failoverIfHung: Outcome;
  /** After a failover, the check succeeds again. Absent when the VIP never moved. */
  failback?: Outcome;
}

export interface PairTimeline {
  instance: string;
  primary: Member;
  standby: Member;
  checks: CheckTimeline[];
  /** keepalived stopped cleanly on the primary (systemctl stop): it sends priority 0. */
  keepalivedStops: Outcome;
  /** keepalived started again on the primary while the standby holds the VIP. */
  keepalivedStarts: Outcome;
  /** The primary's link (or the whole host) goes away: its adverts stop. */
  linkLost: Outcome;
  /** The link comes back: the primary leaves FAULT as a BACKUP. */
  linkBack: Outcome;
  /** What the windows leave out, for the explanation. */
  notes: string[];
}

function moves(to: Member, steps: Array<Step | undefined>, never: () => Outcome): Outcome {
  if (steps.some((s) => s === undefined)) return never();
  const defined = steps as Step[];
  return { moves: true, to: to.node.label, window: sumOf(defined), steps: defined };
}

function stays(on: Member, reason: string): Outcome {
  return { moves: false, stays: on.node.label, reason };
}

/** nopreempt as keepalived keeps it: only in state BACKUP below priority 255 (else it is cleared). */
function honoursNopreempt(member: Member): boolean {
  return member.instance.preemptMode?.preempt === false && startState(member) === "BACKUP" && priorityOfMember(member)?.value !== 255;
}

/** preempt_delay as keepalived keeps it: cleared with state MASTER, nopreempt or strict mode; 0..1000 s. */
function preemptDelayOf(member: Member): number {
  const delay = member.instance.preemptDelay?.value;
  if (delay === undefined || delay < 0 || delay > 1000) return 0;
  if (startState(member) !== "BACKUP" || member.instance.preemptMode?.preempt === false || strictModeOf(member.node.config, member.instance)) return 0;
  return delay;
}

function waiting(member: Member, priority: number): WaitingNode {
  return { priority, advertInt: advertIntOf(member), version: versionOf(member), preemptDelay: preemptDelayOf(member), nopreempt: honoursNopreempt(member) };
}

/** The vrrp_script a track_script line uses: the first of that name defined before the instance. */
function scriptOf(member: Member, ref: TrackRef): VrrpScript | undefined {
  return member.node.config.scripts.find((s) => s.name?.text === ref.name.text && s.order < member.instance.order);
}

function ignoresWeights(member: Member): boolean {
  const name = member.instance.name?.text;
  const inGroup = member.node.config.syncGroups.some(
    (g) => g.members.some((m) => m.text === name) && !(g.directive.block?.children.some((c) => c.keyword.text === "sync_group_tracking_weight") ?? false),
  );
  return inGroup;
}

/** The member that takes over: the other member with the highest healthy priority (the first on a tie). */
function standbyOf(cluster: Cluster, primary: Member): Member | undefined {
  const others = cluster.members.filter((m) => m !== primary);
  return others.reduce<Member | undefined>((best, m) => (best === undefined || healthyPriority(m) > healthyPriority(best) ? m : best), undefined);
}

function checkTimeline(primary: Member, standby: Member, ref: TrackRef, script: VrrpScript): CheckTimeline | undefined {
  const timers = checkTimers({
    ...(script.interval !== undefined && script.interval.value > 0 ? { interval: script.interval.value } : {}),
    ...(script.fall !== undefined && script.fall.value > 0 ? { fall: script.fall.value } : {}),
    ...(script.rise !== undefined && script.rise.value > 0 ? { rise: script.rise.value } : {}),
    ...(script.timeout !== undefined && script.timeout.value > 0 ? { timeout: script.timeout.value } : {}),
  });
  const name = ref.name.text;
  const healthyPrimary = healthyPriority(primary);
  const standbyHealthy = healthyPriority(standby);
  const standbyLabel = standby.node.label;
  const primaryLabel = primary.node.label;
  const owner = priorityOfMember(primary)?.value === 255;
  const weight = ref.weight?.value ?? script.weight?.value ?? 0;
  if (ref.reverse || (ref.weight === undefined && script.weightReverse)) return undefined;
  if (owner && weight !== 0) {
    const never = stays(primary, `${primaryLabel} has priority 255 (address owner): keepalived ignores the weights of its checks, so ${name} failing changes nothing`);
    return { name, timers, effect: { kind: "weight", weight, healthy: 255, failing: 255, standby: standbyHealthy }, failover: never, failoverIfHung: never };
  }
  const fault = weight === 0 || ignoresWeights(primary);
  if (fault) {
    const resign = takeoverAfterResign(waiting(standby, standbyHealthy), advertIntOf(primary), standbyLabel);
    const failover = moves(standby, [failureDetection(timers, "fails"), resign], () => stays(primary, ""));
    const failoverIfHung = moves(standby, [failureDetection(timers, "hangs"), resign], () => stays(primary, ""));
    const back =
      healthyPrimary <= standbyHealthy
        ? stays(standby, `${primaryLabel}'s priority ${healthyPrimary} does not outrank ${standbyHealthy} on ${standbyLabel}, which keeps the VIP`)
        : moves(primary, [recoveryDetection(timers), takeoverAfterStart(waiting(primary, healthyPrimary), advertIntOf(standby), primaryLabel)], () =>
            stays(standby, `${primaryLabel} has nopreempt: once out of FAULT it stays BACKUP and the VIP stays on ${standbyLabel}`),
          );
    return { name, timers, effect: { kind: "fault" }, failover, failoverIfHung, failback: back };
  }
  const tracker = trackersOf(primary).find((t) => t.ref === ref.directive);
  const failing = tracker === undefined ? healthyPrimary : failingPriority(primary, tracker);
  const effect = { kind: "weight" as const, weight, healthy: healthyPrimary, failing, standby: standbyHealthy };
  if (!failsOver(failing, standbyHealthy)) {
    const never = stays(
      primary,
      `${name} failing leaves ${primaryLabel} at priority ${failing}, not below the ${standbyHealthy} of ${standbyLabel}: a backup only takes over from a lower priority`,
    );
    return { name, timers, effect, failover: never, failoverIfHung: never };
  }
  const takeover = takeoverFromLowerMaster(waiting(standby, standbyHealthy), advertIntOf(primary), standbyLabel);
  const noTakeover = (): Outcome =>
    stays(primary, `${standbyLabel} has nopreempt: it keeps accepting the adverts of a live master whatever their priority, so only a stopped keepalived or a lost link moves the VIP`);
  const failover = moves(standby, [failureDetection(timers, "fails"), takeover], noTakeover);
  const failoverIfHung = moves(standby, [failureDetection(timers, "hangs"), takeover], noTakeover);
  if (!failover.moves) return { name, timers, effect, failover, failoverIfHung };
  const failback =
    healthyPrimary <= standbyHealthy
      ? stays(standby, `${primaryLabel}'s priority ${healthyPrimary} does not outrank ${standbyHealthy} on ${standbyLabel}, which keeps the VIP`)
      : moves(primary, [recoveryDetection(timers), takeoverFromLowerMaster(waiting(primary, healthyPrimary), advertIntOf(standby), primaryLabel)], () =>
          stays(standby, `${primaryLabel} has nopreempt: it stays BACKUP, so the VIP stays on ${standbyLabel} until that node fails`),
        );
  return { name, timers, effect, failover, failoverIfHung, failback };
}

/** The timeline of a cluster of two or more members; undefined for a lone member. */
export function timelineOf(cluster: Cluster): PairTimeline | undefined {
  const primary = holderOf(cluster);
  const standby = standbyOf(cluster, primary);
  if (standby === undefined) return undefined;
  const checks: CheckTimeline[] = [];
  for (const ref of primary.instance.trackScripts) {
    const script = scriptOf(primary, ref);
    if (script === undefined) continue;
    const timeline = checkTimeline(primary, standby, ref, script);
    if (timeline !== undefined) checks.push(timeline);
  }
  const healthyPrimary = healthyPriority(primary);
  const standbyHealthy = healthyPriority(standby);
  const standbyNode = waiting(standby, standbyHealthy);
  const primaryNode = waiting(primary, healthyPrimary);
  const primaryLabel = primary.node.label;
  const standbyLabel = standby.node.label;
  const reclaim = (): Outcome =>
    healthyPrimary <= standbyHealthy
      ? stays(standby, `${primaryLabel}'s priority ${healthyPrimary} does not outrank ${standbyHealthy} on ${standbyLabel}`)
      : moves(primary, [takeoverAfterStart(primaryNode, advertIntOf(standby), primaryLabel)], () => stays(standby, `${primaryLabel} has nopreempt: it stays BACKUP`));
  // The instance's garp_master_delay, else global_defs' vrrp_garp_master_delay, else keepalived's 5 s.
  const globalGarp = globalSetting(primary.node.config, "vrrp_garp_master_delay")?.args[0]?.text;
  const garp = primary.instance.garpMasterDelay?.value ?? (globalGarp !== undefined ? parseInteger(globalGarp) : undefined) ?? 5;
  return {
    instance: primary.name,
    primary,
    standby,
    checks,
    keepalivedStops: moves(standby, [takeoverAfterResign(standbyNode, advertIntOf(primary), standbyLabel)], () => stays(primary, "")),
    keepalivedStarts: reclaim(),
    linkLost: moves(standby, [takeoverAfterSilence(standbyNode, advertIntOf(primary), standbyLabel)], () => stays(primary, "")),
    linkBack: reclaim(),
    notes: [
      `The new master adds the VIP and sends gratuitous ARPs at once (again ${garp} s later, garp_master_delay): clients on the segment follow it within these windows; their TCP connections break and must reconnect.`,
      "Windows assume a check that fails fast (connection refused); the check script's own run time and the hosts' scheduling add a few tens of milliseconds.",
    ],
  };
}
