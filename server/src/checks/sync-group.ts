import { scriptWeights, type SyncGroup, type VrrpInstance } from "../model/config.ts";
import type { Word } from "../model/types.ts";
import type { Check, CheckContext } from "./diagnostic.ts";
import { priorityOf } from "./effective.ts";
import { weightedTracks } from "./preempt-priority.ts";

/**
 * vrrp_sync_group checks. keepalived resolves the members after reading the whole file, so their order does
 * not matter; an instance can belong to one group only.
 *
 * data:
 * - sync-group-member: { group?: string, member?: string, reason, known?: string[], other?: string }
 *   reason "undefined" (no such vrrp_instance; `known` lists the instance names), "other-group" (already in the
 *   sync group `other`), "single" (one valid member), "empty" (no valid member: the group is removed),
 *   "mixed-owner" (some members have priority 255, some not).
 * - ignored-setting: { keyword: "track_script", reason: "sync-group", group: string, instance?: string, tracked: string[] }
 */

function groupName(group: SyncGroup): string {
  return group.name?.text ?? "(unnamed)";
}

function reportWeights(ctx: CheckContext, group: SyncGroup, instance: VrrpInstance, weight: (name: string) => number | undefined): void {
  if (priorityOf(instance)?.value === 255) return; // priority-255-weight already says the weights are dropped
  const weighted = weightedTracks(instance, weight);
  if (weighted.length === 0) return;
  const name = instance.name?.text ?? "this instance";
  ctx.report({
    code: "ignored-setting",
    message: `${name} is in vrrp_sync_group ${groupName(group)}: keepalived reports "ignoring ... due to SYNC group" for ${weighted.join(", ")}: weighted track scripts stop affecting the instance, weighted interfaces and files put the whole group in FAULT when they fail; add sync_group_tracking_weight to the group to keep the weights`,
    span: instance.trackScripts[0]?.name.span ?? instance.name?.span ?? instance.directive.keyword.span,
    data: { keyword: "track_script", reason: "sync-group", group: groupName(group), instance: instance.name?.text, tracked: weighted },
  });
}

export const syncGroupChecks: Check = (ctx) => {
  const config = ctx.config;
  if (config.syncGroups.length === 0) return;
  const instances = new Map<string, VrrpInstance>();
  for (const instance of config.instances) {
    if (instance.name !== undefined && !instances.has(instance.name.text)) instances.set(instance.name.text, instance);
  }
  const known = [...instances.keys()];
  const memberOf = new Map<string, SyncGroup>();
  const weight = scriptWeights(config);
  const seenGroups = new Set<string>();
  for (const group of config.syncGroups) {
    const name = groupName(group);
    // A second group of the same name is skipped by keepalived (duplicate-definition says so).
    if (seenGroups.has(name)) continue;
    seenGroups.add(name);
    const hasGroupBlock = group.directive.block?.children.some((c) => c.keyword.text === "group") === true;
    const valid: Array<{ word: Word; instance: VrrpInstance }> = [];
    for (const member of group.members) {
      const instance = instances.get(member.text);
      const other = memberOf.get(member.text);
      if (instance === undefined) {
        ctx.report({
          code: "sync-group-member",
          message: `vrrp_sync_group ${name} names '${member.text}', which is no vrrp_instance: keepalived reports "Virtual router ${member.text} specified in sync group ${name} doesn't exist" and leaves it out`,
          span: member.span,
          data: { group: group.name?.text, member: member.text, reason: "undefined", known },
        });
      } else if (other !== undefined && other !== group) {
        ctx.report({
          code: "sync-group-member",
          message: `${member.text} is already in vrrp_sync_group ${groupName(other)}: an instance belongs to one sync group only, so keepalived reports it and leaves it out of ${name}`,
          span: member.span,
          related: other.name !== undefined ? [{ span: other.name.span, message: `vrrp_sync_group ${groupName(other)}` }] : [],
          data: { group: group.name?.text, member: member.text, reason: "other-group", other: other.name?.text },
        });
      } else if (!valid.some((v) => v.instance === instance)) {
        memberOf.set(member.text, group);
        valid.push({ word: member, instance });
      }
    }
    if (!hasGroupBlock) continue; // missing-keyword reports the missing group { }
    const where = group.name?.span ?? group.directive.keyword.span;
    if (valid.length === 0) {
      ctx.report({ code: "sync-group-member", message: `vrrp_sync_group ${name} has no valid member: keepalived reports "no matching virtual router found" and removes the group`, span: where, data: { group: group.name?.text, reason: "empty", known } });
    } else if (valid.length === 1) {
      ctx.report({ code: "sync-group-member", severity: "warning", message: `vrrp_sync_group ${name} has only one member, ${valid[0]!.word.text}: keepalived reports "this probably isn't what you want", since a group syncs the state of two or more instances`, span: where, data: { group: group.name?.text, reason: "single", known } });
    }
    const owners = valid.filter((v) => priorityOf(v.instance)?.value === 255);
    if (owners.length > 0 && owners.length < valid.length) {
      ctx.report({ code: "sync-group-member", message: `vrrp_sync_group ${name} mixes address owners (priority 255: ${owners.map((o) => o.word.text).join(", ")}) with other members: keepalived reports "This won't work", because an owner never gives up MASTER while the others may`, span: where, data: { group: group.name?.text, reason: "mixed-owner" } });
    }
    const keepWeights = group.directive.block?.children.some((c) => c.keyword.text === "sync_group_tracking_weight") === true;
    if (!keepWeights) for (const v of valid) reportWeights(ctx, group, v.instance, weight);
  }
};
