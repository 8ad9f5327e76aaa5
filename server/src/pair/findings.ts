import type { DiagnosticCode, Severity } from "../checks/codes.ts";
import { withDefaultSeverity, type Diagnostic } from "../checks/diagnostic.ts";
import type { Span } from "../model/span.ts";
import type { Discovery } from "./discover.ts";
import type { Cluster, Member } from "./model.ts";

/**
 * A pair problem as a check states it: one entry per member it concerns, each with the line it belongs on, the
 * message as that member's file reads it, and the fix payload seen from there. `publish` turns each entry into a
 * diagnostic whose related information points at the other entries' lines.
 */
export interface FindingEntry {
  member: Member;
  span: Span;
  message: string;
  /** How the other members' related information names this line ("virtual_router_id 52 in standby.conf"). */
  related: string;
  data: Record<string, unknown>;
  severity?: Severity;
}

export interface Finding {
  code: DiagnosticCode;
  entries: FindingEntry[];
}

export interface PairContext {
  report(finding: Finding): void;
}

export type ClusterCheck = (cluster: Cluster, ctx: PairContext) => void;
export type SetCheck = (discovery: Discovery, ctx: PairContext) => void;

/** The diagnostics of a finding, one per entry; entries of one line (shared by `@ID` hosts) are said once. */
export function publish(finding: Finding): Diagnostic[] {
  const out: Diagnostic[] = [];
  const seen = new Set<string>();
  for (const entry of finding.entries) {
    const key = `${entry.span.file}\u0000${entry.span.start}\u0000${entry.span.end}`;
    if (seen.has(key)) continue;
    seen.add(key);
    const related = finding.entries
      .filter((other) => other !== entry && !(other.span.file === entry.span.file && other.span.start === entry.span.start && other.span.end === entry.span.end))
      .map((other) => ({ span: other.span, message: other.related }));
    out.push(
      withDefaultSeverity({
        code: finding.code,
        message: entry.message,
        span: entry.span,
        ...(related.length > 0 ? { related } : {}),
        data: entry.data,
        ...(entry.severity !== undefined ? { severity: entry.severity } : {}),
      }),
    );
  }
  return out;
}

/** "a.conf (VI_1)", "a.conf (VI_1) and b.conf (VI_1)", "a, b and c". */
export function listOf(items: readonly string[]): string {
  if (items.length <= 1) return items[0] ?? "";
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}
