import { sep } from "node:path";
import { pathToFileURL } from "node:url";
import { ALL_CODES, DIAGNOSTIC_CODES, type Severity } from "../../checks/codes.ts";
import type { Range } from "../../model/span.ts";
import { TOOL_INFORMATION_URI, TOOL_NAME, TOOL_VERSION } from "../meta.ts";
import { relativeInside, type CheckReport } from "../report.ts";

/** SARIF 2.1.0 for code-scanning uploads: one run, one rule per diagnostic code, paths relative to %SRCROOT%. */

type SarifLevel = "error" | "warning" | "note";

export function sarifLevel(severity: Severity): SarifLevel {
  return severity === "error" ? "error" : severity === "warning" ? "warning" : "note";
}

const SRCROOT = "%SRCROOT%";

interface ArtifactLocation {
  uri: string;
  uriBaseId?: string;
}

/** Files under cwd become relative URI references under %SRCROOT%; others absolute file: URIs. */
function artifactLocation(absolutePath: string, cwd: string): ArtifactLocation {
  const rel = relativeInside(cwd, absolutePath);
  if (rel === undefined) return { uri: pathToFileURL(absolutePath).href };
  return { uri: rel.split(sep).map(encodeURIComponent).join("/"), uriBaseId: SRCROOT };
}

/** SARIF regions are 1-based, columns in UTF-16 code units like LSP's, end column exclusive. */
function region(range: Range): { startLine: number; startColumn: number; endLine: number; endColumn: number } {
  return {
    startLine: range.start.line + 1,
    startColumn: range.start.character + 1,
    endLine: range.end.line + 1,
    endColumn: range.end.character + 1,
  };
}

export function toSarif(report: CheckReport, cwd: string): Record<string, unknown> {
  const ruleIndex = new Map(ALL_CODES.map((code, index) => [code, index]));
  const location = (absolutePath: string, range: Range) => ({
    physicalLocation: { artifactLocation: artifactLocation(absolutePath, cwd), region: region(range) },
  });
  const results = report.files.flatMap((file) =>
    file.diagnostics.map((d) => ({
      ruleId: d.code,
      ruleIndex: ruleIndex.get(d.code),
      level: sarifLevel(d.severity),
      message: { text: d.message },
      locations: [location(file.absolutePath, d.range)],
      ...(d.related.length === 0
        ? {}
        : { relatedLocations: d.related.map((r, id) => ({ id, ...location(r.absolutePath, r.range), message: { text: r.message } })) }),
      ...(d.data === undefined ? {} : { properties: { data: d.data } }),
    })),
  );
  return {
    $schema: "https://json.schemastore.org/sarif-2.1.0.json",
    version: "2.1.0",
    runs: [
      {
        tool: {
          driver: {
            name: TOOL_NAME,
            version: TOOL_VERSION,
            ...(TOOL_INFORMATION_URI !== undefined ? { informationUri: TOOL_INFORMATION_URI } : {}),
            rules: ALL_CODES.map((code) => ({
              id: code,
              shortDescription: { text: DIAGNOSTIC_CODES[code].summary },
              defaultConfiguration: { level: sarifLevel(DIAGNOSTIC_CODES[code].severity) },
            })),
          },
        },
        originalUriBaseIds: { [SRCROOT]: { uri: pathToFileURL(cwd.endsWith("/") ? cwd : cwd + "/").href } },
        artifacts: report.files.map((f) => ({ location: artifactLocation(f.absolutePath, cwd) })),
        results,
      },
    ],
  };
}

export function formatSarif(report: CheckReport, cwd: string): string {
  return JSON.stringify(toSarif(report, cwd), null, 2) + "\n";
}
