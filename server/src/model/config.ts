import type { BuildResult } from "./build.ts";
import type { Directive, Word } from "./types.ts";
import { parseDecimal, parseInteger } from "./values.ts";

/** A keyword's value as keepalived keeps it: the last occurrence in its block wins. */
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

export interface Config {
  build: BuildResult;
  /** All top-level directives in order (includes spliced). */
  directives: Directive[];
  globalDefs: Directive[];
  scripts: VrrpScript[];
  instances: VrrpInstance[];
  syncGroups: SyncGroup[];
  trackFiles: NamedBlock[];
  trackProcesses: NamedBlock[];
  bfdInstances: NamedBlock[];
  virtualServers: Directive[];
}

const NOTIFY = new Set(["notify", "notify_master", "notify_backup", "notify_fault", "notify_stop", "notify_deleted", "notify_master_rx_lower_pri"]);

function setting<T>(directive: Directive, read: (text: string) => T | undefined, index = 0): Setting<T> | undefined {
  const word = directive.args[index];
  if (word === undefined) return undefined;
  const value = read(word.text);
  return value === undefined ? undefined : { value, word, directive };
}

const text = (t: string): string => t;

/** The command of a script keyword: keepalived takes a quoted first word whole, else the words joined. */
export function commandOf(directive: Directive): Setting<string> | undefined {
  const first = directive.args[0];
  if (first === undefined) return undefined;
  const value = first.quoted ? first.text : directive.args.map((a) => a.text).join(" ");
  return { value, word: first, directive };
}

function itemsOf(block: Directive | undefined): Directive[] {
  return block?.block?.children.filter((c) => c.role === "item") ?? [];
}

function trackRefs(block: Directive): TrackRef[] {
  return itemsOf(block).map((item) => {
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
    return ref;
  });
}

function addresses(block: Directive): VirtualAddress[] {
  return itemsOf(block).map((item) => {
    const vip: VirtualAddress = { address: item.keyword, directive: item };
    const dev = item.args.findIndex((a) => a.text === "dev");
    if (dev >= 0 && item.args[dev + 1] !== undefined) vip.dev = item.args[dev + 1]!;
    return vip;
  });
}

function children(directive: Directive): Directive[] {
  return directive.block?.children ?? [];
}

function buildInstance(directive: Directive, order: number): VrrpInstance {
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
      case "state":
        instance.state = setting(child, text) ?? instance.state;
        break;
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
        instance.unicastPeers.push(...itemsOf(child).map((item) => ({ value: item.keyword.text, word: item.keyword, directive: item })));
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
        instance.vips.push(...addresses(child));
        break;
      case "virtual_ipaddress_excluded":
        instance.excludedVips.push(...addresses(child));
        break;
      case "track_script":
        instance.trackScripts.push(...trackRefs(child));
        break;
      case "track_interface":
        instance.trackInterfaces.push(...trackRefs(child));
        break;
      case "track_file":
        instance.trackFiles.push(...trackRefs(child));
        break;
      case "track_process":
        instance.trackProcesses.push(...trackRefs(child));
        break;
      default:
        if (NOTIFY.has(child.keyword.text)) instance.notify.push(child);
    }
  }
  return instance;
}

function buildScript(directive: Directive, order: number): VrrpScript {
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

function named(directive: Directive, order: number): NamedBlock {
  return directive.args[0] !== undefined ? { name: directive.args[0], directive, order } : { directive, order };
}

/** The typed model of a built configuration. */
export function buildConfig(build: BuildResult): Config {
  const config: Config = {
    build,
    directives: build.directives,
    globalDefs: [],
    scripts: [],
    instances: [],
    syncGroups: [],
    trackFiles: [],
    trackProcesses: [],
    bfdInstances: [],
    virtualServers: [],
  };
  build.directives.forEach((directive, order) => {
    if (directive.role !== "keyword") return;
    switch (directive.keyword.text) {
      case "global_defs":
        config.globalDefs.push(directive);
        break;
      case "vrrp_script":
        config.scripts.push(buildScript(directive, order));
        break;
      case "vrrp_instance":
        config.instances.push(buildInstance(directive, order));
        break;
      case "vrrp_sync_group": {
        const group = named(directive, order) as SyncGroup;
        group.members = children(directive)
          .filter((c) => c.keyword.text === "group")
          .flatMap((c) => itemsOf(c).flatMap((item) => [item.keyword, ...item.args]));
        config.syncGroups.push(group);
        break;
      }
      case "track_file":
      case "vrrp_track_file":
        config.trackFiles.push(named(directive, order));
        break;
      case "vrrp_track_process":
        config.trackProcesses.push(named(directive, order));
        break;
      case "bfd_instance":
        config.bfdInstances.push(named(directive, order));
        break;
      case "virtual_server":
        config.virtualServers.push(directive);
        break;
    }
  });
  return config;
}

/** The weight a vrrp_script gives its trackers: keepalived uses the first definition of a name. */
export function scriptWeights(config: Config): (name: string) => number | undefined {
  const weights = new Map<string, number | undefined>();
  for (const script of config.scripts) {
    const name = script.name?.text;
    if (name !== undefined && !weights.has(name)) weights.set(name, script.weight?.value);
  }
  return (name) => weights.get(name);
}

/** The last directive named `keyword` in any global_defs block. */
export function globalSetting(config: Config, keyword: string): Directive | undefined {
  let found: Directive | undefined;
  for (const block of config.globalDefs) {
    for (const child of children(block)) if (child.role === "keyword" && child.keyword.text === keyword) found = child;
  }
  return found;
}

/** keepalived's defaults: priority 255 for an initial MASTER without one, else 100; state BACKUP unless 255. */
export function effectivePriority(instance: VrrpInstance): number {
  const p = instance.priority?.value;
  if (p !== undefined && p >= 1 && p <= 255) return p;
  if (instance.priority === undefined && instance.state?.value === "MASTER") return 255;
  return 100;
}

export function effectiveState(instance: VrrpInstance): "MASTER" | "BACKUP" {
  if (instance.state?.value === "MASTER") return "MASTER";
  if (instance.state === undefined && effectivePriority(instance) === 255) return "MASTER";
  return "BACKUP";
}
