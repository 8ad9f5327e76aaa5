import { globalSetting, type Config, type InitialState, type Priority, type VrrpInstance } from "../model/config.ts";
import type { Directive } from "../model/types.ts";
import { addressFamily, parseInteger } from "../model/values.ts";

export type { InitialState, Priority } from "../model/config.ts";

/**
 * What keepalived ends up with for an instance's state, priority, version and strict mode, read from the
 * directives as keepalived's handlers read them. The model's `state` / `priority` keep the last line and treat an
 * unreadable priority as absent; keepalived does neither, so the checks that depend on them use these.
 */

/**
 * The instances keepalived keeps: a second vrrp_instance of a name is reported ("already defined") and skipped
 * whole, so nothing inside it has any effect (duplicate-definition reports it).
 */
export function keptInstances(config: Config): readonly VrrpInstance[] {
  let kept = keptByConfig.get(config);
  if (kept !== undefined) return kept;
  // Asked by most checks and by the pair analysis: computed once per configuration.
  const names = new Set<string>();
  kept = config.instances.filter((instance) => {
    const name = instance.name?.text;
    if (name === undefined) return true;
    if (names.has(name)) return false;
    names.add(name);
    return true;
  });
  keptByConfig.set(config, kept);
  return kept;
}

const keptByConfig = new WeakMap<Config, VrrpInstance[]>();

/**
 * `state MASTER` sticks: a later `state BACKUP` is reported and ignored, while an unknown word resets it to
 * BACKUP. Undefined when the instance has no state line keepalived reads (it then derives the state from the
 * priority), or when a `state` line has no value (keepalived stops reading there).
 */
export function initialState(instance: VrrpInstance): InitialState | undefined {
  return instance.own.state;
}

/** The last `priority` line wins; an invalid one sets 100. Undefined when a `priority` line has no value. */
export function priorityOf(instance: VrrpInstance): Priority | undefined {
  const own = instance.own;
  if (own.priorityMissing) return undefined;
  if (own.priority !== undefined) return own.priority;
  return own.state?.value === "MASTER" ? OWNER : DEFAULT_PRIORITY;
}

const OWNER: Priority = Object.freeze({ value: 255, how: "owner" });
const DEFAULT_PRIORITY: Priority = Object.freeze({ value: 100, how: "default" });

/** Address family of the instance: its first virtual address, else its unicast source address. */
export function familyOf(instance: VrrpInstance): 4 | 6 {
  const first = instance.vips[0]?.address.text ?? instance.unicastSrcIp?.value;
  // Only an address with a ':' can be IPv6: the rest need no parsing.
  return first !== undefined && first.includes(":") && addressFamily(first) === 6 ? 6 : 4;
}

/** VRRP version: the instance's, else 3 for IPv6, else global vrrp_version, else 2. */
export function vrrpVersionOf(config: Config, instance: VrrpInstance): number {
  const own = instance.version?.value;
  if (own === 2 || own === 3) return own;
  if (familyOf(instance) === 6) return 3;
  return globalsOf(config).version;
}

/** What global_defs says for every instance of a configuration: read once per configuration. */
function globalsOf(config: Config): { version: number; strict: boolean } {
  let globals = globalsByConfig.get(config);
  if (globals === undefined) {
    const version = parseInteger(globalSetting(config, "vrrp_version")?.args[0]?.text ?? "");
    globals = { version: version === 3 ? 3 : 2, strict: isTrue(globalSetting(config, "vrrp_strict")) };
    globalsByConfig.set(config, globals);
  }
  return globals;
}

const globalsByConfig = new WeakMap<Config, { version: number; strict: boolean }>();

/** What strictModeOf and vrrpVersionOf read outside the instance, as a key for InstanceCheck.context. */
export function globalsKey(config: Config): string {
  const globals = globalsOf(config);
  return `strict:${globals.strict} version:${globals.version}`;
}

function isTrue(directive: Directive | undefined): boolean {
  if (directive === undefined) return false;
  const word = directive.args[0]?.text;
  return word === undefined || word === "on" || word === "true" || word === "yes";
}

/** `strict_mode` on the instance, else global `vrrp_strict`. */
export function strictModeOf(config: Config, instance: VrrpInstance): boolean {
  const own = instance.own.strictMode;
  if (own !== undefined) return isTrue(own);
  return globalsOf(config).strict;
}

/** Why keepalived drops an instance's authentication, checked in keepalived's order; undefined when it is kept. */
export type AuthDropped = "strict" | "version-3" | "no-pass" | "ipv6-ah";

export function authDroppedOf(config: Config, instance: VrrpInstance): AuthDropped | undefined {
  const type = instance.authType?.value;
  if (type !== "PASS" && type !== "AH") return undefined;
  if (strictModeOf(config, instance)) return "strict";
  if (vrrpVersionOf(config, instance) === 3) return "version-3";
  if (instance.authPass === undefined || instance.authPass.value === "") return "no-pass";
  if (familyOf(instance) === 6 && type === "AH") return "ipv6-ah";
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
