import { formatSeconds, windowOf, type Step } from "./window.ts";

/**
 * keepalived's timers as plain numbers: how long a vrrp_script takes to change its verdict, and how long a node
 * waits before it takes the VIP. Read from keepalived 2.2.7 (vrrp_scheduler.c: a script runs every `interval`
 * whatever its previous run did, and is skipped while one still runs; vrrp.c vrrp_state_backup: a BACKUP restarts
 * its master-down timer on every advert it accepts) and RFC 3768/5798; checked against the lab (test/lab).
 *
 * Every window is measured from an event whose phase against keepalived's periodic timers is unknown: the
 * service may die just after a check ran or just before, and the last advert a backup accepted may be up to one
 * advert interval old. Both ends of that range are in the window.
 */

/** A vrrp_script's timers, keepalived's defaults filled in (interval 1, rise 1, fall 1, timeout = interval). */
export interface CheckTimers {
  interval: number;
  fall: number;
  rise: number;
  timeout: number;
}

export function checkTimers(given: Partial<CheckTimers>): CheckTimers {
  const interval = given.interval ?? 1;
  return { interval, fall: given.fall ?? 1, rise: given.rise ?? 1, timeout: given.timeout ?? interval };
}

/** The node that waits for its master-down timer, as keepalived sees it. */
export interface WaitingNode {
  /** Its effective priority at the time (healthy or lowered by weights). */
  priority: number;
  /** Its own advert_int; VRRPv3 replaces it by the master's for the timer. */
  advertInt: number;
  version: number;
  /** Seconds of preempt_delay that keepalived keeps (0 when cleared: state MASTER, nopreempt). */
  preemptDelay: number;
  /** nopreempt that keepalived honours (state BACKUP, priority below 255). */
  nopreempt: boolean;
}

/**
 * Skew_Time: VRRPv2 (RFC 3768) makes it (256 - priority) / 256 seconds whatever the advert interval; VRRPv3
 * (RFC 5798) scales it by the master's advert interval.
 */
export function skewSeconds(node: Pick<WaitingNode, "priority" | "version">, masterAdvertInt: number): number {
  const share = (256 - node.priority) / 256;
  return node.version === 3 ? share * masterAdvertInt : share;
}

/** The advert interval the node's master-down timer counts: its own in VRRPv2, the master's in VRRPv3. */
function timerAdvert(node: WaitingNode, masterAdvertInt: number): number {
  return node.version === 3 ? masterAdvertInt : node.advertInt;
}

export function masterDownSeconds(node: WaitingNode, masterAdvertInt: number): number {
  return 3 * timerAdvert(node, masterAdvertInt) + skewSeconds(node, masterAdvertInt);
}

function masterDownText(node: WaitingNode, masterAdvertInt: number): string {
  return `3 x ${formatSeconds(timerAdvert(node, masterAdvertInt))} s + skew ${formatSeconds(skewSeconds(node, masterAdvertInt))} s`;
}

/**
 * From the service failing to the script's verdict "failed": the first check to fail starts within one interval,
 * then `fall - 1` more. A check that fails fast (connection refused) adds nothing; one that hangs adds its
 * timeout, and while it runs keepalived skips the runs that fall due.
 */
export function failureDetection(check: CheckTimers, mode: "fails" | "hangs"): Step {
  const times = `${check.fall} time${check.fall > 1 ? "s" : ""}`;
  if (mode === "fails") {
    return { what: `the check fails ${times} in a row (every ${formatSeconds(check.interval)} s)`, window: windowOf((check.fall - 1) * check.interval, check.fall * check.interval) };
  }
  // A run still going when the next falls due makes keepalived skip that one: hung runs are k intervals apart.
  const fewest = Math.max(1, Math.ceil(check.timeout / check.interval));
  const most = Math.floor(check.timeout / check.interval) + 1;
  return {
    what: `the check hangs until its timeout (${formatSeconds(check.timeout)} s) ${times} in a row`,
    window: windowOf(check.timeout + (check.fall - 1) * fewest * check.interval, check.interval + check.timeout + (check.fall - 1) * most * check.interval),
  };
}

/** From the service coming back to the verdict "succeeded": the first success within one interval, then rise - 1. */
export function recoveryDetection(check: CheckTimers): Step {
  const times = `${check.rise} success${check.rise > 1 ? "es" : ""}`;
  return { what: `the check needs ${times} in a row (every ${formatSeconds(check.interval)} s)`, window: windowOf((check.rise - 1) * check.interval, check.rise * check.interval) };
}

/**
 * A backup that now outranks a live master (whose priority dropped, or its own rose) takes over when its
 * master-down timer runs out: the adverts of the lower master no longer restart it, so it runs from the last
 * advert it accepted, up to one advert interval before. preempt_delay keeps it accepting them that much longer,
 * counted from the first lower advert. Undefined when nopreempt makes it accept them for ever.
 */
export function takeoverFromLowerMaster(node: WaitingNode, masterAdvertInt: number, who: string): Step | undefined {
  if (node.nopreempt) return undefined;
  const down = masterDownSeconds(node, masterAdvertInt);
  const delay = node.preemptDelay;
  const what = `${who}'s master-down timer runs out (${masterDownText(node, masterAdvertInt)}, from the last advert it accepted)`;
  if (delay === 0) return { what, window: windowOf(down - masterAdvertInt, down) };
  return {
    what: `${what}, after preempt_delay ${formatSeconds(delay)} s`,
    window: windowOf(down + Math.max(-masterAdvertInt, delay - masterAdvertInt), down + delay + masterAdvertInt),
  };
}

/** A master that leaves (keepalived stopped, instance in FAULT) sends priority 0: the backup waits its skew only. */
export function takeoverAfterResign(node: WaitingNode, masterAdvertInt: number, who: string): Step {
  const skew = skewSeconds(node, masterAdvertInt);
  return { what: `${who} hears priority 0 and waits its skew (${formatSeconds(skew)} s)`, window: windowOf(skew) };
}

/** A master that falls silent (link cut, host down): the backup's timer runs from the last advert it heard. */
export function takeoverAfterSilence(node: WaitingNode, masterAdvertInt: number, who: string): Step {
  const down = masterDownSeconds(node, masterAdvertInt);
  return { what: `${who}'s master-down timer runs out (${masterDownText(node, masterAdvertInt)}, from the last advert it heard)`, window: windowOf(down - masterAdvertInt, down) };
}

/**
 * A node that enters BACKUP afresh (keepalived started, FAULT over, link back) starts a full master-down timer; a
 * lower master's adverts do not restart it, except during preempt_delay from the first of them. Undefined with
 * nopreempt.
 */
export function takeoverAfterStart(node: WaitingNode, masterAdvertInt: number, who: string): Step | undefined {
  if (node.nopreempt) return undefined;
  const down = masterDownSeconds(node, masterAdvertInt);
  const delay = node.preemptDelay;
  const what = `${who} starts as BACKUP and its master-down timer runs out (${masterDownText(node, masterAdvertInt)})`;
  if (delay === 0) return { what, window: windowOf(down) };
  return { what: `${what}, after preempt_delay ${formatSeconds(delay)} s`, window: windowOf(down + Math.max(0, delay - masterAdvertInt), down + delay + masterAdvertInt) };
}
