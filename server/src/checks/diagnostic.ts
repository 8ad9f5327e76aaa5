import type { KeepalivedVersion, KeywordSpec } from "../catalog/types.ts";
import type { Config, VrrpInstance } from "../model/config.ts";
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
  /**
   * Whether the check can report anything on a directive of this role and spec, for a check that reads only some
   * keywords: the runner asks it once per (role, spec) and skips `visit` for the directives it refuses. It must be
   * the very test `visit` begins with (the visit calls it and returns when it is false), so that skipping a
   * directive changes nothing; a test runs every check that has one both ways over the corpus. Absent, the check
   * is called for every directive of `roles`.
   */
  appliesTo?(role: DirectiveRole, spec: KeywordSpec | undefined): boolean;
  visit(directive: Directive, ctx: DirectiveContext): void;
}

/** Whether the runner gives `check` the directives of this role and spec (its roles, and its `appliesTo`). */
export function readsDirectives(check: DirectiveCheck, role: DirectiveRole, spec: KeywordSpec | undefined): boolean {
  return check.roles.includes(role) && (check.appliesTo === undefined || check.appliesTo(role, spec));
}

/**
 * A check of one kept vrrp_instance at a time (keptInstances): what it reports about an instance depends only on
 * the instance's block and on what `context` returns for the configuration (the global settings, names or values
 * it reads elsewhere), and lies within the instance's block. The incremental analysis keeps, per instance, what
 * it reported while the block and the context stay the same.
 */
export interface InstanceCheck {
  kind: "instance";
  name: string;
  context(config: Config): string;
  visit(instance: VrrpInstance, ctx: DirectiveContext): void;
}

/** A check of the configuration as a whole (names across blocks, global settings, instances against each other). */
export interface ConfigCheck {
  kind: "config";
  name: string;
  run: Check;
}

export type CheckEntry = DirectiveCheck | InstanceCheck | ConfigCheck;

export function withDefaultSeverity(input: DiagnosticInput): Diagnostic {
  return { ...input, severity: input.severity ?? DIAGNOSTIC_CODES[input.code].severity };
}

/** What tells two diagnostics apart: reported twice (several checks, several hosts' readings), one is kept. */
export function diagnosticKey(d: Diagnostic): string {
  return `${d.code}\u0000${d.span.file}\u0000${d.span.start}\u0000${d.span.end}\u0000${d.message}`;
}
