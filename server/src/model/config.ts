import type { BuildResult } from "./build.ts";
import { buildVirtualServer, type VirtualServer } from "./lvs.ts";
import type { Directive } from "./types.ts";
import { buildInstance, buildScript, buildSyncGroup, children, named, type NamedBlock, type SyncGroup, type VrrpInstance, type VrrpScript } from "./vrrp.ts";

export type { RealServer, VirtualServer } from "./lvs.ts";
export type { InitialState, NamedBlock, OwnLines, Priority, Setting, SyncGroup, TrackRef, VirtualAddress, VrrpInstance, VrrpScript } from "./vrrp.ts";
export { commandOf } from "./vrrp.ts";

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
  /** The virtual_server directives, as written. */
  virtualServers: Directive[];
  /** The same virtual servers, read: addresses, scheduler, real servers and their checkers. */
  lvs: VirtualServer[];
}

type ModelItem = VrrpScript | VrrpInstance | SyncGroup | NamedBlock | VirtualServer;

/** The model objects of a configuration by the top-level directive each was read from. */
function itemsByDirective(config: Config): Map<Directive, ModelItem> {
  const items = new Map<Directive, ModelItem>();
  for (const list of [config.scripts, config.instances, config.syncGroups, config.trackFiles, config.trackProcesses, config.bfdInstances, config.lvs]) {
    for (const item of list) items.set(item.directive, item);
  }
  return items;
}

/**
 * The typed model of a built configuration. With `previous`, the model of an earlier build that shares top-level
 * directives with this one (the incremental analysis keeps the directives of blocks an edit did not touch), the
 * objects read from those directives are taken over rather than read again; only their `order` is updated.
 */
export function buildConfig(build: BuildResult, previous?: Config): Config {
  const reusable = previous === undefined ? undefined : itemsByDirective(previous);
  function reuse<T extends ModelItem>(directive: Directive, order: number, read: (directive: Directive, order: number) => T): T {
    const item = reusable?.get(directive) as T | undefined;
    if (item === undefined) return read(directive, order);
    item.order = order;
    return item;
  }
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
    lvs: [],
  };
  build.directives.forEach((directive, order) => {
    if (directive.role !== "keyword") return;
    switch (directive.keyword.text) {
      case "global_defs":
        config.globalDefs.push(directive);
        break;
      case "vrrp_script":
        config.scripts.push(reuse(directive, order, buildScript));
        break;
      case "vrrp_instance":
        config.instances.push(reuse(directive, order, buildInstance));
        break;
      case "vrrp_sync_group":
        config.syncGroups.push(reuse(directive, order, buildSyncGroup));
        break;
      case "track_file":
      case "vrrp_track_file":
        config.trackFiles.push(reuse(directive, order, named));
        break;
      case "vrrp_track_process":
        config.trackProcesses.push(reuse(directive, order, named));
        break;
      case "bfd_instance":
        config.bfdInstances.push(reuse(directive, order, named));
        break;
      case "virtual_server":
        config.virtualServers.push(directive);
        config.lvs.push(reuse(directive, order, buildVirtualServer));
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
  let settings = globalSettings.get(config);
  if (settings === undefined) {
    // Checks ask once per instance; a file has one global_defs and thousands of instances.
    settings = new Map();
    for (const block of config.globalDefs) {
      for (const child of children(block)) if (child.role === "keyword") settings.set(child.keyword.text, child);
    }
    globalSettings.set(config, settings);
  }
  return settings.get(keyword);
}

/** The last directive of each keyword in the global_defs blocks, per configuration. */
const globalSettings = new WeakMap<Config, Map<string, Directive>>();
