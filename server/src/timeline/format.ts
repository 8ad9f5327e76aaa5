import type { CheckTimeline, Outcome, PairTimeline } from "./pair.ts";
import { formatSeconds, formatWindow, roundedWindow, type Step, type Window } from "./window.ts";

/** The timeline in words: one line for a code lens, an indented block for `keepalived-ha explain`, and JSON. */

function outcomeShort(outcome: Outcome, here: string | undefined): string {
  if (!outcome.moves) return `VIP stays on ${outcome.stays === here ? "this node" : outcome.stays}`;
  return `VIP ${outcome.to === here ? "here" : `on ${outcome.to}`} in ${formatWindow(outcome.window)}`;
}

/**
 * "check_x fails -> VIP on b.conf in 4.6-7.7 s; recovers -> back in 2.6-5.7 s", as the member `here` (a node
 * label) reads it; the first check of the primary, else keepalived stopping.
 */
export function summaryLine(timeline: PairTimeline, here?: string): string {
  const check = timeline.checks[0];
  if (check === undefined) return nodeFailureLine(timeline, here);
  const onPrimary = here === timeline.primary.node.label ? "" : ` on ${timeline.primary.node.label}`;
  const failover = `${check.name} fails${onPrimary} -> ${outcomeShort(check.failover, here)}`;
  const back = check.failback;
  if (back === undefined) return failover;
  const recovery = back.moves ? `back in ${formatWindow(back.window)}` : outcomeShort(back, here);
  return `${failover}; recovers -> ${recovery}`;
}

/** "keepalived stops -> VIP on b.conf in 0.6 s; link lost -> 2.6-3.6 s": the node-failure half. */
export function nodeFailureLine(timeline: PairTimeline, here?: string): string {
  const onPrimary = here === timeline.primary.node.label ? "" : ` on ${timeline.primary.node.label}`;
  return `keepalived stops${onPrimary} -> ${outcomeShort(timeline.keepalivedStops, here)}; link lost -> ${formatWhen(timeline.linkLost)}`;
}

function formatWhen(outcome: Outcome): string {
  return outcome.moves ? formatWindow(outcome.window) : `VIP stays on ${outcome.stays}`;
}

function stepLines(steps: readonly Step[], indent: string): string[] {
  return steps.map((s) => `${indent}${formatWindow(s.window).padEnd(12)}${s.what}`);
}

function outcomeLines(label: string, outcome: Outcome, indent: string): string[] {
  if (!outcome.moves) return [`${indent}${label} -> the VIP stays on ${outcome.stays}: ${outcome.reason}`];
  return [`${indent}${label} -> VIP on ${outcome.to} in ${formatWindow(outcome.window)}`, ...stepLines(outcome.steps, `${indent}     `)];
}

function effectText(check: CheckTimeline): string {
  const e = check.effect;
  if (e.kind === "fault") return "no weight: the instance goes to FAULT and gives the VIP up";
  return `weight ${e.weight}: priority ${e.healthy} -> ${e.failing}, ${e.failing < e.standby ? "below" : "not below"} the standby's ${e.standby}`;
}

function timersText(check: CheckTimeline): string {
  const t = check.timers;
  return `every ${formatSeconds(t.interval)} s, fall ${t.fall}, rise ${t.rise}, timeout ${formatSeconds(t.timeout)} s`;
}

/** The explanation of one cluster, as `keepalived-ha explain` prints it. */
export function explainLines(timeline: PairTimeline): string[] {
  const { primary, standby } = timeline;
  const lines = [
    `${timeline.instance}: primary ${primary.node.label}, standby ${standby.node.label}`,
  ];
  for (const check of timeline.checks) {
    lines.push("", `  ${check.name} (${timersText(check)}; ${effectText(check)})`);
    lines.push(...outcomeLines(`fails on ${primary.node.label}`, check.failover, "    "));
    if (check.failover.moves && check.failoverIfHung.moves) {
      lines.push(`    if it hangs until its timeout instead: ${formatWindow(check.failoverIfHung.window)}`);
    }
    if (check.failback !== undefined) lines.push(...outcomeLines("recovers", check.failback, "    "));
  }
  if (timeline.checks.length === 0) lines.push("", "  no track_script on the primary: only node and link failures move the VIP");
  lines.push("", "  node and link failures of the primary");
  lines.push(...outcomeLines("keepalived stops", timeline.keepalivedStops, "    "));
  lines.push(...outcomeLines("keepalived starts again", timeline.keepalivedStarts, "    "));
  lines.push(...outcomeLines("link lost", timeline.linkLost, "    "));
  lines.push(...outcomeLines("link back", timeline.linkBack, "    "));
  lines.push("", ...timeline.notes.map((n) => `  ${n}`));
  return lines;
}

export interface OutcomeJson {
  moves: boolean;
  to?: string;
  stays?: string;
  reason?: string;
  /** Seconds. */
  window?: Window;
  steps?: Array<{ what: string; window: Window }>;
}

function outcomeJson(outcome: Outcome): OutcomeJson {
  if (!outcome.moves) return { moves: false, stays: outcome.stays, reason: outcome.reason };
  return { moves: true, to: outcome.to, window: roundedWindow(outcome.window), steps: outcome.steps.map((s) => ({ what: s.what, window: roundedWindow(s.window) })) };
}

export interface TimelineJson {
  instance: string;
  primary: string;
  standby: string;
  checks: Array<{
    name: string;
    timers: CheckTimeline["timers"];
    effect: CheckTimeline["effect"];
    failover: OutcomeJson;
    failoverIfHung: OutcomeJson;
    failback?: OutcomeJson;
  }>;
  keepalivedStops: OutcomeJson;
  keepalivedStarts: OutcomeJson;
  linkLost: OutcomeJson;
  linkBack: OutcomeJson;
  notes: string[];
}

export function timelineJson(timeline: PairTimeline): TimelineJson {
  return {
    instance: timeline.instance,
    primary: timeline.primary.node.label,
    standby: timeline.standby.node.label,
    checks: timeline.checks.map((c) => ({
      name: c.name,
      timers: c.timers,
      effect: c.effect,
      failover: outcomeJson(c.failover),
      failoverIfHung: outcomeJson(c.failoverIfHung),
      ...(c.failback !== undefined ? { failback: outcomeJson(c.failback) } : {}),
    })),
    keepalivedStops: outcomeJson(timeline.keepalivedStops),
    keepalivedStarts: outcomeJson(timeline.keepalivedStarts),
    linkLost: outcomeJson(timeline.linkLost),
    linkBack: outcomeJson(timeline.linkBack),
    notes: timeline.notes,
  };
}
