import type { Config, VrrpInstance } from "../model/config.ts";
import type { Directive } from "../model/types.ts";
import type { Check, CheckContext, InstanceCheck } from "./diagnostic.ts";
import { globalsKey, strictModeOf, vrrpVersionOf } from "./effective.ts";

/**
 * `missing-keyword`: a block without a keyword keepalived needs.
 *
 * data: { keyword: string (the missing keyword), instance?: string, used?: number[] (VRIDs already taken, for
 *   virtual_router_id), required?: boolean (virtual_ipaddress: keepalived drops the instance without one) }
 */
/** The VRIDs of every instance, for the fix of a missing one: once per configuration. */
const usedByConfig = new WeakMap<Config, number[]>();

function usedVrids(config: Config): number[] {
  let used = usedByConfig.get(config);
  if (used === undefined) {
    used = config.instances.map((i) => i.vrid?.value).filter((v): v is number => v !== undefined);
    usedByConfig.set(config, used);
  }
  return used;
}

/** Addresses from an include that only the target host has are unknown here, not missing. */
function includesHostFile(config: Config, block: Directive): boolean {
  return config.build.includes.some((ref) => ref.missing && ref.absolute && ref.directive.parent === block);
}

function visit(instance: VrrpInstance, ctx: CheckContext): void {
  const config = ctx.config;
  if (instance.directive.block === undefined || instance.name === undefined) return;
  const name = instance.name.text;
  if (instance.vridLine === undefined) {
    ctx.report({
      code: "missing-keyword",
      message: `vrrp_instance ${name} has no virtual_router_id: keepalived reports "the virtual router id must be set" and does not run the instance`,
      span: instance.name.span,
      data: { instance: name, keyword: "virtual_router_id", used: usedVrids(config) },
    });
  }
  if (instance.vips.length === 0 && (instance.vipBlock === undefined || !includesHostFile(config, instance.vipBlock))) {
    const strict = strictModeOf(config, instance);
    const required = strict || vrrpVersionOf(config, instance) === 3;
    ctx.report({
      code: "missing-keyword",
      severity: required ? "error" : "warning",
      message: required
        ? `vrrp_instance ${name} has no virtual address: with ${strict ? "strict mode" : "VRRP version 3"} keepalived reports "No VIP specified; at least one is required" and drops the instance`
        : `vrrp_instance ${name} has no virtual address: keepalived reports "No VIP specified; at least one is sensible" and the instance moves nothing between nodes`,
      span: instance.name.span,
      data: { instance: name, keyword: "virtual_ipaddress", required },
    });
  }
}

/** Instances without a VRID or a virtual address. */
export const missingInstanceKeyword: InstanceCheck = {
  kind: "instance",
  name: "missingKeyword",
  context: (config) => `${globalsKey(config)} used:${usedVrids(config).join(",")} includes:${config.build.includes.length}`,
  visit,
};

/** vrrp_script blocks without a script, sync groups without a group. */
export const missingKeyword: Check = (ctx) => {
  const config = ctx.config;
  for (const script of config.scripts) {
    if (script.directive.block === undefined || script.command !== undefined) continue;
    ctx.report({
      code: "missing-keyword",
      message: `vrrp_script ${script.name?.text ?? ""} has no script line: keepalived reports "No script set" and removes it, so every track_script naming it is "not found"`,
      span: script.name?.span ?? script.directive.keyword.span,
      data: { keyword: "script" },
    });
  }
  for (const group of config.syncGroups) {
    const hasGroup = group.directive.block?.children.some((c) => c.keyword.text === "group") === true;
    if (group.directive.block === undefined || hasGroup) continue;
    ctx.report({
      code: "missing-keyword",
      message: `vrrp_sync_group ${group.name?.text ?? ""} has no group { ... } of instances: keepalived reports it ("has no virtual router(s)") and removes the group`,
      span: group.name?.span ?? group.directive.keyword.span,
      data: { keyword: "group" },
    });
  }
};
