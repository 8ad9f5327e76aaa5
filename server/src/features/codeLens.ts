import type { CodeLens, CodeLensParams } from "vscode-languageserver";
import { nodeFailureLine, summaryLine, timelineOf } from "../timeline/index.ts";
import { fileOfUri } from "../workspace/uri.ts";
import type { Workspace } from "../workspace/workspace.ts";

/**
 * The failover timeline over each vrrp_instance that has a peer: "check_x fails -> VIP on b.conf in 4.6-7.7 s;
 * recovers -> back in 2.6-5.7 s" and "keepalived stops -> ...; link lost -> ...", read from where this file
 * stands (here, on the primary, on the standby). Informational lenses: no command to run, so `command` is empty.
 */
export function codeLenses(workspace: Workspace, params: CodeLensParams): CodeLens[] {
  const file = fileOfUri(params.textDocument.uri);
  const source = workspace.source(file);
  if (source === undefined) return [];
  const lenses: CodeLens[] = [];
  const seen = new Set<string>();
  for (const cluster of workspace.pairs().clusters) {
    const here = cluster.members.filter((m) => m.instance.directive.keyword.span.file === file);
    if (here.length === 0) continue;
    const timeline = timelineOf(cluster);
    if (timeline === undefined) continue;
    for (const member of here) {
      const span = member.instance.directive.keyword.span;
      const range = source.lines.rangeOf(span.start, span.end);
      // Each host of a file with `@ID` lines is a member of its own: say each line once per instance.
      for (const title of [summaryLine(timeline, member.node.label), nodeFailureLine(timeline, member.node.label)]) {
        const key = `${span.start}\u0000${title}`;
        if (seen.has(key)) continue;
        seen.add(key);
        lenses.push({ range, command: { title, command: "" } });
      }
    }
  }
  return lenses;
}
