import {
  DiagnosticSeverity,
  DiagnosticTag,
  type Diagnostic as LspDiagnostic,
  type DiagnosticRelatedInformation,
} from "vscode-languageserver";
import type { Severity } from "../checks/codes.ts";
import type { Diagnostic } from "../checks/diagnostic.ts";
import type { SourceFile } from "../model/source.ts";
import type { Settings } from "../settings.ts";
import { uriOfFile } from "../workspace/uri.ts";

export const DIAGNOSTIC_SOURCE = "keepalived";

const SEVERITY: Record<Severity, DiagnosticSeverity> = {
  error: DiagnosticSeverity.Error,
  warning: DiagnosticSeverity.Warning,
  information: DiagnosticSeverity.Information,
  hint: DiagnosticSeverity.Hint,
};

/** The severity a user's settings give a diagnostic, or undefined when they turned its code off. */
export function effectiveSeverity(d: Diagnostic, settings: Settings): Severity | undefined {
  const override = settings.diagnostics[d.code];
  if (override === "off") return undefined;
  return override ?? d.severity;
}

export interface Locator {
  source(file: string): SourceFile | undefined;
  uriOf(file: string): string;
}

/** Our diagnostic as LSP sends it; `data` carries the code's payload for quick fixes. */
export function toLspDiagnostic(d: Diagnostic, severity: Severity, locator: Locator): LspDiagnostic | undefined {
  const source = locator.source(d.span.file);
  if (source === undefined) return undefined;
  const related: DiagnosticRelatedInformation[] = [];
  for (const r of d.related ?? []) {
    const other = locator.source(r.span.file);
    if (other === undefined) continue;
    related.push({
      location: { uri: locator.uriOf(r.span.file), range: other.lines.rangeOf(r.span.start, r.span.end) },
      message: r.message,
    });
  }
  const lsp: LspDiagnostic = {
    range: source.lines.rangeOf(d.span.start, d.span.end),
    severity: SEVERITY[severity],
    code: d.code,
    source: DIAGNOSTIC_SOURCE,
    message: d.message,
  };
  if (related.length > 0) lsp.relatedInformation = related;
  if (d.data !== undefined) lsp.data = { code: d.code, ...d.data };
  if (d.tags !== undefined) {
    lsp.tags = d.tags.map((t) => (t === "deprecated" ? DiagnosticTag.Deprecated : DiagnosticTag.Unnecessary));
  }
  return lsp;
}

export function toLspDiagnostics(list: Diagnostic[], settings: Settings, locator: Locator): LspDiagnostic[] {
  const out: LspDiagnostic[] = [];
  for (const d of list) {
    const severity = effectiveSeverity(d, settings);
    if (severity === undefined) continue;
    const lsp = toLspDiagnostic(d, severity, locator);
    if (lsp !== undefined) out.push(lsp);
  }
  return out;
}

export function defaultUriOf(file: string): string {
  return uriOfFile(file);
}
