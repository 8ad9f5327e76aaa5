import type { HaSpec } from "./spec.ts";

/** Room below the standby's priority that the derived weight leaves, so a later priority tweak keeps working. */
const WEIGHT_MARGIN = 20;

/** The weight that moves the VIP when the primary's check fails: the guide's -30 for priorities 100/90. */
export function derivedWeight(priorityPrimary: number, priorityStandby: number): number {
  return Math.max(-253, priorityStandby - priorityPrimary - WEIGHT_MARGIN);
}

export interface FailoverEstimate {
  /** Seconds from the service failing to the standby holding the VIP: best and worst case. */
  minSeconds: number;
  maxSeconds: number;
}

/**
 * How long a failover takes, from the timers. The check fails `fall` times in a row: between (fall-1) and fall
 * intervals after the service dies, depending on where in its cycle the check was. The primary then advertises
 * its lowered priority, which the standby ignores; it takes over when its master-down timer runs out:
 * 3 adverts plus a skew of (256 - priority)/256 adverts (RFC 3768). Measured with the guide's timers (interval 2,
 * fall 2, advert 1, priority 90): 5.6-5.7 s, inside the 5.0-7.7 s this gives.
 */
export function failoverEstimate(spec: Pick<HaSpec, "checkInterval" | "checkFall" | "advertInt" | "priorityStandby">): FailoverEstimate {
  const masterDown = 3 * spec.advertInt + ((256 - spec.priorityStandby) / 256) * spec.advertInt;
  return {
    minSeconds: (spec.checkFall - 1) * spec.checkInterval + 3 * spec.advertInt,
    maxSeconds: spec.checkFall * spec.checkInterval + masterDown,
  };
}

/** "5-8 s": whole seconds, rounded outwards. */
export function formatEstimate(estimate: FailoverEstimate): string {
  const min = Math.floor(estimate.minSeconds);
  const max = Math.ceil(estimate.maxSeconds);
  return min === max ? `about ${min} s` : `${min}-${max} s`;
}
