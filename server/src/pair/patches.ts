import type { Diagnostic } from "../checks/diagnostic.ts";
import type { Span } from "../model/span.ts";
import type { Cluster, Member } from "./model.ts";
import { vridOf } from "./roles.ts";
import { siteOf } from "./sites.ts";

/**
 * What the pair analysis adds to single-file diagnostics of cluster members, so that their fixes keep the
 * members alike:
 * - auth-pass-truncated, auth-pass-placeholder: { peers: Site[] } (the other members' auth_pass words: a new
 *   password goes into every file);
 * - vrid-conflict: { peers: Site[] (the other members' VRID words), peerUsed: number[] (VRIDs taken on their
 *   nodes) }: a renumbered instance renumbers its peers too;
 * - missing-keyword for virtual_router_id: { peerVrid: number } (the VRID the peers use).
 */

function contains(member: Member, span: Span): boolean {
  const d = member.instance.directive;
  if (d.span.file !== span.file) return false;
  const end = d.block?.close?.end ?? d.span.end;
  return span.start >= d.span.start && span.end <= end;
}

export function patchesFor(clusters: readonly Cluster[], diagnostics: readonly Diagnostic[]): Map<Diagnostic, Record<string, unknown>> {
  const patches = new Map<Diagnostic, Record<string, unknown>>();
  const wanted = diagnostics.filter(
    (d) =>
      d.code === "auth-pass-truncated" ||
      d.code === "auth-pass-placeholder" ||
      d.code === "vrid-conflict" ||
      (d.code === "missing-keyword" && d.data?.["keyword"] === "virtual_router_id"),
  );
  if (wanted.length === 0) return patches;
  for (const cluster of clusters) {
    for (const member of cluster.members) {
      const others = cluster.members.filter((m) => m !== member);
      for (const d of wanted) {
        if (!contains(member, d.span)) continue;
        if (d.code === "auth-pass-truncated" || d.code === "auth-pass-placeholder") {
          patches.set(d, { peers: others.filter((m) => m.instance.authPass !== undefined).map((m) => siteOf(m, m.instance.authPass, m.instance.authPass!.value)) });
        } else if (d.code === "vrid-conflict") {
          const peerUsed = [...new Set(others.flatMap((m) => m.node.config.instances.map((i) => i.vrid?.value)).filter((v): v is number => v !== undefined))];
          patches.set(d, { peers: others.filter((m) => m.instance.vrid !== undefined).map((m) => siteOf(m, m.instance.vrid, String(vridOf(m)))), peerUsed });
        } else {
          const peerVrid = others.map(vridOf).find((v) => v !== undefined);
          if (peerVrid !== undefined) patches.set(d, { peerVrid });
        }
      }
    }
  }
  return patches;
}
