import type { ClusterCheck } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { advertIntOf, versionOf } from "./roles.ts";
import { splitBrain } from "./runtime.ts";
import { checkValue } from "./value-mismatch.ts";

/**
 * `advert-int-mismatch`: members with different advert_int (1 s when not written). VRRPv2 drops such adverts
 * ("advertisement interval mismatch"); a VRRPv3 backup adopts the master's interval, so there it is a warning:
 * failover timing then depends on which node is master. data: see value-mismatch.ts.
 */
export const advertIntMismatch: ClusterCheck = (cluster, ctx) => {
  const v2 = cluster.members.some((m) => versionOf(m) === 2);
  checkValue(cluster, ctx, {
    code: "advert-int-mismatch",
    keyword: "advert_int",
    read(member) {
      const setting = member.instance.advertInt;
      return setting === undefined ? { value: String(advertIntOf(member)) } : { value: String(advertIntOf(member)), setting };
    },
    message: (here, reading, others) => {
      const where = `advert_int ${reading.value}${reading.setting === undefined ? " (the default)" : ""} here, but ${listOf(others.map((o) => `${o.reading.value} in ${describeMember(o.member)}`))}`;
      return v2
        ? `${where}: with VRRPv2 keepalived drops adverts whose interval differs from its own ("advertisement interval mismatch"), so ${splitBrain(here)}`
        : `${where}: a VRRPv3 backup adopts the master's interval, but each node times out the master with its own until it hears one, so how fast failover happens depends on which node is master`;
    },
    related: (member, reading) => `advert_int ${reading.value} in ${describeMember(member)}`,
    severity: () => (v2 ? undefined : "warning"),
  });
};
