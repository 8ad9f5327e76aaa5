/**
 * Failover timelines (pure): when the VIP moves after a check fails, a node stops or a link goes, and when it
 * comes back, with the earliest and latest moment of each. `timelineOf(cluster)` reads a cluster of pair
 * analysis; `guideFailover` answers from bare timers, for the generator. The lab (test/lab) checks every window
 * against a real keepalived pair.
 */
export { timelineOf, type CheckTimeline, type Outcome, type PairTimeline } from "./pair.ts";
export { explainLines, nodeFailureLine, summaryLine, timelineJson, type OutcomeJson, type TimelineJson } from "./format.ts";
export { guideFailover, type PairTimers } from "./guide.ts";
export { formatWindow, type Step, type Window } from "./window.ts";
export { checkTimers, masterDownSeconds, skewSeconds, type CheckTimers, type WaitingNode } from "./timers.ts";
