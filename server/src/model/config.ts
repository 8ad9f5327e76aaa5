import type { BuildResult } from "./build.ts";
import { buildVirtualServer, type VirtualServer } from "./lvs.ts";
import type { Directive } from "./types.ts";
import { buildInstance, buildScript, buildSyncGroup, children, named, type NamedBlock, type SyncGroup, type VrrpInstance, type VrrpScript } from "./vrrp.ts";

export type { RealServer, VirtualServer } from "./lvs.ts";
export type { NamedBlock, Setting, SyncGroup, TrackRef, VirtualAddress, VrrpInstance, VrrpScript } from "./vrrp.ts";
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
    lvs: [],
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
      case "vrrp_sync_group":
        config.syncGroups.push(buildSyncGroup(directive, order));
        break;
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
        config.lvs.push(buildVirtualServer(directive, order));
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
