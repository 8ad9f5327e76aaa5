import { checkTimers, failureDetection, takeoverFromLowerMaster } from "./timers.ts";
import { sumOf, type Window } from "./window.ts";

/** The timeline from bare timers, for the generator (a spec, no configs yet; no model or pair code pulled in). */

export interface PairTimers {
  checkInterval: number;
  checkFall: number;
  advertInt: number;
  priorityStandby: number;
  /** VRRP version, 2 unless given. */
  version?: number;
}

/**
 * From the service failing fast on the primary to the VIP on the standby, for a weighted check that moves it, in
 * a pair like the generator's (no nopreempt, no preempt_delay on the standby).
 */
export function guideFailover(timers: PairTimers): Window {
  const check = checkTimers({ interval: timers.checkInterval, fall: timers.checkFall });
  const standby = { priority: timers.priorityStandby, advertInt: timers.advertInt, version: timers.version ?? 2, preemptDelay: 0, nopreempt: false };
  return sumOf([failureDetection(check, "fails"), takeoverFromLowerMaster(standby, timers.advertInt, "the standby")!]);
}
