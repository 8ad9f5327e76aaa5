import type { ClusterCheck, FindingEntry } from "./findings.ts";
import { describeMember } from "./model.ts";
import { roleSite } from "./role-site.ts";
import { holderOf, priorityOfMember, startState } from "./roles.ts";
import { anchorOf } from "./sites.ts";

/**
 * `preempt-missing`: the member meant to hold the VIP (highest priority, not tied) has no explicit `preempt`.
 * Information: keepalived preempts by default (a `preempt_delay` also counts as stating it). A warning when it
 * has `nopreempt` in a state where keepalived honours it (BACKUP, priority below 255): after a failover the
 * VIP stays on the standby even when the primary recovers. A nopreempt that keepalived clears is
 * nopreempt-master's.
 *
 * data: { holder: RoleSite, here: "holder" | "peer" }
 */
export const preemptMissing: ClusterCheck = (cluster, ctx) => {
  const holder = holderOf(cluster);
  const top = priorityOfMember(holder);
  // Without every member's priority, which node is meant to hold the VIP cannot be told.
  if (top === undefined || top.value === 255 || cluster.members.some((m) => priorityOfMember(m) === undefined)) return;
  if (cluster.members.some((m) => m !== holder && priorityOfMember(m)?.value === top.value)) return;
  const mode = holder.instance.preemptMode;
  let severity: "information" | "warning";
  if (mode === undefined) {
    if (holder.instance.preemptDelay !== undefined) return;
    severity = "information";
  } else if (mode.preempt || startState(holder) === "MASTER") {
    return;
  } else {
    severity = "warning";
  }
  const site = roleSite(holder);
  const why =
    severity === "warning"
      ? `${describeMember(holder)} holds the VIP (highest priority, ${top.value}) but has nopreempt, which keepalived honours in state BACKUP: after a failover the VIP stays on the standby even when ${holder.name} recovers`
      : `${describeMember(holder)} holds the VIP (highest priority, ${top.value}) without an explicit preempt: keepalived preempts by default, so the VIP comes back after recovery, but the guide writes 'preempt' so that the intent survives edits`;
  const entries: FindingEntry[] = [
    {
      member: holder,
      span: anchorOf(holder, mode !== undefined ? { directive: mode.directive } : top.directive !== undefined ? { directive: top.directive, ...(top.word !== undefined ? { word: top.word } : {}) } : undefined),
      message: why,
      related: severity === "warning" ? `nopreempt in ${describeMember(holder)}` : `priority ${top.value} in ${describeMember(holder)}`,
      data: { holder: site, here: "holder" },
      severity,
    },
    ...cluster.members
      .filter((m) => m !== holder)
      .map((member): FindingEntry => {
        const p = priorityOfMember(member);
        return {
          member,
          span: anchorOf(member, p?.directive === undefined ? undefined : { directive: p.directive, ...(p.word !== undefined ? { word: p.word } : {}) }),
          message: `The peer ${why}`,
          related: `priority ${p?.value ?? "?"} in ${describeMember(member)}`,
          data: { holder: site, here: "peer" },
          severity,
        };
      }),
  ];
  ctx.report({ code: "preempt-missing", entries });
};
