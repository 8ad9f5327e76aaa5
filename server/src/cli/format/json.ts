import type { CheckReport } from "../report.ts";

/**
 * The stable machine format (other tools read it; bump `version` on any incompatible change):
 *
 *   {"version":1,"files":[{"path","diagnostics":[{"code","severity","message","range","related":[{"path","range","message"}],"data"?}]}]}
 *
 * Lines and characters are 0-based as in LSP; `severity` is error|warning|information|hint; every checked file
 * is listed, with or without diagnostics. `data`, when present, is the per-code payload the quick fixes read
 * (e.g. `candidates` of unknown-keyword, `configIds` when only some `@ID` hosts see the problem).
 */
export interface JsonReport {
  version: 1;
  files: Array<{
    path: string;
    diagnostics: Array<{
      code: string;
      severity: string;
      message: string;
      range: JsonRange;
      related: Array<{ path: string; range: JsonRange; message: string }>;
      data?: Record<string, unknown>;
    }>;
  }>;
}

interface JsonRange {
  start: { line: number; character: number };
  end: { line: number; character: number };
}

export function toJsonReport(report: CheckReport): JsonReport {
  return {
    version: 1,
    files: report.files.map((file) => ({
      path: file.path,
      diagnostics: file.diagnostics.map((d) => ({
        code: d.code,
        severity: d.severity,
        message: d.message,
        range: d.range,
        related: d.related.map((r) => ({ path: r.path, range: r.range, message: r.message })),
        ...(d.data === undefined ? {} : { data: d.data }),
      })),
    })),
  };
}

export function formatJson(report: CheckReport): string {
  return JSON.stringify(toJsonReport(report)) + "\n";
}
