import type { Directive, Word } from "./types.ts";
import { parseDecimal, parseInteger } from "./values.ts";

/** A keyword's value as keepalived keeps it: the last occurrence in its block wins (see `state` for the exception). */
export interface Setting<T> {
  value: T;
  word: Word;
  directive: Directive;
}

export interface TrackRef {
  name: Word;
  /** Weight given on the track line; the tracked object's own weight applies when absent. */
  weight?: Setting<number>;
  reverse: boolean;
  directive: Directive;
}

export interface VirtualAddress {
  /** `ADDR[/PREFIX]` as written. */
  address: Word;
  dev?: Word;
  directive: Directive;
}

export interface VrrpScript {
  name?: Word;
  directive: Directive;
  /** The command line: a quoted first argument or all arguments joined. */
  command?: Setting<string>;
  interval?: Setting<number>;
  timeout?: Setting<number>;
  weight?: Setting<number>;
  weightReverse: boolean;
  rise?: Setting<number>;
  fall?: Setting<number>;
  /** Index among all top-level directives: keepalived resolves references to earlier definitions only. */
  order: number;
}

export interface VrrpInstance {
  name?: Word;
  directive: Directive;
  order: number;
  /** `state MASTER` sticks: keepalived ignores a later `state BACKUP` (any other word replaces it). */
  state?: Setting<string>;
  interface?: Setting<string>;
  vrid?: Setting<number>;
  priority?: Setting<number>;
  advertInt?: Setting<number>;
  version?: Setting<number>;
  /** The last of `preempt` / `nopreempt`: keepalived lets the later one win. */
  preemptMode?: { preempt: boolean; directive: Directive };
  preemptDelay?: Setting<number>;
  unicastSrcIp?: Setting<string>;
  unicastPeerBlock?: Directive;
  unicastPeers: Setting<string>[];
  mcastSrcIp?: Setting<string>;
  authentication?: Directive;
  authType?: Setting<string>;
  authPass?: Setting<string>;
  vipBlock?: Directive;
  vips: VirtualAddress[];
  excludedVips: VirtualAddress[];
  trackScripts: TrackRef[];
  trackInterfaces: TrackRef[];
  trackFiles: TrackRef[];
  trackProcesses: TrackRef[];
  notify: Directive[];
  garpMasterDelay?: Setting<number>;
}

export interface NamedBlock {
  name?: Word;
  directive: Directive;
  order: number;
}

export interface SyncGroup extends NamedBlock {
  members: Word[];
}

const NOTIFY = new Set(["notify", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify_master_rx_lower_pri"]);

export function setting<T>(directive: Directive, read: (text: string) => T | undefined, index = 0): Setting<T> | undefined {
  const word = directive.args[index];
  if (word === undefined) return undefined;
  const value = read(word.text);
  return value === undefined ? undefined : { value, word, directive };
}

export const text = (t: string): string => t;

/** The command of a script keyword: keepalived takes a quoted first word whole, else the words joined. */
export function commandOf(directive: Directive): Setting<string> | undefined {
  const first = directive.args[0];
  if (first === undefined) return undefined;
  const value = first.quoted ? first.text : directive.args.map((a) => a.text).join(" ");
  return { value, word: first, directive };
}

export function children(directive: Directive): Directive[] {
  return directive.block?.children ?? [];
}

function itemsOf(block: Directive | undefined): Directive[] {
  return block?.block?.children.filter((c) => c.role === "item") ?? [];
}

function trackRefs(block: Directive, out: TrackRef[]): void {
  for (const item of itemsOf(block)) {
    const ref: TrackRef = { name: item.keyword, reverse: false, directive: item };
    for (let i = 0; i < item.args.length; i++) {
      const word = item.args[i]!;
      if (word.text === "weight") {
        const w = setting(item, parseInteger, i + 1);
        if (w !== undefined) ref.weight = w;
      } else if (word.text === "reverse") {
        ref.reverse = true;
      }
    }
    out.push(ref);
  }
}

function addresses(block: Directive, out: VirtualAddress[]): void {
  for (const item of itemsOf(block)) {
    const vip: VirtualAddress = { address: item.keyword, directive: item };
    const dev = item.args.findIndex((a) => a.text === "dev");
    if (dev >= 0 && item.args[dev + 1] !== undefined) vip.dev = item.args[dev + 1]!;
    out.push(vip);
  }
}

export function buildInstance(directive: Directive, order: number): VrrpInstance {
  const instance: VrrpInstance = {
    directive,
    order,
    unicastPeers: [],
    vips: [],
    excludedVips: [],
    trackScripts: [],
    trackInterfaces: [],
    trackFiles: [],
    trackProcesses: [],
    notify: [],
  };
  if (directive.args[0] !== undefined) instance.name = directive.args[0];
  for (const child of children(directive)) {
    if (child.role !== "keyword") continue;
    switch (child.keyword.text) {
      case "state": {
        const state = setting(child, text);
        // vrrp_state_handler: "state previously set as MASTER - ignoring BACKUP".
        if (state !== undefined && !(state.value === "BACKUP" && instance.state?.value === "MASTER")) instance.state = state;
        break;
      }
      case "interface":
        instance.interface = setting(child, text) ?? instance.interface;
        break;
      case "virtual_router_id":
        instance.vrid = setting(child, parseInteger);
        break;
      case "priority":
        instance.priority = setting(child, parseInteger);
        break;
      case "advert_int":
        instance.advertInt = setting(child, parseDecimal);
        break;
      case "version":
        instance.version = setting(child, parseInteger);
        break;
      case "preempt":
        instance.preemptMode = { preempt: true, directive: child };
        break;
      case "nopreempt":
        instance.preemptMode = { preempt: false, directive: child };
        break;
      case "preempt_delay":
        instance.preemptDelay = setting(child, parseDecimal);
        break;
      case "garp_master_delay":
        instance.garpMasterDelay = setting(child, parseInteger);
        break;
      case "unicast_src_ip":
        instance.unicastSrcIp = setting(child, text);
        break;
      case "mcast_src_ip":
        instance.mcastSrcIp = setting(child, text);
        break;
      case "unicast_peer":
        instance.unicastPeerBlock = child;
        for (const item of itemsOf(child)) instance.unicastPeers.push({ value: item.keyword.text, word: item.keyword, directive: item });
        break;
      case "authentication":
        instance.authentication = child;
        for (const auth of children(child)) {
          if (auth.keyword.text === "auth_type") instance.authType = setting(auth, text) ?? instance.authType;
          if (auth.keyword.text === "auth_pass") instance.authPass = setting(auth, text) ?? instance.authPass;
        }
        break;
      case "virtual_ipaddress":
        instance.vipBlock = child;
        addresses(child, instance.vips);
        break;
      case "virtual_ipaddress_excluded":
        addresses(child, instance.excludedVips);
        break;
      case "track_script":
        trackRefs(child, instance.trackScripts);
        break;
      case "track_interface":
        trackRefs(child, instance.trackInterfaces);
        break;
      case "track_file":
        trackRefs(child, instance.trackFiles);
        break;
      case "track_process":
        trackRefs(child, instance.trackProcesses);
        break;
      default:
        if (NOTIFY.has(child.keyword.text)) instance.notify.push(child);
    }
  }
  return instance;
}

export function buildScript(directive: Directive, order: number): VrrpScript {
  const script: VrrpScript = { directive, order, weightReverse: false };
  if (directive.args[0] !== undefined) script.name = directive.args[0];
  for (const child of children(directive)) {
    if (child.role !== "keyword") continue;
    switch (child.keyword.text) {
      case "script":
        script.command = commandOf(child);
        break;
      case "interval":
        script.interval = setting(child, parseInteger);
        break;
      case "timeout":
        script.timeout = setting(child, parseInteger);
        break;
      case "weight":
        script.weight = setting(child, parseInteger);
        script.weightReverse = child.args.some((a) => a.text === "reverse");
        break;
      case "rise":
        script.rise = setting(child, parseInteger);
        break;
      case "fall":
        script.fall = setting(child, parseInteger);
        break;
    }
  }
  return script;
}

export function named(directive: Directive, order: number): NamedBlock {
  return directive.args[0] !== undefined ? { name: directive.args[0], directive, order } : { directive, order };
}

export function buildSyncGroup(directive: Directive, order: number): SyncGroup {
  const group = named(directive, order) as SyncGroup;
  group.members = [];
  for (const child of children(directive)) {
    if (child.keyword.text !== "group") continue;
    for (const item of itemsOf(child)) group.members.push(item.keyword, ...item.args);
  }
  return group;
}
