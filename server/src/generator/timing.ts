import { guideFailover } from "../timeline/guide.ts";
import { formatWindow } from "../timeline/window.ts";
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
 * How long a failover takes, from the timers: the timeline's window (server/src/timeline, checked by the lab
 * against a real keepalived pair) for a check that fails fast on the primary.
 */
export function failoverEstimate(spec: Pick<HaSpec, "checkInterval" | "checkFall" | "advertInt" | "priorityStandby">): FailoverEstimate {
  const window = guideFailover(spec);
  return { minSeconds: window.min, maxSeconds: window.max };
}

/** "4.6-7.7 s": tenths of a second, rounded outwards. */
export function formatEstimate(estimate: FailoverEstimate): string {
  return formatWindow({ min: estimate.minSeconds, max: estimate.maxSeconds });
}
