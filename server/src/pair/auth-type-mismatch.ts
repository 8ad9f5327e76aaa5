import type { ClusterCheck } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember, type Member } from "./model.ts";
import { authOf } from "./roles.ts";
import { splitBrain } from "./runtime.ts";
import { lineOf, wordSite } from "./sites.ts";
import { checkValue } from "./value-mismatch.ts";

/**
 * `auth-type-mismatch`: members that authenticate differently (PASS, AH, or none: no authentication block, or
 * one keepalived drops in strict mode or with VRRPv3).
 *
 * data: see value-mismatch.ts; each site also has `block` (the authentication block, when written) and `pass`
 * (its auth_pass as written), so a fix can copy the block to a member without one.
 */

function describe(member: Member, type: string, dropped: string | undefined): string {
  if (type !== "none") return `auth_type ${type}`;
  if (dropped === undefined) return "no authentication";
  const why: Record<string, string> = { strict: "dropped in strict mode", "version-3": "dropped with VRRPv3", "no-pass": "dropped: no auth_pass", "ipv6-ah": "dropped: AH with IPv6" };
  return `no authentication (${why[dropped] ?? "dropped"})`;
}

export const authTypeMismatch: ClusterCheck = (cluster, ctx) =>
  checkValue(cluster, ctx, {
    code: "auth-type-mismatch",
    keyword: "auth_type",
    read(member) {
      const auth = authOf(member);
      const block = member.instance.authentication;
      const extra: Record<string, unknown> = {};
      if (block !== undefined && block.expandedFrom === undefined) extra["block"] = lineOf(block);
      const pass = member.instance.authPass;
      if (pass !== undefined) {
        extra["pass"] = pass.word.raw;
        const word = wordSite(member, pass.directive, pass.word);
        if (word !== undefined) extra["passWord"] = word;
      }
      if (auth.dropped !== undefined) extra["dropped"] = auth.dropped;
      const type = member.instance.authType;
      if (auth.type !== "none" && type !== undefined) return { value: auth.type, setting: type, extra };
      return block !== undefined ? { value: "none", setting: { directive: block }, extra } : { value: "none", extra };
    },
    message: (here, reading, others) => {
      const mine = describe(here, reading.value, here.instance.authentication === undefined ? undefined : authOf(here).dropped);
      const theirs = others.map((o) => `${describe(o.member, o.reading.value, authOf(o.member).dropped)} in ${describeMember(o.member)}`);
      return `${mine} here, but ${listOf(theirs)}: keepalived drops adverts whose authentication type differs from its own ("received a ... auth, expecting ..."), so ${splitBrain(here)}`;
    },
    related: (member, reading) => `${describe(member, reading.value, authOf(member).dropped)} in ${describeMember(member)}`,
  });
