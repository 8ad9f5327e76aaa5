import type { VrrpInstance } from "../model/config.ts";
import type { Word } from "../model/types.ts";
import type { Check, CheckContext, InstanceCheck } from "./diagnostic.ts";
import { authDroppedOf, globalsKey, initialState, priorityOf, startStateOf, strictModeOf, vrrpVersionOf } from "./effective.ts";

/**
 * `ignored-setting` for vrrp_instance settings that keepalived reads and then clears, resets, rounds or ignores
 * because of another setting. Each message quotes what `keepalived -t` prints.
 *
 * data: { keyword: string, reason: string, instance?: string, rounded?: number }
 *   reason is one of: state-master, nopreempt, strict (preempt_delay); strict, version-3, no-pass, ipv6-ah,
 *   ah-master (authentication); v2-fraction, v3-centiseconds (advert_int, with `rounded`); no-peers
 *   (unicast_ttl); own-interface (track_interface); strict-state (state).
 *   The fix usually removes the line named by `keyword` (or its block).
 * Also `value-out-of-range` for vrrp_script interval/timeout 0: { keyword: "interval" | "timeout", value: 0, min: 1 }.
 */

function preemptDelay(ctx: CheckContext, instance: VrrpInstance, name: string): void {
  const delay = instance.preemptDelay;
  if (delay === undefined || delay.value === 0) return;
  const span = delay.directive.keyword.span;
  const data = { keyword: "preempt_delay", instance: instance.name?.text };
  if (startStateOf(ctx.config, instance) === "MASTER") {
    ctx.report({ code: "ignored-setting", message: `preempt_delay in ${name} does nothing when it starts as MASTER: keepalived reports "preempt delay will not work with initial state MASTER" and clears it`, span, tags: ["unnecessary"], data: { ...data, reason: "state-master" } });
  } else if (strictModeOf(ctx.config, instance)) {
    ctx.report({ code: "ignored-setting", message: `preempt_delay in ${name} is not allowed in strict mode: keepalived reports "preempt_delay is incompatible with strict mode" and resets it to 0`, span, tags: ["unnecessary"], data: { ...data, reason: "strict" } });
  } else if (instance.preemptMode?.preempt === false) {
    ctx.report({ code: "ignored-setting", message: `preempt_delay in ${name} does nothing with nopreempt: keepalived reports "preempt_delay is incompatible with nopreempt mode" and resets it to 0`, span, tags: ["unnecessary"], data: { ...data, reason: "nopreempt" } });
  }
}

const AUTH_DROPPED = {
  strict: 'strict mode (vrrp_strict) has no authentication: keepalived reports "Strict mode does not support authentication" and ignores',
  "version-3": 'VRRP version 3 has no authentication: keepalived reports "VRRP version 3 does not support authentication" and ignores',
  "no-pass": 'auth_type without auth_pass: keepalived reports "Authentication specified but no password given" and ignores',
  "ipv6-ah": 'AH authentication does not work over IPv6: keepalived reports "Cannot use AH authentication with IPv6" and ignores',
} as const;

function authentication(ctx: CheckContext, instance: VrrpInstance, name: string): void {
  const block = instance.authentication;
  if (block === undefined) return;
  const dropped = authDroppedOf(ctx.config, instance);
  if (dropped !== undefined) {
    ctx.report({
      code: "ignored-setting",
      message: `${AUTH_DROPPED[dropped]} the authentication block, so ${name} runs without it`,
      span: dropped === "no-pass" ? (instance.authType?.directive.keyword.span ?? block.keyword.span) : block.keyword.span,
      tags: dropped === "no-pass" ? [] : ["unnecessary"],
      data: { keyword: dropped === "no-pass" ? "auth_type" : "authentication", reason: dropped, instance: instance.name?.text },
    });
    return;
  }
  const state = initialState(instance);
  if (instance.authType?.value === "AH" && state?.value === "MASTER" && priorityOf(instance)?.value !== 255) {
    ctx.report({
      code: "ignored-setting",
      message: `AH authentication cannot start as MASTER: keepalived reports "Initial state master is incompatible with AH authentication" and starts ${name} as BACKUP (it must first hear an advert to learn the AH sequence number)`,
      span: instance.authType.word.span,
      related: state.directive !== undefined ? [{ span: state.directive.span, message: "state MASTER" }] : [],
      data: { keyword: "state", reason: "ah-master", instance: instance.name?.text },
    });
  }
}

function advertInterval(ctx: CheckContext, instance: VrrpInstance): void {
  const advert = instance.advertInt;
  if (advert === undefined || advert.value < 0.01 || advert.value > 255) return;
  const version = vrrpVersionOf(ctx.config, instance);
  const centis = Math.round(advert.value * 1e6) / 1e4;
  if (version === 2 && !Number.isInteger(advert.value)) {
    const rounded = Math.max(1, Math.floor(advert.value + 0.5));
    ctx.report({ code: "ignored-setting", message: `VRRPv2 adverts are sent in whole seconds: keepalived reports "advertisement interval ${advert.word.text}s must be an integer" and uses ${rounded}s (use version 3 for sub-second adverts)`, span: advert.word.span, data: { keyword: "advert_int", reason: "v2-fraction", rounded, instance: instance.name?.text } });
  } else if (version === 3 && !Number.isInteger(centis)) {
    const rounded = Math.max(1, Math.floor(centis + 0.5)) / 100;
    ctx.report({ code: "ignored-setting", message: `VRRPv3 adverts are sent in units of 10 ms: keepalived reports it and rounds advert_int ${advert.word.text} to ${rounded}`, span: advert.word.span, data: { keyword: "advert_int", reason: "v3-centiseconds", rounded, instance: instance.name?.text } });
  }
}

function strictState(ctx: CheckContext, instance: VrrpInstance, name: string): void {
  const state = initialState(instance);
  const priority = priorityOf(instance);
  if (state?.directive === undefined || priority === undefined || !strictModeOf(ctx.config, instance)) return;
  const master = state.value === "MASTER";
  if (master === (priority.value === 255)) return;
  ctx.report({
    code: "ignored-setting",
    message: master
      ? `In strict mode only the address owner (priority 255) may start as MASTER: keepalived reports "State MASTER must match being address owner" and starts ${name} as BACKUP`
      : `In strict mode the address owner (priority 255) must start as MASTER: keepalived reports "State MASTER must match being address owner" and starts ${name} as MASTER`,
    span: state.word?.span ?? state.directive.keyword.span,
    data: { keyword: "state", reason: "strict-state", instance: instance.name?.text },
  });
}

function ownInterfaceTracked(ctx: CheckContext, instance: VrrpInstance, name: string, isPlaceholder: (word: Word) => boolean): void {
  const own = instance.interface;
  if (own === undefined || isPlaceholder(own.word)) return;
  for (const ref of instance.trackInterfaces) {
    // An entry with an unreadable weight is dropped before keepalived compares interfaces.
    const weightWord = ref.directive.args.findIndex((a) => a.text === "weight");
    if (ref.name.text !== own.value || (weightWord >= 0 && (ref.weight === undefined || Math.abs(ref.weight.value) > 254))) continue;
    ctx.report({ code: "ignored-setting", message: `${name} always tracks its own interface ${own.value}: keepalived reports "Ignoring track_interface ${own.value} since own interface" and drops this entry${ref.weight !== undefined ? " and its weight" : ""}`, span: ref.name.span, tags: ["unnecessary"], data: { keyword: "track_interface", reason: "own-interface", instance: instance.name?.text } });
  }
}

export const ignoredSetting: InstanceCheck = {
  kind: "instance",
  name: "ignoredSetting",
  context: globalsKey,
  visit: (instance, ctx) => {
    const name = instance.name?.text ?? "this instance";
    preemptDelay(ctx, instance, name);
    authentication(ctx, instance, name);
    advertInterval(ctx, instance);
    strictState(ctx, instance, name);
    ownInterfaceTracked(ctx, instance, name, ctx.isPlaceholder);
    const ttl = instance.unicastTtlLine;
    if (ttl !== undefined && instance.unicastPeers.length === 0) {
      ctx.report({ code: "ignored-setting", message: `unicast_ttl without unicast_peer: ${name} sends multicast adverts, and keepalived reports "Cannot use unicast_ttl without unicast peers" and resets it`, span: ttl.keyword.span, tags: ["unnecessary"], data: { keyword: "unicast_ttl", reason: "no-peers", instance: instance.name?.text } });
    }
  },
};

/** vrrp_script intervals and timeouts of 0. */
export const ignoredScriptSetting: Check = (ctx) => {
  for (const script of ctx.config.scripts) {
    for (const setting of [script.interval, script.timeout]) {
      if (setting === undefined || setting.value !== 0) continue;
      const keyword = setting.directive.keyword.text;
      ctx.report({ code: "value-out-of-range", message: `vrrp_script ${keyword} 0 is not allowed: keepalived reports "vrrp script ${keyword} must be greater than 0" and uses 1 second`, span: setting.word.span, data: { keyword, value: 0, min: 1 } });
    }
  }
};
