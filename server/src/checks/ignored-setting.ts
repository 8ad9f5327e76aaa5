import { globalSetting, scriptWeights } from "../model/config.ts";
import { parseAddress } from "../model/values.ts";
import type { Check } from "./diagnostic.ts";
import { weightedTracks } from "./preempt-priority.ts";

/** Settings keepalived reads and then clears, resets or ignores because of another setting. */
export const ignoredSetting: Check = (ctx) => {
  const config = ctx.config;
  const globalVersion = Number(globalSetting(config, "vrrp_version")?.args[0]?.text ?? "2");
  const scriptWeight = scriptWeights(config);
  const syncTrackingWeight = globalSetting(config, "sync_group_tracking_weight") !== undefined;
  const synced = new Map<string, string>();
  for (const group of config.syncGroups) {
    const groupHasWeightFlag = group.directive.block?.children.some((c) => c.keyword.text === "sync_group_tracking_weight") === true;
    if (groupHasWeightFlag || syncTrackingWeight) continue;
    for (const member of group.members) synced.set(member.text, group.name?.text ?? "");
  }
  for (const instance of config.instances) {
    const name = instance.name?.text ?? "this instance";
    const master = instance.state?.value === "MASTER";
    const delay = instance.preemptDelay;
    if (delay !== undefined) {
      if (master) {
        ctx.report({ code: "ignored-setting", message: `preempt_delay in ${name} does nothing with state MASTER: keepalived clears it ("preempt delay will not work with initial state MASTER")`, span: delay.directive.keyword.span, tags: ["unnecessary"], data: { keyword: "preempt_delay", reason: "state-master" } });
      } else if (instance.preemptMode?.preempt === false) {
        ctx.report({ code: "ignored-setting", message: `preempt_delay in ${name} does nothing with nopreempt: keepalived resets it to 0`, span: delay.directive.keyword.span, tags: ["unnecessary"], data: { keyword: "preempt_delay", reason: "nopreempt" } });
      }
    }
    const version = instance.version?.value ?? globalVersion;
    if (instance.authentication !== undefined) {
      if (version === 3) {
        ctx.report({ code: "ignored-setting", message: `VRRP version 3 has no authentication: keepalived ignores the authentication block of ${name}`, span: instance.authentication.keyword.span, tags: ["unnecessary"], data: { keyword: "authentication", reason: "version-3" } });
      } else if (instance.authType !== undefined && instance.authPass === undefined) {
        ctx.report({ code: "ignored-setting", message: `auth_type without auth_pass: keepalived reports "no password given" and runs ${name} without authentication`, span: instance.authType.directive.keyword.span, data: { keyword: "auth_type", reason: "no-pass" } });
      } else if (instance.authType?.value === "AH" && master) {
        ctx.report({ code: "ignored-setting", message: `AH authentication cannot start as MASTER: keepalived clears state MASTER of ${name} and starts it as BACKUP`, span: instance.authType.word.span, data: { keyword: "auth_type", reason: "ah-master" } });
      }
    }
    const advert = instance.advertInt;
    if (advert !== undefined && version === 2 && !Number.isInteger(advert.value) && advert.value >= 1) {
      ctx.report({ code: "ignored-setting", message: `VRRPv2 adverts are sent every whole second: keepalived rounds advert_int ${advert.word.text} to ${Math.round(advert.value)}`, span: advert.word.span, data: { keyword: "advert_int", reason: "v2-fraction", rounded: Math.round(advert.value) } });
    }
    const ttl = instance.directive.block?.children.find((c) => c.keyword.text === "unicast_ttl");
    if (ttl !== undefined && instance.unicastPeers.length === 0) {
      ctx.report({ code: "ignored-setting", message: `unicast_ttl without unicast_peer: ${name} sends multicast adverts and keepalived ignores the TTL`, span: ttl.keyword.span, tags: ["unnecessary"], data: { keyword: "unicast_ttl", reason: "no-peers" } });
    }
    const group = instance.name !== undefined ? synced.get(instance.name.text) : undefined;
    if (group !== undefined) {
      const weighted = weightedTracks(instance, scriptWeight);
      if (weighted.length > 0) {
        ctx.report({ code: "ignored-setting", message: `${name} is in vrrp_sync_group ${group}: keepalived ignores the weights of ${weighted.join(", ")} (a failing check puts the instance in FAULT instead) unless sync_group_tracking_weight is set`, span: instance.trackScripts[0]?.name.span ?? instance.name!.span, data: { keyword: "track_script", reason: "sync-group", group } });
      }
    }
    const src = instance.unicastSrcIp !== undefined ? parseAddress(instance.unicastSrcIp.value) : undefined;
    for (const peer of instance.unicastPeers) {
      const address = parseAddress(peer.value);
      if (src !== undefined && address !== undefined && address.family !== src.family) {
        ctx.report({ code: "invalid-value", message: `unicast_peer ${peer.value} is IPv${address.family} but ${name} uses IPv${src.family}: keepalived skips the peer ("MUST be of the same family")`, span: peer.word.span, data: { keyword: "unicast_peer", value: peer.value } });
      }
    }
  }
  for (const script of config.scripts) {
    for (const setting of [script.interval, script.timeout]) {
      if (setting === undefined || setting.value !== 0) continue;
      ctx.report({ code: "value-out-of-range", message: `vrrp_script ${setting.directive.keyword.text} 0 is not allowed: keepalived reports it and uses 1 second`, span: setting.word.span, data: { keyword: setting.directive.keyword.text, value: 0, min: 1 } });
    }
  }
};
