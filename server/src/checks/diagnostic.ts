import type { KeepalivedVersion } from "../catalog/types.ts";
import type { Config } from "../model/config.ts";
import type { Span } from "../model/span.ts";
import { DIAGNOSTIC_CODES, type DiagnosticCode, type Severity } from "./codes.ts";

export interface RelatedInformation {
  span: Span;
  message: string;
}

export interface Diagnostic {
  code: DiagnosticCode;
  severity: Severity;
  message: string;
  span: Span;
  related?: RelatedInformation[];
  /** What a quick fix needs; its keys are fixed per code and documented at the top of the check file that reports it. */
  data?: Record<string, unknown>;
  tags?: Array<"unnecessary" | "deprecated">;
}

export type DiagnosticInput = Omit<Diagnostic, "severity"> & { severity?: Severity };

export interface CheckContext {
  config: Config;
  version: KeepalivedVersion;
  report(diagnostic: DiagnosticInput): void;
}

/** A single-file check: reads the model, reports through the context. */
export type Check = (ctx: CheckContext) => void;

export function withDefaultSeverity(input: DiagnosticInput): Diagnostic {
  return { ...input, severity: input.severity ?? DIAGNOSTIC_CODES[input.code].severity };
}
