import type { Severity } from "../../checks/codes.ts";
import { severityCounts, type CheckReport } from "../report.ts";

/** `file:line:col severity code message`, 1-based, one line each (the format editors and CI logs link). */
export function formatText(report: CheckReport): string {
  const lines: string[] = [];
  for (const file of report.files) {
    for (const d of file.diagnostics) {
      const message = d.message.replace(/\s*[\r\n]+\s*/g, " ");
      lines.push(`${file.path}:${d.range.start.line + 1}:${d.range.start.character + 1} ${d.severity} ${d.code} ${message}`);
    }
  }
  lines.push(summaryLine(report));
  return lines.join("\n") + "\n";
}

const LABELS: Array<[Severity, string, string]> = [
  ["error", "error", "errors"],
  ["warning", "warning", "warnings"],
  ["information", "information", "information"],
  ["hint", "hint", "hints"],
];

export function summaryLine(report: CheckReport): string {
  const counts = severityCounts(report);
  const files = `${report.files.length} ${report.files.length === 1 ? "file" : "files"} checked`;
  const total = Object.values(counts).reduce((a, b) => a + b, 0);
  if (total === 0) return `${files}: no problems`;
  const parts = LABELS.map(([severity, one, many]) => `${counts[severity]} ${counts[severity] === 1 ? one : many}`);
  return `${files}: ${parts.join(", ")}`;
}
