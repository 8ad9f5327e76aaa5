import { scriptWeights, type VrrpInstance } from "../model/config.ts";
import type { CheckContext, InstanceCheck } from "./diagnostic.ts";
import { globalsKey, initialState, priorityOf, startStateOf } from "./effective.ts";

/**
 * `nopreempt-master` and `priority-255-weight`.
 *
 * data:
 * - nopreempt-master: { instance?: string, reason: "state" | "priority" }
 *   ("state": the initial state is MASTER; "priority": priority 255 makes the node the address owner)
 * - priority-255-weight: { instance?: string, implicit: boolean, tracked: string[] }
 *   (implicit: the 255 comes from `state MASTER` without a priority line; tracked: names whose weights are dropped)
 */

/**
 * Weighted tracking entries of an instance: a weight on the track line, or the tracked object's own weight.
 * A tracked file without a weight on either side counts as weighted: keepalived's default file weight is 1.
 */
export function weightedTracks(instance: VrrpInstance, scriptWeight: (name: string) => number | undefined): string[] {
  const names: string[] = [];
  for (const ref of instance.trackScripts) {
    const weight = ref.weight?.value ?? scriptWeight(ref.name.text) ?? 0;
    if (weight !== 0) names.push(ref.name.text);
  }
  for (const ref of [...instance.trackInterfaces, ...instance.trackProcesses]) {
    if ((ref.weight?.value ?? 0) !== 0) names.push(ref.name.text);
  }
  for (const ref of instance.trackFiles) {
    if ((ref.weight?.value ?? 1) !== 0) names.push(ref.name.text);
  }
  return names;
}

function visit(instance: VrrpInstance, ctx: CheckContext): void {
  const config = ctx.config;
  const name = instance.name?.text ?? "this instance";
  const priority = priorityOf(instance);
  // A `priority` or `state` line without a value stops keepalived: what follows from them is moot.
  if (priority === undefined) return;
  const state = initialState(instance);
  const mode = instance.preemptMode;
  if (mode !== undefined && !mode.preempt) {
    const owner = priority.value === 255;
    const master = startStateOf(config, instance) === "MASTER";
    if (master || owner) {
      const why = owner ? "with priority 255 (address owner)" : "with state MASTER";
      const said = owner ? "nopreempt is incompatible with priority 255" : "nopreempt will not work with initial state MASTER";
      ctx.report({
        code: "nopreempt-master",
        message: `nopreempt ${why} does nothing: keepalived reports "${said}" and clears it, so ${name} takes the VIP back whenever it can; to really stop preemption use state BACKUP and a priority below 255 on every node`,
        span: mode.directive.keyword.span,
        related: state?.directive !== undefined ? [{ span: state.directive.span, message: `state ${state.value}` }] : [],
        data: { instance: instance.name?.text, reason: owner ? "priority" : "state" },
      });
    }
  }
  if (priority.value === 255) {
    const weighted = weightedTracks(instance, scriptWeights(config));
    if (weighted.length > 0) {
      const implicit = priority.how === "owner";
      const where = priority.word?.span ?? state?.word?.span ?? instance.name?.span ?? instance.directive.keyword.span;
      ctx.report({
        code: "priority-255-weight",
        message: `${name} has priority 255${implicit ? " (the default for state MASTER without a priority line)" : ""}, which makes it the address owner: keepalived reports "ignoring tracked ... due to address_owner" and drops the weighted entries ${weighted.join(", ")}, so a failing check never lowers its priority and the VIP never moves`,
        span: where,
        data: { instance: instance.name?.text, implicit, tracked: weighted },
      });
    }
  }
}

export const preemptPriorityChecks: InstanceCheck = {
  kind: "instance",
  name: "preemptPriorityChecks",
  // The weights of the vrrp_scripts an instance tracks count too.
  context: (config) => `${globalsKey(config)} weights:${config.scripts.map((s) => `${s.name?.text}=${s.weight?.value}`).join(",")}`,
  visit,
};
