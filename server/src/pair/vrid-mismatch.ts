import type { ClusterCheck } from "./findings.ts";
import { listOf } from "./findings.ts";
import { describeMember } from "./model.ts";
import { vridOf } from "./roles.ts";
import { splitBrain } from "./runtime.ts";
import { checkValue } from "./value-mismatch.ts";

/** `vrid-mismatch`: members of one cluster with different virtual_router_id. data: see value-mismatch.ts. */
export const vridMismatch: ClusterCheck = (cluster, ctx) =>
  checkValue(cluster, ctx, {
    code: "vrid-mismatch",
    keyword: "virtual_router_id",
    read(member) {
      const vrid = vridOf(member);
      const setting = member.instance.vrid;
      return vrid === undefined || setting === undefined ? undefined : { value: String(vrid), setting };
    },
    message: (here, reading, others) =>
      `virtual_router_id ${reading.value} here, but ${listOf(others.map((o) => `${o.reading.value} in ${describeMember(o.member)}`))}: keepalived drops adverts of another VRID ("received VRID mismatch"), so the nodes never hear each other and ${splitBrain(here)}`,
    related: (member, reading) => `virtual_router_id ${reading.value} in ${describeMember(member)}`,
  });
