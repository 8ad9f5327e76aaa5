import type { Diagnostic } from "../checks/diagnostic.ts";
import { withDefaultSeverity } from "../checks/diagnostic.ts";
import { MAX_NAME_CLUSTER, type Discovery } from "./discover.ts";
import { listOf } from "./findings.ts";
import { anchorOf } from "./sites.ts";

/**
 * `peers-ambiguous` (information, once per file of each crowd): one multicast instance, by name, interface and a
 * shared virtual address, is in more files than a VRRP router found that way is taken to have (a folder of
 * examples that all copy upstream's VI_1), so no pair check ran between them. Said rather than skipped in
 * silence: a real router of five nodes would otherwise go unchecked without a word.
 *
 * data: { instance: string, files: string[] (the labels of every file of the crowd) }
 */
export function peersAmbiguous(discovery: Discovery): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const crowd of discovery.crowds) {
    const files = [...new Set([...crowd].sort((x, y) => x.node.order - y.node.order).map((m) => m.node.label))];
    const names = [...new Set(crowd.map((m) => m.name))];
    const seen = new Set<string>();
    for (const member of crowd) {
      if (seen.has(member.node.key)) continue;
      seen.add(member.node.key);
      out.push(
        withDefaultSeverity({
          code: "peers-ambiguous",
          message: `vrrp_instance ${listOf(names)} on ${member.instance.interface?.value ?? "one interface"}, with a virtual address in common, is in ${files.length} files (${listOf(files)}): more than the ${MAX_NAME_CLUSTER} nodes a VRRP router found by name is taken to have, so they are read as copies of one example and no pair check (VRID, authentication, addresses, priorities) ran between them. If some of them are one router, name those files in the keepalived.peers setting (on the command line: --peers a.conf,b.conf)`,
          span: anchorOf(member),
          data: { instance: member.name, files },
        }),
      );
    }
  }
  return out;
}
