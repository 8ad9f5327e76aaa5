import type { Config } from "../model/config.ts";
import type { Directive, Word } from "../model/types.ts";
import { parseInteger } from "../model/values.ts";
import type { Member } from "./model.ts";
import { priorityOfMember } from "./roles.ts";

/**
 * Tracked weights as keepalived applies them: a positive weight is added while the tracked object is up, a
 * negative one subtracted while it is down; weight 0 (a script or interface without one) puts the instance in
 * FAULT instead, which always gives the VIP away. `reverse` entries and instances whose weights keepalived
 * ignores (priority 255, sync groups without sync_group_tracking_weight) are left out.
 */

export interface Tracker {
  list: "track_script" | "track_interface" | "track_file" | "track_process";
  name: string;
  weight: number;
  /** The word that sets the weight: on the track line, else in the tracked object's definition. */
  word?: Word;
  directive: Directive;
  /** The track line, for the diagnostic. */
  ref: Directive;
  refName: Word;
}

function ownWeight(blocks: readonly { name?: Word; directive: Directive }[], name: string): { value: number; word: Word; directive: Directive } | undefined {
  const block = blocks.find((b) => b.name?.text === name);
  const line = block?.directive.block?.children.find((c) => c.role === "keyword" && c.keyword.text === "weight");
  const word = line?.args[0];
  const value = word === undefined ? undefined : parseInteger(word.text);
  return value === undefined || line === undefined || word === undefined ? undefined : { value, word, directive: line };
}

function inSyncGroupWithoutWeights(config: Config, name: string | undefined): boolean {
  if (name === undefined) return false;
  return config.syncGroups.some(
    (g) => g.members.some((m) => m.text === name) && !(g.directive.block?.children.some((c) => c.keyword.text === "sync_group_tracking_weight") ?? false),
  );
}

/** Weighted, non-reversed trackers of a member whose weights keepalived applies. */
export function trackersOf(member: Member): Tracker[] {
  const { instance, node } = member;
  if (priorityOfMember(member)?.value === 255 || inSyncGroupWithoutWeights(node.config, instance.name?.text)) return [];
  const out: Tracker[] = [];
  const add = (list: Tracker["list"], refs: typeof instance.trackScripts, defined: (name: string) => ReturnType<typeof ownWeight>, fallback: number): void => {
    for (const ref of refs) {
      if (ref.reverse) continue;
      const own = ref.weight === undefined ? defined(ref.name.text) : undefined;
      if (own !== undefined && own.directive.args.some((a) => a.text === "reverse")) continue;
      const weight = ref.weight?.value ?? own?.value ?? fallback;
      if (weight === 0) continue;
      const word = ref.weight?.word ?? own?.word;
      const directive = ref.weight?.directive ?? own?.directive ?? ref.directive;
      out.push({ list, name: ref.name.text, weight, ...(word !== undefined ? { word } : {}), directive, ref: ref.directive, refName: ref.name });
    }
  };
  const scripts = node.config.scripts.map((s) => ({ directive: s.directive, ...(s.name !== undefined ? { name: s.name } : {}) }));
  add("track_script", instance.trackScripts, (n) => ownWeight(scripts, n), 0);
  add("track_interface", instance.trackInterfaces, () => undefined, 0);
  add("track_process", instance.trackProcesses, (n) => ownWeight(node.config.trackProcesses, n), 0);
  add("track_file", instance.trackFiles, (n) => ownWeight(node.config.trackFiles, n), 1);
  return out;
}

/** Priority advertised while every tracked object is up. */
export function healthyPriority(member: Member, base = priorityOfMember(member)?.value ?? 100): number {
  return Math.min(254, base + trackersOf(member).reduce((sum, t) => sum + Math.max(0, t.weight), 0));
}

/**
 * Priority advertised while `failing` is down and everything else up (keepalived keeps a weighted priority
 * within 1..254).
 */
export function failingPriority(member: Member, failing: Tracker, base = priorityOfMember(member)?.value ?? 100, weight = failing.weight): number {
  const others = trackersOf(member).filter((t) => t.ref !== failing.ref);
  const value = base + others.reduce((sum, t) => sum + Math.max(0, t.weight), 0) + Math.min(0, weight);
  return Math.max(1, Math.min(254, value));
}

/** A backup takes over only from a master that advertises a strictly lower priority (RFC 3768 6.4.2). */
export function failsOver(primaryFailing: number, standbyHealthy: number): boolean {
  return primaryFailing < standbyHealthy;
}

/**
 * The largest step (up to 10) by which `standby`'s priority can sit below `primary`'s while each weighted
 * failure of the primary still moves the VIP; 10 when the primary has no weighted tracker (its checks then
 * fault the instance), 1 when no step works.
 */
export function safeGap(primary: Member, standby: Member, top: number): number {
  const trackers = trackersOf(primary);
  for (let gap = 10; gap > 1; gap--) {
    const standbyHealthy = healthyPriority(standby, top - gap);
    if (trackers.every((t) => failsOver(failingPriority(primary, t, top), standbyHealthy))) return gap;
  }
  return 1;
}
