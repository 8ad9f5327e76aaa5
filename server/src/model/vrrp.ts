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

/** The state an instance starts in as its own `state` lines say (checks/effective.ts adds keepalived's corrections). */
export interface InitialState {
  value: "MASTER" | "BACKUP";
  /** The line that set it; absent when no `state` line was read. */
  directive?: Directive;
  word?: Word;
  /** A `state BACKUP` after `state MASTER`: keepalived reports it and keeps MASTER. */
  ignoredBackup?: Directive;
}

export interface Priority {
  value: number;
  /** set: read from a valid line; invalid: keepalived reported the line and used 100; owner: no priority with state MASTER. */
  how: "set" | "invalid" | "owner" | "default";
  directive?: Directive;
  word?: Word;
}

/**
 * What keepalived's handlers make of an instance's `state`, `priority` and `strict_mode` lines, where they differ
 * from the settings' "last line wins": a `state` or `priority` line without value stops keepalived reading (the
 * lines after it count for nothing), an unknown state is BACKUP and an unreadable priority 100. Read with the
 * settings, in the same pass; checks/effective.ts answers from it.
 */
export interface OwnLines {
  state: InitialState | undefined;
  /** A priority line without value: keepalived stops reading there. */
  priorityMissing: boolean;
  priority: Priority | undefined;
  /** The last strict_mode line. */
  strictMode: Directive | undefined;
}

export interface VrrpInstance {
  name?: Word;
  directive: Directive;
  order: number;
  /** `state MASTER` sticks: keepalived ignores a later `state BACKUP` (any other word replaces it). */
  state?: Setting<string>;
  interface?: Setting<string>;
  vrid?: Setting<number>;
  /** The last `virtual_router_id` line, whether its value reads or not. */
  vridLine?: Directive;
  priority?: Setting<number>;
  advertInt?: Setting<number>;
  version?: Setting<number>;
  /** The last of `preempt` / `nopreempt`: keepalived lets the later one win. */
  preemptMode?: { preempt: boolean; directive: Directive };
  preemptDelay?: Setting<number>;
  unicastSrcIp?: Setting<string>;
  unicastPeerBlock?: Directive;
  unicastPeers: readonly Setting<string>[];
  /** The last `unicast_ttl` line. */
  unicastTtlLine?: Directive;
  mcastSrcIp?: Setting<string>;
  authentication?: Directive;
  authType?: Setting<string>;
  authPass?: Setting<string>;
  vipBlock?: Directive;
  vips: readonly VirtualAddress[];
  excludedVips: readonly VirtualAddress[];
  trackScripts: readonly TrackRef[];
  trackInterfaces: readonly TrackRef[];
  trackFiles: readonly TrackRef[];
  trackProcesses: readonly TrackRef[];
  notify: readonly Directive[];
  garpMasterDelay?: Setting<number>;
  /** The state, priority and strict_mode lines as keepalived's handlers read them (what the checks go by). */
  own: OwnLines;
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

/**
 * The lists of an instance start as this one shared empty array: thousands of instances in a file have no excluded
 * addresses or tracked files, and each list that gets entries is made once, to its size (see `withItems`). The
 * lists are readonly, so nothing writes to it; it is not frozen, since loops over a frozen array next to ordinary
 * ones run slower.
 */
const NONE: readonly never[] = [];

function isItem(directive: Directive): boolean {
  return directive.role === "item";
}

/** `list` and then the items of a value block, each read by `read`. */
function withItems<T>(list: readonly T[], block: Directive, read: (item: Directive) => T): readonly T[] {
  const lines = block.block?.children;
  if (lines === undefined || lines.length === 0) return list;
  // A value block holds items only, but for the odd include or stray `{` line.
  const read_ = lines.every(isItem) ? lines.map(read) : lines.filter(isItem).map(read);
  return list.length === 0 ? read_ : list.concat(read_);
}

function trackRef(item: Directive): TrackRef {
  const ref: TrackRef = { name: item.keyword, weight: undefined, reverse: false, directive: item };
  for (let i = 0; i < item.args.length; i++) {
    const word = item.args[i]!;
    if (word.text === "weight") {
      const w = setting(item, parseInteger, i + 1);
      if (w !== undefined) ref.weight = w;
    } else if (word.text === "reverse") {
      ref.reverse = true;
    }
  }
  return ref;
}

function virtualAddress(item: Directive): VirtualAddress {
  const args = item.args;
  let dev: Word | undefined;
  for (let i = 0; i < args.length - 1; i++) {
    if (args[i]!.text === "dev") {
      dev = args[i + 1];
      break;
    }
  }
  return { address: item.keyword, dev, directive: item };
}

function unicastPeer(item: Directive): Setting<string> {
  return { value: item.keyword.text, word: item.keyword, directive: item };
}

export function buildInstance(directive: Directive, order: number): VrrpInstance {
  // Every field set here, in one order, so that all instances share one shape (the checks read thousands).
  const instance: VrrpInstance = {
    name: directive.args[0],
    directive,
    order,
    state: undefined,
    interface: undefined,
    vrid: undefined,
    vridLine: undefined,
    priority: undefined,
    advertInt: undefined,
    version: undefined,
    preemptMode: undefined,
    preemptDelay: undefined,
    unicastSrcIp: undefined,
    unicastPeerBlock: undefined,
    unicastPeers: NONE,
    unicastTtlLine: undefined,
    mcastSrcIp: undefined,
    authentication: undefined,
    authType: undefined,
    authPass: undefined,
    vipBlock: undefined,
    vips: NONE,
    excludedVips: NONE,
    trackScripts: NONE,
    trackInterfaces: NONE,
    trackFiles: NONE,
    trackProcesses: NONE,
    notify: NONE,
    garpMasterDelay: undefined,
    own: { state: undefined, priorityMissing: false, priority: undefined, strictMode: undefined },
  };
  const lines = directive.block?.children;
  if (lines === undefined) return instance;
  const own = instance.own;
  let stateMissing = false;
  let notify: Directive[] | undefined;
  for (let i = 0; i < lines.length; i++) {
    const child = lines[i]!;
    if (child.role !== "keyword") continue;
    switch (child.keyword.text) {
      case "state": {
        const state = setting(child, text);
        // vrrp_state_handler: "state previously set as MASTER - ignoring BACKUP".
        if (state !== undefined && !(state.value === "BACKUP" && instance.state?.value === "MASTER")) instance.state = state;
        if (stateMissing) break;
        const word = child.args[0];
        if (word === undefined) {
          stateMissing = true;
          own.state = undefined;
        } else if (word.text === "MASTER") own.state = { value: "MASTER", directive: child, word };
        else if (word.text === "BACKUP" && own.state?.value === "MASTER") own.state = { ...own.state, ignoredBackup: child };
        else own.state = { value: "BACKUP", directive: child, word };
        break;
      }
      case "interface":
        instance.interface = setting(child, text) ?? instance.interface;
        break;
      case "virtual_router_id":
        instance.vrid = setting(child, parseInteger);
        instance.vridLine = child;
        break;
      case "priority": {
        const priority = setting(child, parseInteger);
        instance.priority = priority;
        if (own.priorityMissing) break;
        const word = child.args[0];
        if (word === undefined) {
          own.priorityMissing = true;
          break;
        }
        own.priority =
          priority !== undefined && priority.value >= 1 && priority.value <= 255
            ? { value: priority.value, how: "set", directive: child, word }
            : { value: 100, how: "invalid", directive: child, word };
        break;
      }
      case "strict_mode":
        own.strictMode = child;
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
      case "unicast_ttl":
        instance.unicastTtlLine = child;
        break;
      case "mcast_src_ip":
        instance.mcastSrcIp = setting(child, text);
        break;
      case "unicast_peer":
        instance.unicastPeerBlock = child;
        instance.unicastPeers = withItems(instance.unicastPeers, child, unicastPeer);
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
        instance.vips = withItems(instance.vips, child, virtualAddress);
        break;
      case "virtual_ipaddress_excluded":
        instance.excludedVips = withItems(instance.excludedVips, child, virtualAddress);
        break;
      case "track_script":
        instance.trackScripts = withItems(instance.trackScripts, child, trackRef);
        break;
      case "track_interface":
        instance.trackInterfaces = withItems(instance.trackInterfaces, child, trackRef);
        break;
      case "track_file":
        instance.trackFiles = withItems(instance.trackFiles, child, trackRef);
        break;
      case "track_process":
        instance.trackProcesses = withItems(instance.trackProcesses, child, trackRef);
        break;
      default:
        if (!NOTIFY.has(child.keyword.text)) break;
        if (notify === undefined) notify = [child];
        else notify.push(child);
    }
  }
  if (notify !== undefined) instance.notify = notify;
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
    for (const item of children(child)) if (isItem(item)) group.members.push(item.keyword, ...item.args);
  }
  return group;
}
