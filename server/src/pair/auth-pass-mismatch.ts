import type { ClusterCheck } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { authOf } from "./roles.ts";
import { splitBrain } from "./runtime.ts";
import { checkValue } from "./value-mismatch.ts";

/**
 * `auth-pass-mismatch`: PASS members whose auth_pass differ in the first 8 bytes, the only ones keepalived keeps
 * and compares. Passwords that differ only after byte 8 are the same password to keepalived: not reported.
 * Messages never quote the passwords. data: see value-mismatch.ts (`value` and `reference` are the 8 bytes
 * compared; `word.raw` the password as written, which an "align" fix copies).
 */
export const authPassMismatch: ClusterCheck = (cluster, ctx) => {
  if (!cluster.members.every((m) => authOf(m).type === "PASS")) return;
  checkValue(cluster, ctx, {
    code: "auth-pass-mismatch",
    keyword: "auth_pass",
    read(member) {
      const pass = member.instance.authPass;
      const compared = authOf(member).pass;
      return pass === undefined || compared === undefined ? undefined : { value: compared, setting: pass };
    },
    message: (here, _reading, others) =>
      `auth_pass differs from the one in ${listOf(others.map((o) => describeMember(o.member)))} within the first 8 bytes, the only bytes keepalived uses (it truncates auth_pass to 8) and compares: adverts fail authentication, so ${splitBrain(here)}`,
    related: (member) => `auth_pass in ${describeMember(member)}`,
  });
};
