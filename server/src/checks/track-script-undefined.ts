import type { NamedBlock, TrackRef, VrrpInstance, VrrpScript } from "../model/config.ts";
import type { Check, CheckContext } from "./diagnostic.ts";
import { keptInstances } from "./effective.ts";

/**
 * `track-script-undefined`: track_script / track_file / track_process entries that name nothing defined before
 * the instance (keepalived resolves them while reading).
 *
 * data: { name: string, list: "track_script" | "track_file" | "track_process", definedAfter: boolean (the fix
 *   moves the definition up), known: string[] (names defined before the instance, for "did you mean") }
 */

type Definable = NamedBlock | VrrpScript;

/** Definitions by name, each list in file order. */
function byName(defined: Definable[]): Map<string, Definable[]> {
  const map = new Map<string, Definable[]>();
  for (const d of defined) {
    const name = d.name?.text;
    if (name === undefined) continue;
    const list = map.get(name);
    if (list === undefined) map.set(name, [d]);
    else list.push(d);
  }
  return map;
}

function checkRefs(
  ctx: CheckContext,
  instance: VrrpInstance,
  refs: readonly TrackRef[],
  defined: Definable[],
  index: Map<string, Definable[]>,
  list: string,
  definer: string,
): void {
  for (const ref of refs) {
    const name = ref.name.text;
    const matches = index.get(name) ?? [];
    if (matches[0] !== undefined && matches[0].order < instance.order) continue;
    const after = matches[0];
    const instanceName = instance.name?.text ?? "the instance";
    const message =
      after !== undefined
        ? `${list} '${name}' is defined only after ${instanceName}: keepalived resolves names while reading, so it reports "not found" and ignores the entry; move the ${definer} above the instance`
        : `${list} '${name}' names no ${definer}: keepalived reports "not found" and ignores the entry, so this check never affects ${instanceName}`;
    ctx.report({
      code: "track-script-undefined",
      message,
      span: ref.name.span,
      related: after !== undefined ? [{ span: after.directive.span, message: `${definer} ${name} is defined here` }] : [],
      data: {
        name,
        list,
        definedAfter: after !== undefined,
        known: [...new Set(defined.filter((d) => d.order < instance.order).map((d) => d.name?.text).filter((n): n is string => n !== undefined))],
      },
    });
  }
}

export const trackScriptUndefined: Check = (ctx) => {
  const config = ctx.config;
  const scripts = byName(config.scripts);
  const files = byName(config.trackFiles);
  const processes = byName(config.trackProcesses);
  for (const instance of keptInstances(config)) {
    checkRefs(ctx, instance, instance.trackScripts, config.scripts, scripts, "track_script", "vrrp_script");
    checkRefs(ctx, instance, instance.trackFiles, config.trackFiles, files, "track_file", "track_file");
    checkRefs(ctx, instance, instance.trackProcesses, config.trackProcesses, processes, "track_process", "vrrp_track_process");
  }
};
