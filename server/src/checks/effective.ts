import { globalSetting, type Config, type VrrpInstance } from "../model/config.ts";
import type { Directive, Word } from "../model/types.ts";
import { BOOLEAN_WORDS, parseAddress, parseInteger } from "../model/values.ts";

/**
 * What keepalived ends up with for an instance's state, priority, version and strict mode, read from the
 * directives as keepalived's handlers read them. The model's `state` / `priority` keep the last line and treat an
 * unreadable priority as absent; keepalived does neither, so the checks that depend on them use these.
 */

/**
 * The instances keepalived keeps: a second vrrp_instance of a name is reported ("already defined") and skipped
 * whole, so nothing inside it has any effect (duplicate-definition reports it).
 */
export function keptInstances(config: Config): VrrpInstance[] {
  const names = new Set<string>();
  return config.instances.filter((instance) => {
    const name = instance.name?.text;
    if (name === undefined) return true;
    if (names.has(name)) return false;
    names.add(name);
    return true;
  });
}

function keywordLines(instance: VrrpInstance, keyword: string): Directive[] {
  return instance.directive.block?.children.filter((c) => c.role === "keyword" && c.keyword.text === keyword) ?? [];
}

export interface InitialState {
  value: "MASTER" | "BACKUP";
  /** The line that set it; absent when no `state` line was read. */
  directive?: Directive;
  word?: Word;
  /** A `state BACKUP` after `state MASTER`: keepalived reports it and keeps MASTER. */
  ignoredBackup?: Directive;
}

/**
 * `state MASTER` sticks: a later `state BACKUP` is reported and ignored, while an unknown word resets it to
 * BACKUP. Undefined when the instance has no state line keepalived reads (it then derives the state from the
 * priority), or when a `state` line has no value (keepalived stops reading there).
 */
export function initialState(instance: VrrpInstance): InitialState | undefined {
  let state: InitialState | undefined;
  for (const line of keywordLines(instance, "state")) {
    const word = line.args[0];
    if (word === undefined) return undefined;
    if (word.text === "MASTER") state = { value: "MASTER", directive: line, word };
    else if (word.text === "BACKUP" && state?.value === "MASTER") state = { ...state, ignoredBackup: line };
    else state = { value: "BACKUP", directive: line, word };
  }
  return state;
}

export interface Priority {
  value: number;
  /** set: read from a valid line; invalid: keepalived reported the line and used 100; owner: no priority with state MASTER. */
  how: "set" | "invalid" | "owner" | "default";
  directive?: Directive;
  word?: Word;
}

/** The last `priority` line wins; an invalid one sets 100. Undefined when a `priority` line has no value. */
export function priorityOf(instance: VrrpInstance): Priority | undefined {
  let priority: Priority | undefined;
  for (const line of keywordLines(instance, "priority")) {
    const word = line.args[0];
    if (word === undefined) return undefined;
    const value = parseInteger(word.text);
    priority =
      value !== undefined && value >= 1 && value <= 255
        ? { value, how: "set", directive: line, word }
        : { value: 100, how: "invalid", directive: line, word };
  }
  if (priority !== undefined) return priority;
  return initialState(instance)?.value === "MASTER" ? { value: 255, how: "owner" } : { value: 100, how: "default" };
}

/** Address family of the instance: its first virtual address, else its unicast source address. */
export function familyOf(instance: VrrpInstance): 4 | 6 {
  const first = instance.vips[0]?.address.text ?? instance.unicastSrcIp?.value;
  return first !== undefined && parseAddress(first)?.family === 6 ? 6 : 4;
}

/** VRRP version: the instance's, else 3 for IPv6, else global vrrp_version, else 2. */
export function vrrpVersionOf(config: Config, instance: VrrpInstance): number {
  const own = instance.version?.value;
  if (own === 2 || own === 3) return own;
  if (familyOf(instance) === 6) return 3;
  const global = parseInteger(globalSetting(config, "vrrp_version")?.args[0]?.text ?? "");
  return global === 3 ? 3 : 2;
}

function isTrue(directive: Directive | undefined): boolean {
  if (directive === undefined) return false;
  const word = directive.args[0]?.text;
  return word === undefined || (BOOLEAN_WORDS.includes(word) && ["on", "true", "yes"].includes(word));
}

/** `strict_mode` on the instance, else global `vrrp_strict`. */
export function strictModeOf(config: Config, instance: VrrpInstance): boolean {
  const own = keywordLines(instance, "strict_mode").at(-1);
  if (own !== undefined) return isTrue(own);
  return isTrue(globalSetting(config, "vrrp_strict"));
}

/** Why keepalived drops an instance's authentication, checked in keepalived's order; undefined when it is kept. */
export type AuthDropped = "strict" | "version-3" | "no-pass" | "ipv6-ah";

export function authDroppedOf(config: Config, instance: VrrpInstance): AuthDropped | undefined {
  if (instance.authType === undefined || !["PASS", "AH"].includes(instance.authType.value)) return undefined;
  if (strictModeOf(config, instance)) return "strict";
  if (vrrpVersionOf(config, instance) === 3) return "version-3";
  if (instance.authPass === undefined || instance.authPass.value === "") return "no-pass";
  if (familyOf(instance) === 6 && instance.authType.value === "AH") return "ipv6-ah";
  return undefined;
}

/**
 * The state the instance starts in, after keepalived's corrections: strict mode makes MASTER follow priority 255,
 * and AH authentication turns an initial MASTER (other than the address owner) into BACKUP.
 */
export function startStateOf(config: Config, instance: VrrpInstance): "MASTER" | "BACKUP" {
  const priority = priorityOf(instance)?.value ?? 100;
  const state = initialState(instance);
  if (state === undefined || strictModeOf(config, instance)) return priority === 255 ? "MASTER" : "BACKUP";
  if (state.value === "MASTER" && priority !== 255 && instance.authType?.value === "AH" && authDroppedOf(config, instance) === undefined) return "BACKUP";
  return state.value;
}
