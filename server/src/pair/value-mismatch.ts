import type { DiagnosticCode, Severity } from "../checks/codes.ts";
import type { Directive, Word } from "../model/types.ts";
import type { FindingEntry, PairContext } from "./findings.ts";
import type { Cluster, Member } from "./model.ts";
import { holderOf } from "./roles.ts";
import { anchorOf, siteOf, type Site } from "./sites.ts";

/**
 * The shape shared by the checks of one value that every member must agree on (VRID, advert_int, auth type,
 * auth_pass): members are grouped by the value keepalived uses, and each member whose value some other member
 * does not share gets a diagnostic naming them.
 *
 * data: { keyword: string, here: Site, peers: Site[] (every other member that has a value), reference: string
 *   (the value of the member meant to hold the VIP: the preferred fix sets it everywhere) }
 *   Site: see sites.ts; `value` is the value keepalived uses, `word` the word to replace (absent: not written).
 */

export interface Reading {
  /** The value compared. */
  value: string;
  /** The line that sets it; absent when keepalived's default applies. */
  setting?: { directive: Directive; word?: Word };
  /** Extra fields a fix needs for this member (e.g. the authentication block to copy). */
  extra?: Record<string, unknown>;
}

export interface ValueSpec {
  code: DiagnosticCode;
  keyword: string;
  /** Undefined: this member's value cannot be told (invalid, templated); it is left out. */
  read(member: Member): Reading | undefined;
  message(here: Member, reading: Reading, others: Array<{ member: Member; reading: Reading }>): string;
  related(member: Member, reading: Reading): string;
  severity?(cluster: Cluster): Severity | undefined;
}

function siteFor(member: Member, reading: Reading): Site {
  return { ...siteOf(member, reading.setting, reading.value), ...(reading.extra ?? {}) };
}

export function checkValue(cluster: Cluster, ctx: PairContext, spec: ValueSpec): void {
  const readings = cluster.members
    .map((member) => ({ member, reading: spec.read(member) }))
    .filter((r): r is { member: Member; reading: Reading } => r.reading !== undefined);
  if (new Set(readings.map((r) => r.reading.value)).size < 2) return;
  const holder = holderOf(cluster);
  const reference = readings.find((r) => r.member === holder)?.reading.value ?? readings[0]!.reading.value;
  const severity = spec.severity?.(cluster);
  const entries: FindingEntry[] = [];
  for (const { member, reading } of readings) {
    const others = readings.filter((r) => r.reading.value !== reading.value);
    if (others.length === 0) continue;
    entries.push({
      member,
      span: anchorOf(member, reading.setting),
      message: spec.message(member, reading, others),
      related: spec.related(member, reading),
      data: {
        keyword: spec.keyword,
        here: siteFor(member, reading),
        peers: readings.filter((r) => r.member !== member).map((r) => siteFor(r.member, r.reading)),
        reference,
      },
      ...(severity !== undefined ? { severity } : {}),
    });
  }
  ctx.report({ code: spec.code, entries });
}
