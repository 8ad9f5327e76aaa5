import type { KeepalivedVersion } from "../catalog/types.ts";
import type { Config } from "../model/config.ts";
import type { Span } from "../model/span.ts";
import type { Directive, DirectiveRole, Word } from "../model/types.ts";
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

export interface DirectiveContext extends CheckContext {
  /** Words that stand for an unfilled template or an undefined `$NAME` (see placeholderTest). */
  isPlaceholder(word: Word): boolean;
}

/**
 * A check of one directive at a time: what it reports about a directive depends only on the directive, its block
 * and its ancestors. One pass over the configuration's directives runs them all, and the incremental analysis
 * keeps their diagnostics per top-level block.
 */
export interface DirectiveCheck {
  kind: "directive";
  name: string;
  /** The directive roles it reads; it is not called for the others. */
  roles: readonly DirectiveRole[];
  visit(directive: Directive, ctx: DirectiveContext): void;
}

/** A check of the configuration as a whole (names across blocks, global settings, instances against each other). */
export interface ConfigCheck {
  kind: "config";
  name: string;
  run: Check;
}

export type CheckEntry = DirectiveCheck | ConfigCheck;

export function withDefaultSeverity(input: DiagnosticInput): Diagnostic {
  return { ...input, severity: input.severity ?? DIAGNOSTIC_CODES[input.code].severity };
}
