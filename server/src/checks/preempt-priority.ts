import { effectivePriority, scriptWeights, type VrrpInstance } from "../model/config.ts";
import type { Check } from "./diagnostic.ts";

/** Weighted tracking entries of an instance: a weight on the track line, or the tracked script's own weight. */
export function weightedTracks(instance: VrrpInstance, scriptWeight: (name: string) => number | undefined): string[] {
  const names: string[] = [];
  for (const ref of instance.trackScripts) {
    const weight = ref.weight?.value ?? scriptWeight(ref.name.text) ?? 0;
    if (weight !== 0) names.push(ref.name.text);
  }
  for (const ref of [...instance.trackInterfaces, ...instance.trackFiles, ...instance.trackProcesses]) {
    if ((ref.weight?.value ?? 0) !== 0) names.push(ref.name.text);
  }
  return names;
}

/** `nopreempt-master` and `priority-255-weight`. */
export const preemptPriorityChecks: Check = (ctx) => {
  const config = ctx.config;
  const scriptWeight = scriptWeights(config);
  for (const instance of config.instances) {
    const name = instance.name?.text ?? "this instance";
    const priority = effectivePriority(instance);
    const mode = instance.preemptMode;
    if (mode !== undefined && !mode.preempt) {
      const master = instance.state?.value === "MASTER";
      if (master || priority === 255) {
        const why = master ? "with state MASTER" : "with priority 255 (address owner)";
        ctx.report({
          code: "nopreempt-master",
          message: `nopreempt ${why} does nothing: keepalived clears it, so ${name} takes the VIP back whenever it can; use state BACKUP on both nodes to really stop preemption`,
          span: mode.directive.keyword.span,
          related: instance.state !== undefined ? [{ span: instance.state.directive.span, message: `state ${instance.state.value}` }] : [],
          data: { instance: instance.name?.text, reason: master ? "state" : "priority" },
        });
      }
    }
    if (priority === 255) {
      const weighted = weightedTracks(instance, scriptWeight);
      if (weighted.length > 0) {
        const implicit = instance.priority === undefined;
        const where = instance.priority?.word.span ?? instance.state?.word.span ?? instance.name?.span ?? instance.directive.keyword.span;
        ctx.report({
          code: "priority-255-weight",
          message: `${name} has priority 255${implicit ? " (the default for state MASTER without a priority)" : ""}, which makes it the address owner: keepalived ignores the weights of ${weighted.join(", ")}, so a failing check never lowers its priority and the VIP never moves`,
          span: where,
          data: { instance: instance.name?.text, implicit, tracked: weighted },
        });
      }
    }
  }
};
